"""Dutch search: what a professional types finds the right pages, with little data.

The ranking in Python (kaart.search.Searcher) runs over the shards of the
built site, the same files the browser loads; browser tests check that
zoeken.js gives the same order and loads only a few shards.
"""
from __future__ import annotations

import gzip
import json
import re
from urllib.parse import urlsplit

import pytest

from conftest import no_horizontal_scroll
from kaart.checking import check_project
from kaart.search import INDEX_DIR, Searcher, normalise, stem

# (query, page that must be in the top 5).  Realistic: what professionals type.
QUERIES = [
    ("schulden", "aanbod/learn2work/"),
    ("jobcoach", "aanbod/jobcoaches/"),
    ("tienermoeder", "aanbod/entree-tienermoeders/"),
    ("subsidie", "aanbod/subsidiecalculator/"),
    ("nazorg", "overzicht/fase/nazorg/"),
    ("entree", "aanbod/entree-gedifferentieerd/"),
    ("leerwerkloket", "aanbod/leerwerkloket-nhn/"),
    ("Mind at Work", "organisaties/mind-at-work/"),
    ("De Schoor", "organisaties/de-schoor/"),
    ("werk", "overzicht/helpt-bij/werk/"),
    ("buddy", "lerende-netwerken/praktijken/flevoland-buddy-project/"),
    ("verslaving", "aanbod/learn2work/"),
    ("RMC", "aanbod/rmc-bemiddeling/"),
    ("Almere", "organisaties/gemeente-almere/"),
    ("meldnorm", "aanbod/gelijkschalige-meldnorm/"),
    ("verzuim", "aanbod/preventieve-verzuimspreekuren/"),
    ("jongerencoach", "aanbod/jongerencoach-18-plus/"),
    ("uitkering", "aanbod/werk-en-inkomen/"),
    ("Eduvier", "organisaties/eduvier/"),
    ("stappenplan", "aanpak/stappenplan/"),
    ("dakloos", "overzicht/helpt-bij/wonen/"),          # synonym: the records say 'wonen'
    ("schulden Almere", "aanbod/learn2work/"),
    ("jobc", "aanbod/jobcoaches/"),                      # a fragment while typing
    ("tienermoeders", "aanbod/entree-tienermoeders/"),   # plural
]


@pytest.fixture(scope="module")
def searcher(built_site):
    return Searcher(built_site / INDEX_DIR)


@pytest.fixture(scope="module")
def kaart(project):
    result, kaart = check_project(project)
    assert result.ok
    return kaart


def top(searcher, query, n=5):
    return [hit["url"] for hit in searcher.search(query, n)]


@pytest.mark.parametrize("query,expected", QUERIES, ids=[q for q, _ in QUERIES])
def test_query_finds_the_page_in_the_top_5(searcher, built_site, query, expected):
    assert (built_site / expected / "index.html").is_file(), f"{expected} is not a page of the site"
    assert expected in top(searcher, query), f"'{query}' should find {expected}; got {top(searcher, query)}"


def test_an_age_ranks_offers_whose_age_range_includes_it_first(searcher, kaart):
    ranked = [u.split("/")[1] for u in top(searcher, "23 jaar", 100) if re.fullmatch(r"aanbod/[^/]+/", u)]
    fits = {a.id for a in kaart.aanbod.values() if (a.leeftijd_min is not None or a.leeftijd_max is not None)
            and (a.leeftijd_min or 0) <= 23 <= (a.leeftijd_max if a.leeftijd_max is not None else 99)}
    named = {a.id for a in kaart.aanbod.values() if any("23" in t for t in a.trefwoorden)}  # an editor's keyword
    assert len(fits) >= 3 and fits <= set(ranked), f"missing offers for a 23-year-old: {fits - set(ranked)}"
    first = ranked[: len((fits | named) & set(ranked))]
    assert set(first) <= fits | named, f"offers not for a 23-year-old rank above those that are: {set(first) - fits - named}"


def test_an_offer_name_puts_that_offer_first(searcher, kaart):
    for a in list(kaart.gesorteerd())[:: max(1, len(kaart.aanbod) // 8)]:
        assert top(searcher, a.naam, 3)[0] in (f"aanbod/{a.id}/", f"organisaties/{a.aanbieder}/"), a.naam


def test_plural_and_singular_find_the_same_pages(searcher):
    for one, many in [("tienermoeder", "tienermoeders"), ("schuld", "schulden"), ("jobcoach", "jobcoaches"),
                      ("leerwerkloket", "leerwerkloketten")]:
        assert top(searcher, one) == top(searcher, many)
        assert stem(one) == stem(many)


def test_nonsense_finds_nothing(searcher):
    assert searcher.search("xqzvw") == []


def test_index_is_split_into_small_shards(built_site):
    index = built_site / INDEX_DIR
    manifest = json.loads((index / "manifest.json").read_text(encoding="utf-8"))
    shards = [index / f"t-{key}.json" for key in manifest["shards"]]
    assert len(shards) > 10 and all(p.is_file() for p in shards)
    total = sum(len(gzip.compress(p.read_bytes())) for p in shards)
    largest = max(len(gzip.compress(p.read_bytes())) for p in shards)
    assert largest < total / 5, "one shard holds most of the index: a query would load nearly everything"


def test_material_search_index_is_not_shipped(built_site):
    assert not (built_site / "search" / "search_index.json").exists()
    page = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'data-md-component="search"' not in page, "material's search box would load its whole index"


def test_search_box_is_labelled_and_results_are_announced(built_site):
    page = (built_site / "aanbod" / "jobcoaches" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<label for="kaart-zoek-invoer"[^>]*>Zoek in de kaart</label>', page)
    assert re.search(r'<form id="kaart-zoek"[^>]*role="search"', page)
    assert re.search(r'id="kaart-zoek-status"[^>]*aria-live="polite"', page)


# -- in the browser -------------------------------------------------------------

def _index_requests(session):
    urls = []
    session.page.on("request", lambda r: urls.append(r.url) if f"/{INDEX_DIR}/" in r.url else None)
    return urls


def _type(page, query):
    page.fill("#kaart-zoek-invoer", "")
    page.evaluate("document.documentElement.removeAttribute('data-kaart-zoek')")
    # one input event: typing key by key on a busy machine lets a search for a prefix ("s") finish
    # and say 'klaar' before the last key, so the test read that prefix's results (seen in CI)
    page.fill("#kaart-zoek-invoer", query)
    page.wait_for_selector("html[data-kaart-zoek='klaar']")
    return [urlsplit(h).path for h in page.eval_on_selector_all("#kaart-zoek-resultaten a", "as => as.map(a => a.href)")]


@pytest.mark.browser
def test_browser_ranks_like_python_and_loads_only_a_few_shards(phone, site_url, searcher, built_site):
    requested = _index_requests(phone)
    phone.page.goto(site_url + "/")
    assert requested == [], "the search index must not load before the search field is used"
    n_shards = len(json.loads((built_site / INDEX_DIR / "manifest.json").read_text())["shards"])
    for query in ["schulden", "Mind at Work", "23 jaar", "jobc"]:
        got = _type(phone.page, query)
        want = ["/" + u for u in top(searcher, query, 8)]
        assert got == want, f"browser and Python rank '{query}' differently"
    assert not any("search_index.json" in u for u in phone.page.evaluate("performance.getEntries().map(e => e.name)"))
    shards = {u for u in requested if "/t-" in u}
    assert 0 < len(shards) < n_shards / 3
    status = phone.page.text_content("#kaart-zoek-status")
    assert re.search(r"\d+ resultat", status)
    assert no_horizontal_scroll(phone.page)
    assert phone.console_errors == [] and phone.foreign_requests == []


@pytest.mark.browser
def test_first_query_transfers_little(phone, site_url, built_site):
    requested = _index_requests(phone)
    phone.page.goto(site_url + "/aanbod/learn2work/")
    _type(phone.page, "jobcoach")
    size = 0
    for url in set(requested):
        path = built_site / urlsplit(url).path.lstrip("/")
        size += len(gzip.compress(path.read_bytes()))
    assert 0 < size <= 100_000


@pytest.mark.browser
def test_keyboard_search_opens_a_result_and_enter_shows_the_results_page(desktop, site_url):
    page = desktop.page
    page.goto(site_url + "/")
    _type(page, "leerwerkloket")
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.closest('#kaart-zoek-resultaten') !== null")
    assert focused, "ArrowDown moves to the first result"
    page.keyboard.press("Escape")
    assert page.is_hidden("#kaart-zoek-resultaten")
    page.focus("#kaart-zoek-invoer")
    page.keyboard.press("Enter")
    page.wait_for_url("**/zoeken/?q=leerwerkloket")
    page.wait_for_selector("#kaart-zoekpagina-resultaten a")
    hrefs = page.eval_on_selector_all("#kaart-zoekpagina-resultaten a", "as => as.map(a => a.getAttribute('href'))")
    assert any("/aanbod/leerwerkloket-nhn/" in h for h in hrefs)
    assert "resultat" in page.text_content("#kaart-zoekpagina-status")
    assert desktop.console_errors == []


@pytest.mark.browser
def test_javascript_stemmer_equals_python(desktop, site_url, built_site):
    desktop.page.goto(site_url + "/")
    words = set()
    for path in list(built_site.glob("**/index.html"))[:60]:
        words.update(normalise(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))))
    words = sorted(words)
    js = desktop.page.evaluate("ws => ws.map(w => window.kaartZoeken.stem(w))", words)
    mismatches = [(w, s, stem(w)) for w, s in zip(words, js) if s != stem(w)]
    assert len(words) > 500 and mismatches == []
    text = "Één café, JONGEREN-coach & 16–27 jaar: ‘ouders’"
    assert desktop.page.evaluate("t => window.kaartZoeken.normalise(t)", text) == normalise(text)
