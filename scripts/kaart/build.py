"""Everything the site build needs, prepared without any site generator."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .checking import check_project
from .finder import add_finder
from .glossary import abbreviations, glossary_page, load_glossary
from .model import Kaart
from .project import Project
from .rapport import build_warnings
from .redactie import add_redactie
from .reporting import render
from .result import CheckResult
from .search import search_files
from .site import GeneratedPage, SiteOutput, SiteRenderer


class BuildError(Exception):
    """The records have errors; the message is the full `kaart check` report."""


@dataclass
class PreparedSite:
    result: CheckResult
    kaart: Kaart
    output: SiteOutput
    abbreviations: dict[str, str]
    renderer: SiteRenderer


def prepare_site(project: Project, today: dt.date | None = None) -> PreparedSite:
    result, kaart = check_project(project, today)
    begrippen, problems = load_glossary(project)
    result.extend(problems)
    if not result.ok:
        raise BuildError("De site is niet gebouwd: los eerst deze problemen op.\n" + render(result))
    renderer = SiteRenderer(kaart, project, today)
    output = renderer.render()
    output.pages["woordenlijst.md"] = GeneratedPage(glossary_page(begrippen, project), "content/woordenlijst.yml")
    add_finder(output, kaart, project)  # data/wegwijzer.json, wegwijzer/ and jongeren/
    add_redactie(output, project, kaart, today)  # redactie/, dekking/ and the open data in data/
    result.extend(build_warnings(kaart, today, project))  # stale records: a warning, so only --strict fails
    output.files.update(search_files(kaart, project, output.pages))  # after all pages: they are indexed too
    return PreparedSite(result, kaart, output, abbreviations(begrippen), renderer)
