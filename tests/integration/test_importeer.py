"""`kaart importeer`: a region's spreadsheet or HSDS feed as records; only rows that pass kaart check are written."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import json
import shutil
from pathlib import Path

import yaml

from kaart.records import importeer as imp
from support import ROOT
from support.redactie_fixtures import JONGERENTAAL, base_record, kaart, make_project

EXAMPLES = ROOT / "tests" / "hsds3-examples"
DATUM = "2026-06-01"
IMPORTBRON = {"titel": "Import uit lijst.csv", "onderdeel": "rij 2, ingelezen op 2026-06-01"}
COLUMNS = [
    "id",
    "naam",
    "aanbieder",
    "status",
    "soort",
    "fase",
    "helpt_bij",
    "voor",
    "werkgebied.gemeenten",
    "doelgroep.leeftijd.min",
    "jongerentaal.wat_is_het",
    "jongerentaal.is_het_voor_mij",
    "jongerentaal.wat_krijg_je",
    "jongerentaal.hoe_begin_je",
    "beschrijving",
    "toegang.kosten",
    "contact.email",
]


def _row(**changes) -> list[str]:
    row = {
        "id": "",
        "naam": "Werkcoach Almere",
        "aanbieder": "Organisatie B",  # a name the kaart does not know: a new organisation
        "status": "beschreven",
        "soort": "Coaching",  # a label: mapped onto the id
        "fase": "begeleiding",
        "helpt_bij": "werk; School",
        "voor": "jongeren",
        "werkgebied.gemeenten": "almere",
        "doelgroep.leeftijd.min": "",
        **{f"jongerentaal.{k}": v for k, v in JONGERENTAAL.items()},
        "beschrijving": "Een werkcoach begeleidt jongeren naar werk, zoals de lijst van de regio het beschrijft.",
        "toegang.kosten": "",
        "contact.email": "",
    }
    row.update(changes)
    return [row[c] for c in COLUMNS]


def _project(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "p", [base_record("bestaand")])
    return root


def _csv(path: Path, rows: list[list[str]], delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=delimiter).writerows([COLUMNS, *rows])
    return path


def _files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in (root / "aanbod").rglob("*") if p.is_file()}


def test_csv_rows_that_pass_are_written_and_bad_rows_listed_with_file_row_column(tmp_path):
    root = _project(tmp_path)
    before = _files(root)
    _csv(
        root / "lijst.csv",
        [
            _row(),
            _row(naam="Cursus", soort="cursus"),
            _row(naam="Mailcoach", **{"contact.email": "info@@example"}),
            _row(id="bestaand", naam="Bestaand"),
            _row(naam="Leeftijd", **{"doelgroep.leeftijd.min": "zestien"}),
        ],
        delimiter=";",  # as a Dutch Excel saves it
    )
    proc = kaart("importeer", "lijst.csv", "--datum", DATUM, cwd=root)
    assert proc.returncode == 1  # some rows were left out
    assert "Traceback" not in proc.stderr
    out = proc.stdout
    assert (
        "lijst.csv:3:soort: 'cursus' staat niet in de lijst 'soort' — kies uit: traject, opleiding, coaching, "
        "bemiddeling, loket, stage, werkervaringsplek, activiteit, werkwijze, overleg, instrument"
    ) in out
    assert (
        "lijst.csv:4:contact.email: 'info@@example' heeft niet de goede vorm — schrijf een e-mailadres zoals "
        "naam@organisatie.nl"
    ) in out
    assert (
        "lijst.csv:5:id: aanbod 'bestaand' bestaat al (aanbod/bestaand.yml) en blijft zoals het is — gebruik "
        "--bijwerken om alleen de velden te veranderen die verschillen"
    ) in out
    assert "lijst.csv:6:doelgroep.leeftijd.min: 'zestien' is geen heel getal — schrijf een leeftijd als 16" in out
    assert "kaart importeer: 1 aanbod en 1 organisaties geschreven, 4 niet ingelezen." in out
    # only the good row and its new organisation: nothing for the bad rows, no staging folder left behind
    assert _files(root) - before == {"aanbod/werkcoach-almere.yml", "aanbod/organisaties/organisatie-b.yml"}
    assert not list(root.glob(".kaart-importeer-*"))
    record = yaml.safe_load((root / "aanbod" / "werkcoach-almere.yml").read_text(encoding="utf-8"))
    assert record["soort"] == "coaching" and record["helpt_bij"] == ["werk", "school"]
    assert record["aanbieder"] == "organisatie-b"
    assert record["bronnen"] == [IMPORTBRON]
    org = yaml.safe_load((root / "aanbod" / "organisaties" / "organisatie-b.yml").read_text(encoding="utf-8"))
    assert org["naam"] == "Organisatie B" and org["bronnen"][0]["titel"] == "Import uit lijst.csv"
    assert kaart("check", cwd=root).returncode == 0


def test_unknown_values_get_a_suggestion_and_unknown_columns_are_named():
    from kaart.project import Project

    vocab = Project(ROOT).vocab
    assert imp.vocab_waarde(vocab, "gemeente", "Bergen (NH)") == ("bergen-nh", "")
    waarde, fout = imp.vocab_waarde(vocab, "gemeente", "Almeer")
    assert waarde is None and fout.startswith("'Almeer' staat niet in de lijst 'gemeente' — bedoel je 'almere'? ")
    (melding,) = imp.kolom_meldingen("lijst.csv", ["naam", "sort"], ["naam", "soort"])
    assert str(melding) == (
        "lijst.csv:1:sort: onbekende kolom (kolom 2); de waarden worden niet gelezen — bedoel je 'soort'? "
        "gebruik de kolomnamen van aanbod.csv uit kaart export"
    )


def test_xlsx_made_in_the_test_imports_the_same_way(tmp_path):
    import openpyxl

    root = _project(tmp_path)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(COLUMNS)
    sheet.append(_row(**{"doelgroep.leeftijd.min": 16}))
    sheet.append(_row(naam="Andere coach", fase="begleiding"))
    book.save(root / "lijst.xlsx")
    proc = kaart("importeer", "lijst.xlsx", "--datum", DATUM, cwd=root)
    assert "lijst.xlsx:3:fase: 'begleiding' staat niet in de lijst 'fase' — bedoel je 'begeleiding'?" in proc.stdout
    record = yaml.safe_load((root / "aanbod" / "werkcoach-almere.yml").read_text(encoding="utf-8"))
    assert record["doelgroep"]["leeftijd"] == {"min": 16}  # a number cell stays a whole number
    assert record["doelgroep"]["bronnen"]["leeftijd"] == {
        "titel": "Import uit lijst.xlsx",
        "onderdeel": "rij 2, kolom doelgroep.leeftijd.min, ingelezen op 2026-06-01",
        "citaat": "doelgroep.leeftijd.min: 16",
    }
    assert not (root / "aanbod" / "andere-coach.yml").exists()


def test_bijwerken_changes_only_the_fields_that_differ_and_shows_the_diff(tmp_path):
    root = _project(tmp_path)
    path = root / "aanbod" / "bestaand.yml"
    path.write_text("# een opmerking van de redactie\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    before = yaml.safe_load(path.read_text(encoding="utf-8"))
    changed = _row(id="bestaand", naam="Bestaand", aanbieder="org-a", soort="coaching", **{"toegang.kosten": "Gratis."})
    same = dict(zip(COLUMNS, changed))
    same.update({"helpt_bij": "werk", "beschrijving": before["beschrijving"]})
    _csv(root / "lijst.csv", [[same[c] for c in COLUMNS]])
    proc = kaart("importeer", "lijst.csv", "--bijwerken", "--datum", DATUM, cwd=root)
    assert proc.returncode == 0, proc.stdout
    assert "+toegang:\n+  kosten: Gratis." in proc.stdout and "Bijgewerkt: aanbod/bestaand.yml" in proc.stdout
    after = path.read_text(encoding="utf-8")
    assert after.startswith("# een opmerking van de redactie\n")
    record = yaml.safe_load(after)
    assert record["toegang"] == {"kosten": "Gratis."}
    assert record["bronnen"] == before["bronnen"] + [IMPORTBRON]
    assert {k: v for k, v in record.items() if k not in ("toegang", "bronnen")} == {
        k: v for k, v in before.items() if k != "bronnen"
    }
    # the same list again changes nothing
    proc = kaart("importeer", "lijst.csv", "--bijwerken", "--datum", DATUM, cwd=root)
    assert "aanbod/bestaand.yml: ongewijzigd" in proc.stdout and path.read_text(encoding="utf-8") == after


def _empty_project(tmp_path: Path) -> Path:
    root = tmp_path / "leeg"
    for part in ("schemas", "content"):
        shutil.copytree(ROOT / part, root / part)
    (root / "aanbod").mkdir()
    return root


def _same_values(root: Path, bron: str) -> None:
    for path in [*(ROOT / "aanbod").glob("*.yml"), *(ROOT / "aanbod" / "organisaties").glob("*.yml")]:
        rel = path.relative_to(ROOT)
        original = yaml.safe_load(path.read_text(encoding="utf-8"))
        imported = yaml.safe_load((root / rel).read_text(encoding="utf-8"))
        assert imported["bronnen"][-1]["titel"] == f"Import uit {bron}", rel
        imported["bronnen"].pop()  # the one source the import adds
        assert imported == original, rel


def test_round_trip_export_csv_then_importeer_gives_the_same_records(tmp_path):
    assert kaart("export", str(tmp_path / "export")).returncode == 0
    root = _empty_project(tmp_path)
    data = tmp_path / "export" / "data"
    proc = kaart("importeer", str(data / "aanbod.csv"), str(data / "organisaties.csv"), "--datum", DATUM, cwd=root)
    assert proc.returncode == 0, proc.stdout
    assert kaart("check", cwd=root).returncode == 0
    for path in (ROOT / "aanbod").glob("*.yml"):
        original = yaml.safe_load(path.read_text(encoding="utf-8"))
        imported = yaml.safe_load((root / "aanbod" / path.name).read_text(encoding="utf-8"))
        assert imported["bronnen"].pop()["titel"] == "Import uit aanbod.csv"
        assert imported == original, path.name
    for path in (ROOT / "aanbod" / "organisaties").glob("*.yml"):
        original = yaml.safe_load(path.read_text(encoding="utf-8"))
        imported = yaml.safe_load((root / "aanbod" / "organisaties" / path.name).read_text(encoding="utf-8"))
        assert imported["bronnen"].pop()["titel"] == "Import uit organisaties.csv"
        assert imported == original, path.name


def test_round_trip_through_our_own_hsds_feed(tmp_path):
    assert kaart("export", str(tmp_path / "export")).returncode == 0
    root = _empty_project(tmp_path)
    proc = kaart("importeer", str(tmp_path / "export" / "data" / "hsds"), "--datum", DATUM, cwd=root)
    assert proc.returncode == 0, proc.stdout
    assert kaart("check", cwd=root).returncode == 0
    _same_values(root, "services.json")


def test_the_official_hsds_examples_are_read_and_what_our_records_need_besides_is_named(tmp_path):
    service = json.loads((EXAMPLES / "service_full.json").read_text(encoding="utf-8"))
    (rij,) = imp.hsds_rijen("service_full.json", service, dt.date(2026, 6, 1))
    d = rij.data
    assert d["id"] == "community-counselling" and d["naam"] == "Community Counselling"
    assert d["beschrijving"] == service["description"]
    assert d["aanbieder"] == "example-organization-inc"
    assert d["contact"]["website"] == "http://example.com/counselling"
    assert d["contact"]["email"] == "email@example.com"
    assert d["contact"]["telefoon"] == "+44 1234 234567"  # the example's quotes around the number dropped
    assert d["doelgroep"]["leeftijd"] == {"min": 12, "max": 100}
    assert d["toegang"]["kosten"] == service["fees_description"]
    assert rij.organisaties[0]["naam"] == "Example Organization Inc."

    root = _project(tmp_path)
    before = _files(root)
    for name in ("service_full.json", "service_list.json", "organization_full.json"):
        shutil.copy(EXAMPLES / name, root / name)
    for where in ("service_full.json:$", "service_list.json:contents[0]", "organization_full.json:services[0]"):
        proc = kaart("importeer", where.split(":")[0], cwd=root)  # the three hold the same service
        out = proc.stdout
        assert proc.returncode == 1 and "Traceback" not in proc.stderr
        assert f"{where}.attributes: verplicht veld ontbreekt — voeg `soort:` toe (Soort)" in out
        assert "(in de feed: een attribute met een term uit de taxonomie sociale-kaart-16-27:soort)" in out
        assert f"{where}.x_jongerentaal: verplicht veld ontbreekt — voeg `jongerentaal:` toe" in out
        assert f"{where}.maximum_age: 100 ligt buiten 0–99" in out
    assert _files(root) == before  # nothing half-written

    # the same service with what our profile adds (taxonomy terms, youth text, gemeente) is written
    completed = copy.deepcopy(service)
    completed["maximum_age"] = 27
    completed["attributes"] = [
        {"taxonomy_term": {"taxonomy": f"sociale-kaart-16-27:{name}", "code": code}, "value": code}
        for name, code in (
            ("soort", "coaching"),
            ("fase", "begeleiding"),
            ("helpt_bij", "welzijn"),
            ("voor", "jongeren"),
        )
    ]
    completed["service_areas"] = [{"id": "x", "name": "Almere", "x_gemeente": "almere"}]
    completed["x_jongerentaal"] = JONGERENTAAL
    broken_org = copy.deepcopy(completed)
    broken_org["organization"]["email"] = "info@@example"
    (root / "organisatie-fout.json").write_text(json.dumps(broken_org), encoding="utf-8")
    proc = kaart("importeer", "organisatie-fout.json", "--datum", DATUM, cwd=root)
    assert (
        "organisatie-fout.json:$.organization.email: de organisatie, contact.email: 'info@@example' heeft niet de "
        "goede vorm"
    ) in proc.stdout
    assert "(in de feed: een attribute" not in proc.stdout  # the service itself is complete
    assert _files(root) == before
    (root / "aangevuld.json").write_text(json.dumps(completed), encoding="utf-8")
    proc = kaart("importeer", "aangevuld.json", "--datum", DATUM, cwd=root)
    assert proc.returncode == 0, proc.stdout
    assert _files(root) - before == {
        "aanbod/community-counselling.yml",
        "aanbod/organisaties/example-organization-inc.yml",
    }
    record = yaml.safe_load((root / "aanbod" / "community-counselling.yml").read_text(encoding="utf-8"))
    assert record["bronnen"] == [{"titel": "Import uit aangevuld.json", "onderdeel": "$, ingelezen op 2026-06-01"}]
    assert record["doelgroep"]["bronnen"]["leeftijd"]["citaat"] == "minimum_age: 12, maximum_age: 27"
    assert kaart("check", cwd=root).returncode == 0


def _table(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_an_hsds_tabular_data_package_imports_row_by_row(tmp_path):
    root = _project(tmp_path)
    feed = tmp_path / "feed"
    feed.mkdir()
    youth = json.dumps(JONGERENTAAL, ensure_ascii=False)
    service = {
        "id": "s1",
        "organization_id": "o1",
        "name": "Werkplaats Noord",
        "description": "Een werkplaats waar jongeren een vak leren, zoals de feed van de regio het beschrijft.",
        "status": "active",
        "minimum_age": "16",
        "maximum_age": "23",
        "x_jongerentaal": youth,
    }
    _table(feed / "services.csv", [service, {**service, "id": "s2", "name": "Kort", "description": "Te kort."}])
    _table(feed / "organizations.csv", [{"id": "o1", "name": "Stichting Voorbeeld", "description": "Een stichting."}])
    _table(feed / "phones.csv", [{"id": "p1", "service_id": "s1", "number": "0000 000000"}])
    _table(
        feed / "service_areas.csv",
        [{"id": "a1", "service_id": s, "name": "Almere", "x_gemeente": "almere"} for s in ("s1", "s2")],
    )
    _table(
        feed / "taxonomy_terms.csv",
        [
            {"id": f"t-{code}", "code": code, "name": code, "taxonomy": f"sociale-kaart-16-27:{name}"}
            for name, code in (("soort", "stage"), ("fase", "begeleiding"), ("helpt_bij", "werk"), ("voor", "jongeren"))
        ],
    )
    _table(
        feed / "attributes.csv",
        [
            {
                "id": f"{s}-{code}",
                "link_id": s,
                "link_type": code,
                "link_entity": "service",
                "taxonomy_term_id": f"t-{code}",
            }
            for s in ("s1", "s2")
            for code in ("stage", "begeleiding", "werk", "jongeren")
        ],
    )
    names = ("services", "organizations", "phones", "service_areas", "taxonomy_terms", "attributes")
    package = {"name": "feed", "resources": [{"name": n, "path": f"{n}.csv"} for n in names]}
    (feed / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")

    proc = kaart("importeer", str(feed), "--datum", DATUM, cwd=root)
    assert "services.csv:3:description: is leeg of te kort — vul het veld in (het is verplicht)" in proc.stdout
    record = yaml.safe_load((root / "aanbod" / "werkplaats-noord.yml").read_text(encoding="utf-8"))
    assert (
        record["soort"] == "stage"
        and record["helpt_bij"] == ["werk"]
        and record["werkgebied"] == {"gemeenten": ["almere"]}
    )
    assert record["doelgroep"]["leeftijd"] == {"min": 16, "max": 23}
    assert record["contact"]["telefoon"] == "0000 000000"
    assert record["aanbieder"] == "stichting-voorbeeld"
    assert record["bronnen"] == [{"titel": "Import uit services.csv", "onderdeel": "rij 2, ingelezen op 2026-06-01"}]
    assert not (root / "aanbod" / "kort.yml").exists()
    assert kaart("check", cwd=root).returncode == 0
