"""Shared fixtures: the project, a built site served on 127.0.0.1, and Debian's Chromium.

The browser is Debian's /usr/bin/chromium driven by Playwright (never
`playwright install`). With CI=true a missing browser fails the run instead of
skipping, so a green CI always means the browser tests ran.
"""
from __future__ import annotations

import fcntl
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import settings as hypothesis_settings

# A flaky test is a failing test: in CI every property test runs the same examples each time
# (derandomized); cases they ever found are pinned as @example in the tests themselves.
hypothesis_settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI", "").lower() == "true":
    hypothesis_settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
# The five source documents, beside the checkout in the team's workspace; a clone elsewhere has none,
# and only the comparisons of records with the seed texts need them (they skip without).
SEEDS = ROOT.parent / "shared" / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds is not beside the checkout")
CHROMIUM = os.environ.get("KAART_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    # no throttled timers when the machine is busy (two xdist workers share two cores with Chromium)
    "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
]
PHONE = {"width": 360, "height": 740}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]  # axe-core rules for WCAG 2.1 A and AA
DESKTOP = {"width": 1280, "height": 900}
CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture(scope="session")
def project():
    from kaart.project import Project
    return Project(ROOT)


def build_site(root: Path, dest: Path, *extra: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    # No -q: it silences warnings before --strict can count them, so strict would never fail.
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(dest), *extra],
                          capture_output=True, text=True, env=env, cwd=root)


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


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    """A browser that navigates away mid-download closes the socket: not an error worth a traceback."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
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


class PageSession:
    """A browser page that records console errors and every request to another host (aborted)."""

    def __init__(self, context):
        self.context = context
        self.page = context.new_page()
        self.console_errors: list[str] = []
        self.foreign_requests: list[str] = []
        self.page.on("console", lambda msg: self.console_errors.append(msg.text) if msg.type == "error" else None)
        self.page.on("pageerror", lambda exc: self.console_errors.append(str(exc)))
        self.context.route("**/*", self._route)

    def _route(self, route):
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            self.foreign_requests.append(route.request.url)
            route.abort()


def _open(browser, viewport, **options):
    context = browser.new_context(viewport=viewport, locale="nl-NL", service_workers="block", **options)
    session = PageSession(context)
    return session


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


def result_ids(page, selector: str = "#kaart-resultaten") -> list[str]:
    """The data-aanbod-id of every result shown by the wegwijzer or the youth entry, in ranked order."""
    return page.eval_on_selector_all(f"{selector} [data-aanbod-id]", "els => els.map(e => e.dataset.aanbodId)")


def open_finder_page(session, url: str) -> list[str]:
    """Open /wegwijzer/ or /jongeren/ (with a query) and wait until finder.js has shown the results."""
    session.page.goto(url)
    session.page.wait_for_selector("html[data-kaart-finder=klaar]", timeout=10000)
    return result_ids(session.page)


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")
