"""Deploy headers: a `_headers` file in the built site (the static-host convention of Netlify and
Cloudflare Pages), with the same Content-Security-Policy as the pages plus what a `<meta>` cannot
say: `frame-ancestors 'none'` (no other site may frame the wegwijzer), nosniff and the referrer policy.

The pages keep their own `<meta>` CSP (it is exact per page); the header allows the union of the
theme's inline-script hashes of all pages, so it never blocks what a page's meta allows. A browser
applies both, so the stricter one wins. CONTRIBUTING.md shows the same headers for nginx.
"""

from __future__ import annotations

import re
from pathlib import Path

from kaart.publish.security import inline_script_hashes, policy

FILENAME = "_headers"
_META_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', re.IGNORECASE)
_HASH = re.compile(r"'sha256-[A-Za-z0-9+/=]+'")

# Headers a <meta> cannot set. Referrer: the finder's links carry a young person's situation
# (leeftijd, startkwalificatie, gemeente), which must not travel to a provider's site.
EXTRA_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",  # for browsers without frame-ancestors
}


def site_hashes(site_dir: Path) -> list[str]:
    """The inline-script hashes the pages' CSP allows (read from each page's meta, else computed)."""
    hashes: list[str] = []
    for page in sorted(site_dir.rglob("*.html")):
        html = page.read_text(encoding="utf-8", errors="replace")
        meta = _META_CSP.search(html)
        found = _HASH.findall(meta.group(1)) if meta else inline_script_hashes(html)
        hashes += [h for h in found if h not in hashes]
    return hashes


def site_policy(site_dir: Path) -> str:
    return f"{policy(site_hashes(site_dir))}; frame-ancestors 'none'"


def headers(site_dir: Path) -> dict[str, str]:
    return {"Content-Security-Policy": site_policy(site_dir), **EXTRA_HEADERS}


# The service worker is asked again on every visit: with no-cache a new build's worker (and with it the new
# data) reaches the device the next time it is online, never after a day in an HTTP cache.
WORKER_HEADERS = {"/sw.js": {"Cache-Control": "no-cache"}}


def headers_file(site_dir: Path) -> str:
    lines = [
        "# Written by kaart (kaart/publish/headers.py) for static hosts that read _headers; nginx: CONTRIBUTING.md.",
        "/*",
    ]
    lines += [f"  {name}: {value}" for name, value in headers(site_dir).items()]
    for path, values in WORKER_HEADERS.items():
        lines += [path] + [f"  {name}: {value}" for name, value in values.items()]
    return "\n".join(lines) + "\n"


def write_headers(site_dir: Path) -> Path:
    """Write `_headers` into a built site folder (after every page has its CSP)."""
    target = site_dir / FILENAME
    target.write_text(headers_file(site_dir), encoding="utf-8")
    return target
