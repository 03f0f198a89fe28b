"""Deploy headers: `_headers` in the built site forbids framing, sniffing and referrers, with the pages' CSP."""

from __future__ import annotations

import fnmatch
import functools
import http.server
import re
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from support import ROOT
from support.page_types import page_paths
from support.server import QuietServer

CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def parse_headers_file(text: str) -> dict[str, dict[str, str]]:
    """The `_headers` format as static hosts read it: a path pattern, then indented `Name: value` lines."""
    rules: dict[str, dict[str, str]] = {}
    current = None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            current = rules.setdefault(line.strip(), {})
        else:
            assert current is not None, f"header before any path: {line!r}"
            name, value = line.strip().split(":", 1)
            current[name.strip()] = value.strip()
    return rules


def headers_for(rules: dict[str, dict[str, str]], path: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for pattern, values in rules.items():
        if fnmatch.fnmatchcase(path, pattern):
            out.update(values)
    return out


def directives(policy: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.fixture(scope="module")
def rules(built_site):
    return parse_headers_file((built_site / "_headers").read_text(encoding="utf-8"))


def test_headers_file_sets_frame_ancestors_nosniff_and_referrer_for_every_path(rules, built_site):
    for path in page_paths(built_site) + ["/data/kaart.json", "/assets/javascripts/zoeken.js"]:
        sent = headers_for(rules, path)
        assert sent["X-Content-Type-Options"] == "nosniff", path
        assert sent["Referrer-Policy"] == "no-referrer", path
        assert sent["X-Frame-Options"] == "DENY", path
        assert directives(sent["Content-Security-Policy"])["frame-ancestors"] == ["'none'"], path


def test_header_csp_allows_exactly_what_the_pages_allow(rules, built_site):
    """Same directives as each page's meta CSP; script-src holds every page's theme-script hashes, nothing more."""
    header = directives(headers_for(rules, "/")["Content-Security-Policy"])
    allowed_scripts: set[str] = set()
    for page in sorted(built_site.rglob("*.html")):
        meta = directives(CSP_META.search(page.read_text(encoding="utf-8")).group(1))
        allowed_scripts.update(meta["script-src"])
        rel = page.relative_to(built_site).as_posix()
        assert {k: v for k, v in header.items() if k not in ("script-src", "frame-ancestors")} == {
            k: v for k, v in meta.items() if k != "script-src"
        }, rel
    assert set(header["script-src"]) == allowed_scripts
    assert "'unsafe-inline'" not in header["script-src"]


class _HeadersHandler(http.server.SimpleHTTPRequestHandler):
    """A static host that applies `_headers`, like Netlify or Cloudflare Pages."""

    rules: dict = {}

    def end_headers(self):
        for name, value in headers_for(self.rules, self.path.split("?", 1)[0]).items():
            self.send_header(name, value)
        super().end_headers()


def _serve(directory: Path, handler=http.server.SimpleHTTPRequestHandler, **attrs):
    handler = type("Handler", (handler,), {"log_message": lambda *a: None, **attrs})
    server = QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.mark.browser
def test_another_site_cannot_frame_the_wegwijzer_and_pages_still_work(rules, built_site, tmp_path, desktop):
    site = _serve(built_site, _HeadersHandler, rules=rules)
    site_url = f"http://127.0.0.1:{site.server_address[1]}"
    (tmp_path / "index.html").write_text(
        f'<!doctype html><title>ander</title><iframe id="f" src="{site_url}/wegwijzer/"></iframe>', encoding="utf-8"
    )
    other = _serve(tmp_path)  # another origin (another port)
    try:
        page = desktop.page
        page.goto(f"{site_url}/wegwijzer/")  # with the header CSP the finder still runs
        page.wait_for_selector("html[data-kaart-finder=klaar]", timeout=10000)
        assert page.evaluate("typeof window.__md_get") == "function", "the theme's inline script ran"
        assert not [e for e in desktop.console_errors if "Content Security Policy" in e]

        page.goto(f"http://127.0.0.1:{other.server_address[1]}/")
        for _ in range(100):  # Chromium reports the refusal on the console
            if any("frame-ancestors" in e for e in desktop.console_errors):
                break
            page.wait_for_timeout(100)
        assert any("frame-ancestors" in e for e in desktop.console_errors), desktop.console_errors
        assert page.frame_locator("#f").locator("html[data-kaart-finder]").count() == 0, (
            "the wegwijzer loaded in another site"
        )
    finally:
        site.shutdown()
        other.shutdown()


def test_the_nginx_command_gives_the_same_headers(rules, built_site, tmp_path):
    """CONTRIBUTING's command turns `_headers` into nginx `add_header` lines with the same names and values."""
    import shutil
    import subprocess

    readme = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    [command] = [line for line in readme.splitlines() if line.startswith("awk ") and "_headers" in line]
    command = command.replace("site/_headers", str(built_site / "_headers")).replace(
        "/etc/nginx/snippets/sociale-kaart-headers.conf", str(tmp_path / "headers.conf")
    )
    assert shutil.which("awk")
    subprocess.run(command, shell=True, check=True)
    lines = (tmp_path / "headers.conf").read_text(encoding="utf-8").splitlines()
    assert lines == [f'add_header {name} "{value}" always;' for name, value in headers_for(rules, "/").items()]


def test_the_service_worker_is_never_kept_in_an_http_cache_and_pages_keep_their_caching(rules):
    """A new build's worker (and its data) must reach a device the next time it is online."""
    assert headers_for(rules, "/sw.js")["Cache-Control"] == "no-cache"
    assert headers_for(rules, "/sw.js")["X-Frame-Options"] == "DENY"  # and the headers of every path
    assert "Cache-Control" not in headers_for(rules, "/wegwijzer/")


def test_the_nginx_recipe_takes_only_the_headers_for_every_path(built_site, tmp_path):
    """CONTRIBUTING.md's awk line turns `_headers` into nginx add_header lines: no-cache must not reach every page."""
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    line = next(x for x in contributing.splitlines() if x.startswith("awk ") and "site/_headers" in x)
    awk = line.split(" site/_headers")[0]
    if shutil.which("awk") is None:
        pytest.skip("geen awk op deze machine")
    result = subprocess.run(
        ["sh", "-c", awk + " _headers"], cwd=built_site, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert [x.split('"')[0] for x in result] == [
        "add_header Content-Security-Policy ",
        "add_header X-Content-Type-Options ",
        "add_header Referrer-Policy ",
        "add_header X-Frame-Options ",
    ]
