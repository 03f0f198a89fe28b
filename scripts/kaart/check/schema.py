"""The JSON Schemas of the records: a yes/no check first, then jsonschema's errors in Dutch.

Nearly every record is valid.  `jsonschema-rs` (a Rust validator for draft 2020-12)
answers yes or no for those; only a record it refuses goes through `jsonschema`,
whose errors `kaart.check.schema_messages` turns into Dutch messages.  The two must
agree: tests/unit/test_schema_check.py compares them on real, example and random records.
"""

from __future__ import annotations

import json
from functools import cached_property

import jsonschema_rs
from jsonschema import Draft202012Validator
from jsonschema.validators import extend
from referencing import Registry, Resource

from kaart.check.schema_messages import translate
from kaart.project import Project
from kaart.records.loading import LoadedFile, read_project_text
from kaart.result import Problem

VOCAB_FILE = "vocabulaires.schema.json"
_BASE = "https://kaart.invalid/schemas/"  # a name for the schemas' $refs; nothing is fetched

# 18.0 is an integer to JSON Schema, but not to the pages and the search index that print it.
_Validator = extend(
    Draft202012Validator,
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", lambda checker, value: isinstance(value, int) and not isinstance(value, bool)
    ),
)


class RecordSchema:
    """One record schema (aanbod or organisatie) of a project, with both validators."""

    def __init__(self, project: Project, name: str):
        self.project = project
        schemas_dir = project.schemas_dir
        self.schema = json.loads(read_project_text(schemas_dir / f"{name}.schema.json"))
        vocab = json.loads(read_project_text(schemas_dir / VOCAB_FILE))
        registry = Registry().with_resource(VOCAB_FILE, Resource.from_contents(vocab))
        self.full = _Validator(_whole_string_patterns(self.schema), registry=registry)
        # the schemas' own patterns: in jsonschema-rs, as in JSON Schema, `$` is the end of the text
        self._fast = jsonschema_rs.Draft202012Validator(
            self.schema,
            registry=jsonschema_rs.Registry([(_BASE + VOCAB_FILE, vocab)]),
            base_uri=f"{_BASE}{name}.schema.json",
        )

    def is_valid(self, data) -> bool:
        # jsonschema-rs counts 18.0 as an integer; such a record takes the full check
        return self._fast.is_valid(data) and not _has_float(data)

    def problems(self, loaded: LoadedFile) -> list[Problem]:
        """The schema's verdict on one loaded record (a mapping) as Dutch problems."""
        if self.is_valid(loaded.data):
            return []
        errors = list(self.full.iter_errors(loaded.data))
        if _keep_as_written(loaded, errors):  # e.g. `telefoon: 0201234567`: the text the editor typed
            errors = list(self.full.iter_errors(loaded.data))
        return [translate(loaded, error, self.project, self.schema) for error in errors]


class Schemas:
    """The project's record schemas, each read and compiled once."""

    def __init__(self, project: Project):
        self.project = project

    @cached_property
    def aanbod(self) -> RecordSchema:
        return RecordSchema(self.project, "aanbod")

    @cached_property
    def organisatie(self) -> RecordSchema:
        return RecordSchema(self.project, "organisatie")

    def of(self, loaded: LoadedFile) -> RecordSchema:
        folder = self.project.rel(self.project.organisaties_dir) + "/"
        return self.organisatie if loaded.rel.startswith(folder) else self.aanbod


def _has_float(data) -> bool:
    if isinstance(data, float):
        return True
    if isinstance(data, dict):
        return any(_has_float(v) for v in data.values())
    if isinstance(data, list):
        return any(_has_float(v) for v in data)
    return False


def _whole_string_patterns(node):
    """A copy of a schema whose patterns end at the end of the text, as in JSON Schema's regex dialect.

    Python's `$` also matches before a final newline, so `laatst_gecontroleerd: |` with a
    date on the next line ("2026-01-01\\n") passed `^[0-9]{4}-[0-9]{2}-[0-9]{2}$`.
    """
    if isinstance(node, dict):
        out = {k: _whole_string_patterns(v) for k, v in node.items()}
        if isinstance(out.get("pattern"), str) and out["pattern"].endswith("$") and not out["pattern"].endswith("\\$"):
            out["pattern"] = out["pattern"][:-1] + "\\Z"
        return out
    if isinstance(node, list):
        return [_whole_string_patterns(v) for v in node]
    return node


def _keep_as_written(loaded: LoadedFile, errors) -> bool:
    """Put back the typed text where the schema wants text but YAML read a number or true/false.

    `telefoon: 0201234567` stays "0201234567" and `naam: yes` stays "yes". Returns whether anything changed.
    """
    changed = False
    pending = list(errors)
    while pending:
        error = pending.pop()
        pending.extend(error.context or ())  # inside oneOf (a source with document or titel)
        path = tuple(error.absolute_path)
        if error.validator == "type" and error.validator_value == "string" and path in loaded.as_written and path:
            parent = loaded.data
            for part in path[:-1]:
                parent = parent[part]
            if not isinstance(parent[path[-1]], str):
                parent[path[-1]] = loaded.as_written[path]
                changed = True
    return changed
