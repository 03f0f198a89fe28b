"""The glossary tooltips mark exactly what Python-Markdown's own abbr extension marks."""

from __future__ import annotations

import re

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from kaart.pages.glossary import abbreviations, load_glossary
from kaart.project import Project
from kaart.publish.tooltips import abbreviation_pattern
from support import ROOT

WORDS = ["VSV", "VSO", "PrO", "mbo", "mbo-4", "Entree", "Entree-opleiding", "RMC", "W&I", "niet-werkende jongere"]


def _abbr_pattern(keys) -> re.Pattern:
    """The pattern abbr compiles for each page: every spelling, longest first."""
    ordered = sorted(keys, key=len, reverse=True)
    return re.compile(f"\\b(?:{'|'.join(re.escape(key) for key in ordered)})\\b")


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(st.sampled_from(WORDS + ["V", "mb", "Entre", "jongere", " ", "-", ", ", "x", "4"]), max_size=20))
def test_the_same_words_are_found_as_with_abbr(parts):
    text = "".join(parts)
    keys = frozenset(WORDS)
    ours = [m.span() for m in abbreviation_pattern(keys).finditer(text)]
    assert ours == [m.span() for m in _abbr_pattern(keys).finditer(text)]


def test_a_page_gets_the_same_tooltips_as_with_abbr():
    begrippen, _ = load_glossary(Project(ROOT))
    glossary = abbreviations(begrippen)
    text = (ROOT / "content" / "index.md").read_text(encoding="utf-8") + "\n\n" + " ".join(sorted(glossary)[:40])
    plain = markdown.markdown(text, extensions=["abbr"], extension_configs={"abbr": {"glossary": glossary}})
    ours = markdown.markdown(
        text,
        extensions=["kaart.publish.tooltips"],
        extension_configs={"kaart.publish.tooltips": {"glossary": glossary}},
    )
    assert "<abbr" in ours and ours == plain
