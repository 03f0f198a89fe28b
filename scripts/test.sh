#!/usr/bin/env bash
# Install everything the tests need (Debian's Chromium, Java and Node for the checkers, the package with
# test extras, vnu-jar) and run all tests.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo"; fi
APT_UPDATED=""
need() {  # need COMMAND DEBIAN-PACKAGE: install the package from apt when the command is missing
  if ! command -v "$1" >/dev/null 2>&1; then
    [ -n "$APT_UPDATED" ] || { $SUDO apt-get update -qq; APT_UPDATED=1; }
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$2" >/dev/null
  fi
}
need /usr/bin/chromium chromium       # browser tests (Playwright with executable_path)
need java default-jre-headless        # the Nu Html Checker (tests/integration/test_html_checkers.py)
need node nodejs                      # matching.js under node (tests/unit/test_matching.py)
need npm npm                          # vnu-jar below
python3 -m pip install -q --disable-pip-version-check -e ".[test]"
VNU_VERSION=26.9.27
if [ "$(node -p "require('./node_modules/vnu-jar/package.json').version" 2>/dev/null)" != "$VNU_VERSION" ]; then
  # --ignore-scripts: its postinstall would download a Java runtime; Java comes from apt
  npm install --no-save --no-audit --no-fund --ignore-scripts --loglevel=error "vnu-jar@$VNU_VERSION" >/dev/null
fi
export NO_MKDOCS_2_WARNING=1
# style first: one formatter and one linter for every Python file (settings in pyproject.toml)
python3 -m ruff check scripts tests
python3 -m ruff format --check scripts tests
# pytest-xdist: one worker per core (KAART_TEST_WORKERS=0: one process); the workers share one built site,
# and worksteal hands the long tests (browser, builds) to whichever worker is free.
python3 -m pytest -q -n "${KAART_TEST_WORKERS:-auto}" --dist worksteal "$@"
