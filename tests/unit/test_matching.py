"""Scoring of the wegwijzer (content/assets/javascripts/matching.js), tested without a browser.

matching.js runs under node; the same cases run against an independent Python reading
of the documented rules (/open-data/wegwijzer-json/, "Hoe de wegwijzer kiest"), so a
change to either that the other does not share shows up here.  Situations from the
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
            counts: r.counts, notes: parsed.notes};
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


# -- an independent Python reading of the rules ------------------------------------------

SITUATIE = {  # (young person's, offer's) -> 2 past, 1 onbekend; missing: past niet
    ("op-school", "op-school"): 2,
    ("op-school", "dreigt-uit-te-vallen"): 1,
    ("dreigt-uit-te-vallen", "dreigt-uit-te-vallen"): 2,
    ("dreigt-uit-te-vallen", "op-school"): 2,
    ("gestopt", "gestopt"): 2,
    ("werkt", "werkt"): 2,
    ("werkt", "gestopt"): 1,
    ("uitkering", "uitkering"): 2,
}
SCHOOLTYPE = {("vo", "vmbo"): 2, ("vo", "pro"): 1, ("vmbo", "vo"): 2, ("pro", "vo"): 1}


def _situatie(mine: list[str], theirs: list[str]) -> int:
    if not theirs:
        return 1
    best = 0
    for m in mine:
        for t in theirs:
            v = SITUATIE.get((m, t), 0)
            if not v and (m == "uitkering") != (t == "uitkering"):
                v = 1  # uitkering says nothing about school or work
            best = max(best, v)
    return best


def _schooltype(mine: str, theirs: list[str]) -> int:
    if not theirs:
        return 1
    return max(2 if t == mine else SCHOOLTYPE.get((mine, t), 0) for t in theirs)


def py_judge(data: dict, state: dict, jongeren: bool = False) -> dict:
    """Group, rank and reason per offer, read from the documented rules."""
    passend, af = [], []
    for o in data["aanbod"]:
        if jongeren and "jongeren" not in o["voor"]:
            continue
        fits = spec = unknown = 0
        reason = None
        verdicts = []  # (criterion, verdict) in the documented order
        if o["status"] == "gestopt" and not state.get("gestopt"):
            reason = "status"
        if state.get("gemeente"):
            verdicts.append(("gemeente", 2 if o.get("landelijk") or state["gemeente"] in o.get("gemeenten", []) else 0))
        if state.get("leeftijd") is not None:
            r = o.get("leeftijd")
            verdicts.append(
                ("leeftijd", 1 if not r else 0 if not r.get("min", 0) <= state["leeftijd"] <= r.get("max", 200) else 2)
            )
        if state.get("startkwalificatie"):
            sk = o.get("startkwalificatie")
            clash = (sk == "zonder" and state["startkwalificatie"] == "ja") or (
                sk == "met" and state["startkwalificatie"] == "nee"
            )
            verdicts.append(("startkwalificatie", 1 if not sk else 0 if clash else 2))
        at_school = any(s in ("op-school", "dreigt-uit-te-vallen") for s in state.get("situatie", []))
        if state.get("situatie"):
            verdicts.append(("situatie", _situatie(state["situatie"], o.get("situatie", []))))
        for_pupils = any(s in ("op-school", "dreigt-uit-te-vallen") for s in o.get("situatie", []))
        if state.get("schooltype") and at_school and for_pupils:
            verdicts.append(("schooltype", _schooltype(state["schooltype"], o.get("schooltype", []))))
        needs = sum(1 for z in state.get("zoekt", []) if z in o["helpt_bij"])
        if state.get("zoekt"):
            verdicts.append(("zoekt", 2 if needs else 0))
        for name, v in verdicts:
            if reason:
                break
            if v == 0:
                reason = name
            elif v == 1:
                unknown += 1
            elif name != "zoekt":
                fits += 1
                spec += name in ("situatie", "schooltype")
        kenmerken = sum(1 for k in state.get("kenmerk", []) if k in o.get("kenmerken", []))
        fits += needs + kenmerken
        spec += kenmerken
        if reason:
            af.append(o["id"])
        else:
            passend.append(
                ((-fits, -spec, unknown, o["naam"].lower(), o["id"]), o["id"], "misschien" if unknown else "past")
            )
    passend.sort()
    return {
        "passend": [[i, g] for _, i, g in passend],
        "afgevallen": sorted(
            af, key=lambda i: next((o["naam"].lower(), o["id"]) for o in data["aanbod"] if o["id"] == i)
        ),
    }


def state_of(query: str) -> dict:
    from urllib.parse import parse_qs

    q = {k: v[0] for k, v in parse_qs(query.lstrip("?")).items()}
    return {
        "leeftijd": int(q["leeftijd"]) if "leeftijd" in q else None,
        "startkwalificatie": q.get("startkwalificatie"),
        "situatie": q["situatie"].split(",") if "situatie" in q else [],
        "schooltype": q.get("schooltype"),
        "zoekt": q["zoekt"].split(",") if "zoekt" in q else [],
        "gemeente": q.get("gemeente"),
        "kenmerk": q["kenmerk"].split(",") if "kenmerk" in q else [],
        "gestopt": q.get("gestopt") == "1",
    }


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
    # known age first; the rest has one unknown and goes by name
    (
        "?leeftijd=24&gemeente=almere",
        [
            ("oud", "past"),
            ("land", "misschien"),
            ("leerling", "misschien"),
            ("mbo", "misschien"),
            ("met", "misschien"),
            ("moeder", "misschien"),
            ("open", "misschien"),
            ("pro", "misschien"),
            ("uitkering", "misschien"),
        ],
        {"rmc": "tot 23 jaar", "hoorn": "niet in Almere", "gestopt-aanbod": "gestopt"},
    ),
    (
        "?situatie=gestopt&zoekt=werk",
        [
            ("rmc", "past"),
            ("hoorn", "misschien"),
            ("land", "misschien"),
            ("met", "misschien"),
            ("open", "misschien"),
            ("oud", "misschien"),
            ("pro", "misschien"),
            ("uitkering", "misschien"),
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
    (
        "?startkwalificatie=nee&kenmerk=tienermoeder",
        [("moeder", "misschien"), ("rmc", "past")],
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
    assert case["in_top"] <= set(top) if case.get("alle") else case["in_top"] & set(top), (name, top)
    assert not case.get("niet_top10", set()) & set(ids(js, 10)), (name, ids(js, 10))
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
