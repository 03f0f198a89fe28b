"""The ecosystem's HTML checkers on the built site: the Nu Html Checker (vnu) and a link check.

vnu runs once over every page (one java process: it takes seconds to start).
Our own templates and content must give zero errors; the theme's errors that no
override block can reach are in ALLOWED, each with the reason.  A new error of
any kind fails the test, and so does an allow-list entry that no longer occurs
(then it is stale and must go).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from support import ROOT

VNU_JAR = Path(os.environ.get("KAART_VNU_JAR", ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"))

# (message pattern, pattern for the HTML extract, why we cannot fix it).  mkdocs-material 9.x is in
# maintenance mode; these come from its partials and base.html outside any block, and copying
# those files wholesale is what the overrides rule forbids.
ALLOWED = [
    (
        r"Bad value “” for attribute “tabindex” on element “label”",
        r'class="md-nav__link" for="__nav_\d+"',
        'partials/nav-item.html writes tabindex="{{ tabindex }}", empty for sections (navigation.sections); no block',
    ),
    (
        r"Attribute “autocomplete” is only allowed when the input type is",
        r'type="checkbox" id="__(drawer|search)"',
        "base.html puts autocomplete=off on its drawer and search toggles, outside any block",
    ),
    (
        r"The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
        r'class="md-nav__title" for="__toc"',
        "partials/toc.html labels #__toc, which nav-item.html only writes for pages that are in the nav",
    ),
]


def _vnu_messages(*folders: Path) -> list[dict]:
    java = shutil.which("java")
    if not java or not VNU_JAR.is_file():
        message = (
            f"vnu niet gevonden (java: {java}, {VNU_JAR}); installeer met scripts/test.sh "
            "(apt: default-jre-headless, npm: vnu-jar)"
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    proc = subprocess.run(
        [
            java,
            "-Xss8m",
            "-jar",
            str(VNU_JAR),
            "--errors-only",
            "--format",
            "json",
            "--skip-non-html",
            "--exit-zero-always",
            *map(str, folders),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    return json.loads(proc.stderr or proc.stdout)["messages"]


def _allowed(message: dict) -> int | None:
    """The index of the allow-list entry that covers a vnu message, or None."""
    for i, (text, extract, _) in enumerate(ALLOWED):
        if re.search(text, message.get("message", "")) and re.search(extract, message.get("extract", "")):
            return i
    return None


def _where(site: Path, message: dict) -> str:
    path = message.get("url", "").removeprefix("file:")
    try:
        path = str(Path(path).relative_to(site))
    except ValueError:
        pass
    return (
        f"{path}:{message.get('lastLine', '?')}: {message.get('message')}  [{message.get('extract', '').strip()[:80]}]"
    )


# Our old mistakes: role=combobox on a search input, a raw <id> from a schema description.
BAD_PAGE = (
    '<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>x</title></head><body>'
    '<input type="search" role="combobox" aria-expanded="false"><table><tr><td>aanbod/<id>.yml</td></tr></table>'
    "</body></html>"
)


def test_vnu_finds_no_html_errors_outside_the_allow_list(built_site, tmp_path):
    """One java process for the whole site and a page with known errors (under pytest-xdist a fixture
    could run twice)."""
    (tmp_path / "index.html").write_text(BAD_PAGE, encoding="utf-8")
    messages = _vnu_messages(built_site, tmp_path)
    in_bad = [m for m in messages if str(tmp_path) in m.get("url", "")]
    in_site = [m for m in messages if m not in in_bad]
    assert len(list(built_site.glob("**/*.html"))) > 50
    new = [_where(built_site, m) for m in in_site if _allowed(m) is None]
    assert new == [], "vnu vindt fouten in onze eigen HTML:\n" + "\n".join(new[:40])
    used = {_allowed(m) for m in in_site}
    stale = [ALLOWED[i][2] for i in range(len(ALLOWED)) if i not in used]
    assert stale == [], "allow-list entries that vnu no longer reports: remove them"
    # the check has teeth: our old mistakes are reported, and the allow-list does not hide them
    text = " ".join(m["message"] for m in in_bad)
    assert "“search” for attribute “type” on element “input”" in text  # type=search may not be a combobox
    assert "“id” element is a completely-unknown element" in text
    assert in_bad and all(_allowed(m) is None for m in in_bad)


# -- links ---------------------------------------------------------------------------
class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("id", "name") if tag in ("a",) else ("id",):
            if a.get(key):
                self.ids.add(a[key])
        if tag in ("a", "link", "area") and a.get("href") is not None:
            self.links.append(a["href"])
        if tag in ("script", "img", "source", "iframe") and a.get("src"):
            self.links.append(a["src"])


# The finder's query URLs (?zoekt=werk, ?q=…) are answers, not pages: their path is checked, not the query.
FINDER_PAGES = ("wegwijzer/", "jongeren/", "zoeken/")


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def broken_links(site: Path) -> list[str]:
    site = site.resolve()
    pages = {p: _parse(p) for p in site.glob("**/*.html")}
    broken = []
    for page, parsed in pages.items():
        for href in parsed.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("//"):
                continue  # links out (https:, mailto:, tel:) are not ours to check here
            if parts.path.startswith("/"):  # the 404 page links from the root of site_url (here: /)
                target = (site / unquote(parts.path).lstrip("/")).resolve()
            else:
                target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            try:
                rel = target.relative_to(site).as_posix()
            except ValueError:
                broken.append(f"{page.relative_to(site)}: {href} points outside the site")
                continue
            if parts.query and (rel + "/").startswith(FINDER_PAGES):
                continue
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: {href} does not exist")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page.relative_to(site)}: {href} has no anchor #{parts.fragment}")
    return broken


def test_no_broken_internal_links_or_anchors(built_site):
    assert broken_links(built_site) == []


def test_link_check_has_teeth(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="hier">x</h2>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/#hier">ok</a><a href="a/#weg">anker</a><a href="b/">pagina</a>'
        '<a href="https://example.org/x">uit</a><a href="wegwijzer/?zoekt=werk">vraag</a><a href="#">top</a>',
        encoding="utf-8",
    )
    (tmp_path / "wegwijzer").mkdir()
    (tmp_path / "wegwijzer" / "index.html").write_text("", encoding="utf-8")
    assert broken_links(tmp_path) == ["index.html: a/#weg has no anchor #weg", "index.html: b/ does not exist"]
