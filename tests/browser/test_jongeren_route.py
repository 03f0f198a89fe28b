"""The youth entry /jongeren/: three questions, then only offers young people can go to
themselves, each with its youth summary and contact buttons only when contact is known."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from kaart import actualiteit
from kaart.check.checker import check_project
from support import WCAG_TAGS
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
    # no contact known: no buttons, but a way to get there anyway
    jobcoaches = page.locator('[data-aanbod-id="jobcoaches"]')
    assert jobcoaches.locator(".kaart-actie").count() == 0
    assert "vraag je mentor of je klantmanager" in jobcoaches.inner_text().lower()
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
        if not has_contact:
            assert card.locator(".kaart-geen-contact").count() == 1


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


@pytest.mark.parametrize("query", ["", "?zoekt=werk&leeftijd=20&gemeente=almere", "?zoekt=wonen&gemeente=hoorn"])
def test_axe_no_wcag_violations(any_viewport, site_url, query):
    from axe_playwright_python.sync_playwright import Axe

    open_youth(any_viewport, site_url, query)
    if any_viewport.page.locator("#kaart-resultaten summary").count():
        any_viewport.page.locator("#kaart-resultaten summary").first.click()  # a card's details opened
    results = Axe().run(
        any_viewport.page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    )
    violations = results.response["violations"]
    assert violations == [], "\n".join(
        f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes'][:3]]}" for v in violations
    )


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
