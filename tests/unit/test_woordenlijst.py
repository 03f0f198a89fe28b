"""Issue 13, glossary coverage: every abbreviation a reader meets is explained, in whatever case it is written.

A page may write "Pro" or "pro", "ggz" or "GGZ"; the tooltip follows.
Ordinary Dutch words that look like an entry ("ja", "duo", "wat") never get one.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser

import markdown
import pytest

from kaart.build import prepare_site
from kaart.pages.glossary import GEEN_AFKORTING, abbreviation_like, abbreviations, load_glossary, missing_abbreviations
from kaart.project import Project
from support import ROOT


@pytest.fixture(scope="module")
def begrippen(project):
    begrippen, problems = load_glossary(project)
    assert problems == []
    return begrippen


@pytest.fixture(scope="module")
def tooltips(begrippen):
    return abbreviations(begrippen)


def tooltip_of(begrippen, term):
    return next(b.tooltip for b in begrippen if b.term == term)


def test_every_abbreviation_in_the_page_sources_has_an_entry(project, begrippen):
    # content/**/*.md as written, and every page the build generates from the records (offers, organisations,
    # overviews, wegwijzer, redactie) as Markdown.
    pages = {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in sorted((ROOT / "content").rglob("*.md"))}
    pages.update({name: page.markdown for name, page in prepare_site(project).output.pages.items()})
    missing = missing_abbreviations(pages, begrippen)
    assert missing == {}, "\n".join(
        f"Afkorting zonder begrip in content/woordenlijst.yml: {word} (op {', '.join(names[:3])}). "
        "Voeg een begrip toe met term, uitleg en bron; schrijft geen bron haar voluit, zeg dat in de uitleg."
        for word, names in missing.items()
    )


def test_the_abbreviations_the_audit_named_have_an_entry_with_its_source(begrippen):
    by_term = {b.term: b for b in begrippen}
    for term in ("NHN", "CBS", "SEO", "SMART", "lvb", "hbo", "havo", "vwo", "ATC", "VMCA", "JINC", "STOOF", "A-REA"):
        assert term in by_term, term
        assert by_term[term].bron, f"{term} names no source"
    for never_expanded in ("SEO", "SMART", "lvb", "ATC", "VMCA", "JINC", "STOOF", "A-REA"):
        assert (
            "zegt de bron niet" in by_term[never_expanded].uitleg or "niet voluit" in by_term[never_expanded].uitleg
        ), never_expanded
        assert by_term[never_expanded].voluit is None, f"{never_expanded}: the sources never expand it"
    assert (
        by_term["NHN"].voluit == "Noord-Holland Noord" and by_term["CBS"].voluit == "Centraal Bureau voor de Statistiek"
    )


def test_a_new_unexplained_abbreviation_is_found(begrippen):
    page = "Bij het XYZ-loket, het ABC en de W&I; NHN-plan en RMC-regio zijn bekend. Zie `HSDS` of [X](https://QQQ.nl)."
    assert missing_abbreviations({"nieuw.md": page}, begrippen) == {"XYZ": ["nieuw.md"], "ABC": ["nieuw.md"]}
    assert abbreviation_like("NJi, PrO, A-REA, VSV'er, JongerenTop, IntoWork, Learn2Work") == {
        "NJi",
        "PrO",
        "A-REA",
        "VSV",
    }


def test_tooltips_match_in_any_case(begrippen, tooltips):
    assert tooltips["Pro"] == tooltips["PRO"] == tooltip_of(begrippen, "pro")
    assert tooltips["GGZ"] == tooltip_of(begrippen, "ggz")
    assert tooltips["Leerplicht"] == tooltip_of(begrippen, "leerplicht")
    # a spelling that is an entry of its own keeps its own explanation
    assert tooltips["VSV"] == tooltip_of(begrippen, "VSV") != tooltips["vsv"] == tooltip_of(begrippen, "vsv")


@pytest.mark.parametrize(
    "word", ["ja", "Ja", "duo", "Duo", "Bol", "po", "Po", "Tom", "tom", "wat", "Wat", "hoe", "Hoe", "Ho"]
)
def test_ordinary_words_get_no_tooltip(tooltips, word):
    assert word not in tooltips


def test_rendered_text_gets_tooltips_in_any_case_but_not_on_ordinary_words(begrippen, tooltips):
    html = markdown.markdown(
        "Pro en GGZ helpen. Ja, een duo uit het PO. Wat nu? Hoe verder?",
        extensions=["abbr"],
        extension_configs={"abbr": {"glossary": tooltips}},
    )
    assert re.findall(r"<abbr[^>]*>([^<]+)</abbr>", html) == ["Pro", "GGZ", "PO"]
    assert f'<abbr title="{tooltip_of(begrippen, "pro")}">Pro</abbr>' in html


def test_hoofdlettergevoelig_must_be_true_or_false(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "schemas").mkdir()
    shutil.copy(ROOT / "schemas" / "woordenlijst.schema.json", tmp_path / "schemas")
    (tmp_path / "content" / "woordenlijst.yml").write_text(
        "- term: JA\n  uitleg: Een project.\n  hoofdlettergevoelig: soms\n", encoding="utf-8"
    )
    begrippen, problems = load_glossary(Project(tmp_path))
    assert [(p.file, p.line, p.veld, p.bericht, p.regel) for p in problems] == [
        (
            "content/woordenlijst.yml",
            3,
            "[0].hoofdlettergevoelig",
            "`hoofdlettergevoelig` moet true of false zijn, niet 'soms'",
            "woordenlijst",
        )
    ]
    assert "hoofdlettergevoelig: true" in problems[0].oplossing
    assert begrippen == []  # a broken entry never reaches a tooltip (and the build stops on the problem)


class _ArticleText(HTMLParser):
    """Visible text of the page's <article> in document order: (text, tooltip or None).

    Outside code and scripts; also outside <select> (an option cannot hold a tooltip) and
    <caption> (only kaart's raw-HTML tables have one, and the abbr step never sees raw HTML).
    """

    SKIP = {"code", "pre", "script", "style", "kbd", "select", "caption"}

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.skipping = 0
        self.tooltip: str | None = None
        self.parts: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        elif self.depth and tag in self.SKIP:
            self.skipping += 1
        elif self.depth and tag == "abbr":
            self.tooltip = dict(attrs).get("title")

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1
        elif self.depth and tag in self.SKIP:
            self.skipping -= 1
        elif tag == "abbr":
            self.tooltip = None

    def handle_data(self, data):
        if self.depth and not self.skipping:
            self.parts.append((data, self.tooltip))


def test_every_abbreviation_on_a_built_page_is_explained_where_it_first_occurs(built_site, tooltips):
    """The first time a term appears on a page it has its tooltip; after that, the plain word (WCAG technique G102)."""
    unexplained = {}
    repeated = 0
    for page in sorted(built_site.rglob("index.html")):
        parser = _ArticleText()
        parser.feed(page.read_text(encoding="utf-8"))
        explained: set[str] = set()
        for text, tooltip in parser.parts:
            if tooltip is not None:
                assert tooltip not in explained, f"tweede tooltip voor {text!r} op {page}"
                explained.add(tooltip)
                continue
            for word in abbreviation_like(text) - GEEN_AFKORTING:
                if tooltips.get(word) not in explained:
                    unexplained.setdefault(word, []).append(str(page.parent.relative_to(built_site)))
                else:
                    repeated += 1
    assert unexplained == {}, (
        f"zonder tooltip waar het begrip voor het eerst staat (geen begrip, of een schrijfwijze die de "
        f"woordenlijst niet kent): {unexplained}"
    )
    assert repeated > 100  # the offer lists repeat their terms, and the test saw those repeats


def test_built_pages_show_tooltips_for_other_spellings(built_site):
    entree = (built_site / "aanbod" / "entree-gedifferentieerd" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<abbr title="praktijkonderwijs: [^"]+">Pro</abbr>', entree)
    team_zorg = (built_site / "aanbod" / "team-zorg" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<abbr title="Hulp bij psychische problemen[^"]*">GGZ</abbr>', team_zorg)  # the entry is "ggz"
    werk_en_inkomen = (built_site / "aanbod" / "werk-en-inkomen" / "index.html").read_text(encoding="utf-8")
    # W&I, written with an escaped & in the HTML (which once never matched)
    assert re.search(r'<abbr title="Werk en Inkomen[^"]*">W&amp;I</abbr>', werk_en_inkomen)
    open_data = (built_site / "open-data" / "index.html").read_text(encoding="utf-8")
    assert "Ja/nee" in open_data and not re.search(r"<abbr[^>]*>Ja</abbr>", open_data)
