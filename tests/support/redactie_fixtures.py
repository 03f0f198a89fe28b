"""A tiny project on disk for the editor and open-data tests: the real schemas, hand-made records."""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from support import ROOT

JONGERENTAAL = {
    "wat_is_het": "Een coach helpt je op weg naar werk of school.",
    "is_het_voor_mij": "Heb je geen werk en geen school? Dan is het voor jou.",
    "wat_krijg_je": "Je krijgt een coach. Samen kijk je wat je wilt.",
    "hoe_begin_je": "Vraag je mentor of je mee mag doen.",
}


def base_record(record_id: str, **fields) -> dict:
    record = {
        "id": record_id,
        "naam": record_id.replace("-", " ").title(),
        "aanbieder": "org-a",
        "status": "beschreven",
        "soort": "coaching",
        "fase": ["begeleiding"],
        "helpt_bij": ["werk"],
        "voor": ["jongeren"],
        "werkgebied": {"gemeenten": ["almere"]},
        "jongerentaal": copy.deepcopy(JONGERENTAAL),
        "beschrijving": "Coaching voor jongeren zonder werk of school, beschreven voor deze test.",
        "bronnen": [{"titel": "Testbron", "jaar": 2025}],
    }
    record.update(fields)
    doelgroep = record.get("doelgroep")
    if isinstance(doelgroep, dict) and "bronnen" not in doelgroep:
        # `kaart check` wants a source passage for every eligibility fact; the fixtures cite the test source
        feiten = [f for f in ("leeftijd", "startkwalificatie", "situatie", "schooltype", "kenmerken") if f in doelgroep]
        if feiten:
            record["doelgroep"] = {
                **doelgroep,
                "bronnen": {
                    f: {"titel": "Testbron", "jaar": 2025, "onderdeel": "p. 1", "citaat": "zoals de testbron het zegt"}
                    for f in feiten
                },
            }
    return record


def make_project(path: Path, records: list[dict]) -> Path:
    """A project with the real schemas (and jargon list), one organisation and the given records."""
    shutil.copytree(ROOT / "schemas", path / "schemas")
    shutil.copytree(ROOT / "overrides", path / "overrides")  # the finder page shells are templates there
    (path / "aanbod" / "organisaties").mkdir(parents=True)
    org = {
        "id": "org-a",
        "naam": "Organisatie A",
        "beschrijving": "Organisatie voor de tests.",
        "bronnen": [{"titel": "Testbron", "jaar": 2025}],
    }
    write(path / "aanbod" / "organisaties" / "org-a.yml", org)
    for record in records:
        write(path / "aanbod" / f"{record['id']}.yml", record)
    return path


def write(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def kaart(*args: str, cwd: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    """Run the `kaart` command as an editor would."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "kaart.cli.main", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        input=stdin,
        env=env,
    )


# The answers of `kaart nieuw` as flags: a record that passes kaart check.
NIEUW_FLAGS = [
    "--naam",
    "Proef Één",
    "--aanbieder",
    "org-a",
    "--status",
    "beschreven",
    "--soort",
    "coaching",
    "--fase",
    "begeleiding, nazorg",
    "--helpt-bij",
    "werk,school",
    "--voor",
    "jongeren",
    "--wat-is-het",
    "Een coach helpt je op weg naar werk.",
    "--is-het-voor-mij",
    "Ben je tussen de 18 en 27 jaar? Dan is het voor jou.",
    "--wat-krijg-je",
    "Je krijgt een coach die met je meedenkt.",
    "--hoe-begin-je",
    "Vraag je mentor of je mee mag doen.",
    "--beschrijving",
    "Coaching: een beschrijving voor professionals, met een dubbele punt.",
]
