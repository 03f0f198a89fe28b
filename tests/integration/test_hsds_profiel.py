"""The HSDS feed as a static API: an API root with profile and openapi_url, and our profile as JSON merge patches.

Every HSDS file validates against the official HSDS 3.0 schemas (tests/hsds3-schema/, CC BY-SA 4.0)
compiled with our profile (merged as RFC 7386 says), and the profile has teeth.
"""

from __future__ import annotations

import json

import pytest

from kaart.check.checker import check_records
from kaart.export.opendata import publish
from kaart.export.profiel import merge_patch, patches
from kaart.project import Project
from kaart.records.load import load_records
from support import ROOT

HSDS_SCHEMAS = ROOT / "tests" / "hsds3-schema"
SITE = "https://kaart.example.org/"


@pytest.fixture(scope="module")
def files():
    records = load_records(Project(ROOT))
    assert check_records(records).ok
    files = publish(records.project, records.kaart, records, site_url=SITE)
    return {k: json.loads(v) for k, v in files.items() if k.startswith("data/hsds/")}


def _compiled(profile: dict[str, dict] | None) -> dict[str, dict]:
    out = {}
    for path in HSDS_SCHEMAS.glob("*.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        out[path.name] = merge_patch(schema, profile[path.name]) if profile and path.name in profile else schema
    return out


def _validator(compiled: dict[str, dict], table: str):
    from jsonschema import Draft202012Validator, FormatChecker
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    base = "https://hsds.invalid/schema/"
    registry = Registry().with_resources(
        (base + name, Resource.from_contents(schema, default_specification=DRAFT202012))
        for name, schema in compiled.items()
    )
    return Draft202012Validator({"$ref": base + table}, registry=registry, format_checker=FormatChecker())


def test_the_profile_is_published_as_merge_patches_that_compile_to_valid_json_schema(files):
    from jsonschema import Draft202012Validator

    profile = {k.removeprefix("data/hsds/profile/"): v for k, v in files.items() if "/profile/" in k}
    assert set(profile) == {
        "service.json",
        "organization.json",
        "service_area.json",
        "attribute.json",
        "taxonomy_term.json",
        "openapi.json",
    }
    assert profile == json.loads(json.dumps(patches()))  # the published files are the profile
    for name, schema in _compiled(profile).items():
        if name != "openapi.json":
            Draft202012Validator.check_schema(schema)
    # situatie, schooltype and kenmerken are taxonomies of the profile
    assert {"situatie", "schooltype", "kenmerk"} <= set(profile["attribute.json"]["properties"]["link_type"]["enum"])
    terms = files["data/hsds/taxonomy_terms.json"]["contents"]
    assert {t["taxonomy"] for t in terms} >= {"sociale-kaart-16-27:situatie", "sociale-kaart-16-27:schooltype"}


def test_the_published_schemas_are_hsds_with_the_profile_merged_in(files):
    published = {k.removeprefix("data/hsds/schema/"): v for k, v in files.items() if "/schema/" in k}
    compiled = _compiled(patches())
    del compiled["openapi.json"]
    assert published == compiled


def test_every_hsds_file_validates_against_the_compiled_schemas_with_our_profile(files):
    # the schemas as published on the site: what a user of the feed validates against
    compiled = {k.removeprefix("data/hsds/schema/"): v for k, v in files.items() if "/schema/" in k}
    checked = 0
    for path, data in files.items():
        if "/profile/" in path or "/schema/" in path or path.endswith(("index.json", "openapi.json")):
            continue
        folder = path.removeprefix("data/hsds/").split("/")[0].removesuffix(".json")
        table = {
            "services": "service.json",
            "organizations": "organization.json",
            "taxonomies": "taxonomy.json",
            "taxonomy_terms": "taxonomy_term.json",
        }[folder]
        validator = _validator(compiled, table)
        for item in data["contents"] if "contents" in data else [data]:
            errors = [f"{path} {list(e.absolute_path)} {e.message}" for e in validator.iter_errors(item)]
            assert errors == []
            checked += 1
    assert checked > 100  # the lists and one file per service and organization


def test_the_profile_has_teeth(files):
    service = files["data/hsds/services.json"]["contents"][0]
    with_profile = _validator(_compiled(patches()), "service.json")
    without = _validator(_compiled(None), "service.json")
    wrong_attribute = json.loads(json.dumps(service))
    wrong_attribute["attributes"][0]["link_type"] = "iets-anders"
    assert list(with_profile.iter_errors(wrong_attribute)) and not list(without.iter_errors(wrong_attribute))
    wrong_status = {**service, "x_status": "misschien"}
    assert list(with_profile.iter_errors(wrong_status)) and not list(without.iter_errors(wrong_status))
    without_youth_block = {**service, "x_jongerentaal": {"wat_is_het": "Alleen dit."}}
    assert list(with_profile.iter_errors(without_youth_block))


def test_the_api_root_names_version_profile_and_openapi_and_openapi_has_no_query_parameters(files):
    root = files["data/hsds/index.json"]
    assert root["version"] == "3.0"
    assert root["profile"] == SITE + "open-data/#hsds-profiel"
    assert root["openapi_url"] == SITE + "data/hsds/openapi.json"
    official = json.loads((HSDS_SCHEMAS / "openapi.json").read_text(encoding="utf-8"))
    schema = official["paths"]["/"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    from jsonschema import Draft202012Validator, FormatChecker

    assert list(Draft202012Validator(schema, format_checker=FormatChecker()).iter_errors(root)) == []
    api = files["data/hsds/openapi.json"]
    assert api["openapi"] == official["openapi"] and api["servers"] == [
        {"url": SITE + "data/hsds", "description": "Statische bestanden: elk pad + .json"}
    ]
    assert set(api["paths"]) == {"/", "/services", "/services/{id}", "/organizations", "/organizations/{id}"} | {
        "/taxonomies",
        "/taxonomy_terms",
    }
    parameters = [
        p
        for path in api["paths"].values()
        for item in [
            path.get("parameters") or [],
            *(op.get("parameters") or [] for op in path.values() if isinstance(op, dict)),
        ]
        for p in item
    ]
    assert parameters and all(p.get("in") == "path" for p in parameters)  # only the {id} in a path: no query
    assert "parameters" not in api.get("components", {}) or not api["components"]["parameters"]
    assert "REQUIRED" not in json.dumps(api["info"])  # the template's placeholders are filled in
    # every endpoint that is left is a published file
    for path in api["paths"]:
        rel = "index.json" if path == "/" else path.strip("/") + ".json"
        if "{id}" not in rel:
            assert f"data/hsds/{rel}" in files, rel


def test_the_open_data_page_documents_the_endpoints_and_the_profile():
    page = (ROOT / "content" / "open-data" / "index.md").read_text(encoding="utf-8")
    assert "{ #hsds-profiel }" in page
    for rel in ("data/hsds/openapi.json", "data/hsds/profile/service.json", "data/hsds/services/"):
        assert rel in page, rel
    assert "HSDS 3.0" in page and "profiel" in page
