"""The pages stage of a build: every generated page, in the order the site lists them."""

from __future__ import annotations

from kaart.pages.bevestigingen import overzicht
from kaart.pages.dekking import dekking_page
from kaart.pages.glossary import Begrip, glossary_page
from kaart.pages.rapport import rapport, redactie_page
from kaart.pages.site import GeneratedPage, SiteOutput, SiteRenderer
from kaart.pages.verzoek import verzoek_lijst, verzoek_pages


def site_pages(renderer: SiteRenderer, begrippen: list[Begrip], cadans: int) -> SiteOutput:
    """A page per offer and organisation, the overviews, the glossary, the werklijst with its
    verification sheets, and the dekking page."""
    project, kaart, today = renderer.project, renderer.kaart, renderer.today
    output = renderer.render_records()
    output.pages.update(renderer.render_overviews().pages)
    output.pages["woordenlijst.md"] = GeneratedPage(glossary_page(begrippen, project), "content/woordenlijst.yml")
    werkpunten = rapport(project, kaart, today, cadans_maanden=cadans)
    werklijst = redactie_page(project, werkpunten, len(kaart.aanbod), today, cadans_maanden=cadans)
    output.pages["redactie/index.md"] = GeneratedPage(
        werklijst + overzicht(project, kaart, today, cadans) + verzoek_lijst(kaart)
    )
    output.pages.update({path: GeneratedPage(markdown) for path, markdown in verzoek_pages(project, kaart).items()})
    output.pages["dekking/index.md"] = GeneratedPage(dekking_page(project, kaart))
    return output
