"""The real records: valid, traceable to the sources, and checked fast by `kaart check`."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
import yaml
from jsonschema import Draft202012Validator

from kaart.check.checker import check_project
from support import ROOT, SEEDS, needs_seeds


@pytest.fixture(scope="module")
def checked(project):
    return check_project(project)


def test_every_real_record_validates_without_errors_or_warnings(checked):
    result, kaart = checked
    assert [f"{p.file}:{p.line}: {p.message()}" for p in result.problems] == []
    assert len(kaart.aanbod) >= 30
    assert result.files_checked == len(kaart.aanbod) + len(kaart.organisaties)


@pytest.mark.parametrize("name", ["aanbod", "organisatie", "vocabulaires"])
def test_schemas_are_valid_draft_2020_12(name):
    schema = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def _properties(schema):
    if isinstance(schema, dict):
        for name, sub in schema.get("properties", {}).items():
            yield name, sub
            yield from _properties(sub)
        if "items" in schema:
            yield from _properties(schema["items"])


def test_schema_is_the_editors_manual():
    """Every property tells an editor what to write: a Dutch title, a description and an example."""
    schema = json.loads((ROOT / "schemas" / "aanbod.schema.json").read_text(encoding="utf-8"))
    shared = [item for d in schema.get("$defs", {}).values() for item in [("$defs", d)] + list(_properties(d))]
    missing = [
        name
        for name, sub in list(_properties(schema)) + shared
        if not (sub.get("title") and sub.get("description") and ("examples" in sub or "$ref" in sub))
    ]
    assert missing == []
    top = schema["properties"]
    assert all("HSDS" in sub["description"] for sub in top.values() if sub.get("description") and "$ref" not in sub)


def test_vocabulary_covers_every_gemeente_of_the_regions(project):
    """schemas/gemeenten.yml (the regions and their gemeenten, from the design notes) is the reference list."""
    notes = yaml.safe_load((ROOT / "schemas" / "gemeenten.yml").read_text(encoding="utf-8"))
    wanted = set()
    for regio in notes["regio"].values():
        wanted.update(regio.get("gemeenten", []))
        for deel in regio.get("deelregio", {}).values():
            wanted.update(deel["gemeenten"])
    labels = {term.label.split(" (")[0] for term in project.vocab["gemeente"]}
    assert wanted - labels == set()


def test_records_carry_the_schema_modeline():
    for path in sorted((ROOT / "aanbod").glob("*.yml")):
        assert path.read_text(encoding="utf-8").startswith(
            "# yaml-language-server: $schema=../schemas/aanbod.schema.json"
        ), path.name
    for path in sorted((ROOT / "aanbod" / "organisaties").glob("*.yml")):
        assert path.read_text(encoding="utf-8").startswith(
            "# yaml-language-server: $schema=../../schemas/organisatie.schema.json"
        ), path.name


_URL = re.compile(r"https?://[^\s\"'<>)\]]+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w/.-])(?:\+31|0)[0-9][0-9 \-]{7,12}[0-9](?![\w])")


@needs_seeds
def test_every_phone_email_and_url_comes_from_a_seed():
    seeds = " ".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(SEEDS.glob("*.txt")))
    squashed = re.sub(r"\s+", "", seeds)  # URLs in the PDFs' text wrap over lines
    digits_only = re.sub(r"[^0-9]", "", seeds)
    unsourced = []
    for path in sorted((ROOT / "aanbod").rglob("*.yml")):
        text = path.read_text(encoding="utf-8").split("\n", 1)[1]  # skip the schema modeline
        for url in _URL.findall(text):
            bare = url.rstrip(".,;").split("://", 1)[1].rstrip("/")
            if bare not in squashed:
                unsourced.append((path.name, url))
        unsourced += [(path.name, e) for e in _EMAIL.findall(text) if e not in seeds]
        unsourced += [(path.name, p) for p in _PHONE.findall(text) if re.sub(r"[^0-9]", "", p) not in digits_only]
    assert unsourced == []


def test_kaart_check_command_passes_on_the_real_records():
    proc = subprocess.run(
        [sys.executable, "-m", "kaart.cli.main", "check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=dict(os.environ),
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Alles in orde" in proc.stdout


def test_kaart_check_fails_with_file_and_line_on_a_broken_copy(tmp_path):
    import shutil

    for part in ("schemas", "aanbod"):
        shutil.copytree(ROOT / part, tmp_path / part)
    record = tmp_path / "aanbod" / "learn2work.yml"
    record.write_text(
        record.read_text(encoding="utf-8").replace("gemeenten: [almere]", "gemeenten: [almeer]"), encoding="utf-8"
    )
    proc = subprocess.run(
        [sys.executable, "-m", "kaart.cli.main", "--root", str(tmp_path), "check"], capture_output=True, text=True
    )
    assert proc.returncode == 1
    assert re.search(
        r"^aanbod/learn2work\.yml:\d+: werkgebied\.gemeenten\[0\]: onbekende gemeente 'almeer' — bedoelde je "
        r"'almere'\?",
        proc.stdout,
        re.M,
    )
    assert "Traceback" not in proc.stderr
