"""The yes/no schema check (jsonschema-rs) must agree with jsonschema, or `kaart check` would miss errors."""

from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kaart.check.rules import walk
from kaart.check.schema import Schemas
from kaart.records.loading import load_file
from support import ROOT


@pytest.fixture(scope="module")
def schemas(project):
    both = Schemas(project)
    return [(schema.full, schema.is_valid) for schema in (both.aanbod, both.organisatie)]


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


def test_the_yes_no_check_agrees_on_real_and_example_records(schemas):
    full, fast = schemas[0]
    for data in RECORDS:
        assert fast(data) == full.is_valid(data), data.get("id")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture], database=None)
@given(st.data())
def test_the_yes_no_check_agrees_on_mutated_records(schemas, data):
    full, fast = schemas[0]
    record = copy.deepcopy(data.draw(st.sampled_from(RECORDS)))
    for _ in range(data.draw(st.integers(1, 3))):
        paths = [p for p, _ in walk(record) if p]
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


def test_a_whole_number_written_with_a_point_is_refused(schemas):
    """jsonschema-rs counts 18.0 as an integer; our pages and search print it as 18.0, so it is an error."""
    full, fast = schemas[0]
    record = copy.deepcopy(next(r for r in RECORDS if (r.get("doelgroep") or {}).get("leeftijd")))
    record["doelgroep"]["leeftijd"]["min"] = 18.0
    assert not full.is_valid(record) and not fast(record)


def test_a_date_followed_by_a_newline_is_refused(schemas):
    full, fast = schemas[0]
    record = copy.deepcopy(RECORDS[0])
    record["laatst_gecontroleerd"] = "2026-01-01\n"
    assert not full.is_valid(record) and not fast(record)
