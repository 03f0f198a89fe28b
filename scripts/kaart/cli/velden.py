"""The field reference in CONTRIBUTING.md, generated from the JSON Schemas so it never drifts.

`kaart velden` rewrites the part between the markers; `kaart velden --controleer`
fails when the file is out of date (a test does the same).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from kaart.project import Project
from kaart.records.loading import read_project_text

BEGIN = "<!-- velden:begin (gemaakt met `kaart velden`; niet met de hand aanpassen) -->"
END = "<!-- velden:end -->"
_TYPES = {"string": "tekst", "integer": "heel getal", "array": "lijst", "object": "blok", "boolean": "true/false"}


def _cell(text: str) -> str:
    # '<id>' in a description would be an unknown HTML element on /bijdragen/: write it as an entity
    return " ".join(str(text).split()).replace("|", "\\|").replace("<", "&lt;")


def _rows(
    project: Project,
    schema: dict,
    prefix: str,
    required: set[str],
    defs: dict | None = None,
    listed: dict | None = None,
) -> list[str]:
    defs = schema.get("$defs", {}) if defs is None else defs
    listed = {} if listed is None else listed  # shared definition -> the first field that listed its sub-fields
    rows = []
    for name, prop in schema.get("properties", {}).items():
        path = f"{prefix}{name}"
        ref = prop.get("$ref", "")
        if ref.startswith("#/$defs/"):  # a block defined once in the schema (e.g. the source of a doelgroep fact)
            shared = ref.rsplit("/", 1)[-1]
            prop = {**defs[shared], **{k: v for k, v in prop.items() if k != "$ref"}}
            if shared in listed:
                rows.append(
                    f"| `{path}` | {'ja' if name in required else ''} | blok | "
                    f"{_cell(prop.get('description', ''))} Zelfde velden als `{listed[shared]}`. |"
                )
                continue
            listed[shared] = path
        kind, allowed = _kind(project, prop)
        verplicht = "ja" if name in required else ""
        uitleg = prop.get("description") or ""
        if not uitleg and "$ref" in prop:
            uitleg = project.vocab[prop["$ref"].rsplit("/", 1)[-1]].description
        if allowed:
            uitleg += f" Kies uit: {', '.join(f'`{a}`' for a in allowed)}."
        rows.append(f"| `{path}` | {verplicht} | {kind} | {_cell(uitleg)} |")
        if prop.get("type") == "object":
            rows += _rows(project, prop, f"{path}.", set(prop.get("required", [])), defs, listed)
        elif prop.get("type") == "array" and prop.get("items", {}).get("type") == "object":
            rows += _rows(project, prop["items"], f"{path}[].", set(prop["items"].get("required", [])), defs, listed)
    return rows


def _kind(project: Project, prop: dict) -> tuple[str, list[str]]:
    if isinstance(prop.get("$ref"), str) and prop["$ref"].startswith("#/"):  # e.g. a contact value's own source
        return "blok (zoals een bron in `bronnen[]`)", []
    if isinstance(prop.get("type"), list):  # e.g. aanbieder: one id or a list of ids
        return " of ".join(_TYPES.get(t, t) for t in prop["type"]), []
    ref = prop.get("$ref") or (prop.get("items") or {}).get("$ref")
    allowed = project.vocab[ref.rsplit("/", 1)[-1]].ids if ref else []
    if prop.get("type") == "array":
        item = prop.get("items", {})
        inner = (
            "waarden uit de lijst"
            if item.get("$ref")
            else {"string": "teksten", "object": "blokken"}.get(item.get("type"), "waarden")
        )
        return f"lijst van {inner}", allowed
    if ref:
        return "waarde uit de lijst", allowed
    return _TYPES.get(prop.get("type"), "waarde"), allowed


def field_reference(project: Project) -> str:
    parts = []
    for name, kop in (
        ("aanbod", "Aanbod (`aanbod/<id>.yml`)"),
        ("organisatie", "Organisatie (`aanbod/organisaties/<id>.yml`)"),
    ):
        schema = json.loads(read_project_text(project.schemas_dir / f"{name}.schema.json"))
        parts += [
            f"### {kop}",
            "",
            _cell(schema.get("description", "")),
            "",
            "| Veld | Verplicht | Soort | Uitleg |",
            "|---|---|---|---|",
        ]
        parts += _rows(project, schema, "", set(schema.get("required", [])))
        parts.append("")
    return "\n".join(parts)


def updated(text: str, reference: str) -> str | None:
    """The text with the reference between the markers; None if the markers are missing."""
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        return None
    return text[: start + len(BEGIN)] + "\n\n" + reference.rstrip() + "\n\n" + text[end:]


def run(args, project: Project) -> int:
    path: Path = project.root / "CONTRIBUTING.md"
    if path.is_symlink():  # it is written: never through a link to somewhere else
        print(
            f"kaart velden: {project.rel(path)} is een snelkoppeling (symlink); kaart velden schrijft er niet "
            "doorheen — vervang hem door het bestand zelf"
        )
        return 2
    if os.path.lexists(path) and not path.is_file():
        print(f"kaart velden: {project.rel(path)} is geen gewoon bestand — zet het bestand terug uit de repository")
        return 2
    if not path.is_file():
        print(f"kaart velden: {project.rel(path)} bestaat niet — maak het bestand aan met de regels {BEGIN} en {END}")
        return 2
    text = path.read_text(encoding="utf-8")
    new = updated(text, field_reference(project))
    if new is None:
        print(
            f"kaart velden: {project.rel(path)} mist de regels {BEGIN} en {END} — zet ze waar de veldenlijst moet komen"
        )
        return 2
    if args.controleer:
        if new != text:
            print(f"{project.rel(path)} is niet bijgewerkt na een wijziging in schemas/ — draai `kaart velden`")
            return 1
        print(f"{project.rel(path)} is bijgewerkt.")
        return 0
    if new != text:
        path.write_text(new, encoding="utf-8")
        print(f"Veldenlijst in {project.rel(path)} bijgewerkt.")
    else:
        print(f"{project.rel(path)} was al bijgewerkt.")
    return 0
