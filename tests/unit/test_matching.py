"""Scoring of the wegwijzer (content/assets/javascripts/matching.js), tested without a browser.

matching.js runs under node; the same cases run against an independent Python reading
of the documented rules (/open-data/wegwijzer-json/, "Hoe de wegwijzer kiest"), in
tests/support/bewijsscore.py, so a change to either that the other does not share shows up here.  Situations from the
sources run on the real records.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from kaart.check.checker import check_project
from kaart.pages.finder import finder_json
from support import ROOT

MATCHING_JS = ROOT / "content" / "assets" / "javascripts" / "matching.js"

# Reads {data, queries} on stdin; prints per query the fitting ids with their group, the
# left-out ids with their reason, and the counts.
NODE_SCRIPT = r"""
const M = require(process.argv[1]);
let input = "";
process.stdin.on("data", c => input += c).on("end", () => {
  const {data, queries, jongeren} = JSON.parse(input);
  const out = queries.map(q => {
    const parsed = M.parseQuery(q, data);
    const r = M.judge(data, parsed.state, {alleenJongeren: !!jongeren});
    return {passend: r.passend.map(i => [i.aanbod.id, i.groep]),
            afgevallen: r.afgevallen.map(i => [i.aanbod.id, i.reden]),
            onbekend: Object.fromEntries(r.passend.map(i => [i.aanbod.id, i.onbekendeFeiten])),
            counts: r.counts, notes: parsed.notes,
            bewijs: Object.fromEntries(r.passend.map(i => [i.aanbod.id, M.bewijs(i)])),
            twijfel: Object.fromEntries(r.passend.map(i => [i.aanbod.id, i.twijfelTeksten])),
            vraag: M.beslisvraag(r.passend, parsed.state)};
  });
  process.stdout.write(JSON.stringify(out));
});
"""


def node_judge(data: dict, queries: list[str], jongeren: bool = False) -> list[dict]:
    node = shutil.which("node")
    if not node:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("node is not installed (apt-get install -y nodejs)")
        pytest.skip("node is not installed")
    proc = subprocess.run(
        [node, "-e", NODE_SCRIPT, str(MATCHING_JS)],
        input=json.dumps({"data": data, "queries": queries, "jongeren": jongeren}),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


from support.bewijsscore import beoordeel, py_judge, state_of  # noqa: E402

# -- a small hand-made data set: one offer per rule -----------------------------------------


def offer(id, **fields):
    base = {
        "id": id,
        "naam": fields.pop("naam", id.capitalize()),
        "aanbieder": "Org",
        "pagina": f"aanbod/{id}/",
        "kort": "",
        "status": "actief",
        "soort": "traject",
        "helpt_bij": ["werk"],
        "voor": ["jongeren"],
        "gemeenten": ["almere"],
        "jongerentaal": {},
    }
    base.update(fields)
    return base


LABELS = {
    "gemeente": {"almere": "Almere", "hoorn": "Hoorn"},
    "helpt_bij": {"werk": "Werk", "school": "School", "geld": "Geld", "wonen": "Wonen", "steun": "Steun"},
    "kenmerk": {"tienermoeder": "tienermoeder", "schulden": "schulden"},
    "situatie": {s: s for s in ("op-school", "dreigt-uit-te-vallen", "gestopt", "uitkering", "werkt")},
    "schooltype": {t: t for t in ("po", "vo", "vmbo", "pro", "vso", "mbo", "entree")},
}

FIXTURE = {
    "labels": LABELS,
    "aanbod": [
        offer(
            "rmc",
            naam="RMC",
            leeftijd={"max": 22},
            startkwalificatie="zonder",
            situatie=["dreigt-uit-te-vallen", "gestopt"],
        ),
        offer("oud", naam="Oud", leeftijd={"min": 23, "max": 27}),
        offer("leerling", naam="Leerling", situatie=["op-school"], schooltype=["po", "vo"]),
        offer("mbo", naam="Mbo", situatie=["op-school"], schooltype=["mbo"]),
        offer("uitkering", naam="Uitkering", situatie=["uitkering"]),
        offer("moeder", naam="Moeder", kenmerken=["tienermoeder"], helpt_bij=["school"]),
        offer("open", naam="Open"),
        offer("met", naam="Met", startkwalificatie="met"),
        offer("hoorn", naam="Hoorn", gemeenten=["hoorn"]),
        offer("land", naam="Land", landelijk=True, gemeenten=None, helpt_bij=["werk", "geld"]),
        offer("gestopt-aanbod", naam="Gestopt aanbod", status="gestopt"),
        offer("pro", naam="Pro", helpt_bij=["werk"], voor=["professionals"]),
    ],
}
for o in FIXTURE["aanbod"]:
    if o.get("gemeenten") is None:
        o.pop("gemeenten")

# (query, fitting ids in ranked order with group, {left-out id: reason})
FIXTURE_CASES = [
    # a known age is weak evidence; an open condition (only pupils, only with a startkwalificatie,
    # only with an uitkering) is a named doubt and ranks below what is merely unknown
    (
        "?leeftijd=24&gemeente=almere",
        [
            ("oud", "past"),
            ("land", "misschien"),
            ("open", "misschien"),
            ("pro", "misschien"),
            ("leerling", "misschien"),
            ("mbo", "misschien"),
            ("met", "misschien"),
            ("moeder", "misschien"),
            ("uitkering", "misschien"),
        ],
        {"rmc": "tot 23 jaar", "hoorn": "niet in Almere", "gestopt-aanbod": "gestopt"},
    ),
    # the situation RMC is made for outweighs its two open conditions
    (
        "?situatie=gestopt&zoekt=werk",
        [
            ("rmc", "misschien"),
            ("hoorn", "misschien"),
            ("land", "misschien"),
            ("open", "misschien"),
            ("pro", "misschien"),
            ("uitkering", "misschien"),
            ("met", "misschien"),
            ("oud", "misschien"),
        ],
        {
            "leerling": "alleen voor jongeren die op school zitten",
            "mbo": "alleen voor jongeren die op school zitten",
            "moeder": "helpt niet bij werk",
            "gestopt-aanbod": "gestopt",
        },
    ),
    # a pupil: RMC may fit (it is also for pupils who dreigen uit te vallen), an offer for mbo students does not
    ("?situatie=op-school&schooltype=vmbo", [("leerling", "past")], {"mbo": "alleen voor leerlingen van mbo"}),
    ("?situatie=werkt", [("hoorn", "misschien")], {"leerling": "alleen voor jongeren die op school zitten"}),
    # the trait an offer is made for first; a trait the offer does not mention is unknown, never "past"
    (
        "?startkwalificatie=nee&kenmerk=tienermoeder",
        [("moeder", "misschien"), ("hoorn", "misschien"), ("land", "misschien"), ("open", "misschien")],
        {"met": "alleen met startkwalificatie"},
    ),
]


@pytest.mark.parametrize("query, ranked, afgevallen", FIXTURE_CASES)
def test_rules_on_hand_made_offers(query, ranked, afgevallen):
    (js,) = node_judge(FIXTURE, [query])
    assert [tuple(x) for x in js["passend"]][: len(ranked)] == ranked
    reasons = dict(map(tuple, js["afgevallen"]))
    for aanbod_id, reason in afgevallen.items():
        assert reasons.get(aanbod_id) == reason, (aanbod_id, reasons)
    assert not {i for i, _ in js["passend"]} & set(reasons), "een aanbod staat nooit in twee groepen"


def test_hand_made_cases_agree_with_the_python_reading():
    queries = [q for q, _, _ in FIXTURE_CASES] + [
        "?situatie=werkt",
        "?situatie=gestopt,uitkering",
        "?gestopt=1",
        "?situatie=dreigt-uit-te-vallen&schooltype=mbo",
        "?zoekt=geld,werk",
    ]
    for query, js in zip(queries, node_judge(FIXTURE, queries)):
        py = py_judge(FIXTURE, state_of(query))
        assert js["passend"] == py["passend"], query
        assert [i for i, _ in js["afgevallen"]] == py["afgevallen"], query


def test_unknown_never_counts_against_an_offer():
    """An offer that says nothing stays, and shows what is unknown."""
    (js,) = node_judge(FIXTURE, ["?leeftijd=30&startkwalificatie=ja&situatie=werkt&gemeente=almere"])
    assert ["open", "misschien"] in js["passend"]
    assert js["onbekend"]["open"] == ["leeftijd", "startkwalificatie", "situatie"]
    assert ["uitkering", "misschien"] in js["passend"], "uitkering zegt niets over werk of school"
    assert js["twijfel"]["uitkering"] == ["alleen als de jongere een uitkering heeft"]
    (js,) = node_judge(FIXTURE, ["?gemeente=almere"])
    assert js["onbekend"]["open"] == [], "alleen wat is ingevuld, kan onbekend zijn"
    assert ["open", "past"] in js["passend"]


def test_bad_parameters_are_notes_not_errors():
    (js,) = node_judge(FIXTURE, ["?situatie=ruimtevaart,gestopt&schooltype=vo"])
    assert js["notes"] == [
        "onbekende situatie \u2018ruimtevaart\u2019 genegeerd",
        "schooltype \u2018vo\u2019 genegeerd: dat geldt alleen bij situatie op-school of dreigt-uit-te-vallen",
    ]
    assert js["counts"]["valtAf"] > 0  # gestopt still applies


# -- situations from the sources, on the real records -------------------------------------


@pytest.fixture(scope="module")
def real(project):
    result, kaart = check_project(project)
    assert result.ok
    return json.loads(finder_json(kaart, project))


def ids(result, n=None) -> list[str]:
    return [i for i, _ in result["passend"]][:n]


# (query, must be in top N: (N, ids), must not be in the top 10, {left-out id: reason}); the
# same table drives the browser tests in test_wegwijzer.py.
from support.situaties import SITUATIES  # noqa: E402


@pytest.mark.parametrize("name", list(SITUATIES))
def test_situations_from_the_sources(real, name):
    case = SITUATIES[name]
    (js,) = node_judge(real, [case["query"]])
    top = ids(js, case["top"])
    if case["in_top"]:
        assert case["in_top"] <= set(top) if case.get("alle") else case["in_top"] & set(top), (name, top)
    assert not case.get("niet_top10", set()) & set(ids(js, 10)), (name, ids(js, 10))
    assert not case.get("niet_top5", set()) & set(ids(js, 5)), (name, ids(js, 5))
    assert not case.get("niet_in_lijst", set()) & set(ids(js)), (name, ids(js))
    if "eerste" in case:
        assert ids(js, 1) == [case["eerste"]], (name, ids(js, 3))
    if case.get("geen_past"):
        assert js["counts"]["past"] == 0 and all(g == "misschien" for _, g in js["passend"]), name
    if "vraag" in case:
        assert js["vraag"] and js["vraag"]["vraag"] == case["vraag"], (name, js["vraag"])
    reasons = dict(map(tuple, js["afgevallen"]))
    for aanbod_id, reason in case.get("valt_af", {}).items():
        assert reasons.get(aanbod_id) == reason, (name, aanbod_id, reasons.get(aanbod_id))
    if "q=" in case["query"]:
        return  # free text search is not mirrored in Python
    py = py_judge(real, state_of(case["query"]))
    assert js["passend"] == py["passend"] and [i for i, _ in js["afgevallen"]] == py["afgevallen"], name


def test_youth_page_only_shows_offers_young_people_can_go_to(real):
    (js,) = node_judge(real, ["?zoekt=school&gemeente=almere"], jongeren=True)
    voor = {o["id"]: o["voor"] for o in real["aanbod"]}
    assert js["passend"] and all("jongeren" in voor[i] for i, _ in js["passend"])


# -- the bewijsscore: the properties issue 19 asks for ----------------------------------------

MODEL = {
    "labels": {
        **LABELS,
        "voor": {"jongeren": "Jongeren", "werkgevers": "Werkgevers", "professionals": "Professionals"},
    },
    "aanbod": [
        offer("leeftijd", naam="A leeftijd", leeftijd={"min": 18, "max": 27}),
        offer("moeder", naam="Z moeder", kenmerken=["tienermoeder"]),
        offer("gestopt", naam="Gestopt", situatie=["gestopt"]),
        offer("generiek", naam="Generiek"),
        offer("leerling", naam="B leerling", situatie=["op-school"]),
        offer("bijzaak", naam="A bijzaak", helpt_bij=["school", "werk"]),
        offer("hoofdzaak", naam="Z hoofdzaak", helpt_bij=["werk", "school"]),
        offer("calculator", naam="Calculator", voor=["werkgevers", "professionals"], helpt_bij=["werk"]),
    ],
}


def rank(js: dict) -> list[str]:
    return [i for i, _ in js["passend"]]


def test_the_trait_an_offer_is_made_for_outweighs_a_known_age():
    (js,) = node_judge(MODEL, ["?leeftijd=20&kenmerk=tienermoeder"])
    assert rank(js).index("moeder") < rank(js).index("leeftijd")
    assert js["bewijs"]["moeder"]["doel"] == 3 and js["bewijs"]["leeftijd"]["leeftijd"] == 1


def test_a_narrower_group_that_matches_ranks_above_a_generic_offer():
    (js,) = node_judge(MODEL, ["?situatie=gestopt"])
    assert rank(js)[0] == "gestopt"
    assert rank(js).index("gestopt") < rank(js).index("generiek")


def test_an_open_condition_is_a_named_doubt_below_what_is_merely_unknown():
    (js,) = node_judge(MODEL, ["?zoekt=werk"])
    assert rank(js).index("generiek") < rank(js).index("leerling")
    assert js["twijfel"]["leerling"] == ["alleen als de jongere nog op school zit"]
    assert dict(map(tuple, js["passend"]))["leerling"] == "misschien"
    assert js["vraag"] == {"vraag": "situatie", "aantal": 2, "totaal": 8, "leerlingen": 1}


def test_ties_go_to_the_offer_whose_main_focus_is_the_need_then_to_the_name():
    (js,) = node_judge(MODEL, ["?zoekt=werk"])
    order = rank(js)
    assert order.index("hoofdzaak") < order.index("bijzaak"), "hoofdzaak voor bijzaak, ook al komt A voor Z"
    assert js["bewijs"]["hoofdzaak"]["kern"] == 0 and js["bewijs"]["bijzaak"]["kern"] == 1


def test_a_trait_the_offer_does_not_mention_is_named_among_the_unknowns():
    (js,) = node_judge(MODEL, ["?kenmerk=schulden"])
    assert js["onbekend"]["generiek"] == ["of het past bij schulden"]
    assert dict(map(tuple, js["passend"]))["generiek"] == "misschien"


def test_an_employers_tool_never_fits_a_young_person_through_a_trait_or_text():
    (by_trait, by_text, by_need) = node_judge(MODEL, ["?kenmerk=schulden", "?q=calculator", "?zoekt=werk"])
    assert "calculator" not in rank(by_trait) and "calculator" not in rank(by_text)
    assert dict(map(tuple, by_trait["afgevallen"]))["calculator"] == "alleen voor werkgevers en professionals"
    assert "calculator" in rank(by_need), "wie om werk vraagt, ziet het, met het label voor wie het is"
    assert by_need["bewijs"]["calculator"]["voor"] == 0


@pytest.mark.parametrize("leeftijd", [12, 15, 28, 35])
def test_an_age_outside_16_to_27_is_never_a_known_fit(leeftijd):
    (js,) = node_judge(MODEL, [f"?leeftijd={leeftijd}"])
    assert all(g == "misschien" for _, g in js["passend"])
    if 18 <= leeftijd <= 27:
        return
    assert "leeftijd" not in rank(js) or js["bewijs"]["leeftijd"]["leeftijd"] == 0


def test_age_35_keeps_an_open_range_as_misschien_with_the_note():
    data = {**MODEL, "aanbod": [offer("coach", naam="Coach", leeftijd={"min": 18})]}
    (js,) = node_judge(data, ["?leeftijd=35"])
    assert js["passend"] == [["coach", "misschien"]]
    assert js["onbekend"]["coach"] == ["of het bij 35 jaar past (de kaart is voor jongeren van 16 tot en met 27)"]


def test_the_parts_add_up_to_the_score():
    (js,) = node_judge(MODEL, ["?leeftijd=20&kenmerk=tienermoeder&zoekt=werk&situatie=gestopt"])
    for parts in js["bewijs"].values():
        total = parts["doel"] + parts["leeftijd"] + parts["voor"] + parts["behoefte"] + parts["twijfel"]
        assert parts["bewijsscore"] == total, parts


# Every combination of answers below, on the real records, ranked the same by matching.js and
# by the Python reading (tests/support/bewijsscore.py).
GRID = [
    f"?{'&'.join(p for p in parts if p)}"
    for parts in __import__("itertools").product(
        ["", "leeftijd=15", "leeftijd=19", "leeftijd=24", "leeftijd=35"],
        ["", "startkwalificatie=ja", "startkwalificatie=nee"],
        ["", "situatie=op-school&schooltype=vmbo", "situatie=gestopt", "situatie=uitkering", "situatie=werkt"],
        ["", "zoekt=werk", "zoekt=school,geld"],
        ["", "gemeente=almere", "gemeente=hoorn"],
        ["", "kenmerk=tienermoeder", "kenmerk=pro,schulden"],
    )
]


def test_node_and_the_python_reading_agree_on_every_combination(real):
    results = node_judge(real, GRID)
    for query, js in zip(GRID, results):
        py = py_judge(real, state_of(query))
        assert js["passend"] == py["passend"], query
        assert [i for i, _ in js["afgevallen"]] == py["afgevallen"], query
        for aanbod_id, parts in js["bewijs"].items():
            b = beoordeel(next(o for o in real["aanbod"] if o["id"] == aanbod_id), state_of(query))
            assert parts["bewijsscore"] == b["score"] and parts["kern"] == b["kern"], (query, aanbod_id)
