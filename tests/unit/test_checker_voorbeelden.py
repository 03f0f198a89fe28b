"""Deliberately broken records, each checked against the exact list of messages an editor must see.

tests/example-files/negative/<naam>.yml has its expected messages in <naam>.expected,
one `line: message` per line; positive files must produce no problem at all.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from kaart.check.checker import check_project
from kaart.check.reporting import format_github
from kaart.project import Project
from support import ROOT

EXAMPLES = ROOT / "tests" / "example-files"
TODAY = dt.date(2026, 11, 23)


def check_alone(record: Path, tmp_path: Path):
    """Check one file as if an editor dropped it into aanbod/ of a project with the real organisations."""
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    shutil.copytree(ROOT / "aanbod" / "organisaties", tmp_path / "aanbod" / "organisaties")
    shutil.copy(record, tmp_path / "aanbod" / record.name)
    result, kaart = check_project(Project(tmp_path), TODAY)
    mine = [p for p in result.sorted() if p.file == f"aanbod/{record.name}"]
    return mine, kaart


def expected_messages(record: Path) -> list[tuple[int, str]]:
    out = []
    for line in record.with_suffix(".expected").read_text(encoding="utf-8").splitlines():
        if line.strip():
            number, message = line.split(": ", 1)
            out.append((int(number), message))
    return out


@pytest.mark.parametrize("record", sorted((EXAMPLES / "negative").glob("*.yml")), ids=lambda p: p.stem)
def test_negative_examples_give_exactly_the_expected_messages(record, tmp_path):
    problems, kaart = check_alone(record, tmp_path)
    assert [(p.line, p.message()) for p in problems] == expected_messages(record)
    assert record.stem not in kaart.aanbod, "a record with errors must not reach the site"


@pytest.mark.parametrize("record", sorted((EXAMPLES / "positive").glob("*.yml")), ids=lambda p: p.stem)
def test_positive_examples_pass(record, tmp_path):
    problems, kaart = check_alone(record, tmp_path)
    assert problems == []
    assert record.stem in kaart.aanbod


def test_github_annotations_name_file_and_line(tmp_path):
    problems, _ = check_alone(EXAMPLES / "negative" / "onveilig.yml", tmp_path)
    lines = [format_github(p) for p in problems]
    assert lines[0].startswith("::error file=aanbod/onveilig.yml,line=3,")
    assert all(
        line.startswith(("::error file=aanbod/onveilig.yml,line=", "::warning file=aanbod/onveilig.yml,line="))
        for line in lines
    )
    assert "::warning file=aanbod/onveilig.yml,line=12," in "\n".join(lines)  # readability is a warning, not an error


def test_github_annotations_escape_properties_and_data_as_github_documents():
    # https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts: data %25 %0D %0A, properties also %3A
    # %2C
    from kaart.result import Problem

    problem = Problem(
        "aanbod/50%,a:b\r\n.yml", 3, "naam", "100% fout\r\nregel 2, met: dubbele punt", "fix", "regel,x:y"
    )
    assert format_github(problem) == (
        "::error file=aanbod/50%25%2Ca%3Ab%0D%0A.yml,line=3,title=kaart check%3A regel%2Cx%3Ay::"
        "naam: 100%25 fout%0D%0Aregel 2, met: dubbele punt — fix"
    )
