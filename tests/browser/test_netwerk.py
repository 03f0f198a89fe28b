"""The site contacts no host but its own: in the browser on every page type, and in every built file."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from support.page_types import page_paths

# Attributes that make the browser fetch something (an <a href> is a link, not a request).
_FETCHING = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
}
_NOT_FETCHED_LINKS = {"canonical", "alternate", "author", "license", "help", "next", "prev", "search", "me"}
_CSS_URL = re.compile(r"""(?:@import\s+(?:url\()?|url\()\s*["']?([^"')\s]+)""", re.IGNORECASE)


def _foreign(url: str) -> bool:
    url = url.strip()
    if url.startswith("//"):
        return True
    parts = urlsplit(url)
    return parts.scheme in ("http", "https", "ws", "wss", "ftp") and parts.hostname not in ("127.0.0.1", "localhost")


class _Resources(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and not (set((attrs.get("rel") or "").lower().split()) & _NOT_FETCHED_LINKS):
            self.urls.append(attrs.get("href") or "")
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            self.urls.append((attrs.get("content") or "").split("url=", 1)[-1])
        for name in _FETCHING.get(tag, ()):
            for value in (attrs.get(name) or "").split(","):
                self.urls.append(value.strip().split(" ")[0])
        if attrs.get("style"):
            self.styles.append(attrs["style"])
        self._in_style = tag == "style"

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)

    def handle_endtag(self, tag):
        self._in_style = False


def test_no_built_file_loads_from_another_host(built_site):
    offenders = []
    files = [p for p in built_site.rglob("*") if p.suffix in (".html", ".css", ".js", ".webmanifest", ".svg")]
    assert any(p.suffix == ".html" for p in files) and any(p.suffix == ".css" for p in files)
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        rel = path.relative_to(built_site)
        if path.suffix in (".html", ".svg"):
            parser = _Resources()
            parser.feed(text)
            urls = parser.urls + [u for s in parser.styles for u in _CSS_URL.findall(s)]
        elif path.suffix == ".css":
            urls = _CSS_URL.findall(text)
        elif path.suffix == ".js":
            # scripts: the loaders that would fetch code or styles from elsewhere
            urls = re.findall(r"""(?:importScripts|import)\s*\(\s*["']([^"']+)""", text)
            urls += re.findall(r"""\.src\s*=\s*["']([^"']+)""", text) + _CSS_URL.findall(text)
        else:
            urls = re.findall(r'"src"\s*:\s*"([^"]+)"', text)
        offenders += [f"{rel}: {u}" for u in urls if _foreign(u)]
    assert not offenders, "files that load from another host:\n" + "\n".join(offenders[:20])


@pytest.mark.browser
def test_every_page_type_makes_no_foreign_request(built_site, site_url, any_viewport):
    page = any_viewport.page
    for path in page_paths(built_site):
        response = page.goto(site_url + path)
        assert response is not None
        page.wait_for_load_state("networkidle")
        if path == "/":  # search loads its data on first use: use it once
            search = page.locator("input[type=search], .md-search__input").first
            if search.count():
                search.focus()
                page.keyboard.type("werk")
                page.wait_for_timeout(500)
                page.wait_for_load_state("networkidle")
    assert any_viewport.foreign_requests == [], any_viewport.foreign_requests
