"""The woordenlijst: one YAML list feeds the glossary page and the tooltips on every page.

Tooltips match in lower case, upper case and with a capital first letter (the
sources write "Pro" and "pro", "ggz" and "GGZ"), unless an entry says `hoofdlettergevoelig: true`: "JA"
(Jongeren op de Arbeidsmarkt) must not explain every Dutch "ja".
`missing_abbreviations` finds abbreviation-like words on a page that have no
entry, so a new abbreviation cannot slip onto the site unexplained.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kaart.project import Project
from kaart.records.loading import load_file
from kaart.result import Problem
from kaart.text import inline

GLOSSARY_FILE = "content/woordenlijst.yml"


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


def load_glossary(project: Project) -> tuple[list[Begrip], list[Problem]]:
    path = project.root / GLOSSARY_FILE
    if not path.exists():
        return [], []
    loaded = load_file(path, GLOSSARY_FILE)
    problems = list(loaded.problems)
    begrippen = []
    seen = set()
    if loaded.data is not None and not isinstance(loaded.data, list):
        return [], problems + [
            Problem(
                GLOSSARY_FILE,
                1,
                "",
                "de woordenlijst moet een lijst zijn",
                "begin elk begrip met '- term:'",
                "woordenlijst",
            )
        ]
    for i, item in enumerate(loaded.data or []):
        line = loaded.line_of((i,))
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("term"), str)
            or not isinstance(item.get("uitleg"), str)
        ):
            problems.append(
                Problem(
                    GLOSSARY_FILE,
                    line,
                    f"[{i}]",
                    "een begrip heeft `term` en `uitleg` nodig",
                    "vul beide in als tekst",
                    "woordenlijst",
                )
            )
            continue
        if item["term"] in seen:
            problems.append(
                Problem(
                    GLOSSARY_FILE,
                    line,
                    f"[{i}].term",
                    f"'{item['term']}' staat er al in",
                    "voeg de uitleg samen",
                    "woordenlijst",
                )
            )
            continue
        exact = item.get("hoofdlettergevoelig", False)
        if not isinstance(exact, bool):
            problems.append(
                Problem(
                    GLOSSARY_FILE,
                    loaded.line_of((i, "hoofdlettergevoelig")),
                    f"[{i}].hoofdlettergevoelig",
                    f"`hoofdlettergevoelig` moet true of false zijn, niet '{exact}'",
                    "schrijf `hoofdlettergevoelig: true` (uitleg alleen bij precies deze schrijfwijze) of laat het "
                    "veld weg",
                    "woordenlijst",
                )
            )
            exact = False
        seen.add(item["term"])
        begrippen.append(Begrip(item["term"], item["uitleg"], item.get("voluit"), item.get("bron"), exact))
    return sorted(begrippen, key=lambda b: b.term.lower()), problems


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
