"""The Wegwijzer (/wegwijzer/): realistic situations from the sources, the URL contract,
keyboard use, accessibility, print/share and the page without JavaScript.

Situations assert facts that are in the records (and so in the sources): RMC stops at
23, Startklaar diploma and jobcoaches are for young people who cannot reach a
startkwalificatie, Learn2Work offers schuldhulp, and so on.
"""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from kaart import actualiteit
from kaart.check.checker import check_project
from support.axe import axe_violations
from support.browser import no_horizontal_scroll, open_finder_page, result_ids
from support.situaties import SITUATIES

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


def open_valt_af(page) -> dict[str, str]:
    """Open the collapsed Valt af list; {id: text} of every offer in it."""
    page.locator("#kaart-valt-af > summary").click()
    # the list is built on the toggle event, which follows the click
    page.wait_for_selector("#kaart-afgevallen [data-afgevallen-id]")  # a selector: the page's CSP forbids eval
    return dict(
        page.eval_on_selector_all(
            "#kaart-afgevallen [data-afgevallen-id]", "els => els.map(e => [e.dataset.afgevallenId, e.textContent])"
        )
    )


@pytest.mark.parametrize("name", list(SITUATIES))
def test_situations_from_the_sources(desktop, site_url, name):
    case = SITUATIES[name]
    page = desktop.page
    ranked = open_finder(desktop, site_url, case["query"])
    top = set(ranked[: case["top"]])
    if case.get("alle"):
        assert case["in_top"] <= top, f"{name}: ontbreekt {case['in_top'] - top} in de top {case['top']}: {ranked[:10]}"
    elif case["in_top"]:
        assert case["in_top"] & top, f"{name}: geen van {case['in_top']} in de top {case['top']}: {ranked[:10]}"
    assert not case.get("niet_top10", set()) & set(ranked[:10]), f"{name}: hoort niet in de top 10: {ranked[:10]}"
    assert not case.get("niet_top5", set()) & set(ranked[:5]), f"{name}: hoort niet in de top 5: {ranked[:5]}"
    assert not case.get("niet_in_lijst", set()) & set(ranked), f"{name}: hoort niet in de lijst: {ranked}"
    if "eerste" in case:
        assert ranked[0] == case["eerste"], (name, ranked[:3])
    if case.get("geen_past"):
        assert page.locator("#kaart-resultaten .kaart-groep-label--past").count() == 0, name
        assert page.locator("#kaart-leeftijd-noot").is_visible()
        assert "De kaart is voor jongeren van 16 tot en met 27 jaar" in page.inner_text("#kaart-leeftijd-noot")
    if "vraag" in case:
        assert page.locator(f'#kaart-beslisvraag[data-vraag="{case["vraag"]}"]').is_visible(), name
    if case.get("valt_af"):
        afgevallen = open_valt_af(page)
        for aanbod_id, reason in case["valt_af"].items():
            assert aanbod_id in afgevallen and afgevallen[aanbod_id].endswith(" \u2014 " + reason), (
                name,
                aanbod_id,
                afgevallen.get(aanbod_id),
            )
    # one offer, one place: ranked ids are unique and nothing left out carries data-aanbod-id
    assert len(ranked) == len(set(ranked)) and set(ranked) == set(all_ids(page))
    assert not desktop.console_errors and not desktop.foreign_requests


def test_situation_on_a_phone(phone, site_url):
    case = SITUATIES["24 jaar, geen startkwalificatie, gestopt, zoekt werk, Almere"]
    ranked = open_finder(phone, site_url, case["query"])
    assert case["in_top"] <= set(ranked[:5])
    assert "tot 23 jaar" in open_valt_af(phone.page)["rmc-bemiddeling"]
    assert no_horizontal_scroll(phone.page)


def test_groups_and_the_rule_are_on_the_page(desktop, site_url):
    """Past, Past misschien (with what is unknown) and a collapsed Valt af, and the rule in a disclosure."""
    page = desktop.page
    ranked = open_finder(desktop, site_url, "?leeftijd=19&kenmerk=tienermoeder&zoekt=school&gemeente=almere")
    labels = dict(
        page.eval_on_selector_all(
            "#kaart-resultaten [data-aanbod-id]",
            "els => els.map(e => [e.dataset.aanbodId, e.querySelector('.kaart-groep-label').textContent])",
        )
    )
    assert labels["entree-tienermoeders"] == "Past misschien"
    # an open condition is named in the label; a trait the offer does not mention is unknown
    assert labels["flevodrome"] == (
        "Past misschien \u2014 alleen als de jongere geen startkwalificatie heeft en voor meervoudige problemen"
    )
    assert (
        "Niet bekend in de bron: of het past bij tienermoeder."
        in page.locator('[data-aanbod-id="flevodrome"]').inner_text()
    )
    assert "Niet bekend in de bron: leeftijd." in page.locator('[data-aanbod-id="entree-tienermoeders"]').inner_text()
    assert not page.locator("#kaart-afgevallen").is_visible(), "Valt af is dichtgeklapt"
    counts = page.inner_text("#kaart-aantal")
    assert re.fullmatch(r"Past: \d+ · Past misschien: \d+ · Valt af: \d+\.", counts), counts
    n_af = int(counts.rsplit(" ", 1)[1].rstrip("."))
    assert page.inner_text("#kaart-valt-af > summary") == f"Valt af ({n_af})"
    assert len(open_valt_af(page)) == n_af
    rule = page.locator("details.kaart-regels").first
    assert not rule.get_attribute("open") and "past niet" in rule.text_content()
    order = page.locator("details#kaart-volgorde")
    assert order.locator("summary").inner_text() == "Hoe de volgorde werkt" and not order.get_attribute("open")
    assert "bewijsscore" in order.text_content() and "+3" in order.text_content()
    assert ranked[0] == "entree-tienermoeders"


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800}, {"width": 360, "height": 740}])
def test_first_results_visible_without_scrolling(browser, site_url, viewport):
    from support.browser import open_session as _open

    session = _open(browser, viewport, **({"is_mobile": True, "has_touch": True} if viewport["width"] < 500 else {}))
    try:
        open_finder(session, site_url, "?leeftijd=24&startkwalificatie=nee&situatie=gestopt&zoekt=werk&gemeente=almere")
        box = session.page.locator("#kaart-resultaten [data-aanbod-id] h3").first.bounding_box()
        assert box["y"] + box["height"] <= viewport["height"], box
    finally:
        session.context.close()


def test_matching_kenmerk_ranks_first(desktop, site_url):
    """The offer made for the chosen group comes first, and its card carries the bewijsscore."""
    page = desktop.page
    assert (
        open_finder(desktop, site_url, "?zoekt=school&gemeente=almere&kenmerk=tienermoeder")[0]
        == "entree-tienermoeders"
    )
    ids = open_finder(
        desktop, site_url, "?leeftijd=17&startkwalificatie=nee&zoekt=werk&gemeente=almere&kenmerk=niet-leerbaar"
    )
    assert ids[0] == "startklaar-diploma", ids
    card = page.locator('[data-aanbod-id="startklaar-diploma"]')
    parts = {
        k: int(card.get_attribute(f"data-bewijs-{k}")) for k in ("doel", "leeftijd", "voor", "behoefte", "twijfel")
    }
    assert parts["doel"] == 5, "kenmerk (3) en zonder startkwalificatie (2)"
    assert int(card.get_attribute("data-bewijsscore")) == sum(parts.values())
    scores = page.eval_on_selector_all(
        "#kaart-resultaten [data-aanbod-id]", "els => els.map(e => +e.dataset.bewijsscore)"
    )
    assert scores == sorted(scores, reverse=True), "de lijst staat op bewijsscore"


def test_result_shows_why_it_fits_and_what_is_unknown(desktop, site_url):
    page = desktop.page
    open_finder(desktop, site_url, "?leeftijd=18&zoekt=school&gemeente=almere")
    flevodrome = page.locator('[data-aanbod-id="flevodrome"]')
    text = flevodrome.inner_text()
    assert "Flevodrome" in text
    # each known fact that fits, with where the source says it
    assert "leeftijd 15-23 (Verwey-Jonker (2016), Tabel 3) \u2713" in text
    assert "helpt bij school \u2713" in text and "in Almere \u2713" in text
    learn2work = page.locator('[data-aanbod-id="learn2work"]').inner_text()
    assert "Niet bekend in de bron: leeftijd" in learn2work
    assert "De Schoor" in learn2work  # the aanbieder
    # open conditions are named in the label, not hidden
    label = page.locator('[data-aanbod-id="flevodrome"] .kaart-groep-label').inner_text()
    assert (
        label
        == "Past misschien \u2014 alleen als de jongere geen startkwalificatie heeft en voor meervoudige problemen"
    )


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
            if leeftijd is not None and (
                (a.leeftijd_min is not None and leeftijd < a.leeftijd_min)
                or (a.leeftijd_max is not None and leeftijd > a.leeftijd_max)
            ):
                continue
            if sk == "ja" and a.startkwalificatie == "zonder" or sk == "nee" and a.startkwalificatie == "met":
                continue
            covered = vocab.gemeenten_in(a.werkgebied)
            if gemeente and covered is not None and gemeente not in covered:
                continue
            keep.add(a.id)
        return keep

    for leeftijd, sk, gemeente in [
        (24, "nee", "almere"),
        (16, None, "almere"),
        (20, "ja", None),
        (None, None, "texel"),
        (30, "nee", "hoorn"),
    ]:
        query = "?" + "&".join(
            f"{k}={v}"
            for k, v in (("leeftijd", leeftijd), ("startkwalificatie", sk), ("gemeente", gemeente))
            if v is not None
        )
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
    assert page.is_checked('input[name="zoekt"][value="geld"]') and page.is_checked(
        'input[name="startkwalificatie"][value="nee"]'
    )
    assert page.input_value("#ww-q") == "coach"
    # the canonical URL holds the same state, and opening it again gives the same ranked list
    params = query_of(page)
    assert params == {
        "leeftijd": ["24"],
        "startkwalificatie": ["nee"],
        "zoekt": ["werk,geld"],
        "gemeente": ["almere"],
        "kenmerk": ["schulden"],
        "q": ["coach"],
    }
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
    # the school type is asked only for a pupil
    assert not page.locator("#ww-schooltype").is_visible()
    page.get_by_label("zit op school", exact=True).check()
    page.select_option("#ww-schooltype", "pro")
    assert query_of(page)["situatie"] == ["op-school"] and query_of(page)["schooltype"] == ["pro"]
    assert "almere-on-stage" in open_valt_af(page), "alleen voor vmbo-leerlingen"
    page.get_by_label("werkt", exact=True).check()
    assert not page.locator("#ww-schooltype").is_visible() and "schooltype" not in query_of(page)


def test_malformed_values_are_ignored_with_a_visible_note(any_viewport, site_url):
    page = any_viewport.page
    ids = open_finder(
        any_viewport,
        site_url,
        "?leeftijd=twintig&gemeente=atlantis&zoekt=werk,vliegen&kenmerk=rijk"
        "&startkwalificatie=misschien&foo=bar&situatie=ruimtevaart&schooltype=hbo",
    )
    notes = page.inner_text("#kaart-meldingen")
    for expected in (
        "onbekende gemeente \u2018atlantis\u2019 genegeerd",
        "leeftijd \u2018twintig\u2019",
        "onbekende zoekvraag \u2018vliegen\u2019",
        "onbekend kenmerk \u2018rijk\u2019",
        "startkwalificatie \u2018misschien\u2019",
        "onbekende parameter \u2018foo\u2019",
        "onbekende situatie \u2018ruimtevaart\u2019",
        "onbekend schooltype \u2018hbo\u2019",
    ):
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
    # what the young person does now: from 'weet ik niet' one step back is 'werkt', two 'gestopt'
    _tab_to(page, "el.name === 'situatie' && el.checked")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    _tab_to(page, "el.name === 'zoekt' && el.value === 'werk'")
    page.keyboard.press("Space")
    params = query_of(page)
    assert params.get("leeftijd") == ["24"] and params.get("gemeente") == ["almere"], params
    assert params.get("startkwalificatie") == ["nee"] and params.get("zoekt") == ["werk"], params
    assert params.get("situatie") == ["gestopt"], params
    assert "rmc-bemiddeling" not in all_ids(page)
    # Valt af opens from the keyboard and names the reason
    _tab_to(page, "el.parentNode && el.parentNode.id === 'kaart-valt-af'", limit=200)
    page.keyboard.press("Enter")
    page.wait_for_selector('[data-afgevallen-id="rmc-bemiddeling"]')
    assert page.inner_text('[data-afgevallen-id="rmc-bemiddeling"]').endswith("tot 23 jaar")
    # focus is visible, and Enter on a result opens its page
    _tab_to(page, "el.closest('#kaart-resultaten') && el.tagName === 'A'", limit=120)
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/aanbod/" in page.url


@pytest.mark.parametrize(
    "query",
    [
        "?situatie=uitkering&startkwalificatie=ja",
        "?leeftijd=24&startkwalificatie=nee&zoekt=werk&gemeente=almere",
        "?zoekt=school&weergave=jongere",
        "?zoekt=wonen&gemeente=hoorn",
        "?leeftijd=35",
    ],
)
def test_axe_no_wcag_violations_with_results(any_viewport, site_url, query):
    """All three groups shown (Past, Past misschien, Valt af opened), the question that decides, every
    disclosure opened, and the dead-end block."""
    page = any_viewport.page
    open_finder(any_viewport, site_url, query)
    for details in page.locator("#kaart-kolom details, #kaart-uitkomst details").all():
        if details.is_visible() and details.get_attribute("open") is None:
            details.locator("> summary").click()
    if "uitkering" in query:
        assert (
            page.locator(".kaart-groep-label--past").count() and page.locator(".kaart-groep-label--misschien").count()
        )
        assert page.locator("#kaart-beslisvraag button").count() == 4
        page.locator("#kaart-afgevallen [data-afgevallen-id]").first.wait_for(state="visible")
    violations = axe_violations(page)
    assert violations == [], "\n".join(violations)


def test_copy_link_button(desktop, site_url):
    page = desktop.page
    desktop.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_finder(desktop, site_url, "?leeftijd=24&zoekt=werk&gemeente=almere")
    page.click("#kaart-kopieer")
    page.locator("#kaart-link-status:not(:empty)").wait_for()  # a selector: the page's CSP forbids eval
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
    for chrome in (
        "#kaart-finder",
        ".md-header",
        ".kaart-zoek",
        ".md-sidebar--primary",
        ".md-footer",
        ".kaart-knoppen",
        "#kaart-valt-af",
        ".kaart-regels",
    ):
        assert not page.locator(chrome).first.is_visible(), chrome
    first = page.locator("#kaart-resultaten [data-aanbod-id]").first
    text = first.inner_text()
    for part in ("Waarom:", "Aanmelden:", "Volgens een bron uit 20"):
        assert part in text, part
    # no contact in the source: said once on the paper, not on every card
    assert "Contact:" not in text
    assert page.locator("#kaart-contact-noot").is_visible()
    assert "Bij geen van deze aanbiedingen staat telefoon, e-mail of website in de bron" in page.inner_text(
        "#kaart-contact-noot"
    )
    assert first.locator(".kaart-kort").is_visible(), "de korte beschrijving staat op papier"
    # the page address is written out after the name
    after = first.locator("a.kaart-naam").evaluate("a => getComputedStyle(a, '::after').content")
    address = first.locator("a.kaart-naam").get_attribute("href")
    assert address.startswith(site_url + "/aanbod/") and address in after, after
    assert page.locator("#kaart-situatie").is_visible()
    # fits on paper: at the width of an A4 page (96 dpi) nothing sticks out sideways
    page.set_viewport_size({"width": 794, "height": 1123})
    assert no_horizontal_scroll(page)
    assert page.pdf(format="A4")[:4] == b"%PDF"


def test_age_of_information_on_every_card(desktop, site_url, project):
    _, kaart = check_project(project)
    page = desktop.page
    shown = open_finder(desktop, site_url, "?zoekt=geld&gemeente=almere")
    for aanbod_id in shown:
        line = page.locator(f'[data-aanbod-id="{aanbod_id}"] .kaart-actualiteit').inner_text()
        assert line == actualiteit.stand(kaart.aanbod[aanbod_id], project.vocab), aanbod_id
    assert "Volgens een bron uit 2016" in page.locator('[data-aanbod-id="learn2work"]').inner_text()
    page.click("#kaart-weergave")  # the youth version of the same list shows the youth line
    assert page.locator('[data-aanbod-id="learn2work"] .kaart-actualiteit').inner_text() == actualiteit.jongeren_stand(
        kaart.aanbod["learn2work"], project.vocab
    )


def test_meer_buttons_only_when_something_is_left(desktop, site_url):
    page = desktop.page
    open_finder(desktop, site_url, "?zoekt=werk&gemeente=almere")
    assert not page.locator("#kaart-meer").is_visible(), "alles staat er al: geen knop"
    page.locator("#kaart-valt-af > summary").click()
    assert not page.locator("#kaart-meer-af").is_visible()

    def many(route):  # 120 copies of one offer: more than one step of 50
        data = json.loads(route.fetch().text())
        base = next(o for o in data["aanbod"] if o["id"] == "learn2work")
        data["aanbod"] = [dict(base, id=f"proef-{i:03d}", naam=f"Proef {i:03d}") for i in range(120)]
        route.fulfill(status=200, content_type="application/json", body=json.dumps(data))

    page.route("**/data/wegwijzer.json", many)
    open_finder(desktop, site_url, "?zoekt=werk")
    assert len(result_ids(page)) == 50
    assert page.locator("#kaart-meer").is_visible() and page.inner_text("#kaart-meer") == "Toon meer (nog 70)"
    page.click("#kaart-meer")
    page.click("#kaart-meer")
    assert len(result_ids(page)) == 120 and not page.locator("#kaart-meer").is_visible()


def test_table_of_contents_does_not_link_to_hidden_lists(desktop, site_url):
    page = desktop.page
    open_finder(desktop, site_url)
    assert not page.locator("#kaart-alles").is_visible()
    # every entry a reader can reach (also in the phone menu, which the theme keeps in the page)
    reachable = "els => els.filter(e => !e.closest('[hidden]')).map(e => e.getAttribute('href'))"
    hrefs = page.eval_on_selector_all(".md-sidebar a[href^='#'], .md-nav a[href^='#']", reachable)
    assert "#werk" not in hrefs and "#al-het-aanbod-per-leefgebied" not in hrefs, hrefs
    for href in hrefs:
        target = page.locator(f"[id='{href[1:]}']")
        assert target.count() == 0 or target.first.is_visible(), f"inhoudsopgave wijst naar verborgen {href}"
    assert page.locator("#kaart-alles h2, #kaart-alles h3").count(), "de lijsten zonder JavaScript zijn er wel"


def test_nothing_fits_a_need_is_said_with_where_to_turn(desktop, site_url):
    page = desktop.page
    open_finder(desktop, site_url, "?zoekt=wonen&gemeente=almere&leeftijd=25")
    block = page.locator('[data-leeg="wonen"]')
    text = block.inner_text()
    assert "Voor wonen past niets bij deze situatie." in text
    assert "In de kaart staat geen aanbod dat volgens de bron helpt bij wonen." in text
    gap = block.locator("a", has_text="dekking")
    assert gap.get_attribute("href").endswith("/dekking/#almere")
    # where the question can go: entry points in Almere that fit a 25-year-old; RMC is only until 23
    ingangen = block.locator("[data-ingang]").evaluate_all("els => els.map(e => e.dataset.ingang)")
    assert "werk-en-inkomen" in ingangen and "rmc-bemiddeling" not in ingangen, ingangen
    # a need the kaart has, but not in this gemeente: where it is, and no link to an offer that does not fit
    open_finder(desktop, site_url, "?zoekt=steun&gemeente=hoorn")
    block = page.locator('[data-leeg="steun"]')
    assert "Voor steun past niets bij deze situatie." in block.inner_text()
    assert "helpt bij steun, is er alleen in Almere" in block.inner_text()
    hrefs = block.locator("a[href*='/aanbod/']").evaluate_all("els => els.map(e => e.href)")
    assert all("leerwerkloket-nhn" in h for h in hrefs), hrefs
    assert block.locator("a", has_text="dekking").get_attribute("href").endswith("/dekking/#hoorn")
    # without a gemeente no gemeente is favoured
    open_finder(desktop, site_url, "?zoekt=wonen")
    block = page.locator('[data-leeg="wonen"]')
    assert block.locator("a[href*='/aanbod/']").count() == 0
    assert "Kies een gemeente" in block.inner_text()


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
        linked = set(
            page.eval_on_selector_all(
                "#kaart-alles a[href*='aanbod/']",
                "els => els.map(e => e.getAttribute('href').split('aanbod/')[1].replace(/\\/$/, ''))",
            )
        )
        assert linked == set(kaart.aanbod)
        werk = page.locator("#kaart-alles h3:has-text('Werk') + ul a").all_inner_texts()
        assert sorted(werk) == sorted(a.naam for a in kaart.aanbod.values() if "werk" in a.helpt_bij)
    finally:
        context.close()


def test_the_question_that_decides_is_asked_above_the_results(desktop, site_url):
    """24, no startkwalificatie, werk, Almere, situation open: the page asks whether the young person is
    still at school, says how many offers are only for pupils, and an answer changes the list."""
    page = desktop.page
    before = open_finder(desktop, site_url, "?leeftijd=24&startkwalificatie=nee&zoekt=werk&gemeente=almere")
    vraag = page.locator("#kaart-beslisvraag")
    assert vraag.is_visible() and vraag.get_attribute("data-vraag") == "situatie"
    text = vraag.inner_text()
    assert text.startswith("Zit de jongere nog op school?")
    labels = page.locator("#kaart-resultaten .kaart-groep-label").all_inner_texts()
    pupils = [i for i, label in zip(before, labels) if "alleen als de jongere nog op school zit" in label]
    assert f"{len(pupils)} van de {len(before)} zijn alleen voor leerlingen." in text
    # above the results
    assert vraag.bounding_box()["y"] < page.locator("#kaart-resultaten").bounding_box()["y"]
    page.locator('#kaart-beslisvraag button[data-antwoord="gestopt"]').click()
    assert query_of(page)["situatie"] == ["gestopt"]
    assert page.locator('#kaart-finder input[name="situatie"][value="gestopt"]').is_checked()
    after = result_ids(page)
    assert not set(pupils) & set(after), "aanbod alleen voor leerlingen valt af"
    assert {"intowork", "learn2work"} <= set(after[:3])
    assert not page.locator('#kaart-beslisvraag[data-vraag="situatie"]').is_visible()


def test_age_outside_the_kaart_is_said_and_never_past(desktop, site_url):
    page = desktop.page
    assert "De kaart is voor 16 tot en met 27 jaar." in page.goto(f"{site_url}/wegwijzer/").text()
    open_finder(desktop, site_url, "?leeftijd=35")
    assert page.locator("#kaart-resultaten .kaart-groep-label--past").count() == 0
    assert "De kaart is voor jongeren van 16 tot en met 27 jaar" in page.inner_text("#kaart-leeftijd-noot")
    coach = page.locator('[data-aanbod-id="jongerencoach-18-plus"]')
    if coach.count():
        assert "of het bij 35 jaar past" in coach.inner_text()


def test_no_contact_in_the_source_is_said_once_per_list(desktop, site_url):
    page = desktop.page
    shown = open_finder(desktop, site_url, "?zoekt=werk&gemeente=hoorn")
    assert set(shown) == {"leerwerkloket-nhn", "subsidiecalculator"}
    note = page.inner_text("#kaart-contact-noot")
    assert note.startswith("Geen telefoon, e-mail of website in de bron bij: Leerwerkloket Noord-Holland Noord.")
    assert page.locator('[data-aanbod-id="leerwerkloket-nhn"] .kaart-contact').count() == 0
    assert page.locator('[data-aanbod-id="subsidiecalculator"] .kaart-contact a').count() >= 1
    assert page.locator("#kaart-uitkomst").inner_text().count("e-mail of website in de bron") == 1
