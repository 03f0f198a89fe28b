"""jsonschema's errors in Dutch: what is wrong, on which line, and how to fix it.

`translate` turns one `jsonschema.ValidationError` into a Problem; each kind of
error (required, type, pattern, ...) has a small function of its own below.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from kaart.check.textpolicy import odd_characters
from kaart.project import Project
from kaart.records.loading import ID_PATTERN, LoadedFile, dotted, skeleton, suggest_id
from kaart.result import Problem

_TYPES = {
    "string": "tekst",
    "integer": "een heel getal",
    "array": "een lijst",
    "object": "een blok met velden",
    "boolean": "true of false",
    "number": "een getal",
}
# vocabularies named by their own name in a message ("onbekende gemeente"); the others as "waarde voor <naam>"
_NAMED_VOCABS = ("gemeente", "regio", "fase", "soort", "status", "aanmeldroute", "kenmerk")
_PATTERN_FIXES = {
    "id": "gebruik kleine letters, cijfers en streepjes, zoals de bestandsnaam",
    "aanbieder": "gebruik het id van de organisatie: kleine letters, cijfers en streepjes",
    "website": "schrijf een volledig adres dat begint met https:// of http://",
    "url": "schrijf een volledig adres dat begint met https:// of http://",
    "telefoon": "schrijf alleen cijfers, spaties of streepjes (eventueel met + vooraan), zoals in de bron",
    "email": "schrijf een e-mailadres zoals naam@organisatie.nl",
    "laatst_gecontroleerd": "schrijf de datum als JJJJ-MM-DD tussen aanhalingstekens",
    "bevestigd": "schrijf de echte datum van de bevestiging (vanaf 2000) als JJJJ-MM-DD tussen aanhalingstekens",
    "citaat": "neem de woorden van de bron letterlijk over, niet alleen ' … '",
}


@dataclass
class _Error:
    """One schema error, with what every message needs."""

    loaded: LoadedFile
    error: object  # jsonschema.ValidationError
    project: Project
    record_schema: dict  # the whole schema of the record: is a field required?

    def __post_init__(self):
        self.path = tuple(self.error.absolute_path)
        self.schema = self.error.schema if isinstance(self.error.schema, dict) else {}
        self.value = self.error.instance
        self.example = example(self.schema)

    def problem(self, bericht: str, oplossing: str, regel: str, path: tuple | None = None) -> Problem:
        path = self.path if path is None else path
        return Problem(self.loaded.rel, self.loaded.line_of(path), dotted(path), bericht, oplossing, regel)

    def weg(self) -> str:
        """A required field is never told to go away: only an optional one may be left out."""
        return " (het is verplicht)" if _required(self.record_schema, self.path) else " of haal het weg"


def translate(loaded: LoadedFile, error, project: Project, record_schema: dict) -> Problem:
    """One jsonschema error as a Dutch problem with file, line, field and fix."""
    e = _Error(loaded, error, project, record_schema)
    kind = error.validator
    if kind == "oneOf" and "oneOf" in e.schema and all("const" in o for o in e.schema["oneOf"]):
        return _vocabulary(e)
    message = _BY_KIND.get(kind)
    if message is not None:
        return message(e)
    return e.problem(error.message, f"zie de beschrijving in het schema{e.example}", "schema")


def _required_field(e: _Error) -> Problem:
    missing = re.search(r"'([^']+)' is a required property", e.error.message)
    name = missing.group(1) if missing else "?"
    sub = e.schema.get("properties", {}).get(name, {})
    return Problem(
        e.loaded.rel,
        e.loaded.line_of(e.path),
        dotted(e.path + (name,)),
        "verplicht veld ontbreekt",
        f"voeg `{name}:` toe{_about(sub, e.project)}",
        "schema-verplicht",
    )


def _unknown_field(e: _Error) -> Problem:
    allowed = list(e.schema.get("properties", {}))
    extra = [k for k in e.value if k not in allowed] if isinstance(e.value, dict) else []
    name = extra[0] if extra else "?"
    close = difflib.get_close_matches(str(name), allowed, n=1, cutoff=0.6)
    hint = f"bedoelde je '{close[0]}'? " if close else ""
    return e.problem(
        f"onbekend veld '{name}'",
        f"{hint}toegestaan zijn: {', '.join(allowed)}",
        "schema-onbekend-veld",
        e.path + (name,),
    )


def _one_source_kind(e: _Error) -> Problem:  # bron: document, titel or bevestigd
    return e.problem(
        "een bron heeft óf `document`, óf `titel`, óf `bevestigd`",
        "kies `document: <id>` voor een projectdocument, `titel:` (en `jaar:`) voor een andere bron, "
        'of `bevestigd: "JJJJ-MM-DD"` (en `door:`) als de aanbieder het heeft bevestigd',
        "schema-bron",
    )


def _wrong_type(e: _Error) -> Problem:
    if e.value is None:
        return e.problem("is leeg", f"vul een waarde in{e.weg()}{e.example}", "schema-type")
    types = e.schema.get("type") if isinstance(e.schema.get("type"), list) else [e.schema.get("type")]
    want = " of ".join(str(_TYPES.get(t, t)) for t in types)
    written_value = written(e.loaded, e.path, e.value)
    if types == ["integer"] and isinstance(e.value, float):
        whole = f", bijvoorbeeld: {int(e.value)}" if e.value.is_integer() else e.example
        return e.problem(
            f"moet een heel getal zijn, niet {written_value}",
            f"schrijf het getal zonder punt of komma{whole}",
            "schema-type",
        )
    return e.problem(f"moet {want} zijn, niet {written_value}", f"schrijf {want}{e.example}", "schema-type")


def _wrong_form(e: _Error) -> Problem:
    value = e.value
    multiline = isinstance(value, str) and "\n" in value.strip(" ") and value.strip()
    if multiline and e.path in e.loaded.escaped_newlines:
        return e.problem(
            "de waarde bevat een nieuwe regel (\\n tussen aanhalingstekens)",
            f"haal de \\n weg; deze waarde staat op één regel{e.example}",
            "schema-vorm",
        )
    if multiline:
        return e.problem(
            "de waarde staat niet op één regel (blok met | of >)",
            f"schrijf de waarde direct achter de veldnaam, zonder | of >{e.example}",
            "schema-vorm",
        )
    if e.path[-1:] == ("email",) and isinstance(value, str) and re.search(r"[?&%=]", value):
        return e.problem(
            f"{show(value)} is geen gewoon e-mailadres: ?, &, = en %-codes zijn niet toegestaan",
            "schrijf alleen het adres, zoals naam@organisatie.nl; "
            "zulke tekens kunnen extra ontvangers aan de mail toevoegen",
            "contact-email",
        )
    stem = e.loaded.path.stem
    typed = stem if e.path == ("id",) and ID_PATTERN.match(stem) else value
    return e.problem(
        f"{show(value)} heeft niet de goede vorm{_odd(value)}", _pattern_fix(e.path, e.example, typed), "schema-vorm"
    )


def _empty(e: _Error) -> Problem:
    return e.problem("is leeg of te kort", f"vul het veld in{e.weg()}{e.example}", "schema-leeg")


def _too_long(e: _Error) -> Problem:
    maximum = e.schema.get("maxLength")
    return e.problem(
        f"tekst is te lang ({len(e.value)} tekens, maximaal {maximum})", "kort de tekst in", "schema-lengte"
    )


def _twice(e: _Error) -> Problem:
    return e.problem("een waarde staat er twee keer in", "haal de dubbele waarde weg", "schema-dubbel")


def _out_of_range(e: _Error) -> Problem:
    return e.problem(
        f"{show(e.value)} ligt buiten {e.schema.get('minimum')}–{e.schema.get('maximum')}",
        f"vul een waarde binnen die grenzen in{e.example}",
        "schema-bereik",
    )


def _only_const(e: _Error) -> Problem:
    const = show(e.schema.get("const"))
    return e.problem(f"alleen {const} is toegestaan", f"schrijf {const} of haal het veld weg", "schema-waarde")


def _vocabulary(e: _Error) -> Problem:
    value = e.value
    name = _vocab_by_values(e.project).get(frozenset(o["const"] for o in e.schema["oneOf"]))
    vocab = e.project.vocab[name] if name else None
    what = name if name in _NAMED_VOCABS else f"waarde voor {name or 'dit veld'}"
    if not isinstance(value, str):
        return e.problem(
            f"moet tekst uit de vaste lijst zijn, niet {show(value)}",
            f"kies uit: {', '.join(vocab.ids) if vocab else '?'}",
            "vocabulaire",
        )
    close = vocab.closest(value) if vocab else None
    if vocab and not close and not value.isascii():
        close = vocab.closest(skeleton(value))
    hint = f"bedoelde je '{close}'? " if close else ""
    allowed = ", ".join(vocab.ids) if vocab else ""
    extra = (
        " (nieuwe waarde nodig? voeg haar met bron toe aan schemas/vocabulaires.schema.json)"
        if name in ("gemeente", "regio", "kenmerk")
        else ""
    )
    return e.problem(
        (f"onbekende {what} '{value}'" if what == name else f"onbekende {what}: '{value}'") + _odd(value),
        f"{hint}kies uit: {allowed}{extra}",
        f"vocabulaire-{name}",
    )


_BY_KIND = {
    "required": _required_field,
    "additionalProperties": _unknown_field,
    "oneOf": _one_source_kind,
    "type": _wrong_type,
    "pattern": _wrong_form,
    "minLength": _empty,
    "minItems": _empty,
    "minProperties": _empty,
    "maxLength": _too_long,
    "uniqueItems": _twice,
    "minimum": _out_of_range,
    "maximum": _out_of_range,
    "const": _only_const,
}


def _vocab_by_values(project: Project) -> dict[frozenset, str]:
    vocab = project.vocab
    return {frozenset(vocab[name].ids): name for name in vocab.names()}


def _required(record_schema: dict, path: tuple) -> bool:
    """Is the field at `path` required by its parent (a list item counts as optional: it can go)?"""
    if not path or isinstance(path[-1], int):
        return False
    node = record_schema
    for part in path[:-1]:
        node = node.get("items", {}) if isinstance(part, int) else node.get("properties", {}).get(part, {})
        if not isinstance(node, dict):
            return False
    return path[-1] in node.get("required", ())


def show(value) -> str:
    """A value in a message: text quoted and cut short, lists and blocks by their kind."""
    if isinstance(value, str):
        return f"'{value[:60]}'"
    if value is None:
        return "leeg"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return "een lijst" if isinstance(value, list) else "een blok met velden"
    return str(value)


def written(loaded: LoadedFile, path: tuple, value) -> str:
    """A value as the editor typed it (`18.0`, `0201234567`), for messages."""
    return loaded.as_written.get(tuple(path), show(value))


def example(schema: dict) -> str:
    examples = schema.get("examples")
    if not examples or isinstance(examples[0], dict):
        return ""
    if isinstance(examples[0], list):
        if any(isinstance(item, (dict, list)) for item in examples[0]):
            return ""
        return f", bijvoorbeeld: [{', '.join(str(item) for item in examples[0])}]"
    return f", bijvoorbeeld: {examples[0]}"


def _about(sub: dict, project: Project) -> str:
    title = sub.get("title")
    if not title and "$ref" in sub:
        title = project.vocab[sub["$ref"].rsplit("/", 1)[-1]].title
    return f" ({title}){example(sub)}" if title else example(sub)


def _odd(value) -> str:
    return odd_characters(value) if isinstance(value, str) else ""


def _pattern_fix(path: tuple, example_text: str, value=None) -> str:
    last = path[-1] if path else ""
    if last in ("id", "aanbieder") and isinstance(value, str) and suggest_id(value):
        example_text = f", bijvoorbeeld: {suggest_id(value)}"  # a valid id close to what was typed
    return _PATTERN_FIXES.get(last, "zie de beschrijving in het schema") + example_text
