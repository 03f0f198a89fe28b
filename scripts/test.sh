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
export NO_MKDOCS_2_WARNING=1
# pytest-xdist: one worker per core (KAART_TEST_WORKERS=0: one process); the workers share one built site,
# and worksteal hands the long tests (browser, builds) to whichever worker is free.
python3 -m pytest -q -n "${KAART_TEST_WORKERS:-auto}" --dist worksteal "$@"
