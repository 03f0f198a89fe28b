"""Who an offer is for: every eligibility fact in the records names its source passage, in the source's own words."""

from __future__ import annotations

import re

import pytest

from kaart.check.checker import check_project
from kaart.doelgroep import FEITEN, citaat_stukken, ingevulde_feiten
from kaart.text import inline
from support import SEEDS, needs_seeds
from support.redactie_fixtures import kaart, make_project


@pytest.fixture(scope="module")
def records(project):
    result, checked = check_project(project)
    assert result.ok
    return checked.aanbod


def _key(text: str) -> str:
    """Compare text as words only: the PDFs' text breaks lines and hyphenates words anywhere ("startk-\\nwalificatie")."""
    return re.sub(r"[\s\-\u00ad]+", "", text)


def test_the_comparison_survives_line_breaks_but_not_other_words():
    seed = _key("Begeleiding van jongeren zonder startk-\nwalificatie naar en op de arbeidsmarkt.")
    assert _key("jongeren zonder startkwalificatie naar en op de arbeidsmarkt") in seed
    assert _key("jongeren met een startkwalificatie") not in seed


def test_every_filled_eligibility_fact_has_a_source_reference(records, project):
    missing = []
    for a in records.values():
        for feit in ingevulde_feiten(a):
            bron = a.doelgroep_bronnen.get(feit, {})
            if not (
                bron.get("onderdeel")
                and bron.get("citaat")
                and (bron.get("document") in project.vocab["document"] or bron.get("titel"))
            ):
                missing.append(f"{a.id}: {feit}")
        missing += [
            f"{a.id}: bron zonder feit {feit}" for feit in a.doelgroep_bronnen if feit not in ingevulde_feiten(a)
        ]
    assert missing == []


def test_most_records_now_say_which_situation_they_serve(records):
    """Issue 11 measured 0 of 33 records with a situation; the sources state it for most offers.

    Issue 19 took three back that rested on a general sentence or an example (atc-eduvier,
    choose2improve-almere, warme-overdrachtsoverleg): half of the records still say it."""
    with_situatie = [a.id for a in records.values() if a.situatie]
    assert len(with_situatie) >= len(records) // 2, with_situatie


@pytest.mark.parametrize(
    "aanbod_id, feit, waarde",
    [
        (
            "werk-en-inkomen",
            "situatie",
            ("uitkering",),
        ),  # "W&I is er in principe voor jongeren die een uitkering hebben"
        ("rmc-bemiddeling", "leeftijd", (None, 22)),  # "jongeren tot 23 jaar"
        ("jongerencoach-18-plus", "leeftijd", (18, None)),  # "18+ coaching project"
        ("jongerencoach-18-plus", "situatie", ("dreigt-uit-te-vallen",)),
        ("oke-op-school", "schooltype", ("po", "vo")),  # "basisscholen en middelbare scholen"
        ("almere-on-stage", "schooltype", ("vmbo",)),
        ("flevodrome", "leeftijd", (15, 23)),
        ("choose2improve-almere", "leeftijd", (None, None)),  # the age belongs to the national programme only
    ],
)
def test_facts_the_almere_report_states_in_words(records, aanbod_id, feit, waarde):
    a = records[aanbod_id]
    got = (a.leeftijd_min, a.leeftijd_max) if feit == "leeftijd" else getattr(a, feit)
    assert got == waarde


@needs_seeds
def test_every_citaat_is_the_sources_own_words(records, project):
    seeds = {}
    for term in project.vocab["document"]:
        files = sorted(SEEDS.glob(f"{term.extra['x-seed']}_*.txt"))
        if files:
            seeds[term.id] = _key(files[0].read_text(encoding="utf-8", errors="replace"))
    not_found = []
    checked = 0
    for a in records.values():
        for feit, bron in a.doelgroep_bronnen.items():
            if "document" not in bron:
                continue  # another source than the five project documents: an editor checks it
            for stuk in citaat_stukken(bron["citaat"]):
                checked += 1
                if _key(stuk) not in seeds[bron["document"]]:
                    not_found.append(f"{a.id} {feit}: {stuk}")
    assert not_found == []
    assert checked >= 50


def test_kaart_nieuw_refuses_a_fact_without_the_sources_words(tmp_path):
    from support.redactie_fixtures import NIEUW_FLAGS

    project = make_project(tmp_path, [])
    proc = kaart(
        "--root",
        str(project),
        "nieuw",
        "--geen-vragen",
        *NIEUW_FLAGS,
        "--gemeenten",
        "almere",
        "--situatie",
        "gestopt",
        "--bron-document",
        "verwey-jonker-almere-2016",
        "--bron-onderdeel",
        "Tabel 3",
    )
    assert proc.returncode == 2
    assert "--situatie-citaat ontbreekt" in proc.stderr and "Traceback" not in proc.stderr
    assert list((project / "aanbod").glob("*.yml")) == []


def test_a_fact_the_schema_knows_is_a_fact_the_rule_knows(project):
    import json

    schema = json.loads((project.schemas_dir / "aanbod.schema.json").read_text(encoding="utf-8"))
    doelgroep = schema["properties"]["doelgroep"]["properties"]
    assert tuple(doelgroep["bronnen"]["properties"]) == FEITEN
    assert all(feit in doelgroep for feit in FEITEN)


def _voor_wie(project, records, aanbod_id) -> dict[str, str]:
    from kaart.model import Kaart
    from kaart.pages.site import SiteRenderer

    page = SiteRenderer(Kaart(aanbod=dict(records)), project).aanbod_page(records[aanbod_id])
    table = page.split("### Voor wie", 1)[1].split("###", 1)[0]
    return {
        cells[1].strip(): cells[2].strip()
        for cells in (row.split("|") for row in table.splitlines() if row.startswith("| ") and row.count("|") == 3)
    }


def test_the_offer_page_shows_each_fact_with_its_source(project, records):
    rows = _voor_wie(project, records, "flevodrome")
    assert rows["Leeftijd"] == (
        "15 t/m 23 jaar · Verwey-Jonker (2016), Tabel 3 · "
        "“Ondersteuning en begeleiding van jongeren 15-23 jaar met veel en zware problematiek”"
    )
    assert rows["Situatie"] == "niet bekend in de bron"
    assert rows["Schooltype"] == "niet bekend in de bron"


def test_every_offer_page_says_per_fact_where_it_comes_from_or_that_it_is_unknown(project, records):
    for a in records.values():
        rows = _voor_wie(project, records, a.id)
        for feit, kop in (
            ("leeftijd", "Leeftijd"),
            ("startkwalificatie", "Startkwalificatie"),
            ("situatie", "Situatie"),
            ("kenmerken", "Speciaal voor"),
        ):
            bron = a.doelgroep_bronnen.get(feit)
            if bron:
                # all sources of the real records are the Almere report, cited by table or paragraph
                assert f" · Verwey-Jonker (2016), {bron['onderdeel']} · “" in rows[kop], (a.id, feit)
                assert inline(bron["citaat"][:30]) in rows[kop], (a.id, feit)  # escaped as the page escapes text
            else:
                assert rows[kop] == "niet bekend in de bron", (a.id, feit)


def test_no_school_type_row_for_an_offer_that_is_not_for_pupils(project, records):
    rows = _voor_wie(project, records, "werk-en-inkomen")
    assert rows["Situatie"].startswith("heeft een uitkering · Verwey-Jonker (2016), Tabel 2 en 3 · ")
    assert "Schooltype" not in rows
    assert _voor_wie(project, records, "oke-op-school")["Schooltype"].startswith(
        "basisschool (po), voortgezet onderwijs (vo) · "
    )


# -- kaart rapport: an age or situation in words while the field is empty -----------------------
def _offer(**doelgroep_en_tekst):
    from kaart.model import Aanbod
    from support.redactie_fixtures import base_record

    jongerentaal = doelgroep_en_tekst.pop("jongerentaal", None)
    beschrijving = doelgroep_en_tekst.pop("beschrijving", None)
    record = base_record("proef", doelgroep=doelgroep_en_tekst)
    if jongerentaal:
        record["jongerentaal"] = {**record["jongerentaal"], **jongerentaal}
    if beschrijving:
        record["beschrijving"] = beschrijving
    return Aanbod.from_dict(record)


BRON = {"document": "verwey-jonker-almere-2016", "onderdeel": "Tabel 3"}


@pytest.mark.parametrize(
    "offer, found",
    [
        (
            _offer(voorwaarden="Voor jongeren van 15 tot en met 23 jaar met zware problemen."),
            ["leeftijd: '15 tot en met 23 jaar' in doelgroep.voorwaarden"],
        ),
        (
            _offer(
                leeftijd={"min": 15, "max": 23},
                voorwaarden="Voor jongeren van 15 tot en met 23 jaar.",
                bronnen={"leeftijd": {**BRON, "citaat": "jongeren 15-23 jaar"}},
            ),
            [],
        ),
        (
            _offer(beschrijving="Een 18+ coach voor jongeren; de begeleiding duurt tot 2 jaar na school (sinds 2016)."),
            ["leeftijd: '18+' in beschrijving"],
        ),
        (_offer(beschrijving="De begeleiding duurt tot 2 jaar, sinds 2016, voor 30 professionals."), []),
        (
            _offer(jongerentaal={"is_het_voor_mij": "Zit je op school en verzuim je vaak? Dan is het voor jou."}),
            [
                "situatie op-school: 'Zit je op school' in jongerentaal.is_het_voor_mij",
                "situatie dreigt-uit-te-vallen: 'verzuim' in jongerentaal.is_het_voor_mij",
            ],
        ),
        (
            _offer(
                kenmerken=["meervoudige-problemen"],
                bronnen={
                    "kenmerken": {**BRON, "citaat": "W&I is er in principe voor jongeren die een uitkering hebben"}
                },
            ),
            ["situatie uitkering: 'uitkering' in doelgroep.bronnen.kenmerken.citaat"],
        ),
        (
            _offer(
                situatie=["uitkering"],
                voorwaarden="Voor jongeren met een uitkering.",
                bronnen={"situatie": {**BRON, "citaat": "jongeren die een uitkering hebben"}},
            ),
            [],
        ),
        (_offer(beschrijving="Jongeren in Entreeklassen zeggen dat de hulp op school goed is."), []),
        (_offer(), []),  # the fixture's own texts ("Heb je geen werk en geen school?") state no age or situation
    ],
)
def test_the_worklist_finds_ages_and_situations_stated_in_words(offer, found):
    from kaart.doelgroep import in_woorden

    assert in_woorden(offer) == found


def test_kaart_rapport_lists_the_record_whose_text_states_an_age(tmp_path):
    from support.redactie_fixtures import base_record

    records = [
        base_record("leeftijd-in-tekst", doelgroep={"voorwaarden": "Alleen voor jongeren tot 23 jaar."}),
        base_record("niets-in-tekst"),
    ]
    project = make_project(tmp_path, records)
    proc = kaart("--root", str(project), "rapport", "--datum", "2026-06-01")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    header = lines[0].split()
    row = next(line for line in lines if line.startswith("leeftijd-in-tekst "))
    assert header[-1] == "doelgroep" and row.rstrip().endswith("x")
    assert not next(line for line in lines if line.startswith("niets-in-tekst ")).rstrip().endswith("x  x")
    assert "Leeftijd of situatie staat in de tekst, niet in de velden: 1" in proc.stdout
    assert "  aanbod/leeftijd-in-tekst.yml: leeftijd: 'tot 23 jaar' in doelgroep.voorwaarden" in lines


# -- open data ---------------------------------------------------------------------------------
def test_hsds_and_csv_carry_situation_school_type_and_the_source_of_each_fact(project, records):
    import csv
    import io
    import json

    from kaart.export.tables import export_files
    from kaart.model import Kaart

    checked = Kaart(aanbod=dict(records), organisaties=check_project(project)[1].organisaties)
    files = export_files(project, checked)
    services = {s["x_id"]: s for s in json.loads(files["data/hsds/services.json"])["contents"]}
    oke = services["oke-op-school"]
    assert {(a["link_type"], a["value"]) for a in oke["attributes"]} >= {
        ("situatie", "op-school"),
        ("schooltype", "po"),
        ("schooltype", "vo"),
    }
    assert (
        "Situatie van de jongere: zit op school. Schooltype: basisschool (po), voortgezet onderwijs (vo)."
        in oke["eligibility_description"]
    )
    wi = services["werk-en-inkomen"]["x_doelgroep_bronnen"]["situatie"]
    assert wi["citaat"] == "W&I is er in principe voor jongeren die een uitkering hebben"
    assert (wi["onderdeel"], wi["jaar"]) == ("Tabel 2 en 3", 2016) and wi["titel"].startswith(
        "Almeerse jongeren van 23-27 jaar"
    )
    assert "x_doelgroep_bronnen" not in services["leerwerkloket-nhn"], "no fact, no source: 'niet bekend in de bron'"
    terms = {(t["taxonomy"], t["code"]) for t in json.loads(files["data/hsds/taxonomy_terms.json"])["contents"]}
    assert ("sociale-kaart-16-27:situatie", "uitkering") in terms and ("sociale-kaart-16-27:schooltype", "pro") in terms
    row = next(
        r
        for r in csv.DictReader(io.StringIO(files["data/aanbod.csv"].decode("utf-8-sig")))
        if r["id"] == "matching-talents"
    )
    assert (row["doelgroep.situatie"], row["doelgroep.schooltype"]) == ("dreigt-uit-te-vallen", "vo; mbo")
    assert (
        json.loads(row["doelgroep.bronnen"])["schooltype"]["citaat"]
        == "risicojongeren in het voortgezet onderwijs en MBO-onderwijs"
    )
