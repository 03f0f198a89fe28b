"""The youth entry /jongeren/: three questions, then only offers young people can go to
themselves, each with its youth summary and contact buttons only when contact is known."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from kaart import actualiteit
from kaart.check.checker import check_project
from support.axe import axe_violations
from support.browser import no_horizontal_scroll, open_finder_page, result_ids

pytestmark = pytest.mark.browser


def open_youth(session, site_url: str, query: str = "") -> list[str]:
    return open_finder_page(session, f"{site_url}/jongeren/{query}")


def ids(page) -> list[str]:
    return result_ids(page, "")


@pytest.fixture(scope="module")
def kaart(project):
    result, kaart = check_project(project)
    assert result.ok
    return kaart


def test_three_answers_by_tapping_give_the_expected_offers(any_viewport, site_url):
    page = any_viewport.page
    open_youth(any_viewport, site_url)
    questions = page.locator("#kaart-finder legend, #kaart-finder label[for]")
    assert sum(q.is_visible() for q in questions.all()) == 3, "hoogstens drie vragen"
    page.get_by_label("Werk vinden").check()
    page.get_by_label("2. Hoe oud ben je?").fill("24")
    page.get_by_label("3. Waar woon je?").select_option("almere")
    shown = ids(page)
    assert {"intowork", "learn2work"} <= set(shown)
    assert "rmc-bemiddeling" not in shown, "het RMC is tot 23 jaar"
    assert parse_qs(urlsplit(page.evaluate("location.href")).query) == {
        "zoekt": ["werk"],
        "leeftijd": ["24"],
        "gemeente": ["almere"],
    }
    assert no_horizontal_scroll(page)
    assert not any_viewport.console_errors and not any_viewport.foreign_requests


@pytest.mark.parametrize(
    "query, must, must_not",
    [
        (
            "?zoekt=school&leeftijd=16&gemeente=almere",
            {"rmc-bemiddeling", "flevodrome"},
            {"jongerencoach-18-plus", "intowork"},
        ),
        ("?zoekt=geld&leeftijd=20&gemeente=almere", {"learn2work", "werk-en-inkomen"}, {"intowork", "jinc"}),
        ("?zoekt=steun&leeftijd=19&gemeente=almere", {"intowork", "jobcoaches", "full"}, {"rmc-bemiddeling"}),
        ("?zoekt=werk&gemeente=hoorn", {"leerwerkloket-nhn"}, {"learn2work", "subsidiecalculator"}),
    ],
)
def test_answers_in_the_link_give_the_expected_offers(phone, site_url, query, must, must_not):
    shown = set(open_youth(phone, site_url, query))
    assert must <= shown, must - shown
    assert not must_not & shown, must_not & shown


def test_professional_only_offers_never_shown(phone, site_url, kaart):
    alleen_pro = {a.id for a in kaart.aanbod.values() if "jongeren" not in a.voor}
    assert alleen_pro, "de records hebben aanbod alleen voor professionals of scholen"
    for zoekt in ("werk", "school", "geld", "wonen", "steun"):
        shown = set(open_youth(phone, site_url, f"?zoekt={zoekt}"))
        assert not shown & alleen_pro, (zoekt, shown & alleen_pro)
        # only offers that help with what was chosen
        assert all(zoekt in kaart.aanbod[i].helpt_bij for i in shown), zoekt


def test_each_result_is_a_compact_card_with_details_on_tap(phone, site_url, kaart, project):
    page = phone.page
    shown = open_youth(phone, site_url, "?zoekt=werk&leeftijd=20&gemeente=almere")
    assert shown
    for aanbod_id in shown[:5]:
        card = page.locator(f'[data-aanbod-id="{aanbod_id}"]')
        a = kaart.aanbod[aanbod_id]
        text = card.inner_text()
        assert a.naam in text and " ".join(a.jongerentaal["wat_is_het"].split()) in text
        # the age of the information, in youth words, on every card
        assert card.locator(".kaart-actualiteit").inner_text() == actualiteit.jongeren_stand(a, project.vocab)
        hoe = " ".join(a.jongerentaal["hoe_begin_je"].split())
        assert hoe not in text, "details pas na een tik"
        card.locator("summary").click()
        assert hoe in card.inner_text()
    # compact: the first cards fit on a phone screen, not one card per screen
    heights = [page.locator(f'[data-aanbod-id="{i}"]').bounding_box()["height"] for i in shown[:5]]
    assert max(heights) < 740, heights


def test_situation_is_asked_only_where_it_changes_the_answer(phone, site_url, kaart):
    page = phone.page
    vraag = page.locator("#jo-situatie")
    open_youth(phone, site_url, "?zoekt=werk&gemeente=hoorn")
    assert not vraag.is_visible(), "in Hoorn zegt geen aanbod voor werk voor wie het is: niet vragen"
    before = open_youth(phone, site_url, "?zoekt=werk&gemeente=almere")
    assert vraag.is_visible()
    page.get_by_label("Ik zit niet meer op school").check()
    after = ids(page)
    assert parse_qs(urlsplit(page.evaluate("location.href")).query)["situatie"] == ["gestopt"]
    gone = set(before) - set(after)
    assert {"jobcoaches", "startklaar-diploma"} <= gone, "aanbod voor leerlingen valt af"
    # only offers whose source names other situations go; nothing goes for want of information
    assert all(kaart.aanbod[i].situatie and "gestopt" not in kaart.aanbod[i].situatie for i in gone), gone
    assert {"intowork", "learn2work"} <= set(after)
    # a link with the answer opens with the question shown and answered
    assert open_youth(phone, site_url, "?zoekt=werk&gemeente=almere&situatie=gestopt") == after
    assert vraag.is_visible() and page.get_by_label("Ik zit niet meer op school").is_checked()


@pytest.mark.parametrize("gemeente", ["almere", "hoorn"])
def test_never_a_dead_end(phone, site_url, gemeente):
    """Every answer to "wat wil je?" in Almere and in a gemeente of Noord-Holland Noord leads somewhere."""
    page = phone.page
    for zoekt in ("werk", "school", "geld", "wonen", "steun"):
        open_youth(phone, site_url, f"?zoekt={zoekt}&gemeente={gemeente}")
        links = page.eval_on_selector_all(
            "#kaart-uitkomst a[href*='/aanbod/'], #kaart-uitkomst a[href*='/organisaties/']",
            "els => els.filter(e => e.offsetParent !== null).map(e => e.href)",
        )
        assert links, (zoekt, gemeente, page.inner_text("#kaart-uitkomst"))
    open_youth(phone, site_url, "?zoekt=wonen&gemeente=hoorn")
    text = page.inner_text("#kaart-leeg")
    assert (
        "We vonden niets voor \u2018een plek om te wonen\u2019" in text
        and "Hier staat nog niets voor in de kaart voor Hoorn" in text
    )


def _with_contact(site_url: str, page, contact_by_id: dict) -> None:
    """Serve the real data with contact details changed, to see the page react to them."""

    def handle(route):
        data = json.loads(route.fetch().text())
        for offer in data["aanbod"]:
            offer.pop("contact", None)
            if offer["id"] in contact_by_id:
                offer["contact"] = contact_by_id[offer["id"]]
        route.fulfill(status=200, content_type="application/json", body=json.dumps(data))

    page.route("**/data/wegwijzer.json", handle)


def test_buttons_only_for_known_contact_data(phone, site_url):
    page = phone.page
    _with_contact(
        site_url,
        page,
        {
            "intowork": {"telefoon": "036 123 45 67", "website": "https://voorbeeld.invalid/intowork"},
            "learn2work": {"email": "info@voorbeeld.invalid"},
        },
    )
    open_youth(phone, site_url, "?zoekt=werk&gemeente=almere")
    intowork = page.locator('[data-aanbod-id="intowork"]')
    assert intowork.locator("a[href^='tel:']").get_attribute("href") == "tel:0361234567"
    assert intowork.locator("a[href='https://voorbeeld.invalid/intowork']").count() == 1
    assert intowork.locator("a[href^='mailto:']").count() == 0
    learn2work = page.locator('[data-aanbod-id="learn2work"]')
    assert learn2work.locator("a[href='mailto:info@voorbeeld.invalid']").count() == 1
    assert learn2work.locator("a[href^='tel:']").count() == 0
    # no contact known: no buttons on the card; the list says once which ones, and the route that exists
    jobcoaches = page.locator('[data-aanbod-id="jobcoaches"]')
    assert jobcoaches.locator(".kaart-actie").count() == 0
    assert "mentor" not in jobcoaches.locator(".kaart-blok").first.inner_text().lower()
    note = page.inner_text("#kaart-contact-noot")
    shown = len(ids(page))
    assert note.startswith(f"Bij {shown - 2} van deze {shown} plekken staat geen telefoonnummer, mail of website"), note
    # big buttons: at least 44 x 44 px
    for button in page.locator("#kaart-resultaten .kaart-actie").all():
        box = button.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, box
    assert no_horizontal_scroll(page)


def test_real_records_without_contact_show_no_buttons(phone, site_url, kaart):
    page = phone.page
    shown = open_youth(phone, site_url, "?zoekt=school")
    for aanbod_id in shown:
        card = page.locator(f'[data-aanbod-id="{aanbod_id}"]')
        has_contact = any(kaart.aanbod[aanbod_id].contact.get(k) for k in ("telefoon", "email", "website"))
        assert (card.locator(".kaart-actie").count() > 0) == has_contact, aanbod_id
    # said once above the list, not on every card
    assert page.locator("#kaart-resultaten .kaart-geen-contact").count() == 0
    note = page.locator("#kaart-contact-noot")
    assert (
        note.is_visible() and page.locator("#kaart-contact-noot + #kaart-resultaten, #kaart-contact-noot ~ ol").count()
    )
    assert note.inner_text().count("geen telefoonnummer, mail of website") == 1


def test_choices_are_big_enough_to_tap(phone, site_url):
    page = phone.page
    open_youth(phone, site_url, "?zoekt=werk&gemeente=almere")  # with the fourth question shown
    for target in page.locator(
        "#kaart-finder label.kaart-keuze, #kaart-finder input[type=number], #kaart-finder select"
    ).all():
        if not target.is_visible():
            continue
        box = target.bounding_box()
        assert box["height"] >= 44, (target.inner_text() if target.evaluate("e => e.tagName") == "LABEL" else "", box)


def test_keyboard_only(phone, site_url):
    page = phone.page
    open_youth(phone, site_url)
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name === 'zoekt'"):
            break
    else:
        pytest.fail("met Tab kom je niet bij de eerste vraag")
    page.keyboard.press("Space")  # the first choice: werk vinden
    page.keyboard.press("Tab")
    page.keyboard.type("20")
    assert page.evaluate("document.activeElement.id") == "jo-leeftijd"
    shown = ids(page)
    assert "intowork" in shown
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate(
            "!!document.activeElement.closest('#kaart-resultaten') && document.activeElement.tagName === 'A'"
        ):
            break
    else:
        pytest.fail("met Tab kom je niet bij de resultaten")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/aanbod/" in page.url


@pytest.mark.parametrize(
    "query", ["", "?zoekt=werk&leeftijd=20&gemeente=almere", "?zoekt=wonen&gemeente=hoorn", "?zoekt=geld&leeftijd=35"]
)
def test_axe_no_wcag_violations(any_viewport, site_url, query):
    open_youth(any_viewport, site_url, query)
    if any_viewport.page.locator("#kaart-resultaten summary").count():
        any_viewport.page.locator("#kaart-resultaten summary").first.click()  # a card's details opened
    violations = axe_violations(any_viewport.page)
    assert violations == [], "\n".join(violations)


def test_without_javascript_lists_youth_offers(browser, site_url, kaart):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        page.goto(site_url + "/jongeren/")
        linked = set(
            page.eval_on_selector_all(
                "#kaart-alles a[href*='aanbod/']",
                "els => els.map(e => e.getAttribute('href').split('aanbod/')[1].replace(/\\/$/, ''))",
            )
        )
        assert linked, "zonder JavaScript staat het aanbod er toch"
        assert all("jongeren" in kaart.aanbod[i].voor for i in linked)
    finally:
        context.close()


def test_without_a_mentor_the_gemeente_route_or_honestly_none(phone, site_url):
    """Contact is said once; a young person without a mentor gets the entry points the source names."""
    page = phone.page
    open_youth(phone, site_url, "?zoekt=werk&gemeente=almere&leeftijd=20")
    note = page.locator("#kaart-contact-noot")
    assert "Geen mentor? In Almere kun je hier terecht:" in note.inner_text()
    routes = note.locator("[data-ingang]").evaluate_all("els => els.map(e => e.dataset.ingang)")
    # Werk en Inkomen: "komt pas in actie als een jongere zichzelf meldt"; RMC: jongeren tot 23 jaar
    assert {"werk-en-inkomen", "rmc-bemiddeling"} <= set(routes), routes
    open_youth(phone, site_url, "?zoekt=werk&gemeente=almere&leeftijd=25")
    routes = page.locator("#kaart-contact-noot [data-ingang]").evaluate_all("els => els.map(e => e.dataset.ingang)")
    assert "werk-en-inkomen" in routes and "rmc-bemiddeling" not in routes, "RMC is tot 23 jaar"
    open_youth(phone, site_url, "?zoekt=school&gemeente=texel")
    assert "Geen mentor? In Texel kun je hier terecht:" in page.inner_text("#kaart-contact-noot")

    # a gemeente where the sources name no entry point: said honestly
    def zonder_loket(route):
        data = json.loads(route.fetch().text())
        data["aanbod"] = [o for o in data["aanbod"] if o["id"] != "leerwerkloket-nhn"]
        route.fulfill(status=200, content_type="application/json", body=json.dumps(data))

    page.route("**/data/wegwijzer.json", zonder_loket)
    open_youth(phone, site_url, "?zoekt=school&gemeente=texel")
    assert "Voor Texel kent de kaart nog geen plek waar je zelf met je vraag heen kunt." in page.inner_text(
        "#kaart-uitkomst"
    )


def test_fallbacks_respect_age_gemeente_and_need(phone, site_url, kaart):
    page = phone.page
    # 26 in Enkhuizen, money: Choose2improve (17 t/m 23, Almere) is never suggested
    open_youth(phone, site_url, "?zoekt=geld&leeftijd=26&gemeente=enkhuizen")
    links = page.eval_on_selector_all("#kaart-uitkomst a[href*='/aanbod/']", "els => els.map(e => e.href)")
    assert links and not any("choose2improve" in h for h in links), links
    for href in links:
        aanbod_id = href.rstrip("/").rsplit("/", 1)[1]
        a = kaart.aanbod[aanbod_id]
        assert a.leeftijd_max is None or a.leeftijd_max >= 26, aanbod_id
    # a place to live, no gemeente: no Almere offers about something else
    open_youth(phone, site_url, "?zoekt=wonen")
    assert page.locator("#kaart-leeg a[href*='/aanbod/']").count() == 0
    assert "Zeg waar je woont" in page.inner_text("#kaart-leeg")


def test_age_outside_16_to_27_is_said(phone, site_url):
    page = phone.page
    assert "16 tot en met 27 jaar" in page.goto(f"{site_url}/jongeren/").text()
    open_youth(phone, site_url, "?zoekt=werk&leeftijd=35&gemeente=almere")
    assert page.locator("#kaart-leeftijd-noot").is_visible()
    assert "Deze kaart is voor jongeren van 16 tot en met 27 jaar" in page.inner_text("#kaart-leeftijd-noot")


def test_the_intro_counts_the_questions_truly(phone, site_url):
    page = phone.page
    open_youth(phone, site_url, "?zoekt=werk&gemeente=almere")
    intro = page.locator("article p").first.inner_text()
    assert "drie korte vragen" in intro and "daarna nog" in intro
    numbered = page.locator("#kaart-finder legend, #kaart-finder label[for]").all_inner_texts()
    assert [t for t in numbered if t[:2] in ("1.", "2.", "3.", "4.")] == [
        t for t in numbered if t[:2] in ("1.", "2.", "3.")
    ], "geen vierde genummerde vraag"
    assert page.locator("#jo-situatie legend").inner_text() == "Nog één vraag: wat doe je nu?"
    assert "alleen voor als je nog op school zit" in page.inner_text("#jo-situatie-uitleg")


def test_a_new_answer_while_the_first_list_is_still_coming_shows_only_the_new_list(phone, site_url):
    """The first list arrives a few cards per drawn frame (M.dom.addInParts); a new answer in between must stop
    the rest of the old list."""
    wonen = open_youth(phone, site_url, "?zoekt=wonen&gemeente=almere")
    page = phone.page
    # Frames wait until the test lets them go, so the first list stays half-shown.
    page.add_init_script(
        "window.__frames = []; window.requestAnimationFrame = function (fn) { window.__frames.push(fn); return 1; };"
    )
    page.goto(f"{site_url}/jongeren/?zoekt=werk&gemeente=almere")
    # A locator waits from Playwright's own isolated world: its frames are not the ones held back here, and
    # it needs no eval, which the site's Content-Security-Policy forbids (wait_for_function failed on that).
    page.locator("#kaart-resultaten [data-aanbod-id]").first.wait_for(state="attached")
    first = ids(page)
    assert 0 < len(first) < 10 and page.evaluate("window.__frames.length") > 0  # the rest of werk's list waits
    page.check("input[name=zoekt][value=wonen]", force=True)
    page.evaluate("() => { const f = window.__frames.splice(0); f.forEach(fn => fn(performance.now())); }")
    page.wait_for_timeout(200)
    assert ids(page) == wonen
