"""Controlled vocabularies, read from schemas/vocabulaires.schema.json.

That file is the single place where gemeenten, regio's, helpt_bij, fase, soort,
kenmerken, voor, aanmeldroutes and brondocumenten are defined: the JSON Schema
uses it through $ref, and the checker, site and finder read labels from it.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from kaart.records.loading import read_project_text


@dataclass(frozen=True)
class Term:
    id: str
    label: str
    uitleg: str
    extra: dict


class Vocabulary:
    def __init__(self, name: str, definition: dict):
        self.name = name
        self.title = definition.get("title", name)
        self.description = definition.get("description", "")
        self.terms: dict[str, Term] = {}
        for option in definition["oneOf"]:
            extra = {k: v for k, v in option.items() if k.startswith("x-")}
            self.terms[option["const"]] = Term(
                option["const"], option.get("title", option["const"]), option.get("description", ""), extra
            )

    def __contains__(self, value) -> bool:
        return value in self.terms

    def __iter__(self):
        return iter(self.terms.values())

    @property
    def ids(self) -> list[str]:
        return list(self.terms)

    @property
    def labels(self) -> dict[str, str]:
        return {t.id: t.label for t in self}

    def label(self, value: str) -> str:
        term = self.terms.get(value)
        return term.label if term else value

    def closest(self, value) -> str | None:
        if not isinstance(value, str):
            return None
        candidates = {t.id: t.id for t in self}
        candidates.update({t.label.lower(): t.id for t in self})
        match = difflib.get_close_matches(value.lower(), list(candidates), n=1, cutoff=0.6)
        return candidates[match[0]] if match else None


class Vocabularies:
    """All vocabularies of the project, by name (gemeente, regio, helpt_bij, ...)."""

    def __init__(self, schema_path: Path):
        self.path = schema_path
        self.schema = json.loads(read_project_text(schema_path))  # never blocks on a FIFO
        self._by_name = {name: Vocabulary(name, d) for name, d in self.schema["$defs"].items()}

    def __getitem__(self, name: str) -> Vocabulary:
        return self._by_name[name]

    def names(self) -> list[str]:
        return list(self._by_name)

    @cached_property
    def gemeenten_per_regio(self) -> dict[str, list[str]]:
        return {t.id: list(t.extra.get("x-gemeenten", [])) for t in self["regio"]}

    def gemeenten_in(self, werkgebied: dict) -> set[str] | None:
        """The gemeenten a werkgebied covers; None means the whole country."""
        if werkgebied.get("landelijk"):
            return None
        covered = set(werkgebied.get("gemeenten", []))
        for regio in werkgebied.get("regio", []):
            covered.update(self.gemeenten_per_regio.get(regio, []))
        return covered

    def document_year(self, document_id: str) -> int | None:
        term = self["document"].terms.get(document_id)
        return term.extra.get("x-jaar") if term else None

    def title_and_year(self, bron) -> tuple[str | None, int | None]:
        """A source's title and year: a project document's own, or as the editor cited them."""
        if not bron.document:
            return bron.titel, bron.jaar
        term = self["document"].terms.get(bron.document)
        return (term.label, term.extra.get("x-jaar")) if term else (bron.document, None)

    def newest_year(self, bronnen) -> int | None:
        """The year of the newest source (a project document's year, or the cited year)."""
        years = [self.document_year(b.document) if b.document else b.jaar for b in bronnen]
        years = [y for y in years if y]
        return max(years) if years else None
