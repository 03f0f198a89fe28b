"""Everything the site build needs, prepared without any site generator.

`prepare_site` is the whole build as one pipeline, read top to bottom:

    load     records.load.load_records     every file in aanbod/ read once
    check    check.checker.check_records   schema, rules, jongerentaal; gives the typed records
    pages    pages.render.site_pages       offer and organisation pages, overviews, glossary, werklijst, dekking
    finder   pages.finder.add_finder       data/wegwijzer.json, /wegwijzer/, /jongeren/
    exports  export.opendata.publish       data/kaart.json, CSV, HSDS; per record data/aanbod/<id>.json; schemas/
    search   search.index.search_files     assets/zoekindex/ (it indexes the pages above too)
    offline  publish.offline.add_offline   Mijn lijst, the offline page, manifest and service worker (hashes all)

The mkdocs hook hands the result to mkdocs; `kaart genereer` writes it to disk
(kaart/publish/genereer.py) for any generator.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kaart.check.checker import check_records
from kaart.check.reporting import render
from kaart.export.opendata import publish
from kaart.instellingen import Instellingen
from kaart.model import Kaart, Peil
from kaart.pages.finder import add_finder
from kaart.pages.glossary import Begrip, abbreviations, forget_glossary, load_glossary
from kaart.pages.rapport import build_warnings
from kaart.pages.render import site_pages
from kaart.pages.site import SiteOutput, SiteRenderer, settings_problems
from kaart.project import Project
from kaart.publish.offline import add_offline
from kaart.records.gate import missing_problems
from kaart.records.load import Records, load_records
from kaart.result import CheckResult
from kaart.search.index import search_files


class BuildError(Exception):
    """The records have errors; the message is the full `kaart check` report."""


@dataclass
class PreparedSite:
    result: CheckResult
    kaart: Kaart
    output: SiteOutput
    abbreviations: dict[str, str]
    renderer: SiteRenderer
    records: Records

    def page_markdown(self, src_uri: str, markdown: str) -> str:
        """A hand-written page as the site shows it: the home page gets the age of the sources,
        good-practice pages their related offers (the hook and `kaart genereer` both call this)."""
        if src_uri == "index.md":
            return self.renderer.home_markdown(markdown)
        if src_uri.startswith("lerende-netwerken/praktijken/") and src_uri.endswith(".md"):
            return markdown + self.renderer.praktijk_footer(src_uri.rsplit("/", 1)[-1][: -len(".md")])
        return markdown


def prepare_site(
    project: Project, today: dt.date | None = None, instellingen: Instellingen | None = None
) -> PreparedSite:
    """`instellingen`: the hook passes mkdocs' `extra`; without it they are read from mkdocs.yml."""
    today = today or dt.date.today()
    instellingen = instellingen or Instellingen.lees(project.root)
    records = load_records(project)
    result, begrippen = check_site(records, today, instellingen)
    kaart = records.kaart
    kaart.peil = Peil(today, instellingen.cadans_maanden)  # fresh or due: judged the same on every page and export
    renderer = SiteRenderer(kaart, project, today, instellingen)
    output = site_pages(renderer, begrippen, instellingen.cadans_maanden)
    add_finder(output, kaart, project)
    output.files.update(publish(project, kaart, records, instellingen.site_url or ""))
    output.files.update(search_files(kaart, project, output.pages))
    add_offline(output, project, today)  # Mijn lijst, offline page, manifest, worker (last: it hashes all)
    return PreparedSite(result, kaart, output, abbreviations(begrippen), renderer, records)


def check_site(records: Records, today: dt.date, instellingen: Instellingen) -> tuple[CheckResult, list[Begrip]]:
    """The check stage: every rule over the records, the content pages and the glossary (read once: its page
    and every tooltip; its problems are in the result, check/content.py). Any error, also a bad KAART_REPO_URL,
    KAART_EDIT_URI or KAART_SITE_URL, stops the build with the same messages as `kaart check`; stale records and
    the site's own settings are warnings, so only --strict fails on them."""
    forget_glossary()  # read once per build: by the check below, and its pages use that read
    result = check_records(records, today)
    begrippen, _ = load_glossary(records.project)
    result.extend(missing_problems(records.project.root))  # the theme blocks and finder shells a build needs
    result.extend(settings_problems())
    if not result.ok:
        raise BuildError("De site is niet gebouwd: los eerst deze problemen op.\n" + render(result))
    result.extend(build_warnings(records, today, instellingen.cadans_maanden))
    result.extend(instellingen.problemen)  # e.g. no redactie address: no mail link, said once
    return result, begrippen
