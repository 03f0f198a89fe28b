"""Content-Security-Policy for the built pages (plain Python, no mkdocs).

mkdocs-material puts two small inline bootstrap scripts in every page (they
differ per page: they contain the relative base path).  Instead of allowing
'unsafe-inline' we allow exactly those scripts by their sha256 hash.  Only
scripts outside the page content are hashed, so a script that somehow ends up
in the content is never allowed.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)

# style-src without 'unsafe-inline': the theme sets styles through the CSSOM
# (element.style), which CSP allows; measured in Chromium, no violation on any
# page type.  A page that needs its own script or style uses a file.
BASE_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "media-src": ["'self'"],
    "frame-src": ["'none'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}


@lru_cache(maxsize=256)
def script_hash(body: str) -> str:
    # the theme's scripts differ only by the page's depth: each distinct one is hashed once per build
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def inline_script_hashes(html: str, skip: tuple[int, int] | None = None) -> list[str]:
    """Hashes of the executable inline scripts in `html`, ignoring any in the span `skip` (the page content:
    searched around, not cut out, so a page is copied once, when its CSP goes in)."""
    spans = [(0, len(html))] if skip is None else [(0, skip[0]), (skip[1], len(html))]
    hashes = []
    for match in (m for start, end in spans for m in _SCRIPT.finditer(html, start, end)):
        attrs, body = match.group(1), match.group(2)
        if _SRC.search(attrs):
            continue
        kind = _TYPE.search(attrs)
        if kind and kind.group(1).lower() not in _EXECUTABLE_TYPES:
            continue  # e.g. the theme's JSON config: data, never executed
        value = script_hash(body)
        if value not in hashes:
            hashes.append(value)
    return hashes


@lru_cache(maxsize=64)
def _policy(hashes: tuple[str, ...]) -> str:
    parts = []
    for directive, sources in BASE_POLICY.items():
        if directive == "script-src":
            sources = sources + list(hashes)
        parts.append(f"{directive} {' '.join(sources)}")
    return "; ".join(parts)


def policy(hashes: list[str]) -> str:
    return _policy(tuple(hashes))


def add_csp(html: str, skip: tuple[int, int] | None = None) -> str:
    """`html` with a CSP <meta> as the first thing in <head>, so it covers every script after it."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(inline_script_hashes(html, skip))}">'
    anchor = _CHARSET.search(html) or _HEAD.search(html)
    if not anchor:
        return html
    return html[: anchor.end()] + meta + html[anchor.end() :]


# -- as a step over a built site folder (kaart nabewerk), independent of the generator's events --
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*)</article>', re.DOTALL)
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_HAS_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy"', re.IGNORECASE)


def secure_html(html: str) -> str:
    """One built page with its CSP.  The page content (never hashed) is the theme's <article>.

    A page that already has our CSP in its <head> is left as it is, so the step can run twice.
    """
    head = _HEAD_END.search(html)
    if head and _HAS_CSP.search(html, 0, head.start()):
        return html
    content = _ARTICLE.search(html)
    return add_csp(html, content.span(1) if content else None)  # the page content is never hashed


def secure_site(site_dir) -> int:
    """Add the CSP to every HTML file under a built site folder; returns how many pages changed."""
    from pathlib import Path

    changed = 0
    for page in sorted(Path(site_dir).rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        secured = secure_html(html)
        if secured != html:
            page.write_text(secured, encoding="utf-8")
            changed += 1
    return changed
