"""Offline after the first visit, and Mijn lijst: the service worker, the web app manifest and two pages.

Plain Python, no node step: the build writes the worker (`sw.js`, at the site root so its scope is the
whole site) with this build's version and the list of files to cache inlined, `data/offline.json`
(the same version and the build date, which the worker compares with its own), the manifest, the
page `/mijn-lijst/` (the saved offers, kept in the browser only) and `/offline/` (what a page not yet
visited shows without network).

The version is a hash of everything the build publishes, so a build that changes nothing keeps the
cache of every phone, and a build that changes anything replaces it whole (offline_worker.js).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from importlib import metadata
from pathlib import Path

from kaart.pages.site import GeneratedPage, SiteOutput
from kaart.project import Project
from kaart.publish.minify import minify, own_assets

WORKER = "sw.js"
MANIFEST = "manifest.webmanifest"
VERSION_PATH = "data/offline.json"
MIJN_LIJST = "mijn-lijst/index.md"
OFFLINE_PAGE = "offline/index.md"
THEME_COLOUR = "#00575c"  # --md-primary-fg-color in content/stylesheets/kaart.css
# Cached when the worker installs (after the first visit of any page); the theme's own files are
# found in these pages by the worker itself (their names carry a hash only mkdocs knows).
PAGES = ["jongeren/", "wegwijzer/", "mijn-lijst/", "offline/"]
DATA = ["data/wegwijzer.json", VERSION_PATH, MANIFEST, "assets/favicon.svg"]
PAGE_SCRIPTS = ["assets/javascripts/mijnlijst-pagina.js"]
# Loaded by mijnlijst-pagina.js only when there is a list to hand over (an empty first visit stays small).
QR_SCRIPT = "assets/javascripts/vendor/qrcode-generator/qrcode.js"
STYLESHEET = "stylesheets/wegwijzer.css"
_TEMPLATE = Path(__file__).with_name("offline_worker.js")
_MONTHS = "januari februari maart april mei juni juli augustus september oktober november december".split()


def datum(day: dt.date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def build_version(output: SiteOutput, project: Project) -> str:
    """A short hash of every page and file of this build, the hand-written content, the theme and the worker."""
    digest = hashlib.sha256()
    for path, page in sorted(output.pages.items()):
        digest.update(f"{path}\0{page.markdown}\0".encode())
    for path, data in sorted(output.files.items()):
        digest.update(f"{path}\0".encode() + data + b"\0")
    for folder in (project.content_dir, project.root / "overrides"):
        # not the *.yml (the glossary): read once by the build, its text is in the pages hashed above
        for file in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix != ".yml"):
            digest.update(f"{project.rel(file)}\0".encode() + file.read_bytes() + b"\0")
    for file in (project.root / "mkdocs.yml", _TEMPLATE, Path(__file__)):
        if file.is_file():
            digest.update(file.read_bytes())
    try:
        digest.update(metadata.version("mkdocs-material").encode())
    except metadata.PackageNotFoundError:
        pass
    return digest.hexdigest()[:16]


def precache_list(project: Project) -> list[str]:
    """Site-relative URLs the worker caches when it installs: the youth route, the wegwijzer, Mijn lijst, our assets."""
    assets = [p for p in own_assets(project) if not p.startswith("assets/javascripts/vendor/") or p == QR_SCRIPT]
    return PAGES + DATA + assets


def worker_js(version: str, files: list[str]) -> str:
    head = f"var VERSION = {json.dumps(version)};\nvar PRECACHE = {json.dumps(files)};\n"
    return minify(WORKER, head + _TEMPLATE.read_text(encoding="utf-8"))


def manifest_json() -> bytes:
    manifest = {
        "name": "Sociale kaart 16-27",
        "short_name": "Kaart 16-27",
        "lang": "nl",
        "start_url": "./jongeren/",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": [{"src": "assets/favicon.svg", "sizes": "any", "type": "image/svg+xml", "purpose": "any"}],
    }
    return json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")


def _front_matter(title: str, description: str, scripts: list[str]) -> list[str]:
    lines = ["---", f"title: {json.dumps(title)}", f"description: {json.dumps(description)}", "hide:", "  - toc"]
    lines += ["kaart_css:", f"  - {STYLESHEET}"]  # the finder's cards and print layout
    if scripts:
        lines += ["kaart_scripts:"] + [f"  - {s}" for s in scripts]
    return lines + ["---", ""]


def mijn_lijst_page(day: dt.date) -> str:
    lines = _front_matter("Mijn lijst", "Het aanbod dat je bewaard hebt, ook zonder internet.", PAGE_SCRIPTS)
    lines += [
        '# <span id="ml-kop">Mijn lijst</span>',
        "",
        "Hier staat wat je bewaard hebt met de knop *Bewaar*. **Je lijst blijft op dit apparaat**: hij staat alleen "
        "in deze browser, niet op een server, en gaat nergens heen tenzij je hem zelf deelt. Heb je eenmaal deze "
        "site bezocht, dan werkt je lijst ook zonder internet.\n{ .kaart-ml-uitleg #ml-uitleg }",
        "",
        f"De lijst gebruikt de gegevens van de kaart van {datum(day)}.\n{{ .kaart-controle }}",
        "",
        "<noscript><p>Mijn lijst werkt alleen met JavaScript aan.</p></noscript>",
        "",
        # Shown from the start with room reserved (kaart.css), so the list appearing moves nothing.
        '<div id="ml-box" class="kaart-mijn-lijst" data-bron="../data/wegwijzer.json">',
        '<p id="ml-status" class="kaart-aantal" role="status"></p>',
        '<ul id="ml-onbekend" class="kaart-meldingen" hidden></ul>',
        '<ol id="ml-lijst" class="kaart-resultaten kaart-ml-lijst"></ol>',
        '<p class="kaart-knoppen">'
        '<button type="button" id="ml-bewaar-alles" class="md-button" hidden>'
        "Zet deze lijst in Mijn lijst</button> "
        '<a id="ml-eigen" class="md-button" href="./" hidden>Naar mijn eigen lijst</a> '
        '<button type="button" id="ml-print" class="md-button" hidden>Print de lijst</button> '
        '<button type="button" id="ml-leeg" class="md-button" hidden>Maak de lijst leeg</button></p>',
        '<section id="ml-geef" class="kaart-ml-geef" aria-labelledby="ml-geef-kop" hidden>',
        '<h2 id="ml-geef-kop">Geef de lijst mee</h2>',
        "<p>Deze link bevat alleen de namen van het aanbod in de lijst (als code), niets over jou. "
        "Wie hem opent of de QR-code scant, ziet dezelfde lijst.</p>",
        '<p class="kaart-veld"><label for="ml-link">Link naar deze lijst</label>'
        '<input id="ml-link" type="text" readonly></p>',
        '<p class="kaart-knoppen"><button type="button" id="ml-kopieer" class="md-button">Kopieer link</button> '
        '<a id="ml-whatsapp" class="md-button" href="#">Stuur via WhatsApp</a> '
        '<a id="ml-mail" class="md-button" href="#">Mail</a></p>',
        '<p id="ml-link-status" role="status"></p>',
        '<canvas id="ml-qr" class="kaart-ml-qr" role="img" aria-label="QR-code met de link naar deze lijst"></canvas>',
        "</section>",
        "</div>",
        "",
    ]
    return "\n".join(lines)


def offline_page(day: dt.date) -> str:
    lines = _front_matter("Geen internet", "Deze pagina staat nog niet op dit apparaat.", [])
    lines += [
        "# Geen internet",
        "",
        "Je hebt nu geen internet, en deze pagina heb je nog niet eerder geopend. Daarom staat hij niet op dit "
        "apparaat. Probeer het opnieuw als je weer internet hebt.",
        "",
        "Wat je wel kunt openen:",
        "",
        "- [Mijn lijst](../mijn-lijst/index.md): wat je bewaard hebt",
        "- [Wat zoek je?](../jongeren/index.md): de vragen voor jongeren",
        "- [Wegwijzer](../wegwijzer/index.md)",
        "",
        f"De gegevens op dit apparaat zijn van de kaart van {datum(day)}.\n{{ .kaart-controle }}",
        "",
    ]
    return "\n".join(lines)


def add_offline(output: SiteOutput, project: Project, today: dt.date) -> None:
    """Add Mijn lijst, the offline page, the manifest and the worker (with this build's version) to the output."""
    # Before the pages below: they carry the build date, and a rebuild of the same data on another day
    # should not make every phone download the site again (this file's own text is in the hash).
    version = build_version(output, project)
    output.pages[MIJN_LIJST] = GeneratedPage(mijn_lijst_page(today))
    output.pages[OFFLINE_PAGE] = GeneratedPage(offline_page(today))
    output.files[MANIFEST] = manifest_json()
    output.files[VERSION_PATH] = json.dumps(
        {"versie": version, "gebouwd": today.isoformat()}, separators=(",", ":")
    ).encode("utf-8")
    output.files[WORKER] = worker_js(version, precache_list(project)).encode("utf-8")
