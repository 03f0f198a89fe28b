"""The glossary tooltips mark what Python-Markdown's own abbr extension marks, at the first occurrence of each term."""

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


def _first_only(html: str) -> str:
    """abbr's output with every later <abbr> of a term already explained reduced to its text."""
    seen = set()

    def keep_first(m):
        if m.group(1) in seen:
            return m.group(2)
        seen.add(m.group(1))
        return m.group(0)

    return re.sub(r'<abbr title="([^"]*)">(.*?)</abbr>', keep_first, html)


def test_a_page_gets_the_same_tooltips_as_with_abbr_at_each_terms_first_occurrence():
    begrippen, _ = load_glossary(Project(ROOT))
    glossary = abbreviations(begrippen)
    text = (ROOT / "content" / "index.md").read_text(encoding="utf-8") + "\n\n" + " ".join(sorted(glossary)[:40])
    plain = markdown.markdown(text, extensions=["abbr"], extension_configs={"abbr": {"glossary": glossary}})
    ours = markdown.markdown(
        text,
        extensions=["kaart.publish.tooltips"],
        extension_configs={"kaart.publish.tooltips": {"glossary": glossary}},
    )
    assert "<abbr" in ours and ours == _first_only(plain)
    assert ours != plain  # the page repeats terms, and the repeats are plain words


def test_only_the_first_occurrence_of_a_term_gets_a_tooltip_in_any_spelling_or_element():
    glossary = {"RMC": "Regionaal Meld- en Coördinatiepunt", "rmc": "Regionaal Meld- en Coördinatiepunt", "VO": "vo"}
    html = markdown.markdown(
        "**RMC** en VO.\n\n- rmc, *VO* en RMC\n- [RMC](https://example.org) VO",
        extensions=["kaart.publish.tooltips"],
        extension_configs={"kaart.publish.tooltips": {"glossary": glossary}},
    )
    assert html == (
        '<p><strong><abbr title="Regionaal Meld- en Coördinatiepunt">RMC</abbr></strong> en <abbr title="vo">VO</abbr>.'
        "</p>\n<ul>\n<li>rmc, <em>VO</em> en RMC</li>\n"
        '<li><a href="https://example.org">RMC</a> VO</li>\n</ul>'
    )


def test_a_term_in_link_text_is_its_first_occurrence_before_the_text_after_the_link():
    html = markdown.markdown(
        "- [Intensieve Werkbegeleiding (IWB)](../iwb/) — IWB valt onder Team Werk.",
        extensions=["kaart.publish.tooltips"],
        extension_configs={"kaart.publish.tooltips": {"glossary": {"IWB": "Intensieve Werkbegeleiding"}}},
    )
    assert html == (
        '<ul>\n<li><a href="../iwb/">Intensieve Werkbegeleiding (<abbr title="Intensieve Werkbegeleiding">IWB</abbr>)'
        "</a> — IWB valt onder Team Werk.</li>\n</ul>"
    )
