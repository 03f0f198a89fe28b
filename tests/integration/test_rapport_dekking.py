"""Freshness worklist (`kaart rapport`, /redactie/) and coverage report (/dekking/) on hand-made fixtures."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from kaart.build import prepare_site
from kaart.check.checker import check_project
from kaart.pages.dekking import LEEFTIJDSBANDEN, dekking_page, matrix, nazorg_per_behoefte
from kaart.pages.rapport import build_warnings, rapport, redactie_page
from kaart.project import Project
from support.redactie_fixtures import JONGERENTAAL, base_record, kaart, make_project

TODAY = dt.date(2026, 6, 1)

FRESHNESS = [
    # all fine: checked this year, contact, good youth text, a 2025 source
    base_record(
        "vers",
        laatst_gecontroleerd="2026-01-10",
        contact={
            "website": "https://example.org/",
            "bronnen": {"website": {"bevestigd": "2026-01-10", "door": "receptie, per telefoon"}},
        },
    ),
    # checked 366 days ago
    base_record(
        "oud-gecontroleerd",
        laatst_gecontroleerd="2025-05-31",
        contact={
            "telefoon": "020 123 45 67",
            "bronnen": {"telefoon": {"bevestigd": "2025-05-31", "door": "receptie, per telefoon"}},
        },
        bronnen=[{"titel": "Jaarverslag", "jaar": 2024}],
    ),
    # checked exactly 365 days ago: not yet stale
    base_record(
        "grens",
        laatst_gecontroleerd="2025-06-01",
        contact={
            "email": "info@example.org",
            "bronnen": {"email": {"bevestigd": "2025-06-01", "door": "receptie, per telefoon"}},
        },
    ),
    # never checked, no contact, newest source 2016
    base_record("nooit", bronnen=[{"document": "verwey-jonker-almere-2016", "onderdeel": "Tabel 3"}]),
    # first step unknown, and no source with a year
    base_record(
        "zwak",
        laatst_gecontroleerd="2026-02-01",
        contact={
            "email": "info@example.org",
            "bronnen": {"email": {"bevestigd": "2026-02-01", "door": "receptie, per telefoon"}},
        },
        jongerentaal={**JONGERENTAAL, "hoe_begin_je": "De bron zegt niet hoe je begint. Vraag het je mentor."},
        bronnen=[{"titel": "Website van de aanbieder"}],
    ),
]
EXPECTED_FRESHNESS = {
    "oud-gecontroleerd": {"verouderd"},
    "nooit": {"nooit-gecontroleerd", "geen-contact", "oude-bronnen"},
    "zwak": {"jongerentaal", "oude-bronnen"},
}


def checked_fixture(tmp_path, records):
    """A tiny project of hand-made records, checked: (project, kaart)."""
    project = Project(make_project(tmp_path, records))
    result, k = check_project(project, TODAY)
    assert result.ok, [p.message() for p in result.errors]
    return project, k


@pytest.fixture
def fresh_project(tmp_path):
    return checked_fixture(tmp_path, FRESHNESS)


def test_freshness_report_lists_exactly_the_expected_records(fresh_project):
    project, k = fresh_project
    assert {r.aanbod.id: r.categorieen for r in rapport(project, k, TODAY)} == EXPECTED_FRESHNESS


def test_source_age_threshold_is_an_option(fresh_project):
    project, k = fresh_project
    found = {r.aanbod.id: r.categorieen for r in rapport(project, k, TODAY, bron_jaren=0)}
    assert "oude-bronnen" in found["oud-gecontroleerd"]  # 2024 is older than 0 years
    assert "vers" in found


def test_kaart_rapport_prints_a_table_of_the_records_that_need_work(fresh_project):
    project, _ = fresh_project
    proc = kaart("--root", str(project.root), "rapport", "--datum", TODAY.isoformat())
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].split()[0] == "aanbod"
    rows = {line.split()[0] for line in lines[2 : lines.index("")]}  # the table ends at the first empty line
    assert rows == set(EXPECTED_FRESHNESS)
    assert "3 van 5 aanbiedingen hebben werk nodig." in proc.stdout
    bad = kaart("--root", str(project.root), "rapport", "--datum", "1 juni")
    assert bad.returncode == 2 and "geen datum" in bad.stderr and "Traceback" not in bad.stderr


def test_only_stale_records_are_build_warnings(fresh_project):
    _, k = fresh_project
    project = fresh_project[0]
    warnings = build_warnings(k, TODAY, project)
    assert [(p.file, p.ernst) for p in warnings] == [("aanbod/oud-gecontroleerd.yml", "waarschuwing")]
    lines = (project.root / "aanbod" / "oud-gecontroleerd.yml").read_text(encoding="utf-8").splitlines()
    assert lines[warnings[0].line - 1].startswith("laatst_gecontroleerd:"), "the warning points at the date's line"
    prepared = prepare_site(project, TODAY)
    assert "aanbod/oud-gecontroleerd.yml" in {p.file for p in prepared.result.warnings}
    assert prepared.result.ok, "a stale record warns; it does not stop the build"


def test_redactie_page_lists_each_record_under_its_finding(fresh_project):
    project, k = fresh_project
    page = redactie_page(project, rapport(project, k, TODAY), len(k.aanbod), TODAY)
    sections = dict(re.findall(r"^## .*\{ #([a-z-]+) \}\n(.*?)(?=^## |\Z)", page, re.MULTILINE | re.DOTALL))
    listed = {code: set(re.findall(r"\(\.\./aanbod/([a-z-]+)\.md\)", body)) for code, body in sections.items()}
    expected = {code: {i for i, cats in EXPECTED_FRESHNESS.items() if code in cats} for code in listed}
    assert listed == expected


# -- coverage -------------------------------------------------------------------
COVERAGE = [
    base_record("a", helpt_bij=["werk"], doelgroep={"leeftijd": {"min": 18, "max": 22}}, nazorg={"geboden": True}),
    base_record(
        "b",
        helpt_bij=["werk", "school"],
        werkgebied={"regio": ["west-friesland"]},
        doelgroep={"leeftijd": {"min": 23}},
        nazorg={"geboden": False},
    ),
    base_record("c", helpt_bij=["geld"], werkgebied={"landelijk": True}),
    base_record("d", status="gestopt", helpt_bij=["werk"]),
    base_record("e", helpt_bij=["school"], doelgroep={"leeftijd": {"min": 16, "max": 17}}),
]
# Counted by hand: gemeente -> helpt_bij -> (16-17, 18-22, 23-27)
HAND_COUNTED = {
    "almere": {
        "werk": (0, 1, 0),
        "school": (1, 0, 0),
        "geld": (1, 1, 1),
        "steun": (0, 0, 0),
        "wonen": (0, 0, 0),
        "welzijn": (0, 0, 0),
    },
    "hoorn": {
        "werk": (0, 0, 1),
        "school": (0, 0, 1),
        "geld": (1, 1, 1),
        "steun": (0, 0, 0),
        "wonen": (0, 0, 0),
        "welzijn": (0, 0, 0),
    },
    "texel": {
        "werk": (0, 0, 0),
        "school": (0, 0, 0),
        "geld": (1, 1, 1),
        "steun": (0, 0, 0),
        "wonen": (0, 0, 0),
        "welzijn": (0, 0, 0),
    },
}
HAND_COUNTED_NAZORG = {
    "werk": {"totaal": 2, "ja": 1, "nee": 1, "onbekend": 0},
    "school": {"totaal": 2, "ja": 0, "nee": 1, "onbekend": 1},
    "geld": {"totaal": 1, "ja": 0, "nee": 0, "onbekend": 1},
}


@pytest.fixture
def coverage_project(tmp_path):
    return checked_fixture(tmp_path, COVERAGE)


def test_coverage_matrix_matches_hand_count(coverage_project):
    project, k = coverage_project
    cells = matrix(project, k)
    for gemeente, rows in HAND_COUNTED.items():
        for helpt_bij, counts in rows.items():
            assert tuple(cells[(gemeente, helpt_bij, band)].aantal for band in LEEFTIJDSBANDEN) == counts, (
                gemeente,
                helpt_bij,
            )
    nazorg = nazorg_per_behoefte(project, k)
    for helpt_bij, counts in HAND_COUNTED_NAZORG.items():
        assert nazorg[helpt_bij] == counts


def test_coverage_page_marks_empty_cells_in_words_and_links_to_the_finder(coverage_project):
    project, k = coverage_project
    page = dekking_page(project, k)
    almere = page.split("{ #almere }")[1].split("</table>")[0]
    werk = re.search(r"<tr><th scope=\"row\">Werk</th>(.*?)</tr>", almere).group(1)
    cells = re.findall(r'<td( class="kaart-dekking-leeg")?><a href="([^"]+)">([^<]+)</a></td>', werk)
    assert [c[2] for c in cells] == ["0 — leeg", "1", "0 — leeg"]
    assert [bool(c[0]) for c in cells] == [True, False, True]
    assert cells[1][1] == "../wegwijzer/?leeftijd=18&amp;zoekt=werk&amp;gemeente=almere"
    assert (
        '<th scope="row">Werk</th><td>2</td><td>1</td><td>1</td><td>0</td>' in page
    )  # nazorg: total, yes, no, unknown


def test_site_build_warns_on_a_stale_record_and_strict_fails(tmp_path):
    """Without --strict the site is still published; CI builds with --strict and stops."""
    import os
    import subprocess
    import sys

    from kaart.project import Project
    from support import ROOT, build_site

    Project(ROOT).copy_to(tmp_path)
    record = next((tmp_path / "aanbod").glob("*.yml"))
    record.write_text(
        record.read_text(encoding="utf-8").rstrip("\n") + "\nlaatst_gecontroleerd: '2020-01-01'\n", encoding="utf-8"
    )

    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    loose = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "site1")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert loose.returncode == 0, loose.stderr
    assert f"aanbod/{record.name}" in loose.stderr and "meer dan 12 maanden geleden gecontroleerd" in loose.stderr
    strict = build_site(tmp_path, tmp_path / "site2")
    assert strict.returncode != 0
