"""The built site: a page per offer and organisation, knowledge base linked both ways, tooltips, privacy."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kaart.check.checker import check_project
from support import ROOT, build_site
from support.browser import no_horizontal_scroll


@pytest.fixture(scope="module")
def kaart(project):
    result, kaart = check_project(project)
    assert result.ok
    return kaart


def html(built_site: Path, url_path: str) -> str:
    return (built_site / url_path / "index.html").read_text(encoding="utf-8")


def test_every_offer_has_a_page_with_youth_summary_sources_and_edit_link(built_site, kaart):
    for aanbod in kaart.aanbod.values():
        page = html(built_site, f"aanbod/{aanbod.id}")
        assert aanbod.naam.replace("&", "&amp;") in re.sub(r"</?abbr[^>]*>", "", page)  # W&I in the title has a tooltip
        assert "In het kort, voor jou" in page
        assert "Bronnen" in page and "Brongegevens uit" in page
        if not aanbod.laatst_gecontroleerd:
            assert "Nooit bevestigd door de aanbieder" in page
        assert re.search(rf'href="[^"]*/aanbod/{re.escape(aanbod.id)}\.yml"', page), (
            "edit link must open the YAML source"
        )
        # the youth summary comes before what professionals need
        article = page.split("<article", 1)[1]
        assert article.index("In het kort, voor jou") < article.index('id="voor-professionals"')


def test_offer_pages_say_what_is_unknown_and_show_contact_only_when_known(built_site, kaart):
    for aanbod in kaart.aanbod.values():
        page = html(built_site, f"aanbod/{aanbod.id}")
        if aanbod.leeftijd_min is None and aanbod.leeftijd_max is None:
            assert (
                "Leeftijd</td>\n<td>niet bekend in de bron" in page or "Leeftijd</td><td>niet bekend in de bron" in page
            )
        has_tel = 'href="tel:' in page
        assert has_tel == bool(aanbod.contact.get("telefoon"))
        # the offer's own e-mail; "Mail de redactie" (conftest's fictional address) is on every offer page
        contact_mail = page.replace('href="mailto:redactie@example.org?', "")
        assert ('href="mailto:' in contact_mail) == bool(aanbod.contact.get("email"))
        if not aanbod.contact:
            assert "Er staan geen telefoonnummer, e-mail of website in de bron" in page


def test_every_organisation_page_lists_its_offers(built_site, kaart):
    for org in kaart.organisaties.values():
        page = html(built_site, f"organisaties/{org.id}")
        for aanbod in kaart.aanbod_van(org.id):
            assert f'href="../../aanbod/{aanbod.id}/"' in page


def test_overviews_by_fase_helpt_bij_and_a_to_z(built_site, kaart, project):
    a_z = html(built_site, "aanbod")
    for aanbod in kaart.aanbod.values():
        assert f'href="{aanbod.id}/"' in a_z
    for area in project.vocab["helpt_bij"]:
        page = html(built_site, f"overzicht/helpt-bij/{area.id}")
        for aanbod in kaart.aanbod.values():
            assert (f'href="../../../aanbod/{aanbod.id}/"' in page) == (area.id in aanbod.helpt_bij)
    for fase in project.vocab["fase"]:
        page = html(built_site, f"overzicht/fase/{fase.id}")
        for aanbod in kaart.aanbod.values():
            assert (f'href="../../../aanbod/{aanbod.id}/"' in page) == (fase.id in aanbod.fase)


def test_navigation_does_not_list_every_offer(built_site, kaart):
    nav = html(built_site, "").split('<nav class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
    listed = [a for a in kaart.aanbod if f"/aanbod/{a}/" in nav]
    assert listed == []


def test_generated_pages_are_virtual(built_site):
    assert not (ROOT / "content" / "aanbod").exists()
    assert not (ROOT / "content" / "organisaties").exists()


def test_every_good_practice_links_to_offers_and_back(built_site, kaart):
    assert len(kaart.praktijken) >= 30
    for praktijk in kaart.praktijken.values():
        page = html(built_site, f"lerende-netwerken/praktijken/{praktijk.slug}")
        for aanbod_id in praktijk.verwant_aanbod:
            assert f'href="../../../aanbod/{aanbod_id}/"' in page, (praktijk.slug, aanbod_id)
            offer = html(built_site, f"aanbod/{aanbod_id}")
            assert f'href="../../lerende-netwerken/praktijken/{praktijk.slug}/"' in offer, (aanbod_id, praktijk.slug)
    assert sum(1 for p in kaart.praktijken.values() if p.verwant_aanbod) >= 10


def test_glossary_terms_become_tooltips_on_any_page(built_site):
    offer = html(built_site, "aanbod/rmc-bemiddeling")
    assert re.search(r'<abbr title="Regionaal Meld- en Co[^"]*">RMC</abbr>', offer)
    glossary = html(built_site, "woordenlijst")
    for term in ("RMC", "VSV", "IWB", "startkwalificatie"):
        assert f">{term}<" in glossary


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "img", "iframe", "audio", "video", "source", "embed") and attrs.get("src"):
            self.refs.append((tag, attrs["src"]))
        if tag == "link" and attrs.get("href") and attrs.get("rel") not in ("canonical",):
            self.refs.append((tag, attrs["href"]))


def test_no_page_loads_anything_from_another_host(built_site):
    offenders = []
    for page in built_site.rglob("*.html"):
        parser = _Refs()
        parser.feed(page.read_text(encoding="utf-8"))
        offenders += [
            (page.relative_to(built_site).as_posix(), tag, ref)
            for tag, ref in parser.refs
            if re.match(r"(https?:)?//", ref) and not ref.startswith(("http://127.0.0.1", "//127.0.0.1"))
        ]
    for css in built_site.rglob("*.css"):
        for ref in re.findall(
            r"url\(\s*['\"]?((?:https?:)?//[^'\")]+)", css.read_text(encoding="utf-8", errors="replace")
        ):
            offenders.append((css.name, "css", ref))
    assert offenders == []


def test_invalid_record_stops_the_build_with_the_checker_messages(project, tmp_path):
    project.copy_to(tmp_path)
    record = tmp_path / "aanbod" / "learn2work.yml"
    record.write_text(
        record.read_text(encoding="utf-8").replace("status: beschreven", "status: misschien"), encoding="utf-8"
    )
    proc = build_site(tmp_path, tmp_path / "out")
    assert proc.returncode != 0
    assert re.search(
        r"aanbod/learn2work\.yml:\d+: status: onbekende status 'misschien' — kies uit: beschreven, bevestigd, gestopt",
        proc.stderr + proc.stdout,
    )
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out" / "aanbod").exists()


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/", "/aanbod/learn2work/", "/lerende-netwerken/", "/aanpak/knelpunten/"])
def test_pages_fit_a_phone_without_console_errors(phone, site_url, path):
    phone.page.goto(site_url + path)
    phone.page.wait_for_load_state("networkidle")
    assert no_horizontal_scroll(phone.page)
    assert phone.console_errors == []
    assert phone.foreign_requests == []


def test_no_link_in_the_built_site_points_at_a_markdown_source(built_site):
    """A link that mkdocs could not resolve stays `….md`; on the site it would be a dead link."""
    dead = []
    for page in built_site.rglob("*.html"):
        dead += [
            (page.relative_to(built_site).as_posix(), href)
            for href in re.findall(r'href="([^"#]+\.md)(?:#[^"]*)?"', page.read_text(encoding="utf-8"))
            if not href.startswith(("http://", "https://"))
        ]
    assert dead == []
