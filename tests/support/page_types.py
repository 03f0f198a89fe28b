"""One URL of every page type in a built site, found from the output (no hard-coded ids)."""

from __future__ import annotations

from pathlib import Path


def _first(site: Path, folder: str) -> str | None:
    pages = sorted(p for p in (site / folder).glob("*/index.html"))
    return f"/{folder}/{pages[0].parent.name}/" if pages else None


def page_paths(site: Path) -> list[str]:
    paths = [
        "/",
        "/aanbod/",
        "/organisaties/",
        "/overzicht/",
        "/woordenlijst/",
        "/aanpak/",
        "/lerende-netwerken/",
        _first(site, "aanbod"),
        _first(site, "organisaties"),
        _first(site, "overzicht/fase"),
        _first(site, "overzicht/helpt-bij"),
        _first(site, "lerende-netwerken/praktijken"),
        "/404.html",
        "/mijn-lijst/",  # the saved offers (kaart.publish.offline)
        "/offline/",  # what the service worker shows for a page not yet visited
    ]
    # every other section (finder, youth view, search page, open data ...), as it is added
    for section in sorted(p.parent.name for p in site.glob("*/index.html")):
        if f"/{section}/" not in paths:
            paths.append(f"/{section}/")
    missing = [
        p
        for p in paths
        if p is None or not (site / p.strip("/") / ("" if p.endswith(".html") else "index.html")).exists()
    ]
    assert not missing, f"page types missing from the build: {missing}"
    return paths
