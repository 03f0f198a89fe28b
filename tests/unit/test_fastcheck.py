"""The fast yes/no schema check must agree with jsonschema, or `kaart check` would miss errors."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kaart.check.checker import Checker, _enumify, _walk, fast_schema
from kaart.check.fastcheck import compile_schema
from kaart.records.loading import load_file
from support import ROOT


@pytest.fixture(scope="module")
def schemas(project):
    vocab = json.loads((ROOT / "schemas" / "vocabulaires.schema.json").read_text(encoding="utf-8"))
    defs = _enumify(vocab)["$defs"]
    checker = Checker(project)
    out = []
    for full in (checker.aanbod_validator, checker.organisatie_validator):
        out.append((full, compile_schema(fast_schema(full.schema, defs))))
    return out


def _records():
    paths = sorted((ROOT / "aanbod").glob("*.yml")) + sorted((ROOT / "tests" / "example-files").glob("*/*.yml"))
    out = []
    for path in paths:
        data = load_file(path, path.name).data  # our loader: dates stay strings, as in kaart check
        if isinstance(data, dict):
            out.append(data)
    return out


RECORDS = _records()
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 120),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.lists(st.text(max_size=6), max_size=3),
    st.just([]),
    st.just({}),
    st.sampled_from(
        ["almere", "werk", "beschreven", "zonder", "verwey-jonker-almere-2016", "https://x.nl/", "2026-01-01"]
    ),
)


def test_fast_check_agrees_on_real_and_example_records(schemas):
    full, fast = schemas[0]
    for data in RECORDS:
        assert fast(data) == full.is_valid(data), data.get("id")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture], database=None)
@given(st.data())
def test_fast_check_agrees_on_mutated_records(schemas, data):
    full, fast = schemas[0]
    record = copy.deepcopy(data.draw(st.sampled_from(RECORDS)))
    for _ in range(data.draw(st.integers(1, 3))):
        paths = [p for p, _ in _walk(record) if p]
        path = data.draw(st.sampled_from(paths))
        parent = record
        for part in path[:-1]:
            parent = parent[part]
        action = data.draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "delete" and isinstance(parent, dict):
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[data.draw(st.sampled_from(["extra", "min", "max", "document", "titel", "jaar", "geboden"]))] = (
                data.draw(VALUES)
            )
        else:
            parent[path[-1]] = data.draw(VALUES)
    assert fast(record) == full.is_valid(record)
