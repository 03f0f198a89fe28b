"""The build as one pipeline: every input read once, compact machine-read files, no import cycles."""

from __future__ import annotations

import ast
import builtins
import io
import json
import os
from collections import Counter
from pathlib import Path

import pytest

from kaart.build import prepare_site
from kaart.project import Project
from support import ROOT

PACKAGE = ROOT / "scripts" / "kaart"


@pytest.fixture
def opened(monkeypatch):
    """Count every open of a file, at the Python level (open, Path.open) and the OS level (os.open)."""
    counts: Counter = Counter()
    real_open, real_os_open = io.open, os.open

    def counting_open(file, *args, **kwargs):
        if isinstance(file, (str, os.PathLike)):
            counts[os.path.realpath(file)] += 1
        return real_open(file, *args, **kwargs)

    def counting_os_open(path, *args, **kwargs):
        counts[os.path.realpath(path)] += 1
        return real_os_open(path, *args, **kwargs)

    monkeypatch.setattr(io, "open", counting_open)
    monkeypatch.setattr(builtins, "open", counting_open)
    monkeypatch.setattr(os, "open", counting_os_open)
    monkeypatch.setenv("KAART_JOBS", "1")  # in this process, so every open is counted
    return counts


def test_a_build_opens_each_record_file_once(opened):
    project = Project(ROOT)
    prepared = prepare_site(project)
    record_files = project.organisatie_files() + project.aanbod_files()
    assert len(prepared.kaart.aanbod) == len(project.aanbod_files())
    counts = {project.rel(p): opened[os.path.realpath(p)] for p in record_files}
    assert set(counts.values()) == {1}, {rel: n for rel, n in counts.items() if n != 1}
    # the glossary (page and tooltips) and the jargon list are read once too
    for rel in ("content/woordenlijst.yml", "schemas/jargon.yml"):
        assert opened[os.path.realpath(ROOT / rel)] == 1, rel


def test_machine_read_files_are_compact():
    prepared = prepare_site(Project(ROOT))
    json_files = {k: v for k, v in prepared.output.files.items() if k.endswith(".json")}
    assert {
        "data/kaart.json",
        "data/wegwijzer.json",
        "data/hsds/services.json",
        "assets/zoekindex/manifest.json",
    } <= set(json_files)
    for name, data in json_files.items():
        compact = json.dumps(json.loads(data), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        assert data.rstrip(b"\n") == compact, f"{name} is not compact JSON"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, modules: set[str]) -> set[str]:
    """The kaart modules a module imports, anywhere in it (also inside functions), as dotted names."""
    here = _module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from .x import y, from . import x
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            if base.split(".")[0] != "kaart":
                continue
            for alias in node.names:  # `from kaart.check import checker` imports the module checker
                out.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.split(".")[0] == "kaart")
    return {m for m in out if m in modules and m != here}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_the_package_has_no_import_cycle():
    paths = [p for p in PACKAGE.rglob("*.py")]
    modules = {_module_name(p) for p in paths}
    graph = {_module_name(p): _imports(p, modules) for p in paths}
    assert (
        "kaart.check.taal" in graph["kaart.check.checker"] and "kaart.records.load" in graph["kaart.build"]
    )  # the parser sees the imports
    assert "kaart.check.checker" in graph["kaart.cli.nieuw"]  # and the imports inside functions
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " → ".join(cycle)
    assert "kaart.check.checker" not in graph["kaart.check.taal"]  # the language rules are a rule set the checker runs


def test_background_stage_gives_the_same_result_or_the_same_error(monkeypatch):
    from kaart.build import _Background

    monkeypatch.setenv("KAART_JOBS", "2")  # fork, as with thousands of offers
    assert _Background(lambda: {"data/x.json": b"{}"}, 10).result() == {"data/x.json": b"{}"}

    def broken():
        raise ValueError("kapot in de export")

    with pytest.raises(ValueError, match="kapot in de export"):
        _Background(broken, 10).result()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_background_stage_can_wait_for_a_value_from_the_build(monkeypatch, jobs):
    from kaart.build import _Background

    monkeypatch.setenv("KAART_JOBS", jobs)  # 2: a forked child that waits on a pipe; 1: right here, at send()
    seen = []
    lane = _Background(lambda receive: seen.append("begonnen") or receive()["pagina's"] * 2, 10, receives=True)
    lane.send({"pagina's": 21})
    assert lane.result() == 42


def test_a_build_that_fails_halfway_stops_its_children(monkeypatch):
    import kaart.build as build

    monkeypatch.setenv("KAART_JOBS", "2")
    started = []
    original = build._Background.__init__

    def remember(self, *args, **kwargs):
        original(self, *args, **kwargs)
        started.append(self.pid)

    def broken(*args, **kwargs):
        raise ValueError("kapot in de wegwijzer")

    monkeypatch.setattr(build._Background, "__init__", remember)
    monkeypatch.setattr(build, "add_finder", broken)
    with pytest.raises(ValueError, match="kapot in de wegwijzer"):
        prepare_site(Project(ROOT))
    assert len(started) == 2 and all(started), "the exports and the search index ran in children"
    for pid in started:  # stopped and reaped: no process left waiting for pages that never come
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def test_more_processes_give_the_same_site(monkeypatch):
    monkeypatch.setenv("KAART_JOBS", "1")
    one = prepare_site(Project(ROOT))
    monkeypatch.setenv(
        "KAART_JOBS", "2"
    )  # loading, checking, exports, search documents and the index in other processes
    more = prepare_site(Project(ROOT))
    assert more.output.files == one.output.files
    assert {k: v.markdown for k, v in more.output.pages.items()} == {k: v.markdown for k, v in one.output.pages.items()}
    assert more.result.sorted() == one.result.sorted()


def test_a_mkdocs_build_through_the_hook_opens_each_record_file_once(opened, tmp_path, monkeypatch):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.chdir(ROOT)
    build(load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    project = Project(ROOT)
    assert (tmp_path / "site" / "aanbod" / project.aanbod_files()[0].stem / "index.html").is_file()
    counts = {project.rel(p): opened[os.path.realpath(p)] for p in project.organisatie_files() + project.aanbod_files()}
    assert set(counts.values()) == {1}, {rel: n for rel, n in counts.items() if n != 1}


def test_the_sorted_offers_and_offers_per_organisation_follow_a_changed_map():
    """Kaart keeps both lists between calls (thousands of pages ask): a replaced or added offer shows."""
    import dataclasses

    from kaart.check.checker import check_project

    result, kaart = check_project(Project(ROOT))
    first = kaart.gesorteerd()[0]
    assert first in kaart.aanbod_van(first.aanbieder)
    kaart.aanbod[first.id] = dataclasses.replace(first, naam="Zzz als laatste")
    assert kaart.gesorteerd()[-1].naam == "Zzz als laatste"
    assert "Zzz als laatste" in [a.naam for a in kaart.aanbod_van(first.aanbieder)]
    kaart.aanbod["nieuw"] = dataclasses.replace(first, id="nieuw", naam="Aaa als eerste")
    assert kaart.gesorteerd()[0].id == "nieuw"
    assert kaart.aanbod_van(first.aanbieder)[0].id == "nieuw"


@pytest.mark.parametrize(
    "name, value, kind, example",
    [
        ("KAART_REPO_URL", "javascript:alert(1)", "https", "https://github.com/organisatie/sociale-kaart"),
        (
            "KAART_REPO_URL",
            "https://x/)[klik](javascript:alert(1)",
            "https",
            "https://github.com/organisatie/sociale-kaart",
        ),
        (
            "KAART_EDIT_URI",
            "javascript:alert(1)//",
            "https",
            "https://github.com/organisatie/sociale-kaart/edit/main/content/",
        ),
        ("KAART_SITE_URL", 'https://kaart.nl/"><script>', "http(s)", "https://kaart.example.org/"),
    ],
)
def test_a_bad_address_setting_stops_the_build_naming_the_setting(monkeypatch, name, value, kind, example):
    from kaart.build import BuildError

    monkeypatch.setenv(name, value)
    with pytest.raises(BuildError) as refused:
        prepare_site(Project(ROOT))
    assert (
        f"{name}: '{value}' is geen volledig {kind}://-adres zonder spaties, aanhalingstekens, haakjes of andere "
        "tekens die een link kunnen breken; de site wordt niet gebouwd — "
        f"zet {name} op een gewoon adres, bijvoorbeeld {example}, of laat de instelling weg [omgeving]"
    ) in str(refused.value)


def test_a_good_repository_address_is_used_in_every_issue_link(monkeypatch):
    monkeypatch.setenv("KAART_REPO_URL", "https://github.com/elders/kaart")
    prepared = prepare_site(Project(ROOT))
    organisation = next(
        p.markdown
        for src, p in prepared.output.pages.items()
        if src.startswith("organisaties/") and src != "organisaties/index.md"
    )
    assert "(https://github.com/elders/kaart/issues/new?template=nieuw-aanbod.yml&" in organisation
