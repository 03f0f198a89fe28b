"""Every `kaart` command speaks Dutch: with --help, with an unknown option and with no arguments at all.

And the pull-request workflow runs the same checks as README's test command.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys

import pytest
import yaml

from kaart.cli.main import build_parser
from support import ROOT
from support.hardening import copy_project

COMMANDS = sorted(build_parser()._subparsers._group_actions[0].choices)
# Words argparse, Python and mkdocs print in English; none may reach an editor.
ENGLISH = re.compile(
    r"(?<!::)\b(usage|error|options|positional arguments|show this help|invalid choice|required|unrecognized|"
    r"expected|Traceback|Exception|No such file|not found|Aborted)\b",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("opdrachten") / "proj")


def run(root, *args: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "kaart.cli.main", "--root", str(root), *args],
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONIOENCODING="utf-8"),
        cwd=root if root.is_dir() else None,
    )
    return proc.stdout + proc.stderr


def test_every_command_is_listed():
    assert COMMANDS == sorted(
        [
            "bevestig",
            "build",
            "check",
            "export",
            "genereer",
            "importeer",
            "nabewerk",
            "nieuw",
            "rapport",
            "taal",
            "velden",
            "verzoek",
        ]
    )


@pytest.mark.parametrize(
    "args", [[], ["--help"], ["--onbekend"], ["onbekend"]], ids=["leeg", "help", "optie", "opdracht"]
)
def test_kaart_itself_speaks_dutch(root, args):
    text = run(root, *args)
    assert not ENGLISH.search(text), text
    assert "gebruik: kaart" in text


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_speaks_dutch_with_help_an_unknown_option_and_no_arguments(root, command):
    help_text = run(root, command, "--help")
    assert f"gebruik: kaart {command}" in help_text and "toon deze hulp en stop" in help_text
    unknown = run(root, command, "--bestaat-niet")
    # an unknown option is named by `kaart` itself; a command that misses its argument says that first
    assert "kaart: fout: onbekende optie of argument: --bestaat-niet (zie --help)" in unknown or (
        f"kaart {command}: fout: dit ontbreekt:" in unknown
    ), unknown
    bare = run(root, command)
    for text in (help_text, unknown, bare):
        assert not ENGLISH.search(text), text


def test_a_bad_choice_and_a_long_hostile_argument_are_dutch_and_escaped(root):
    text = run(root, "check", "--format", "xml")
    assert "kaart check: fout: --format: ongeldige keuze 'xml' (kies uit 'text', 'github')" in text
    text = run(root, "verzoek", "a\x1b[2Jb")
    assert "\x1b" not in text and "id 'a\\x1b[2Jb'" in text
    text = run(root, "check", "--" + "x" * 131_000)
    assert len(text) < 1000 and not ENGLISH.search(text)


def test_root_that_is_no_project_is_named(tmp_path):
    assert run(tmp_path / "bestaat-niet", "check").strip() == (
        f"kaart: --root {tmp_path / 'bestaat-niet'}: die map bestaat niet; geef de map van het project "
        "(met aanbod/ en schemas/)"
    )
    assert run(tmp_path, "build").strip() == (
        f"kaart: --root {tmp_path}: dit is geen project van de sociale kaart (aanbod en "
        "schemas/vocabulaires.schema.json ontbreekt); geef de map waarin aanbod/ en schemas/ staan"
    )


# -- the pull-request workflow ----------------------------------------------------------------------
def test_the_workflow_runs_readmes_test_command():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    job = workflow["jobs"]["controle"]
    runs = [step.get("run", "") for step in job["steps"]]
    assert "bash scripts/test.sh" in runs
    assert not [r for r in runs if "pytest" in r], "tests run through scripts/test.sh, as README says"
    assert job["env"]["CI"] == "true"  # so a missing Java, node, vnu or browser fails instead of skipping
    assert "bash scripts/test.sh" in (ROOT / "README.md").read_text(encoding="utf-8")


ECOSYSTEM = re.compile(r"node|java|vnu|chromium|playwright", re.IGNORECASE)


def test_a_missing_java_node_or_vnu_fails_under_ci_instead_of_skipping():
    """Every test that skips for a missing tool looks at CI=true first (and fails there)."""
    offenders = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            source = ast.get_source_segment(path.read_text(encoding="utf-8"), function) or ""
            for call in ast.walk(function):
                if (
                    isinstance(call, ast.Call)
                    and ast.unparse(call.func) == "pytest.skip"
                    and ECOSYSTEM.search(source)
                    and '"CI"' not in source
                ):
                    offenders.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    assert not offenders, offenders
