"""The public finder JSON (data/wegwijzer.json): fields, honesty about unknowns, size."""

from __future__ import annotations

import gzip
import json
import re

import pytest

from kaart.build import prepare_site
from kaart.check.checker import check_project
from kaart.pages.finder import DATA_PATH, finder_json, jongeren_page, wegwijzer_page

DOCUMENTED = re.compile(r"^\| `([a-z_]+)` \|", re.M)


@pytest.fixture(scope="module")
def kaart(project):
    result, kaart = check_project(project)
    assert result.ok
    return kaart


@pytest.fixture(scope="module")
def data(kaart, project):
    return json.loads(finder_json(kaart, project))


def test_every_offer_is_in_the_data_once(data, kaart):
    ids = [a["id"] for a in data["aanbod"]]
    assert sorted(ids) == sorted(kaart.aanbod) and len(ids) == len(set(ids))


def test_unknown_facts_are_left_out_not_guessed(data, kaart):
    for offer in data["aanbod"]:
        a = kaart.aanbod[offer["id"]]
        assert ("leeftijd" in offer) == (a.leeftijd_min is not None or a.leeftijd_max is not None)
        assert offer.get("leeftijd", {}).get("max") == a.leeftijd_max
        assert offer.get("startkwalificatie") == a.startkwalificatie
        assert offer.get("nazorg") == a.nazorg
        assert offer.get("contact", {}) == {k: v for k, v in a.contact.items() if k in ("telefoon", "email", "website")}


def test_eligibility_and_its_sources_are_in_the_data(data, kaart, project):
    """situatie/schooltype as the record says (empty: left out), each filled fact with where the source says it."""
    from kaart import actualiteit

    for offer in data["aanbod"]:
        a = kaart.aanbod[offer["id"]]
        assert offer.get("situatie", []) == list(a.situatie)
        assert offer.get("schooltype", []) == list(a.schooltype)
        # the age lines and sources are written once, in tables; each offer points at its own
        assert data["regels"][offer.get("actualiteit", 0)] == [
            actualiteit.stand(a, project.vocab),
            actualiteit.jongeren_stand(a, project.vocab),
        ]
        fb = offer.get("feitbron")
        if isinstance(fb, int):  # one source for every filled fact
            assert (
                len({(b.get("document"), b.get("titel"), b.get("onderdeel")) for b in a.doelgroep_bronnen.values()})
                == 1
            )
        else:
            assert set(fb or {}) == set(a.doelgroep_bronnen)
    assert len(data["regels"]) == len(set(map(tuple, data["regels"]))) < len(data["aanbod"])
    # provider names, like age lines, are written once
    assert len(data["aanbieders"]) == len(set(data["aanbieders"])) < len(data["aanbod"])
    for offer in data["aanbod"]:
        assert data["aanbieders"][offer["aanbieder"]] == kaart.aanbieder_namen(kaart.aanbod[offer["id"]])
    rmc = next(o for o in data["aanbod"] if o["id"] == "rmc-bemiddeling")
    assert data["feitbronnen"][rmc["feitbron"]["leeftijd"]] == "Verwey-Jonker (2016), Tabel 2"
    assert data["labels"]["situatie"]["gestopt"] and data["labels"]["schooltype"]["vo"]


def test_every_url_parameter_is_documented(project):
    doc = (project.content_dir / "open-data" / "wegwijzer-json.md").read_text(encoding="utf-8")
    js = (project.content_dir / "assets" / "javascripts" / "matching.js").read_text(encoding="utf-8")
    params = re.findall(r'"([a-z]+)"', re.search(r"var PARAMS = \[([^\]]+)\]", js).group(1))
    assert {"situatie", "schooltype", "gestopt", "leeftijd"} <= set(params)
    assert set(params) <= set(DOCUMENTED.findall(doc)), set(params) - set(DOCUMENTED.findall(doc))


def test_werkgebied_is_resolved_to_gemeenten(data, kaart, project):
    for offer in data["aanbod"]:
        covered = project.vocab.gemeenten_in(kaart.aanbod[offer["id"]].werkgebied)
        if covered is None:
            assert offer.get("landelijk") is True and "gemeenten" not in offer
        else:
            assert set(offer["gemeenten"]) == covered
    # a regio is written out: an offer for Noord-Holland Noord is found in Hoorn
    regio = project.vocab.gemeenten_per_regio["noord-holland-noord"]
    assert "hoorn" in regio and data["regio"]["noord-holland-noord"] == regio


def test_labels_come_from_the_vocabularies(data, project):
    for name in ("gemeente", "helpt_bij", "kenmerk", "voor", "aanmeldroute"):
        assert data["labels"][name] == {t.id: t.label for t in project.vocab[name]}


def test_rmc_age_limit_is_inclusive(data):
    rmc = next(a for a in data["aanbod"] if a["id"] == "rmc-bemiddeling")
    assert rmc["leeftijd"] == {"max": 22}, "'tot 23 jaar' is tot en met 22"


def test_every_field_is_documented(data, project):
    doc = (project.content_dir / "open-data" / "wegwijzer-json.md").read_text(encoding="utf-8")
    documented = set(DOCUMENTED.findall(doc))
    fields = set(data) | {k for offer in data["aanbod"] for k in offer}
    assert fields <= documented, fields - documented


def test_compact(data, kaart, project):
    raw = finder_json(kaart, project)
    # only what the finder filters and shows: no long descriptions or result tables
    assert all("beschrijving" not in a and "resultaten" not in a for a in data["aanbod"])
    per_offer = len(gzip.compress(raw)) / len(data["aanbod"])
    assert per_offer < 1200, f"{per_offer:.0f} bytes gzip per aanbod"
    assert b"\n" not in raw and b": " not in raw.split(b'"aanbod"')[0]


def test_pages_are_generated_with_data_and_scripts(project):
    prepared = prepare_site(project)
    assert DATA_PATH in prepared.output.files
    for path in ("wegwijzer/index.md", "jongeren/index.md"):
        page = prepared.output.pages[path].markdown
        assert "assets/javascripts/matching.js" in page and "<script" not in page, "alleen externe scripts"
        assert f"assets/javascripts/{path.split('/')[0]}.js" in page, "elke pagina haar eigen script"
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", page), "geen inline event handlers (CSP)"


def test_record_text_cannot_become_html(kaart, project):
    import dataclasses

    a = next(iter(kaart.aanbod.values()))
    evil = dataclasses.replace(
        a, naam="<script>alert(1)</script>", beschrijving="<img src=x onerror=alert(1)> tekst tekst tekst."
    )
    kaart2 = dataclasses.replace(kaart, aanbod={**kaart.aanbod, a.id: evil})
    for page in (wegwijzer_page(kaart2, project), jongeren_page(kaart2, project)):
        assert "<script>" not in page and "<img" not in page
