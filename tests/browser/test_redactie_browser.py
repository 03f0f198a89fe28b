"""The editor and open-data pages in a real browser: axe (WCAG 2.1 A/AA), no third parties, phone layout."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from support.axe import axe_violations
from support.browser import no_horizontal_scroll

pytestmark = pytest.mark.browser

PAGES = {"redactie": "/redactie/", "dekking": "/dekking/", "open-data": "/open-data/"}


@pytest.mark.parametrize("name", list(PAGES))
def test_page_passes_axe_and_contacts_no_other_host(any_viewport, site_url, name):
    page = any_viewport.page
    response = page.goto(site_url + PAGES[name], wait_until="networkidle")
    assert response.ok
    violations = axe_violations(page)
    assert violations == [], "\n".join(violations)
    assert any_viewport.foreign_requests == []
    assert any_viewport.console_errors == []
    assert no_horizontal_scroll(page), f"{name} scrolls sideways on {any_viewport.viewport_name}"


def test_coverage_cells_are_readable_tap_targets_on_a_phone(phone, site_url):
    page = phone.page
    page.goto(site_url + "/dekking/")
    table = page.locator("table.kaart-dekking-tabel:not(.kaart-dekking-nazorg)").first
    box = table.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360 + 1, "a gemeente's table fits the phone screen"
    nazorg = page.locator("table.kaart-dekking-nazorg").bounding_box()
    assert nazorg["x"] + nazorg["width"] <= 360 + 1, "the nazorg table fits the phone screen"
    link = table.locator("td a").first
    assert link.bounding_box()["height"] >= 44
    empty = page.locator("td.kaart-dekking-leeg a").first
    if empty.count():
        assert "leeg" in empty.inner_text()  # empty is said in words, not only by colour


def test_coverage_cell_opens_the_finder_with_its_question(desktop, site_url, project):
    page = desktop.page
    page.goto(site_url + "/dekking/")
    link = page.locator("#almere ~ div table tbody tr").first.locator("td a").nth(1)
    link.click()
    page.wait_for_load_state()
    url = urlsplit(page.url)
    assert url.path.endswith("/wegwijzer/")
    first_need = project.vocab["helpt_bij"].ids[0]  # first row; second column is 18-22
    assert parse_qs(url.query) == {"leeftijd": ["18"], "zoekt": [first_need], "gemeente": ["almere"]}


def test_offer_page_shows_source_year_and_verification(desktop, site_url, project):
    from kaart.check.checker import check_project

    _, k = check_project(project)
    offer = next(a for a in k.gesorteerd() if project.vocab.newest_year(a.bronnen))
    page = desktop.page
    page.goto(site_url + f"/aanbod/{offer.id}/")
    text = page.locator(".kaart-controle").inner_text()
    assert f"Brongegevens uit {project.vocab.newest_year(offer.bronnen)}" in text
    if offer.laatst_gecontroleerd:
        assert offer.laatst_gecontroleerd in text
    else:
        assert "Nooit bevestigd door de aanbieder" in text
