"""Property-based: random and mutated records never crash the checker; it only reports problems."""

from __future__ import annotations

import copy
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kaart.check.checker import Checker, check_project
from kaart.check.rules import walk
from kaart.project import Project
from kaart.records.loading import LoadedFile, parse_text
from kaart.result import Problem
from support.hardening import ROOT, dump_yaml, load_yaml

PROJECT = Project(ROOT)
CHECKER = Checker(PROJECT)
RECORDS = [(p, load_yaml(p)) for p in PROJECT.aanbod_files()[:10]]
SETTINGS = settings(
    max_examples=120,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True),
    st.text(max_size=60),
    st.sampled_from(["", " ", "2026-02-30", "<script>", "javascript:x", "\x00", "\ud7ff", "~", "*a"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20,
)


# Cases the fuzzers found, pinned so every run (and CI, which is derandomized) tries them again.
FOUND_TEXTS = [
    "null\n",
    "~\n",
    "---\n",
    "--- null\n",
    "- id: x\n",
    "x\n",
    "id: x\n\tnaam: y\n",
    "naam: [kapot\n",
    'naam: "\\ud800"\n',
    "naam: a\x1bb\n",
    "naam: a\ufffeb\n",
    "naam: a\x85\n",
    "laatst_gecontroleerd: |\n  2026-01-01\n",
    "telefoon: 0201234567\n",
]
GOOD_PAGE = "---\ntitle: Voorbeeld\nregio: Almere\nthema: [werk]\nverwant_aanbod: []\n---\nTekst.\n"


def _paths(data):
    return (path for path, _ in walk(data))


@st.composite
def mutated_records(draw):
    path, record = draw(st.sampled_from(RECORDS))
    record = copy.deepcopy(record)
    for _ in range(draw(st.integers(1, 4))):
        target = draw(st.sampled_from(list(_paths(record))))
        if not target:
            record = draw(values) if draw(st.booleans()) and draw(st.booleans()) else record
            continue
        parent = record
        for part in target[:-1]:
            parent = parent[part]
        key = target[-1]
        action = draw(st.sampled_from(["replace", "delete", "rename", "wrap", "nest"]))
        if action == "replace":
            parent[key] = draw(values)
        elif action == "delete":
            del parent[key]
        elif action == "rename" and isinstance(parent, dict):
            parent[draw(st.text(max_size=12))] = parent.pop(key)
        elif action == "wrap":
            parent[key] = [parent[key]]
        elif action == "nest":
            parent[key] = {"waarde": parent[key]}
        if not isinstance(record, (dict, list)):
            break
    return path, record


def _check(path: Path, text: str) -> list[Problem]:
    loaded = parse_text(text, LoadedFile(path, PROJECT.rel(path)))
    problems = loaded.problems + CHECKER.check_record(loaded, CHECKER.schemas.aanbod) + CHECKER.check_taal(loaded)
    for p in problems:
        assert isinstance(p, Problem)
        assert p.file == PROJECT.rel(path) and isinstance(p.line, int) and p.line >= 1
        assert p.bericht.strip()
    return problems


@SETTINGS
@given(mutated_records())
def test_mutated_records_only_give_problems(case):
    path, record = case
    try:
        text = dump_yaml(record)
    except Exception:  # not representable as YAML (e.g. a lone surrogate): nothing to check
        return
    _check(path, text)


@SETTINGS
@given(st.text(max_size=400))
@example("null\n")  # the first case found: a top-level null crashed the whole check (about 1 run in 16)
@example("~\n")
@example("---\n")
@example("- a\n")
@example("0\n")
def test_random_text_only_gives_problems(text):
    _check(RECORDS[0][0], text)


@SETTINGS
@given(st.data())
def test_mutated_yaml_text_only_gives_problems(data):
    path, record = data.draw(st.sampled_from(RECORDS))
    text = dump_yaml(record)
    for _ in range(data.draw(st.integers(1, 5))):
        pos = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 20))
        insert = data.draw(
            st.sampled_from(
                ["", ":", "- ", "\n  ", "\t", "&a ", "*a", "!!python/object ", "{", "[", '"', "? ", "---\n"]
            )
            | st.text(max_size=10)
        )
        text = text[:pos] + insert + text[pos + cut :]
    _check(path, text)


@st.composite
def mutated_praktijk(draw):
    pages = sorted((ROOT / "content" / "lerende-netwerken" / "praktijken").glob("*.md"))
    text = draw(st.sampled_from(pages)).read_text(encoding="utf-8")
    front, rest = text[4:].split("\n---", 1)
    data = load_yaml_text(front)
    key = draw(st.sampled_from(sorted(data) + ["verwant_aanbod", "thema", "title"]))
    data[key] = draw(values)
    return "---\n" + dump_yaml(data) + "---" + rest


def load_yaml_text(text):
    import yaml

    return yaml.safe_load(text)


@pytest.fixture(scope="module")
def small_project():
    """A project with the schemas, the organisations and one good-practice page: the whole check, fast."""
    root = Path(tempfile.mkdtemp(prefix="kaart-fuzz-"))
    shutil.copytree(ROOT / "schemas", root / "schemas")
    shutil.copytree(ROOT / "aanbod" / "organisaties", root / "aanbod" / "organisaties")
    (root / "content" / "lerende-netwerken" / "praktijken").mkdir(parents=True)
    yield root
    shutil.rmtree(root, ignore_errors=True)


@SETTINGS
@given(case=mutated_records(), page=mutated_praktijk())
@example(case=(RECORDS[0][0], None), page=GOOD_PAGE)  # `null`: the random CI failure of issue 12
@example(case=(RECORDS[0][0], []), page=GOOD_PAGE)
@example(case=(RECORDS[0][0], "tekst"), page=GOOD_PAGE)
@example(case=(RECORDS[0][0], {**RECORDS[0][1], "doelgroep": {"leeftijd": {"min": 18.0, "max": 17.5}}}), page=GOOD_PAGE)
@example(case=(RECORDS[0][0], {**RECORDS[0][1], "laatst_gecontroleerd": "2026-01-01\n"}), page=GOOD_PAGE)
@example(case=(RECORDS[0][0], RECORDS[0][1]), page="---\nnull\n---\n")
@example(case=(RECORDS[0][0], RECORDS[0][1]), page="---\n- a\n---\n")
def test_whole_check_never_raises(small_project, case, page):
    path, record = case
    try:
        text, page_bytes = dump_yaml(record), page.encode("utf-8")
    except Exception:  # not representable (lone surrogate): nothing to check
        return
    for old in (small_project / "aanbod").glob("*.yml"):
        old.unlink()
    (small_project / "aanbod" / path.name).write_text(text, encoding="utf-8")
    (small_project / "content" / "lerende-netwerken" / "praktijken" / "voorbeeld.md").write_bytes(page_bytes)
    result, kaart = check_project(Project(small_project))
    for p in result.problems:
        assert isinstance(p.line, int) and p.line >= 1 and p.file and p.bericht.strip()
    if not isinstance(record, dict):  # a file that is not a mapping is named, never skipped silently
        assert any(p.file == f"aanbod/{path.name}" and p.is_error for p in result.problems)
        assert not kaart.aanbod


@pytest.mark.parametrize("text", FOUND_TEXTS, ids=repr)
def test_found_texts_give_a_dutch_problem(text):
    problems = _check(RECORDS[0][0], text)
    assert any(p.is_error for p in problems)
    english = ("found", "expected", "while ", "could not", "unacceptable", "character")
    assert not [p.message() for p in problems if any(word in p.message() for word in english)]


def test_a_real_record_passes_so_the_checks_can_see_a_difference():
    path, record = RECORDS[0]
    assert not [p for p in _check(path, dump_yaml(record)) if p.is_error]


def test_property_tests_are_derandomized_in_ci():
    # a flaky test is a failing test: CI must run the same examples every time (tests/conftest.py)
    ci = os.environ.get("CI", "").lower() == "true"
    assert SETTINGS.derandomize is ci


names = st.text(
    st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)), min_size=1, max_size=30
).filter(lambda n: n not in (".", "..") and len(n.encode("utf-8")) < 200)


@SETTINGS
@given(files=st.lists(names, max_size=8, unique=True), folders=st.lists(names, max_size=3, unique=True))
@example(
    files=["Groot.YML", "x.Yaml", "notitie.yml.txt", "_x.yml", ".gitkeep", "a.yml~", "goed.yml"],
    folders=["x.yml", "sub"],
)
@example(files=["organisaties"], folders=[])
def test_every_entry_is_read_refused_or_named(files, folders):
    """The loader gate: each entry of aanbod/ ends up in exactly one of read, refused (a problem) or ignored (named)."""
    from kaart.records.loading import list_records

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folders = [f for f in folders if f not in files]
        for name in files:
            (root / name).write_text("id: x\n", encoding="utf-8")
        for name in folders:
            (root / name).mkdir()
        listing = list_records(root, lambda p: p.name, folders=("organisaties",))
        seen = (
            [p.name for p in listing.records] + [p.file for p in listing.problems] + [rel for rel, _ in listing.ignored]
        )
        assert sorted(seen) == sorted(
            files + [f for f in folders if f != "organisaties"]
        )  # that folder is read on its own
        assert all(p.regel.startswith("bestand-") and p.oplossing for p in listing.problems)
