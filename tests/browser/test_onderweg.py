"""Voor jongeren onderweg (issue 20): offline after the first visit, Mijn lijst, handing a list over, Snel weg.

The shared fixtures block service workers (support.browser.open_session); the offline tests open their own
context that allows them, on their own copy of the built site (one test rebuilds it with changed data).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from support import PHONE, ROOT, build_site
from support.axe import axe_violations
from support.browser import PageSession, result_ids
from support.hardening import copy_project
from support.server import serve

pytestmark = pytest.mark.browser

YOUTH_ANSWERS = "?zoekt=werk&leeftijd=20&gemeente=almere"
JSQR = ROOT / "tests" / "support" / "jsqr" / "jsQR.js"
NEUTRAL = "https://www.google.nl/"


def _names(site: Path) -> dict[str, str]:
    data = json.loads((site / "data" / "wegwijzer.json").read_text(encoding="utf-8"))
    return {o["id"]: o["naam"] for o in data["aanbod"]}


# -- offline ------------------------------------------------------------------


@pytest.fixture
def own_site(built_site, tmp_path):
    """A copy of the built site, served on 127.0.0.1, that a test may replace with another build."""
    served = tmp_path / "served"
    shutil.copytree(built_site, served)
    server = serve(served)
    yield served, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def worker_phone(browser):
    context = browser.new_context(viewport=PHONE, locale="nl-NL", service_workers="allow", is_mobile=True)
    session = PageSession(context)
    yield session
    context.close()


def _controlled(page):
    page.wait_for_function(
        "() => navigator.serviceWorker && navigator.serviceWorker.controller !== null", timeout=15000
    )


def _cached(page, url: str):
    page.wait_for_function("url => caches.match(url).then(Boolean)", arg=url, timeout=10000)


def _finder_ids(page, url: str) -> list[str]:
    page.goto(url)
    page.wait_for_selector("html[data-kaart-finder=klaar]", timeout=10000)
    return result_ids(page)


def test_after_one_visit_the_youth_route_visited_pages_and_mijn_lijst_work_offline(own_site, worker_phone):
    site, url = own_site
    page = worker_phone.page
    online = _finder_ids(page, url + "/jongeren/" + YOUTH_ANSWERS)
    assert online
    _controlled(page)
    wegwijzer = _finder_ids(page, url + "/wegwijzer/" + YOUTH_ANSWERS)
    page.goto(url + "/aanbod/learn2work/")
    _cached(page, url + "/aanbod/learn2work/")
    page.goto(url + "/zoeken/?q=jobcoach")  # the search page and the shards it fetches
    page.wait_for_selector("html[data-kaart-zoek=klaar]")
    found = page.eval_on_selector_all("#kaart-zoekpagina-resultaten a", "as => as.map(a => a.href)")
    _cached(page, url + "/zoeken/")
    page.wait_for_function(  # the shards are kept once the network says it still serves this build
        "() => caches.keys().then(n => caches.open(n[0])).then(c => c.keys())"
        ".then(ks => ks.some(r => r.url.includes('/zoekindex/d-')))",
        timeout=10000,
    )
    worker_phone.context.set_offline(True)

    # the route answers a full set of choices, also ones not asked online
    assert _finder_ids(page, url + "/jongeren/" + YOUTH_ANSWERS) == online
    built = json.loads((site / "data" / "offline.json").read_text())["gebouwd"]  # e.g. 2026-12-06
    day = int(built[-2:])
    assert f"de gegevens van {day} " in page.inner_text("#kaart-offline-melding")  # says when its data was built
    page.check("input[name=zoekt][value=school]")
    page.fill("#jo-leeftijd", "17")
    page.select_option("#jo-gemeente", "hoorn")
    page.wait_for_function("() => document.querySelectorAll('#kaart-resultaten [data-aanbod-id]').length > 0")
    assert "zoekt=school" in page.url

    assert _finder_ids(page, url + "/wegwijzer/" + YOUTH_ANSWERS) == wegwijzer  # the wegwijzer too
    page.goto(url + "/aanbod/learn2work/")
    assert "Learn2Work" in page.inner_text("h1")
    page.goto(url + "/zoeken/?q=jobcoach")
    page.wait_for_selector("html[data-kaart-zoek=klaar]")
    assert page.eval_on_selector_all("#kaart-zoekpagina-resultaten a", "as => as.map(a => a.href)") == found
    page.goto(url + "/mijn-lijst/")
    page.wait_for_selector("html[data-kaart-lijst=klaar]")
    assert page.inner_text("h1").startswith("Mijn lijst")

    page.goto(url + "/organisaties/de-schoor/")  # never visited
    assert page.inner_text("h1").startswith("Geen internet")
    assert "De gegevens op dit apparaat zijn van de kaart van" in page.inner_text("article")
    page.click("article a:text('Mijn lijst')")
    page.wait_for_selector("html[data-kaart-lijst=klaar]")
    assert urlsplit(page.url).path == "/mijn-lijst/"
    assert worker_phone.foreign_requests == []


def test_a_new_build_replaces_the_cache_the_next_time_online(own_site, worker_phone, tmp_path):
    site, url = own_site
    page = worker_phone.page
    page.goto(url + "/jongeren/")
    _controlled(page)
    old_version = json.loads((site / "data" / "offline.json").read_text())["versie"]

    project = copy_project(tmp_path / "project")
    record = project / "aanbod" / "learn2work.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("naam: Learn2Work", "naam: Learn2Work Nieuw", 1))
    rebuilt = tmp_path / "rebuilt"
    proc = build_site(project, rebuilt)
    assert proc.returncode == 0, proc.stderr
    assert "Learn2Work Nieuw" in _names(rebuilt).values()

    worker_phone.context.set_offline(True)
    page.goto(url + "/jongeren/?zoekt=werk")
    page.wait_for_selector("html[data-kaart-finder=klaar]")
    for child in site.iterdir():  # the new build goes live while the phone is offline
        shutil.rmtree(child) if child.is_dir() else child.unlink()
    shutil.copytree(rebuilt, site, dirs_exist_ok=True)
    assert "Learn2Work Nieuw" not in page.inner_text("#kaart-resultaten")  # offline: the old build, whole

    worker_phone.context.set_offline(False)
    page.reload()
    page.wait_for_function(
        "() => document.querySelector('#kaart-resultaten') && "
        "document.querySelector('#kaart-resultaten').textContent.includes('Learn2Work Nieuw')",
        timeout=20000,
    )
    new_version = json.loads((site / "data" / "offline.json").read_text())["versie"]
    assert new_version != old_version
    assert page.evaluate("caches.keys()") == [f"kaart-{new_version}"]  # the old build's cache is gone
    page.goto(url + "/aanbod/learn2work/")
    assert "Learn2Work Nieuw" in page.inner_text("h1")


# -- Mijn lijst -------------------------------------------------------------------


def _saved(page) -> list[str]:
    return page.evaluate("JSON.parse(localStorage.getItem('kaart-mijn-lijst') || '[]')")


def _list_ids(page) -> list[str]:
    page.wait_for_selector("html[data-kaart-lijst=klaar]")
    return result_ids(page, "#ml-lijst")


def test_save_remove_keep_and_empty_mijn_lijst_and_nothing_is_sent(phone, site_url):
    page = phone.page
    requests = []
    page.on("request", lambda r: requests.append(r))
    ids = _finder_ids(page, site_url + "/jongeren/" + YOUTH_ANSWERS)
    first = page.locator(f"#kaart-resultaten [data-aanbod-id='{ids[0]}'] button.kaart-bewaar")
    assert first.get_attribute("aria-pressed") == "false"
    first.click()
    assert first.get_attribute("aria-pressed") == "true"
    page.click(f"#kaart-resultaten [data-aanbod-id='{ids[1]}'] button.kaart-bewaar")
    assert _saved(page) == ids[:2]

    page.goto(site_url + "/aanbod/learn2work/")  # an offer page has the toggle too
    page.click(".kaart-bewaar-plek button.kaart-bewaar")
    page.goto(site_url + "/mijn-lijst/")
    assert _list_ids(page) == [*ids[:2], "learn2work"]
    page.reload()
    assert _list_ids(page) == [*ids[:2], "learn2work"]  # kept across reloads

    page.click(f"#ml-lijst [data-aanbod-id='{ids[0]}'] button.kaart-bewaar")  # remove
    assert result_ids(page, "#ml-lijst") == [ids[1], "learn2work"]
    page.reload()
    assert _list_ids(page) == [ids[1], "learn2work"]
    assert "blijft op dit apparaat" in page.inner_text("article")

    page.emulate_media(media="print")  # on paper: the cards, not the buttons
    assert page.is_visible(f"#ml-lijst [data-aanbod-id='{ids[1]}'] h3")
    assert not page.is_visible("#ml-leeg") and not page.is_visible("button.kaart-bewaar")
    assert not page.is_visible("#kaart-snelweg")
    page.emulate_media(media="screen")

    page.click("#ml-leeg")  # empty in one tap
    assert result_ids(page, "#ml-lijst") == []
    assert "nog niets bewaard" in page.inner_text("#ml-status")
    page.reload()
    assert _list_ids(page) == [] and _saved(page) == []

    # nothing carried the list: no request body, no cookie, no list in an address
    assert phone.context.cookies() == []
    for request in requests:
        assert request.post_data is None, request.url
        assert "lijst" not in urlsplit(request.url).query, request.url
        assert "cookie" not in request.headers
    assert phone.foreign_requests == []


def test_search_results_get_the_toggle(phone, site_url):
    page = phone.page
    page.goto(site_url + "/zoeken/?q=learn2work")
    button = page.wait_for_selector("#kaart-zoekpagina-resultaten [data-aanbod-id=learn2work] button.kaart-bewaar")
    button.click()
    assert _saved(page) == ["learn2work"]


# -- handing it over ----------------------------------------------------------------


def _decode_qr(page) -> str:
    page.wait_for_selector("html[data-kaart-qr=klaar]")
    source = JSQR.read_text(encoding="utf-8")
    return page.evaluate(
        "() => { const module = {exports: {}}; const exports = module.exports;\n"
        + source
        + "\nconst c = document.getElementById('ml-qr');"
        "const img = c.getContext('2d').getImageData(0, 0, c.width, c.height);"
        "const found = module.exports(img.data, c.width, c.height); return found ? found.data : null; }"
    )


def test_a_shared_link_opens_the_same_list_with_qr_whatsapp_and_mail(browser, phone, site_url, built_site):
    names = _names(built_site)
    page = phone.page
    chosen = ["learn2work", next(i for i in names if i != "learn2work")]
    page.goto(site_url + "/mijn-lijst/")
    page.evaluate("ids => localStorage.setItem('kaart-mijn-lijst', JSON.stringify(ids))", chosen)
    page.reload()
    assert _list_ids(page) == chosen
    link = page.input_value("#ml-link")
    assert urlsplit(link).path == "/mijn-lijst/" and parse_qs(urlsplit(link).query)["lijst"] == [",".join(chosen)]
    assert _decode_qr(page) == link

    for selector, prefix in (("#ml-whatsapp", "https://wa.me/?text="), ("#ml-mail", "mailto:?subject=")):
        href = page.get_attribute(selector, "href")
        assert href.startswith(prefix)
        text = unquote(href)
        assert all(names[i] in text for i in chosen) and link in text, selector

    # another phone opens the link: the same list, without a list of its own
    other = browser.new_context(viewport=PHONE, locale="nl-NL", service_workers="block")
    try:
        session = PageSession(other)
        session.page.goto(link)
        assert _list_ids(session.page) == chosen
        assert session.page.inner_text("h1").startswith("Gedeelde lijst")
        assert _saved(session.page) == []
        session.page.click("#ml-bewaar-alles")
        assert _saved(session.page) == chosen
        assert session.foreign_requests == []
    finally:
        other.close()


def test_an_unknown_id_in_a_shared_list_is_named(phone, site_url):
    page = phone.page
    page.goto(site_url + "/mijn-lijst/?lijst=learn2work,bestaat-niet-meer,<b>x</b>")
    assert _list_ids(page) == ["learn2work"]
    notes = page.inner_text("#ml-onbekend")
    assert "\u2018bestaat-niet-meer\u2019: dit aanbod staat niet meer in de kaart." in notes
    assert "<b>x</b>" in notes  # shown as text, never as HTML
    assert phone.console_errors == []


def test_the_wegwijzer_hands_its_result_list_over(phone, site_url):
    page = phone.page
    ids = _finder_ids(page, site_url + "/wegwijzer/" + YOUTH_ANSWERS)
    assert page.locator("#kaart-resultaten [data-aanbod-id] > button.kaart-bewaar").count() == len(ids)
    page.click("#kaart-geef-mee")
    assert _list_ids(page) == ids
    assert page.inner_text("h1").startswith("Gedeelde lijst")


# -- Snel weg ------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["knop", "escape"])
def test_snel_weg_leaves_and_back_does_not_return(phone, site_url, how):
    page = phone.page
    page.route(
        NEUTRAL + "**",
        lambda route: route.fulfill(body="<title>Neutraal</title><p>neutraal</p>", content_type="text/html"),
    )
    page.goto(site_url + "/jongeren/")
    assert "Snel weg" in page.inner_text(".kaart-snelweg-uitleg")
    page.goto(site_url + "/jongeren/startkwalificatie/")
    if how == "knop":
        assert page.is_visible("#kaart-snelweg")
        page.click("#kaart-snelweg")
    else:
        page.keyboard.press("Escape")
    page.wait_for_url(NEUTRAL)
    page.go_back()
    assert urlsplit(page.url).path == "/jongeren/"  # not the page that was open


def test_snel_weg_is_only_on_the_youth_pages(phone, site_url):
    phone.page.goto(site_url + "/wegwijzer/")
    assert phone.page.query_selector("#kaart-snelweg") is None


# -- accessibility of the new page and controls --------------------------------------

NEW_PAGES = [
    "/mijn-lijst/?lijst=learn2work,bestaat-niet-meer",
    "/offline/",
    "/jongeren/" + YOUTH_ANSWERS,
    "/aanbod/learn2work/",
]


@pytest.mark.parametrize("path", NEW_PAGES)
def test_axe_finds_nothing_on_the_new_page_and_controls(any_viewport, site_url, path):
    page = any_viewport.page
    page.goto(site_url + path, wait_until="networkidle")
    page.wait_for_selector("button.kaart-bewaar, #kaart-snelweg, article h1")
    if path.startswith("/mijn-lijst/"):
        page.wait_for_selector("html[data-kaart-qr=klaar]")
        page.click("#ml-lijst button.kaart-bewaar")  # a pressed toggle too
    violations = axe_violations(page)
    assert violations == [], "\n".join(violations)
