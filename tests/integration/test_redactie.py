"""Editors: `kaart nieuw`, the generated field list, annotations and the CI / editor configuration."""

from __future__ import annotations

import argparse
import re
import shlex

import pytest
import yaml

from kaart.cli.main import build_parser
from kaart.cli.velden import field_reference, updated
from kaart.project import Project
from kaart.records.loading import LoadedFile, parse_text
from support.redactie_fixtures import NIEUW_FLAGS, ROOT, base_record, kaart, make_project


def test_kaart_nieuw_with_flags_writes_a_record_that_passes_kaart_check(tmp_path):
    project = make_project(tmp_path, [])
    proc = kaart(
        "--root",
        str(project),
        "nieuw",
        "--geen-vragen",
        *NIEUW_FLAGS,
        "--gemeenten",
        "almere",
        "--regio",
        "west-friesland",
        "--leeftijd-min",
        "18",
        "--leeftijd-citaat",
        "jongeren van 18 jaar en ouder",
        "--situatie",
        "gestopt, uitkering",
        "--situatie-citaat",
        "jongeren die een uitkering hebben",
        "--website",
        "https://example.org/",
        "--bron-document",
        "verwey-jonker-almere-2016",
        "--bron-onderdeel",
        "Tabel 3",
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    path = project / "aanbod" / "proef-een.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["naam"] == "Proef Één"
    assert data["fase"] == ["begeleiding", "nazorg"]
    assert data["werkgebied"] == {"gemeenten": ["almere"], "regio": ["west-friesland"]}
    tabel3 = {"document": "verwey-jonker-almere-2016", "onderdeel": "Tabel 3"}
    assert data["doelgroep"] == {  # max not given: not in the record; each fact with its source's words
        "leeftijd": {"min": 18},
        "situatie": ["gestopt", "uitkering"],
        "bronnen": {
            "leeftijd": {**tabel3, "citaat": "jongeren van 18 jaar en ouder"},
            "situatie": {**tabel3, "citaat": "jongeren die een uitkering hebben"},
        },
    }
    assert data["contact"] == {
        "website": "https://example.org/",  # the value carries its own source: the one given
        "bronnen": {"website": tabel3},
    }
    assert data["bronnen"] == [{"document": "verwey-jonker-almere-2016", "onderdeel": "Tabel 3"}]
    assert "#" in path.read_text(encoding="utf-8"), "the record keeps the template's explanations"
    check = kaart("--root", str(project), "check")
    assert check.returncode == 0, check.stdout


def test_kaart_nieuw_asks_for_what_is_missing(tmp_path):
    project = make_project(tmp_path, [])
    # Answers in the order of the questions; empty lines skip the optional ones.
    answers = [
        "Vraag Test",
        "",
        "org-a",
        "beschreven",
        "loket",
        "voorzorg",
        "geld",
        "jongeren",
        "",
        "flevoland",
        "Hier krijg je hulp met geld.",
        "Heb je schulden? Dan is het voor jou.",
        "Je krijgt hulp van een coach.",
        "Loop gewoon binnen bij het loket.",
        "Een loket voor jongeren met vragen over geld.",
        "",
        "Jaarverslag 2025",
        "",
        "",
        "",
        "",
        "",
        "",
    ]
    proc = kaart("--root", str(project), "nieuw", "--bron-jaar", "2025", stdin="\n".join(answers) + "\n")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    data = yaml.safe_load((project / "aanbod" / "vraag-test.yml").read_text(encoding="utf-8"))
    assert data["werkgebied"] == {"regio": ["flevoland"]}
    assert data["bronnen"] == [{"titel": "Jaarverslag 2025", "jaar": 2025}]
    assert kaart("--root", str(project), "check").returncode == 0


@pytest.mark.parametrize(
    "change, expected",
    [
        (["--soort", "coachen"], "--soort: onbekende waarde 'coachen' — bedoelde je 'coaching'?"),
        (["--aanbieder", "org-b"], "--aanbieder: onbekende organisatie 'org-b'"),
        (["--leeftijd-min", "achttien"], "--leeftijd-min: 'achttien' is geen heel getal"),
    ],
)
def test_kaart_nieuw_explains_bad_input_in_dutch(tmp_path, change, expected):
    project = make_project(tmp_path, [])
    flags = list(NIEUW_FLAGS)
    for i in range(0, len(change), 2):
        if change[i] in flags:
            flags[flags.index(change[i]) + 1] = change[i + 1]
        else:
            flags += change[i : i + 2]
    proc = kaart(
        "--root", str(project), "nieuw", "--geen-vragen", *flags, "--gemeenten", "almere", "--bron-titel", "Bron"
    )
    assert proc.returncode == 2
    assert expected in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not list((project / "aanbod").glob("*.yml")), "nothing is written on bad input"


def test_kaart_nieuw_without_a_terminal_only_needs_the_required_values(tmp_path):
    project = make_project(tmp_path, [])
    proc = kaart(
        "--root", str(project), "nieuw", *NIEUW_FLAGS, "--gemeenten", "almere", "--bron-titel", "Bron", stdin=""
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    incomplete = kaart("--root", str(project), "nieuw", "--naam", "Half", stdin="")
    assert incomplete.returncode == 2 and "Traceback" not in incomplete.stderr
    assert "geen antwoord op 'Id van de organisatie" in incomplete.stderr
    assert "--" not in incomplete.stderr.replace("--naam", ""), "no option is named that the editor did not type"


def test_kaart_nieuw_does_not_overwrite(tmp_path):
    project = make_project(tmp_path, [base_record("proef-een")])
    before = (project / "aanbod" / "proef-een.yml").read_text(encoding="utf-8")
    proc = kaart(
        "--root", str(project), "nieuw", "--geen-vragen", *NIEUW_FLAGS, "--gemeenten", "almere", "--bron-titel", "Bron"
    )
    assert proc.returncode == 2 and "bestaat al" in proc.stderr
    assert (project / "aanbod" / "proef-een.yml").read_text(encoding="utf-8") == before


def test_template_mentions_every_top_level_field():
    schema = yaml.safe_load((ROOT / "schemas" / "aanbod.schema.json").read_text(encoding="utf-8"))
    text = (ROOT / "schemas" / "aanbod.sjabloon.yml").read_text(encoding="utf-8")
    missing = [f for f in schema["properties"] if not re.search(rf"^(#\? )?{f}:|\b{f}\b", text, re.MULTILINE)]
    assert missing == []


def test_github_annotations_point_at_the_broken_lines(tmp_path):
    project = make_project(tmp_path, [])
    text = (
        "id: kapot\n"
        "naam: Kapot\n"
        "aanbieder: org-a\n"
        "status: beschreven\n"
        "soort: coachen\n"  # line 5: not in the list
        "fase: [begeleiding]\n"
        "helpt_bij: [werk]\n"
        "voor: [jongeren]\n"
        "werkgebied: {gemeenten: [almere]}\n"
        "jongerentaal: {wat_is_het: Een coach helpt je., is_het_voor_mij: Het is voor jou als je werk zoekt.,"
        " wat_krijg_je: Je krijgt een coach die meedenkt., hoe_begin_je: Vraag het je mentor.}\n"
        "beschrijving: Coaching voor jongeren zonder werk of school.\n"
        "bronnen: [{titel: Testbron, jaar: 2025}]\n"
        "laatst_gecontroleerd: '2026-13-01'\n"  # line 13: no such month
    )
    (project / "aanbod" / "kapot.yml").write_text(text, encoding="utf-8")
    proc = kaart("--root", str(project), "check", "--format", "github")
    assert proc.returncode == 1
    annotations = [line for line in proc.stdout.splitlines() if line.startswith("::") and "kapot.yml" in line]
    assert [re.match(r"::(\w+) file=([^,]+),line=(\d+),title=", a).groups() for a in annotations] == [
        ("error", "aanbod/kapot.yml", "5"),
        ("error", "aanbod/kapot.yml", "13"),
    ]
    assert "soort: onbekende soort 'coachen'" in annotations[0] and "bedoelde je 'coaching'?" in annotations[0]
    assert "laatst_gecontroleerd" in annotations[1]


def test_contributing_field_list_is_generated_from_the_schemas():
    project = Project(ROOT)
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert updated(text, field_reference(project)) == text, "CONTRIBUTING.md is verouderd: draai `kaart velden`"
    for field in ("doelgroep.leeftijd.min", "jongerentaal.hoe_begin_je", "bronnen[].document", "laatst_gecontroleerd"):
        assert f"| `{field}` |" in text


def test_field_list_changes_when_the_schema_changes(tmp_path):
    project = make_project(tmp_path, [])
    schema_path = project / "schemas" / "aanbod.schema.json"
    schema_path.write_text(
        schema_path.read_text(encoding="utf-8").replace("Wat kost het de jongere?", "Wat betaalt de jongere zelf?"),
        encoding="utf-8",
    )
    (project / "CONTRIBUTING.md").write_text((ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"), encoding="utf-8")
    assert kaart("--root", str(project), "velden", "--controleer").returncode == 1
    assert kaart("--root", str(project), "velden").returncode == 0
    assert "Wat betaalt de jongere zelf?" in (project / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert kaart("--root", str(project), "velden", "--controleer").returncode == 0


def test_pre_commit_uses_only_local_hooks_that_exist():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert config["repos"] and all(repo["repo"] == "local" for repo in config["repos"])
    for hook in (h for repo in config["repos"] for h in repo["hooks"]):
        assert hook["language"] == "system"
        _assert_known_command(hook["entry"])


def test_vscode_maps_the_schemas_onto_the_records():
    import json

    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    assert mapping["./schemas/aanbod.schema.json"] == ["aanbod/*.yml"]
    assert mapping["./schemas/organisatie.schema.json"] == ["aanbod/organisaties/*.yml"]
    for schema in mapping:
        assert (ROOT / schema).is_file()


def _subcommands() -> set[str]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return set(action.choices)


def _assert_known_command(command: str) -> None:
    """A command line in CI or a hook must name something that exists in this project."""
    for part in re.split(r"&&|\|\||;|\n", command):
        words = shlex.split(part.strip()) if part.strip() else []
        if not words:
            continue
        if words[0] == "kaart":
            sub = next(w for w in words[1:] if not w.startswith("-"))
            assert sub in _subcommands(), f"kaart {sub} bestaat niet"
            parser = build_parser()
            parser.parse_args(words[1:])  # the options must exist too (SystemExit fails the test)
        elif words[0] == "mkdocs":
            assert words[1] == "build" and "--strict" in words
        elif words[0] == "bash":
            assert (ROOT / words[1]).is_file(), words[1]


def test_workflow_checks_builds_tests_and_deploys_only_main():
    workflows = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    assert workflows
    flow = yaml.safe_load(workflows[0].read_text(encoding="utf-8"))
    triggers = flow[True] if True in flow else flow["on"]  # YAML 1.1 reads `on:` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    runs = [step["run"] for job in flow["jobs"].values() for step in job.get("steps", []) if "run" in step]
    for command in runs:
        _assert_known_command(command) if not command.lstrip().startswith("if ") else None
    joined = "\n".join(runs)
    assert "kaart check --format github" in joined
    assert "mkdocs build --strict" in joined or "kaart build" in joined  # kaart build runs mkdocs build --strict
    assert "bash scripts/test.sh" in joined  # README's test command: ruff and every test (pytest)
    assert re.search(r"apt-get install -y .*chromium", joined)
    deploy = [
        job for job in flow["jobs"].values() if any("deploy-pages" in s.get("uses", "") for s in job.get("steps", []))
    ]
    assert len(deploy) == 1 and "refs/heads/main" in deploy[0]["if"]


def test_template_parses_only_after_filling():
    """A copied but unfilled template must fail the check, not slip through."""
    text = (ROOT / "schemas" / "aanbod.sjabloon.yml").read_text(encoding="utf-8")
    loaded = parse_text(text, LoadedFile(ROOT / "x.yml", "aanbod/x.yml"))
    assert loaded.data is None or "«" in str(loaded.data)


def test_any_text_an_editor_types_reads_back_unchanged():
    """`kaart nieuw` puts answers into YAML; whatever is typed must come back as the same text."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from kaart.cli.nieuw import yaml_value

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1))
    def round_trip(text):
        assert yaml.safe_load("x: " + yaml_value(text))["x"] == text

    round_trip()
