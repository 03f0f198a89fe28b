"""The Wegwijzer (/wegwijzer/): realistic situations from the sources, the URL contract,
keyboard use, accessibility, print/share and the page without JavaScript.

Situations assert facts that are in the records (and so in the sources): RMC stops at
23, Startklaar diploma and jobcoaches are for young people who cannot reach a
startkwalificatie, Learn2Work offers schuldhulp, and so on.
"""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import WCAG_TAGS, no_horizontal_scroll, open_finder_page, result_ids
from kaart.checking import check_project

pytestmark = pytest.mark.browser


def open_finder(session, site_url: str, query: str = "") -> list[str]:
    return open_finder_page(session, f"{site_url}/wegwijzer/{query}")


def href(page) -> str:
    # location.href, not page.url: history.replaceState reaches page.url only after a round trip
    return page.evaluate("location.href")


def query_of(page) -> dict:
    return parse_qs(urlsplit(href(page)).query)


def all_ids(page) -> list[str]:
    return page.eval_on_selector_all("[data-aanbod-id]", "els => els.map(e => e.dataset.aanbodId)")


# (query, must appear among the offers that help with what is asked, must not appear anywhere)
SITUATIONS = {
    "24 jaar, geen diploma, zoekt werk, Almere (RMC stopt bij 23)": (
        "?leeftijd=24&startkwalificatie=nee&zoekt=werk&gemeente=almere",
        {"intowork", "learn2work"}, {"rmc-bemiddeling", "flevodrome", "choose2improve"}),
    "17 jaar, pro, kan geen startkwalificatie halen, zoekt werk": (
        "?leeftijd=17&startkwalificatie=nee&zoekt=werk&gemeente=almere&kenmerk=pro,niet-leerbaar",
        {"startklaar-diploma", "jobcoaches"}, set()),
    "schulden, zoekt hulp met geld, Almere": (
        "?zoekt=geld&kenmerk=schulden&gemeente=almere",
        {"learn2work"}, set()),
    "16 jaar, gestopt met school, Almere": (
        "?leeftijd=16&startkwalificatie=nee&zoekt=school&gemeente=almere&kenmerk=vsv",
        {"rmc-bemiddeling", "flevodrome"}, {"jongerencoach-18-plus"}),
    "23 jaar, dreigt uit te vallen op het mbo": (
        "?leeftijd=23&startkwalificatie=nee&zoekt=school&gemeente=almere&kenmerk=mbo,dreigt-uit-te-vallen",
        {"jongerencoach-18-plus", "matching-talents"}, {"rmc-bemiddeling"}),
    "20 jaar, heeft al een startkwalificatie, zoekt werk": (
        "?leeftijd=20&startkwalificatie=ja&zoekt=werk&gemeente=almere",
        {"team-werk", "atc-eduvier"}, {"intowork", "learn2work", "jobcoaches", "startklaar-diploma", "binnenste-buiten"}),
    "woont in Hoorn, zoekt werk": (
        "?zoekt=werk&gemeente=hoorn",
        {"leerwerkloket-nhn", "choose2improve"}, {"learn2work", "intowork", "team-werk"}),
    "15 jaar, veel problemen, zoekt school": (
        "?leeftijd=15&zoekt=school&gemeente=almere&kenmerk=meervoudige-problemen",
        {"flevodrome"}, {"choose2improve", "jongerencoach-18-plus"}),
    "tienermoeder zonder diploma, zoekt school": (
        "?startkwalificatie=nee&zoekt=school&gemeente=almere&kenmerk=tienermoeder",
        {"entree-tienermoeders"}, set()),
    "uitkering en psychische problemen, zoekt welzijn": (
        "?leeftijd=25&zoekt=welzijn&gemeente=almere&kenmerk=uitkering,psychische-problemen",
        {"team-zorg"}, {"flevodrome", "rmc-bemiddeling"}),
    "vrije tekst: schuldhulp": (
        "?q=schuldhulp", {"learn2work"}, {"intowork", "rmc-bemiddeling"}),
}


@pytest.mark.parametrize("name", list(SITUATIONS))
def test_situations_from_the_sources(any_viewport, site_url, name):
    query, must, must_not = SITUATIONS[name]
    relevant = open_finder(any_viewport, site_url, query)
    everything = all_ids(any_viewport.page)
    assert must <= set(relevant), f"{name}: ontbreekt {must - set(relevant)} in {relevant}"
    assert not must_not & set(everything), f"{name}: hoort er niet bij: {must_not & set(everything)}"
    assert no_horizontal_scroll(any_viewport.page)
    assert not any_viewport.console_errors and not any_viewport.foreign_requests


def test_matching_kenmerk_ranks_first(desktop, site_url):
    """Among equal offers, the one made for the chosen group comes first."""
    assert open_finder(desktop, site_url, "?zoekt=geld&kenmerk=schulden&gemeente=almere")[0] == "learn2work"
    assert open_finder(desktop, site_url, "?zoekt=school&gemeente=almere&kenmerk=tienermoeder")[0] == "entree-tienermoeders"
    ids = open_finder(desktop, site_url, "?leeftijd=17&startkwalificatie=nee&zoekt=werk&gemeente=almere&kenmerk=niet-leerbaar")
    assert set(ids[:2]) == {"jobcoaches", "startklaar-diploma"}, ids


def test_result_shows_why_it_fits_and_what_is_unknown(desktop, site_url):
    page = desktop.page
    open_finder(desktop, site_url, "?leeftijd=18&zoekt=school&gemeente=almere")
    flevodrome = page.locator('[data-aanbod-id="flevodrome"]')
    text = flevodrome.inner_text()
    assert "Flevodrome" in text
    assert "leeftijd 15-23 \u2713" in text and "helpt bij school \u2713" in text and "in Almere \u2713" in text
    learn2work = page.locator('[data-aanbod-id="learn2work"]').inner_text()
    assert "Niet bekend in de bron: leeftijd" in learn2work
    assert "De Schoor" in learn2work  # the aanbieder
    # known age fit ranks before unknown age with the same needs met
    ids = result_ids(page)
    assert ids.index("flevodrome") < ids.index("learn2work")


def test_professional_only_offers_are_marked(desktop, site_url):
    page = desktop.page
    open_finder(desktop, site_url, "?zoekt=school&gemeente=almere")
    assert "alleen voor" in page.locator('[data-aanbod-id="gelijkschalige-meldnorm"] .kaart-label').inner_text()
    assert page.locator('[data-aanbod-id="learn2work"] .kaart-label').count() == 0


def test_results_match_an_independent_reading_of_the_rules(desktop, site_url, project):
    """Python re-states the exclusion rules; the browser must leave out exactly the same offers."""
    _, kaart = check_project(project)
    vocab = project.vocab

    def expected(leeftijd=None, sk=None, gemeente=None):
        keep = set()
        for a in kaart.aanbod.values():
            if a.status == "gestopt":
                continue
            if leeftijd is not None and ((a.leeftijd_min is not None and leeftijd < a.leeftijd_min)
                                         or (a.leeftijd_max is not None and leeftijd > a.leeftijd_max)):
                continue
            if sk == "ja" and a.startkwalificatie == "zonder" or sk == "nee" and a.startkwalificatie == "met":
                continue
            covered = vocab.gemeenten_in(a.werkgebied)
            if gemeente and covered is not None and gemeente not in covered:
                continue
            keep.add(a.id)
        return keep

    for leeftijd, sk, gemeente in [(24, "nee", "almere"), (16, None, "almere"), (20, "ja", None), (None, None, "texel"), (30, "nee", "hoorn")]:
        query = "?" + "&".join(f"{k}={v}" for k, v in
                               (("leeftijd", leeftijd), ("startkwalificatie", sk), ("gemeente", gemeente)) if v is not None)
        shown = open_finder(desktop, site_url, query)
        assert set(shown) == expected(leeftijd, sk, gemeente), query
        assert len(shown) == len(set(shown))


# -- URL contract ------------------------------------------------------------------

def test_url_round_trip(any_viewport, site_url):
    page = any_viewport.page
    query = "?leeftijd=24&startkwalificatie=nee&zoekt=werk,geld&gemeente=almere&kenmerk=schulden&q=coach"
    first = open_finder(any_viewport, site_url, query)
    assert first, "deze situatie moet resultaten geven"
    # the form shows the state from the link
    assert page.input_value("#ww-leeftijd") == "24"
    assert page.input_value("#ww-gemeente") == "almere"
    assert page.is_checked('input[name="zoekt"][value="geld"]') and page.is_checked('input[name="startkwalificatie"][value="nee"]')
    assert page.input_value("#ww-q") == "coach"
    # the canonical URL holds the same state, and opening it again gives the same ranked list
    params = query_of(page)
    assert params == {"leeftijd": ["24"], "startkwalificatie": ["nee"], "zoekt": ["werk,geld"], "gemeente": ["almere"],
                      "kenmerk": ["schulden"], "q": ["coach"]}
    assert open_finder(any_viewport, site_url, "?" + urlsplit(href(page)).query) == first


def test_changing_an_input_updates_url_without_reload(desktop, site_url):
    page = desktop.page
    open_finder(desktop, site_url)
    page.evaluate("window.__zelfde_pagina = true")
    page.fill("#ww-leeftijd", "24")
    page.select_option("#ww-gemeente", "almere")
    page.check('input[name="zoekt"][value="werk"]')
    page.check('input[name="startkwalificatie"][value="nee"]')
    assert page.evaluate("window.__zelfde_pagina") is True, "de pagina mag niet herladen"
    params = query_of(page)
    assert params == {"leeftijd": ["24"], "startkwalificatie": ["nee"], "zoekt": ["werk"], "gemeente": ["almere"]}
    ids = result_ids(page)
    assert "intowork" in ids and "rmc-bemiddeling" not in all_ids(page)
    page.fill("#ww-leeftijd", "")
    assert "leeftijd" not in query_of(page)


def test_malformed_values_are_ignored_with_a_visible_note(any_viewport, site_url):
    page = any_viewport.page
    ids = open_finder(any_viewport, site_url, "?leeftijd=twintig&gemeente=atlantis&zoekt=werk,vliegen&kenmerk=rijk"
                                               "&startkwalificatie=misschien&foo=bar")
    notes = page.inner_text("#kaart-meldingen")
    for expected in ("onbekende gemeente \u2018atlantis\u2019 genegeerd", "leeftijd \u2018twintig\u2019",
                     "onbekende zoekvraag \u2018vliegen\u2019", "onbekend kenmerk \u2018rijk\u2019",
                     "startkwalificatie \u2018misschien\u2019", "onbekende parameter \u2018foo\u2019"):
        assert expected.lower() in notes.lower(), (expected, notes)
    assert page.locator("#kaart-meldingen").is_visible()
    # the valid part (zoekt=werk) still applies; the rest is as if it was not given
    assert ids == open_finder(any_viewport, site_url, "?zoekt=werk")


def test_script_in_a_parameter_is_never_executed_or_rendered(desktop, site_url):
    page = desktop.page
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'
    from urllib.parse import quote
    for key in ("q", "gemeente", "zoekt", "kenmerk", "leeftijd", payload[:8]):
        open_finder(desktop, site_url, f"?{quote(key)}={quote(payload)}&zoekt=werk")
        assert page.evaluate("window.__xss") is None, key
        assert page.locator("#kaart-uitkomst img, #kaart-uitkomst script, #kaart-finder img").count() == 0, key
    open_finder(desktop, site_url, f"?gemeente={quote(payload)}")
    assert "<img" in page.inner_text("#kaart-meldingen")  # shown as text, visibly
    assert not dialogs and not desktop.foreign_requests


# -- keyboard, accessibility, share and print -------------------------------------

def _tab_to(page, predicate_js: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {predicate_js}; }})()"):
            return
    pytest.fail(f"met Tab niet bereikt: {predicate_js}")


def test_keyboard_only(desktop, site_url):
    page = desktop.page
    open_finder(desktop, site_url)
    _tab_to(page, "el.id === 'ww-leeftijd'")
    page.keyboard.type("24")
    _tab_to(page, "el.id === 'ww-gemeente'")
    page.keyboard.type("Almere")
    _tab_to(page, "el.name === 'startkwalificatie' && el.checked")
    # arrow keys move within the radio group: ja -> nee (from 'weet ik niet' ArrowLeft reaches 'nee')
    page.keyboard.press("ArrowLeft")
    _tab_to(page, "el.name === 'zoekt' && el.value === 'werk'")
    page.keyboard.press("Space")
    params = query_of(page)
    assert params.get("leeftijd") == ["24"] and params.get("gemeente") == ["almere"], params
    assert params.get("startkwalificatie") == ["nee"] and params.get("zoekt") == ["werk"], params
    assert "rmc-bemiddeling" not in all_ids(page)
    # focus is visible, and Enter on a result opens its page
    _tab_to(page, "el.closest('#kaart-resultaten') && el.tagName === 'A'", limit=120)
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/aanbod/" in page.url


@pytest.mark.parametrize("query", ["?leeftijd=24&startkwalificatie=nee&zoekt=werk&gemeente=almere&kenmerk=schulden",
                                   "?zoekt=school&weergave=jongere"])
def test_axe_no_wcag_violations_with_results(any_viewport, site_url, query):
    from axe_playwright_python.sync_playwright import Axe
    page = any_viewport.page
    assert open_finder(any_viewport, site_url, query)
    page.locator("details.kaart-kenmerken summary").click()
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    violations = results.response["violations"]
    assert violations == [], "\n".join(f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes'][:3]]}" for v in violations)


def test_copy_link_button(desktop, site_url):
    page = desktop.page
    desktop.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_finder(desktop, site_url, "?leeftijd=24&zoekt=werk&gemeente=almere")
    page.click("#kaart-kopieer")
    page.wait_for_function("document.getElementById('kaart-link-status').textContent.length > 0")
    assert page.evaluate("navigator.clipboard.readText()") == href(page)
    assert "gekopieerd" in page.inner_text("#kaart-link-status")


def test_youth_version_of_the_same_shortlist(desktop, site_url):
    page = desktop.page
    pro = open_finder(desktop, site_url, "?leeftijd=24&zoekt=werk&gemeente=almere")
    page.click("#kaart-weergave")
    assert page.get_attribute("#kaart-weergave", "aria-pressed") == "true"
    assert query_of(page)["weergave"] == ["jongere"]
    assert result_ids(page) == pro, "dezelfde lijst, in jongerentaal"
    text = page.locator('[data-aanbod-id="learn2work"]').inner_text()
    assert "Wat is het?" in text and "Hoe begin je?" in text and "Waarom:" not in text
    # the link opens the youth version directly
    assert open_finder(desktop, site_url, "?" + urlsplit(href(page)).query) == pro
    assert "Wat is het?" in page.locator('[data-aanbod-id="learn2work"]').inner_text()


def test_print_view_is_the_shortlist_on_paper(desktop, site_url):
    page = desktop.page
    open_finder(desktop, site_url, "?leeftijd=24&startkwalificatie=nee&zoekt=werk&gemeente=almere")
    page.emulate_media(media="print")
    assert not page.locator("#kaart-finder").is_visible()
    assert not page.locator(".md-header").is_visible()
    first = page.locator("#kaart-resultaten [data-aanbod-id]").first
    text = first.inner_text()
    for part in ("Waarom:", "Aanmelden:", "Contact:", "bron van"):
        assert part in text, part
    assert page.locator("#kaart-situatie").is_visible()
    # fits on paper: at the width of an A4 page (96 dpi) nothing sticks out sideways
    page.set_viewport_size({"width": 794, "height": 1123})
    assert no_horizontal_scroll(page)
    assert page.pdf(format="A4")[:4] == b"%PDF"


# -- without JavaScript ---------------------------------------------------------------

def test_without_javascript_all_offers_grouped_by_helpt_bij(browser, site_url, project):
    _, kaart = check_project(project)
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        page.goto(site_url + "/wegwijzer/")
        assert not page.locator("#kaart-finder").is_visible(), "zonder JavaScript werkt het formulier niet; verberg het"
        headings = page.eval_on_selector_all("#kaart-alles h3", "els => els.map(e => e.firstChild.textContent.trim())")
        assert headings == [t.label for t in project.vocab["helpt_bij"]]
        linked = set(page.eval_on_selector_all("#kaart-alles a[href*='aanbod/']",
                                               "els => els.map(e => e.getAttribute('href').split('aanbod/')[1].replace(/\\/$/, ''))"))
        assert linked == set(kaart.aanbod)
        werk = page.locator("#kaart-alles h3:has-text('Werk') + ul a").all_inner_texts()
        assert sorted(werk) == sorted(a.naam for a in kaart.aanbod.values() if "werk" in a.helpt_bij)
    finally:
        context.close()
