"""Everything the site build needs, prepared without any site generator."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .checking import check_project
from .glossary import abbreviations, glossary_page, load_glossary
from .model import Kaart
from .project import Project
from .reporting import render
from .result import CheckResult
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
    return PreparedSite(result, kaart, output, abbreviations(begrippen), renderer)
