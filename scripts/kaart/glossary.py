"""The woordenlijst: one YAML list feeds the glossary page and the tooltips on every page."""
from __future__ import annotations

from dataclasses import dataclass

from .loading import load_file
from .project import Project
from .result import Problem
from .text import inline

GLOSSARY_FILE = "content/woordenlijst.yml"


@dataclass(frozen=True)
class Begrip:
    term: str
    uitleg: str
    voluit: str | None = None
    bron: str | None = None

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
        return [], problems + [Problem(GLOSSARY_FILE, 1, "", "de woordenlijst moet een lijst zijn", "begin elk begrip met '- term:'", "woordenlijst")]
    for i, item in enumerate(loaded.data or []):
        line = loaded.line_of((i,))
        if not isinstance(item, dict) or not isinstance(item.get("term"), str) or not isinstance(item.get("uitleg"), str):
            problems.append(Problem(GLOSSARY_FILE, line, f"[{i}]", "een begrip heeft `term` en `uitleg` nodig", "vul beide in als tekst", "woordenlijst"))
            continue
        if item["term"] in seen:
            problems.append(Problem(GLOSSARY_FILE, line, f"[{i}].term", f"'{item['term']}' staat er al in", "voeg de uitleg samen", "woordenlijst"))
            continue
        seen.add(item["term"])
        begrippen.append(Begrip(item["term"], item["uitleg"], item.get("voluit"), item.get("bron")))
    return sorted(begrippen, key=lambda b: b.term.lower()), problems


def abbreviations(begrippen: list[Begrip]) -> dict[str, str]:
    """For Python-Markdown's abbr `glossary`: term -> tooltip text on every page."""
    return {b.term: b.tooltip for b in begrippen}


def glossary_page(begrippen: list[Begrip], project: Project) -> str:
    lines = ["---", "title: Woordenlijst", "---", "", "# Woordenlijst", "",
             "Afkortingen en begrippen uit de bronnen, in gewone woorden. Op elke pagina van deze site zie je de uitleg "
             "ook als je met de muis over zo'n woord gaat of het aantikt.", ""]
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
