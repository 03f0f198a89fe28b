"""Shared fixtures: the project, a built site served on 127.0.0.1, and Debian's Chromium.

The browser is Debian's /usr/bin/chromium driven by Playwright (never
`playwright install`). With CI=true a missing browser fails the run instead of
skipping, so a green CI always means the browser tests ran.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from support import CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE, ROOT, build_site
from support.browser import open_session as _open
from support.server import serve

# A flaky test is a failing test: in CI every property test runs the same examples each time
# (derandomized); cases they ever found are pinned as @example in the tests themselves.
hypothesis_settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI", "").lower() == "true":
    hypothesis_settings.load_profile("ci")

# Every build in the tests has a (fictional) redactie address, so --strict builds do not stop on the
# "no address" warning; tests of that warning remove it (tests/integration/test_aanbieder.py).
if not os.environ.get("KAART_REDACTIE_EMAIL"):
    os.environ["KAART_REDACTIE_EMAIL"] = "redactie@example.org"


@pytest.fixture(scope="session")
def project():
    from kaart.project import Project

    return Project(ROOT)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test run with --strict and shared by all pytest-xdist workers.

    Under xdist every worker has its own basetemp inside the run's folder; the first worker to take
    the lock builds into that shared folder, the others wait and reuse it (or its failure message).
    Tests copy the site before they change anything in it.
    """
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        dest = tmp_path_factory.mktemp("site")
        proc = build_site(ROOT, dest)
        assert proc.returncode == 0, f"mkdocs build --strict failed:\n{proc.stdout}\n{proc.stderr}"
        return dest
    shared = tmp_path_factory.getbasetemp().parent
    dest, failed = shared / "gebouwde-site", shared / "gebouwde-site.mislukt"
    with open(shared / "gebouwde-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (dest / "index.html").is_file() and not failed.exists():
            work = shared / "gebouwde-site.bezig"
            shutil.rmtree(work, ignore_errors=True)
            proc = build_site(ROOT, work)
            if proc.returncode == 0:
                work.rename(dest)
            else:
                failed.write_text(f"{proc.stdout}\n{proc.stderr}", encoding="utf-8")
    assert not failed.exists(), f"mkdocs build --strict failed:\n{failed.read_text(encoding='utf-8')}"
    return dest


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    server = serve(built_site)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"Debian's Chromium is not installed at {CHROMIUM} (apt-get install -y chromium)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("playwright is not installed (pip install -e '.[test]')")
        pytest.skip("playwright is not installed")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser):
    session = _open(browser, PHONE, is_mobile=True, has_touch=True)
    yield session
    session.context.close()


@pytest.fixture
def desktop(browser):
    session = _open(browser, DESKTOP)
    yield session
    session.context.close()


@pytest.fixture(params=["phone", "desktop"])
def any_viewport(request, browser):
    viewport = PHONE if request.param == "phone" else DESKTOP
    session = _open(browser, viewport, **({"is_mobile": True, "has_touch": True} if request.param == "phone" else {}))
    session.viewport_name = request.param
    yield session
    session.context.close()
