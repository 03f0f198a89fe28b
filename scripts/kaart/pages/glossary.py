"""The woordenlijst: one YAML list feeds the glossary page and the tooltips on every page.

Tooltips match in lower case, upper case and with a capital first letter (the
sources write "Pro" and "pro", "ggz" and "GGZ"), unless an entry says `hoofdlettergevoelig: true`: "JA"
(Jongeren op de Arbeidsmarkt) must not explain every Dutch "ja".
`missing_abbreviations` finds abbreviation-like words on a page that have no
entry, so a new abbreviation cannot slip onto the site unexplained.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from jsonschema import Draft202012Validator

from kaart.project import Project
from kaart.records.loading import load_file
from kaart.result import Problem, ProjectFileError
from kaart.text import inline

GLOSSARY_FILE = "content/woordenlijst.yml"
GLOSSARY_SCHEMA = "woordenlijst.schema.json"
GLOSSARY_HINT = "begin elk begrip met '- term:' en geef het een 'uitleg:' (zie CONTRIBUTING.md, Woordenlijst)"


@dataclass(frozen=True)
class Begrip:
    term: str
    uitleg: str
    voluit: str | None = None
    bron: str | None = None
    hoofdlettergevoelig: bool = False

    @property
    def tooltip(self) -> str:
        return f"{self.voluit}: {self.uitleg}" if self.voluit else self.uitleg


MAX_GLOSSARY_BYTES = 256 * 1024  # 127 entries take 27 KB
_KIND = {bool: "true of false", list: "een lijst", dict: "velden"}


def _kind(value) -> str:
    return "leeg" if value is None else _KIND.get(type(value), "iets anders")


def folded(term: str) -> str:
    """A term as a reader sees it: Unicode-normalised (NFKC), without invisible format characters, spaces collapsed.

    Case is kept: the list gives some spellings their own entry on purpose (VSV and vsv, NJi and NJI).
    """
    text = "".join(c for c in unicodedata.normalize("NFKC", term) if unicodedata.category(c) != "Cf")
    return " ".join(text.split())


@lru_cache(maxsize=4)
def _validator(schemas_dir) -> Draft202012Validator:
    schema = json.loads((schemas_dir / GLOSSARY_SCHEMA).read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


_LAST: dict = {}  # the last glossary read: kaart check and the build's pages read the file once per build


def load_glossary(project: Project) -> tuple[list[Begrip], list[Problem]]:
    """The entries of content/woordenlijst.yml and every problem with it (schemas/woordenlijst.schema.json).

    An entry with a problem is left out, so a broken entry never reaches a tooltip. The result is
    kept for as long as the file (and the schema) stay the same: same inode, size and change time.
    """
    path = project.root / GLOSSARY_FILE
    if not os.path.lexists(path):
        return [], []
    key = (str(path), *(_stamp(p) for p in (path, project.schemas_dir / GLOSSARY_SCHEMA)))
    if _LAST.get("key") == key:
        begrippen, problems = _LAST["value"]
        return list(begrippen), list(problems)
    value = _load_glossary(project, path)
    _LAST.update(key=key, value=value)
    return list(value[0]), list(value[1])


def forget_glossary() -> None:
    """Start a build afresh: its check reads the glossary once, its pages use that read."""
    _LAST.clear()


def _stamp(path) -> tuple:
    try:
        info = os.lstat(path)
    except OSError:
        return ()
    return (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_mode)


def _load_glossary(project: Project, path) -> tuple[list[Begrip], list[Problem]]:
    loaded = load_file(
        path,
        GLOSSARY_FILE,
        limit=MAX_GLOSSARY_BYTES,
        size_hint="de woordenlijst past in een paar tientallen KB; kort lange uitleg in",
    )
    problems = list(loaded.problems)
    if loaded.problems:
        return [], problems

    def problem(line: int, veld: str, bericht: str, oplossing: str) -> None:
        problems.append(Problem(GLOSSARY_FILE, line, veld, bericht, oplossing, "woordenlijst"))

    if not isinstance(loaded.data, list):
        problem(
            1, "", "de woordenlijst moet een lijst zijn", "begin elk begrip met '- term:' en geef het een 'uitleg:'"
        )
        return [], problems
    bad: set[int] = set()
    try:
        validator = _validator(project.schemas_dir)
    except (OSError, ValueError):
        problems.append(
            Problem(
                f"schemas/{GLOSSARY_SCHEMA}",
                1,
                "",
                "het schema van de woordenlijst ontbreekt of is geen leesbare JSON",
                "zet het bestand terug uit de repository (git checkout -- schemas/)",
                "woordenlijst",
            )
        )
        return [], problems
    errors = sorted(validator.iter_errors(loaded.data), key=lambda e: (list(e.path), _PRIORITY.get(e.validator, 9)))
    said: set[tuple] = set()
    for error in errors:
        key = (*error.path, error.validator) if len(error.path) < 2 else tuple(error.path)
        if key in said:  # one message per field: "" is both too short and not trimmed
            continue
        said.add(key)
        where = list(error.path)
        if not where:  # the list itself: empty, or too many entries
            if error.validator == "minItems":
                problem(1, "", "de woordenlijst is leeg", GLOSSARY_HINT)
            else:
                problem(
                    1, "", f"de woordenlijst heeft te veel begrippen (maximaal {error.validator_value})", "kort hem in"
                )
            continue
        i = where[0]
        bad.add(i)
        field = where[1] if len(where) > 1 else None
        line = loaded.line_of(tuple(where))
        veld = f"[{i}].{field}" if field else f"[{i}]"
        problem(line, veld, *_message(error, field))
    begrippen: list[Begrip] = []
    seen: dict[str, int] = {}
    try:
        documents: set | None = set(project.vocab["document"].ids)
    except (KeyError, OSError, ValueError, ProjectFileError):  # named by the check of the schemas themselves
        documents = None
    for i, item in enumerate(loaded.data):
        if i in bad:
            continue
        line = loaded.line_of((i,))
        term = item["term"]
        if not any(c.isalnum() for c in term):
            # a term without a letter or digit would match at every word boundary of every page
            problem(
                line,
                f"[{i}].term",
                f"de term '{term}' heeft geen letter of cijfer",
                "schrijf de afkorting of het begrip zelf",
            )
            continue
        key = folded(term)
        if key in seen:
            problem(
                line,
                f"[{i}].term",
                f"'{term}' staat er al in (regel {seen[key]})",
                "voeg de uitleg samen in één begrip",
            )
            continue
        seen[key] = line
        bron = item.get("bron")
        if (
            bron is not None and documents is not None and bron not in documents
        ):  # the page would drop the source without a word
            problem(
                loaded.line_of((i, "bron")),
                f"[{i}].bron",
                f"onbekend brondocument '{bron}'",
                "gebruik het id van een document uit schemas/vocabulaires.schema.json (document), of laat het veld weg",
            )
            continue
        begrippen.append(
            Begrip(term, item["uitleg"], item.get("voluit"), item.get("bron"), item.get("hoofdlettergevoelig", False))
        )
    return sorted(begrippen, key=lambda b: b.term.lower()), problems


_PRIORITY = {"type": 0, "required": 1, "minLength": 2, "pattern": 3}
_FIELD_FIX = {
    "term": "schrijf de afkorting of het begrip als tekst, bijvoorbeeld `term: RMC`",
    "uitleg": "schrijf de uitleg in gewone woorden als tekst",
    "voluit": "schrijf de afkorting voluit als één tekst, of laat het veld weg",
    "bron": "schrijf het id van het brondocument, of laat het veld weg",
    "hoofdlettergevoelig": "schrijf `hoofdlettergevoelig: true` (uitleg alleen bij precies deze schrijfwijze) of laat "
    "het veld weg",
}


def _message(error, field: str | None) -> tuple[str, str]:
    """A Dutch message and fix for one schema error in the glossary."""
    kind, value = error.validator, error.instance
    if field is None:
        if kind == "required":
            missing = error.message.split("'")[1]
            return f"een begrip heeft `{missing}` nodig", _FIELD_FIX[missing]
        if kind == "additionalProperties":
            extra = sorted(set(value) - set(error.schema.get("properties", {})))
            return (
                f"onbekend veld `{extra[0]}` in een begrip",
                "gebruik alleen term, voluit, uitleg, bron en hoofdlettergevoelig",
            )
        return "een begrip moet velden hebben (term: … en uitleg: …)", "begin het begrip met '- term:'"
    fix = _FIELD_FIX.get(field, "")
    if kind == "type":
        expected = "true of false" if field == "hoofdlettergevoelig" else "tekst"
        shown = f"'{value}'" if isinstance(value, (str, int, float)) and not isinstance(value, bool) else _kind(value)
        return f"`{field}` moet {expected} zijn, niet {shown}", fix
    if kind == "minLength":
        if field == "term":
            return "de term is leeg of heeft minder dan twee tekens", fix
        return f"`{field}` is leeg", fix
    if kind == "maxLength":
        return f"`{field}` is te lang ({len(value)} tekens, maximaal {error.validator_value})", "kort de tekst in"
    if kind == "pattern":
        return "de term begint of eindigt met een spatie", "haal de spaties aan het begin en eind weg"
    return f"`{field}` klopt niet", fix


def _spellings(term: str) -> tuple[str, ...]:
    """The ways a page may write a term: as listed, all lower, all upper, first letter upper."""
    return (term, term.lower(), term.upper(), term[:1].upper() + term[1:].lower())


def abbreviations(begrippen: list[Begrip]) -> dict[str, str]:
    """For Python-Markdown's abbr `glossary`: every spelling -> tooltip text on every page.

    abbr matches case-sensitively, so each term is listed in its other spellings
    too: lower, upper and first letter upper. A spelling listed as its own entry
    ("VSV" and "vsv") keeps that entry. A page in mixed case ("PrO") gets no
    tooltip; the built-site test reports it.
    """
    tooltips = {b.term: b.tooltip for b in begrippen}
    for b in begrippen:
        if not b.hoofdlettergevoelig:
            for spelling in _spellings(b.term):
                tooltips.setdefault(spelling, b.tooltip)
    return tooltips


# Words in capitals on the site that are not abbreviations, or technical names on
# the pages for developers and editors (open data, bijdragen, redactie) that
# explain themselves there. Everything else in capitals needs a woordenlijst entry.
GEEN_AFKORTING = frozenset(
    {
        "A-Z",  # the alphabetical overview
        "WAT",
        "HOE",  # the plan of aanpak writes these two words in capitals for emphasis
        "API",
        "BOM",
        "CC0",
        "CSV",
        "HSDS",
        "HTML",
        "JSON",
        "UTF-8",
        "UUID",
        "YAML",
        "JJJJ-MM-DD",
        "CONTRIBUTING",
        "KB",
        "MB",  # file sizes in the rules for editors (CONTRIBUTING.md, "Pagina's in content/")
        "FIFO",  # "named pipe (FIFO)": the name an editor's system gives it, explained where it appears
        "QR",  # "QR-code" on Mijn lijst: the square code a phone's camera reads, said in the same sentence
    }
)
_NOT_TEXT = [
    re.compile(p, re.S)
    for p in (
        r"```.*?```",
        r"`[^`\n]*`",
        r"<!--.*?-->",
        r"<[^>]+>",
        r"\]\([^)]*\)",
        r"https?://\S+|www\.\S+|\S+@\S+",
        r"\{[#.:][^}]*\}",
    )
]
_WORD = re.compile(r"[A-Za-zÀ-ÿ0-9&]+(?:-[A-Za-zÀ-ÿ0-9&]+)*")


def abbreviation_like(text: str) -> set[str]:
    """Words written mostly in capitals (NHN, W&I, NJi, PrO, A-REA; also in RMC-regio), outside code and links."""
    for pattern in _NOT_TEXT:
        text = pattern.sub(" ", text)
    found = set()
    for word in _WORD.findall(text):
        word = re.sub(r"^(?:[0-9]+-)+", "", word)  # "3.0-API": the API
        if _mostly_capitals(word):
            found.add(word)  # A-REA, UTF-8: the whole word
        else:
            found.update(part for part in word.split("-") if _mostly_capitals(part))  # RMC-regio: the RMC
    return found


def _mostly_capitals(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return upper >= 2 and upper >= len(letters) - 1


def missing_abbreviations(pages: Mapping[str, str], begrippen: Iterable[Begrip]) -> dict[str, list[str]]:
    """Abbreviation-like word -> the pages that use it without a woordenlijst entry (any case)."""
    known = {b.term.lower() for b in begrippen} | {w.lower() for w in GEEN_AFKORTING}
    missing: dict[str, list[str]] = {}
    for name, text in pages.items():
        words = abbreviation_like(text)
        for word in sorted(words):
            if word.lower() in known:
                continue
            if "-" in word and all(p.lower() in known or not p.isalpha() for p in word.split("-") if p):
                continue  # a compound of known parts, like NHN-plan's NHN
            missing.setdefault(word, []).append(name)
    return missing


def glossary_page(begrippen: list[Begrip], project: Project) -> str:
    lines = [
        "---",
        "title: Woordenlijst",
        "---",
        "",
        "# Woordenlijst",
        "",
        "Afkortingen en begrippen uit de bronnen, in gewone woorden. Op elke pagina van deze site zie je de uitleg "
        "ook als je met de muis over zo'n woord gaat of het aantikt.",
        "",
    ]
    letter = None
    for b in begrippen:
        first = b.term[:1].upper()
        if first != letter:
            letter = first
            lines += [f"## {letter}", ""]
        head = f"**{inline(b.term)}**" + (f" ({inline(b.voluit)})" if b.voluit else "")
        bron = ""
        if b.bron and b.bron in project.vocab["document"]:
            bron = f" *Bron: {inline(project.vocab['document'].label(b.bron))}.*"
        lines += [head, f":   {inline(b.uitleg)}{bron}", ""]
    return "\n".join(lines)
