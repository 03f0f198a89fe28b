#!/usr/bin/env bash
# Install everything the tests need (Debian's Chromium, the package with test extras) and run all tests.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v /usr/bin/chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
python3 -m pip install -q --disable-pip-version-check -e ".[test]"
# The Nu Html Checker (tests/test_html_checkers.py): Java from apt, vnu-jar pinned from npm into node_modules/ (gitignored).
if ! command -v java >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq default-jre-headless >/dev/null
fi
if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq npm >/dev/null
fi
VNU_VERSION=26.9.27
if [ "$(node -p "require('./node_modules/vnu-jar/package.json').version" 2>/dev/null)" != "$VNU_VERSION" ]; then
  # --ignore-scripts: its postinstall would download a Java runtime; Java comes from apt
  npm install --no-save --no-audit --no-fund --ignore-scripts --loglevel=error "vnu-jar@$VNU_VERSION" >/dev/null
fi
export NO_MKDOCS_2_WARNING=1
# pytest-xdist: one worker per core (KAART_TEST_WORKERS=0: one process); the workers share one built site,
# and worksteal hands the long tests (browser, builds) to whichever worker is free.
python3 -m pytest -q -n "${KAART_TEST_WORKERS:-auto}" --dist worksteal "$@"
