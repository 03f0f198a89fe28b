"""Open data: JSON and CSV give back every record exactly; the HSDS 3.0 export validates."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kaart.check.checker import check_project
from kaart.export.tables import AANBOD_COLUMNS, ORGANISATIE_COLUMNS, SCHEMA_VERSION, export_files, from_csv, hsds_id
from kaart.project import Project
from kaart.records.loading import load_file
from support.redactie_fixtures import ROOT, base_record, make_project

# The official HSDS 3.0 schemas (CC BY-SA 4.0) travel with the tests; KAART_HSDS_SCHEMA points at another copy.
HSDS_SCHEMAS = Path(os.environ.get("KAART_HSDS_SCHEMA", ROOT / "tests" / "hsds3-schema"))


@pytest.fixture(scope="module")
def real():
    project = Project(ROOT)
    result, kaart = check_project(project)
    assert result.ok
    return project, kaart, export_files(project, kaart)


def _yaml_records(project: Project, paths) -> dict[str, dict]:
    return {p.stem: load_file(p, project.rel(p)).data for p in paths}


def _as_written(record: dict) -> dict:
    """A kaart.json record without the two fields the build adds (pagina, hsds)."""
    return {k: v for k, v in record.items() if k not in ("pagina", "hsds", "schema_version", "licentie")}


def test_json_holds_every_record_exactly_as_written(real):
    project, _, files = real
    data = json.loads(files["data/kaart.json"])
    assert data["schema_version"] == SCHEMA_VERSION
    assert {r["id"]: _as_written(r) for r in data["aanbod"]} == _yaml_records(project, project.aanbod_files())
    assert {r["id"]: _as_written(r) for r in data["organisaties"]} == _yaml_records(
        project, project.organisatie_files()
    )


def test_csv_round_trips_every_record(real):
    project, _, files = real
    for name, paths, columns in (
        ("aanbod", project.aanbod_files(), AANBOD_COLUMNS),
        ("organisaties", project.organisatie_files(), ORGANISATIE_COLUMNS),
    ):
        text = files[f"data/{name}.csv"].decode("utf-8-sig")
        assert next(csv.reader(io.StringIO(text))) == columns
        assert {r["id"]: r for r in from_csv(text)} == _yaml_records(project, paths), name


def test_csv_defuses_spreadsheet_formulas_and_still_round_trips(tmp_path):
    record = base_record(
        "formule",
        beschrijving='=HYPERLINK("https://example.org") staat hier als tekst, niet als formule.',
        contact={
            "telefoon": "+31 20 123 4567",
            "bronnen": {"telefoon": {"bevestigd": "2026-03-01", "door": "receptie, per telefoon"}},
        },
        trefwoorden=["-min", "gewoon"],
    )
    project = make_project(tmp_path, [record])
    result, kaart = check_project(Project(project))
    assert result.ok, [p.message() for p in result.errors]
    text = export_files(Project(project), kaart)["data/aanbod.csv"].decode("utf-8-sig")
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["beschrijving"].startswith("'=")
    assert row["contact.telefoon"].startswith("'+")
    assert from_csv(text) == [record]


# -- HSDS 3.0 -------------------------------------------------------------------
def _hsds_validator(table: str):
    if not HSDS_SCHEMAS.is_dir():
        message = f"HSDS 3.0-schema's niet gevonden in {HSDS_SCHEMAS} (zet KAART_HSDS_SCHEMA)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    from jsonschema import Draft202012Validator, FormatChecker
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    base = "https://hsds.invalid/schema/"
    registry = Registry().with_resources(
        (
            base + f.name,
            Resource.from_contents(json.loads(f.read_text(encoding="utf-8")), default_specification=DRAFT202012),
        )
        for f in HSDS_SCHEMAS.glob("*.json")
    )
    return Draft202012Validator({"$ref": base + table}, registry=registry, format_checker=FormatChecker())


@pytest.mark.parametrize(
    "filename, table",
    [
        ("services.json", "service.json"),
        ("organizations.json", "organization.json"),
        ("taxonomies.json", "taxonomy.json"),
        ("taxonomy_terms.json", "taxonomy_term.json"),
    ],
)
def test_hsds_export_validates_against_the_hsds_3_schemas(real, filename, table):
    _, kaart, files = real
    page = json.loads(files[f"data/hsds/{filename}"])
    validator = _hsds_validator(table)
    errors = [
        f"{item.get('x_id', item.get('code'))}: {list(e.absolute_path)} {e.message}"
        for item in page["contents"]
        for e in validator.iter_errors(item)
    ]
    assert errors == []
    assert page["total_items"] == len(page["contents"]) > 0
    if filename == "services.json":
        assert len(page["contents"]) == len(kaart.aanbod)


def test_hsds_validator_rejects_a_broken_service(real):
    """The schema check has teeth: our own ids are not UUIDs, and status must be an HSDS value."""
    _, _, files = real
    service = json.loads(files["data/hsds/services.json"])["contents"][0]
    validator = _hsds_validator("service.json")
    assert list(validator.iter_errors({**service, "id": service["x_id"]}))
    assert list(validator.iter_errors({**service, "status": service["x_status"]}))


def test_hsds_maps_age_eligibility_area_and_youth_text(tmp_path):
    record = base_record(
        "hsds-proef",
        doelgroep={
            "leeftijd": {"min": 17, "max": 23},
            "startkwalificatie": "zonder",
            "kenmerken": ["schulden"],
            "voorwaarden": "Met een uitkering van de gemeente.",
        },
        werkgebied={"regio": ["west-friesland"], "gemeenten": ["almere"]},
        nazorg={"geboden": True},
        status="bevestigd",
        laatst_gecontroleerd="2026-03-01",
    )
    project = Project(make_project(tmp_path, [record]))
    _, kaart = check_project(project)
    service = json.loads(export_files(project, kaart)["data/hsds/services.json"])["contents"][0]
    assert (service["minimum_age"], service["maximum_age"]) == (17, 23)
    assert service["eligibility_description"] == (
        "Zonder startkwalificatie. Speciaal voor: schulden. Met een uitkering van de gemeente."
    )
    assert [a["name"] for a in service["service_areas"]] == ["West-Friesland", "Almere"]
    assert "hoorn" in service["service_areas"][0]["x_gemeenten"]
    assert service["x_jongerentaal"] == record["jongerentaal"]
    assert service["x_nazorg"] == {"geboden": True}
    assert service["status"] == "active" and "alert" not in service
    assert service["assured_date"] == "2026-03-01"


def test_hsds_says_an_unconfirmed_service_is_only_described_in_a_source(tmp_path):
    """HSDS has no 'described in 2016': the service is active with an alert naming the source year."""
    project = Project(make_project(tmp_path, [base_record("alleen-beschreven", status="beschreven")]))
    _, kaart = check_project(project)
    service = json.loads(export_files(project, kaart)["data/hsds/services.json"])["contents"][0]
    assert service["status"] == "active" and service["x_status"] == "beschreven"
    assert service["alert"] == "Volgens een bron uit 2025 · nooit bevestigd door de aanbieder."
    assert "assured_date" not in service


def test_open_data_is_published_at_the_documented_urls(built_site):
    page = (ROOT / "content" / "open-data" / "index.md").read_text(encoding="utf-8")
    for rel in (
        "data/kaart.json",
        "data/aanbod.csv",
        "data/organisaties.csv",
        "data/hsds/services.json",
        "data/hsds/organizations.json",
        "data/hsds/index.json",
    ):
        assert (built_site / rel).is_file(), rel
        assert rel in page, f"{rel} staat niet op de open-data-pagina"
    for column in AANBOD_COLUMNS + ORGANISATIE_COLUMNS:
        assert f"`{column}`" in page, f"kolom {column} staat niet op de open-data-pagina"
    assert json.loads((built_site / "data/kaart.json").read_text(encoding="utf-8"))["schema_version"] == SCHEMA_VERSION


# -- per record, schemas on the site, data package, ecosystem checkers ------------
def _schema_validator(name: str):
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    vocab = json.loads((ROOT / "schemas" / "vocabulaires.schema.json").read_text(encoding="utf-8"))
    registry = Registry().with_resource("vocabulaires.schema.json", Resource.from_contents(vocab))
    return Draft202012Validator(
        json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")), registry=registry
    )


def test_every_record_in_kaart_json_carries_its_page_and_hsds_file(real, built_site):
    _, kaart, files = real
    data = json.loads(files["data/kaart.json"])
    assert len(data["aanbod"]) == len(kaart.aanbod) and len(data["organisaties"]) == len(kaart.organisaties)
    for record in data["aanbod"] + data["organisaties"]:
        assert (built_site / record["pagina"] / "index.html").is_file(), record["pagina"]
        assert (built_site / record["hsds"]).is_file(), record["hsds"]
    learn2work = next(r for r in data["aanbod"] if r["id"] == "learn2work")
    assert learn2work["pagina"] == "aanbod/learn2work/"
    assert learn2work["hsds"] == f"data/hsds/services/{hsds_id('service', 'learn2work')}.json"


def test_one_json_file_per_offer_and_organisation_validates_against_the_schema(built_site, real):
    _, kaart, _ = real
    for kind, schema, ids in (("aanbod", "aanbod", kaart.aanbod), ("organisaties", "organisatie", kaart.organisaties)):
        validator = _schema_validator(schema)
        paths = sorted((built_site / "data" / kind).glob("*.json"))
        assert {p.stem for p in paths} == set(ids)
        for path in paths:
            record = json.loads(path.read_text(encoding="utf-8"))
            assert record["schema_version"] == SCHEMA_VERSION and record["id"] == path.stem
            errors = [e.message for e in validator.iter_errors(_as_written(record))]
            assert errors == [], f"{path.name}: {errors}"
    # the validator has teeth: an unknown field is refused
    learn2work = json.loads((built_site / "data/aanbod/learn2work.json").read_text(encoding="utf-8"))
    assert list(_schema_validator("aanbod").iter_errors(learn2work)), "pagina/hsds are not YAML fields"


@pytest.mark.parametrize("folder, table", [("services", "service.json"), ("organizations", "organization.json")])
def test_one_hsds_file_per_service_and_organization_at_the_api_path(built_site, real, folder, table):
    _, kaart, files = real
    validator = _hsds_validator(table)
    listed = {item["id"]: item for item in json.loads(files[f"data/hsds/{folder}.json"])["contents"]}
    paths = sorted((built_site / "data/hsds" / folder).glob("*.json"))
    assert {p.stem for p in paths} == set(listed), (
        "one file per object of the list, named by its id as in /services/{id}"
    )
    for path in paths:
        item = json.loads(path.read_text(encoding="utf-8"))
        assert [e.message for e in validator.iter_errors(item)] == [], path.name
        assert item["id"] == path.stem
    assert len(paths) == (len(kaart.aanbod) if folder == "services" else len(kaart.organisaties))


def test_offer_page_links_its_data_as_json(built_site):
    html = (built_site / "aanbod/learn2work/index.html").read_text(encoding="utf-8")
    line = re.search(r"Deze gegevens als JSON:(.*?)</p>", html, re.S).group(1)
    hrefs = re.findall(r'href="([^"]+)"', line)
    assert "../../data/aanbod/learn2work.json" in hrefs
    assert f"../../data/hsds/services/{hsds_id('service', 'learn2work')}.json" in hrefs
    for href in hrefs:
        assert (built_site / "aanbod/learn2work" / href).resolve().relative_to(built_site.resolve())
        target = (built_site / "aanbod/learn2work" / href).resolve()
        assert target.is_file() or (target / "index.html").is_file(), href


def test_schemas_are_published_and_linked_from_the_open_data_page(built_site):
    page = (built_site / "open-data/index.html").read_text(encoding="utf-8")
    for name in ("aanbod", "organisatie", "vocabulaires"):
        published = built_site / "schemas" / f"{name}.schema.json"
        assert json.loads(published.read_bytes()) == json.loads((ROOT / "schemas" / f"{name}.schema.json").read_bytes())
        assert f'href="../schemas/{name}.schema.json"' in page
    assert 'href="../data/datapackage.json"' in page


def _check_jsonschema(*args, cwd):
    return subprocess.run([sys.executable, "-m", "check_jsonschema", *args], capture_output=True, text=True, cwd=cwd)


def test_check_jsonschema_passes_the_metaschema_and_every_record_from_the_repo_root():
    records = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "aanbod").glob("*.yml"))
    orgs = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "aanbod/organisaties").glob("*.yml"))
    for args in (
        [
            "--check-metaschema",
            "schemas/aanbod.schema.json",
            "schemas/organisatie.schema.json",
            "schemas/vocabulaires.schema.json",
        ],
        ["--schemafile", "schemas/aanbod.schema.json", *records],
        ["--schemafile", "schemas/organisatie.schema.json", *orgs],
    ):
        proc = _check_jsonschema(*args, cwd=ROOT)
        assert proc.returncode == 0, proc.stdout + proc.stderr


def test_check_jsonschema_resolves_refs_from_any_folder_and_refuses_a_bad_record(tmp_path):
    bad = tmp_path / "slecht.yml"
    bad.write_text(
        re.sub(
            r"^status: .*$",
            "status: misschien",
            (ROOT / "aanbod/learn2work.yml").read_text(encoding="utf-8"),
            flags=re.M,
        ),
        encoding="utf-8",
    )
    assert "status: misschien" in bad.read_text(encoding="utf-8")
    proc = _check_jsonschema(
        "--schemafile", str(ROOT / "schemas/aanbod.schema.json"), str(ROOT / "aanbod/learn2work.yml"), cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    proc = _check_jsonschema("--schemafile", str(ROOT / "schemas/aanbod.schema.json"), str(bad), cwd=tmp_path)
    assert proc.returncode == 1 and "status" in proc.stdout, proc.stdout + proc.stderr
    assert "Unresolvable" not in proc.stdout + proc.stderr


def test_datapackage_describes_the_csv_files_and_frictionless_finds_them_valid(built_site, tmp_path):
    import shutil

    from frictionless import validate

    package = json.loads((built_site / "data/datapackage.json").read_text(encoding="utf-8"))
    fields = {r["name"]: [f["name"] for f in r["schema"]["fields"]] for r in package["resources"]}
    assert fields == {"aanbod": AANBOD_COLUMNS, "organisaties": ORGANISATIE_COLUMNS}
    report = validate(str(built_site / "data/datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])
    # with teeth: a status outside the vocabulary and a non-number age are found
    for name in ("datapackage.json", "aanbod.csv", "organisaties.csv"):
        shutil.copy(built_site / "data" / name, tmp_path / name)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "aanbod.csv").read_text(encoding="utf-8-sig"))))
    rows[0]["status"] = "misschien"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    (tmp_path / "aanbod.csv").write_text(out.getvalue(), encoding="utf-8-sig")
    report = validate(str(tmp_path / "datapackage.json"))
    assert not report.valid and "misschien" in str(report.flatten(["cell"]))


def test_each_record_is_encoded_once_and_every_file_reads_as_plain_json(real):
    """kaart.json, the HSDS lists and the file per record are spliced from one encoding per record:
    byte for byte what json.dumps of the whole object gives."""
    from kaart.export.opendata import publish
    from kaart.export.tables import _json_bytes, published, tables

    project, kaart, _ = real
    computed = tables(project, kaart)
    files = publish(project, kaart)
    assert files["data/kaart.json"] == _json_bytes(computed.data)
    for name, content in computed.lists.items():
        assert files[f"data/hsds/{name}"] == _json_bytes(content)
    for kind, key in (("aanbod", "aanbod"), ("organisatie", "organisaties")):
        for record in computed.data[key]:
            assert files[published(kind, record["id"])["json"]] == _json_bytes(
                {"schema_version": SCHEMA_VERSION, "licentie": "CC0-1.0", **record}
            )
    for kind, key in (("aanbod", "services.json"), ("organisatie", "organizations.json")):
        for item in computed.lists[key]["contents"]:
            assert files[published(kind, item["x_id"])["hsds"]] == _json_bytes(item)
