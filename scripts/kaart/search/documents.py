"""What the search indexes: one document per offer and organisation (from the records), per page of
content/, and per generated overview or glossary page, each with weighted fields and snippet texts.

Offers and organisations come first (group 0), knowledge and overviews next, editors' pages last:
documents are numbered group by group, so the manifest only needs the group boundaries.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser

from kaart.actualiteit import stand
from kaart.model import Aanbod, Kaart, Organisatie
from kaart.project import Project
from kaart.text import block, first_sentence

# Field weights: a name match must beat a word somewhere in a long description.
W_TITEL, W_TREFWOORD, W_ORGANISATIE, W_LABEL, W_KOP, W_TEKST, W_SYNONIEM = 10, 6, 4, 3, 2, 1, 0.5

# Result groups, in the order they are shown.  Documents are numbered group by
# group, so the manifest only needs the boundaries (`groepen`) to tell a hit's group.
GROEP_AANBOD, GROEP_KENNIS, GROEP_REDACTIE = 0, 1, 2
# Pages for editors and re-users: not in the default results, only in a labelled group at the end.
REDACTIE_PREFIXES = ("redactie/", "bijdragen/", "dekking/", "open-data/")
# Verification sheets per organisation are printed and sent to a provider, not looked up.
NIET_GEINDEXEERD = ("redactie/verzoek/",)
# The finders (kaart.pages.finder) are tools: found by their title, intro and headings, not by the
# labels of their form (every kenmerk and gemeente), their rules or the offers they list.
FINDER_PAGES = ("wegwijzer/index.md", "jongeren/index.md")


@dataclass
class SearchDoc:
    url: str
    titel: str
    soort: str  # shown next to the hit: Aanbod, Organisatie, Kennisbank, Overzicht, Redactie
    uitleg: str  # one short sentence under the hit
    velden: list[tuple[float, str]] = field(default_factory=list)  # (weight, text) for the index
    groep: int = GROEP_KENNIS
    actualiteit: str = ""  # offers: how old the information is (kaart.actualiteit.stand)
    # (field name, plain text) the browser cuts the snippet from: "trefwoord: schuldhulp"
    toon: list[tuple[str, str]] = field(default_factory=list)


_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_MD_EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables"]  # as in mkdocs.yml
_BLOCKS = frozenset("p li h1 h2 h3 h4 h5 h6 td th dt dd div br tr pre blockquote summary details label button".split())
# What could make a description render differently from its plain words: inline markup,
# entities, or a line that starts a list, definition or block. Without any, _plain skips Markdown.
_MARKUP = re.compile(r"[\\`*_\[\]<>&#|{}]|^[ \t]*(?:[-+*:=~?!]|\d+[.)])", re.M)
# Characters of a page kept for snippets: enough for all of every page today, the longest (the glossary) too.
TEKST_MAX = 30_000


class _TextParser(HTMLParser):
    """Plain text of rendered Markdown: headings apart, one line per block, entities decoded once."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.koppen: list[str] = []
        self.lines: list[str] = []
        self._buf: list[str] = []
        self._kop: list[str] | None = None
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._skip += 1
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._flush()
            self._kop = []
        elif tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self._skip = max(0, self._skip - 1)
        elif self._kop is not None and tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.koppen.append(" ".join("".join(self._kop).split()))
            self._kop = None
        elif tag in _BLOCKS:
            self._flush()

    def handle_data(self, data):
        if self._skip:
            return
        (self._kop if self._kop is not None else self._buf).append(data)

    def _flush(self):
        line = " ".join("".join(self._buf).split())
        if line:
            self.lines.append(line)
        self._buf = []

    def close(self):
        super().close()
        self._flush()


def markdown_text(markdown_src: str) -> tuple[list[str], list[str]]:
    """(headings, body lines) of a Markdown page as a reader sees them: no markup, no '&amp;'."""
    parser = _TextParser()
    parser.feed(_converter().reset().convert(markdown_src))
    parser.close()
    return parser.koppen, parser.lines


@lru_cache(maxsize=1)
def _converter():
    # Python-Markdown, which mkdocs renders with: the same text as on the page. One instance,
    # reset between pages: building it costs more than converting a description.
    import markdown

    return markdown.Markdown(extensions=_MD_EXTENSIONS)


def _url(src_uri: str) -> str:
    """The page URL for a docs path, as mkdocs writes it with use_directory_urls."""
    if src_uri == "index.md":
        return ""
    if src_uri.endswith("/index.md"):
        return src_uri[: -len("index.md")]
    return src_uri[: -len(".md")] + "/"


def _groep(url: str) -> int:
    return GROEP_REDACTIE if url.startswith(REDACTIE_PREFIXES) else GROEP_KENNIS


def markdown_doc(src_uri: str, markdown: str, soort: str, body_weight: float = W_TEKST) -> SearchDoc | None:
    front = {}
    match = _FRONT.match(markdown)
    if match:
        import yaml  # only front matter of our own content; safe_load never builds objects

        try:
            front = yaml.safe_load(match.group(1)) or {}
        except yaml.YAMLError:
            front = {}
        markdown = markdown[match.end() :]
    if not isinstance(front, dict):
        front = {}
    if (front.get("search") or {}).get("exclude") if isinstance(front.get("search"), dict) else False:
        return None
    koppen, lines = markdown_text(markdown)
    titel = html.unescape(str(front.get("title") or (koppen[0] if koppen else src_uri)))
    body = "\n".join(lines)
    paragraphs = [p for p in lines if len(p) > 40]
    uitleg = html.unescape(str(front.get("description") or (first_sentence(paragraphs[0], 140) if paragraphs else "")))
    velden = [(W_TITEL, titel), (W_KOP, " ".join(koppen[1:])), (body_weight, body)]
    labels = [str(front[k]) for k in ("regio", "trefwoorden") if front.get(k)]
    if labels:
        velden.append((W_LABEL, " ".join(labels)))
    toon = [("kopje", k) for k in koppen[1:]]
    toon += [
        (name, str(front[key])) for key, name in (("regio", "regio"), ("trefwoorden", "trefwoord")) if front.get(key)
    ]
    toon.append(("tekst", _cap(_lines_as_text(lines))))
    url = _url(src_uri)
    groep = _groep(url)
    return SearchDoc(url, titel, "Redactie" if groep == GROEP_REDACTIE else soort, uitleg, velden, groep, toon=toon)


def _lines_as_text(lines: list[str]) -> str:
    """Block lines as one running text; a line without end punctuation (a table cell, a list item) ends with ' · '."""
    out = []
    for line in lines:
        out.append(line)
        out.append(" " if line[-1] in ".!?:;…" else " · ")
    return "".join(out[:-1])


def _cap(text: str, limit: int = TEKST_MAX) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit] + " …"


def _age_tokens(a: Aanbod) -> str:
    """Every age in the range, so '23 jaar' finds offers for 18-27 year olds."""
    return _ages(a.leeftijd_min, a.leeftijd_max)


@lru_cache(maxsize=1024)  # a few dozen ranges over thousands of offers
def _ages(minimum: int | None, maximum: int | None) -> str:
    if minimum is None and maximum is None:
        return ""
    low = minimum if minimum is not None else 12
    high = maximum if maximum is not None else 30
    return " ".join(str(n) for n in range(max(low, 0), min(high, 40) + 1))


def _aanbod_doc(a: Aanbod, kaart: Kaart, project: Project) -> SearchDoc:
    v = project.vocab
    aanbieders = kaart.aanbieder_namen(a)
    labels = [v["soort"].label(a.soort)]
    labels += [v["helpt_bij"].label(h) for h in a.helpt_bij] + [v["fase"].label(f) for f in a.fase]
    labels += [v["kenmerk"].label(k) for k in a.kenmerken]
    labels += [v["gemeente"].label(g) for g in a.werkgebied.get("gemeenten", [])]
    labels += [v["regio"].label(r) for r in a.werkgebied.get("regio", [])]
    if a.nazorg:
        labels.append("nazorg")
    tekst = [
        a.beschrijving,
        a.voorwaarden,
        a.aanmelden_uitleg,
        a.nazorg_uitleg,
        a.toelichting,
        a.kosten,
        *a.jongerentaal.values(),
        *(r.wat for r in a.resultaten),
    ]
    velden = [
        (W_TITEL, a.naam),
        (W_TITEL, a.id.replace("-", " ")),
        (W_TREFWOORD, " ".join(a.trefwoorden)),
        (W_ORGANISATIE, aanbieders),
        (W_LABEL, " ".join(labels)),
        (W_LABEL, _age_tokens(a)),
        (W_TEKST, " ".join(t for t in tekst if isinstance(t, str))),
    ]
    return SearchDoc(
        _url(f"aanbod/{a.id}.md"),
        a.naam,
        "Aanbod",
        first_sentence(a.jongerentaal.get("wat_is_het") or a.beschrijving, 140),
        velden,
        GROEP_AANBOD,
        stand(a, v, kaart.peil.vandaag, kaart.peil.cadans_maanden),
        _aanbod_toon(a, aanbieders, project),
    )


def _aanbod_toon(a: Aanbod, aanbieders: str, project: Project) -> list[tuple[str, str]]:
    """The fields a snippet may quote, most telling first, each named as a professional reads it."""
    v = project.vocab
    werkgebied = [v["gemeente"].label(g) for g in a.werkgebied.get("gemeenten", [])]
    werkgebied += [v["regio"].label(r) for r in a.werkgebied.get("regio", [])]
    toon = [
        ("trefwoord", ", ".join(a.trefwoorden)),
        ("aanbieder", aanbieders),
        ("helpt bij", ", ".join(v["helpt_bij"].label(h) for h in a.helpt_bij)),
        ("speciaal voor", ", ".join(v["kenmerk"].label(k) for k in a.kenmerken)),
        ("leeftijd", _leeftijd(a)),
        ("soort", v["soort"].label(a.soort)),
        (
            "fase",
            ", ".join(v["fase"].label(f) for f in a.fase) + (", nazorg" if a.nazorg and "nazorg" not in a.fase else ""),
        ),
        ("werkgebied", ", ".join(werkgebied)),
        ("beschrijving", plain(a.beschrijving)),
        ("voorwaarden", a.voorwaarden),
        ("aanmelden", a.aanmelden_uitleg),
        ("kosten", a.kosten),
        ("nazorg", a.nazorg_uitleg),
        ("resultaten", " ".join(r.wat for r in a.resultaten)),
        ("voor jongeren", " ".join(t for t in a.jongerentaal.values() if isinstance(t, str))),
        ("toelichting", a.toelichting),
    ]
    return [
        (name, plain) for name, text in toon if isinstance(text, str) for plain in [" ".join(text.split())] if plain
    ]


def plain(markdown_field: str | None) -> str:
    """A Markdown text field (beschrijving) as the offer page shows it: no ** or links left."""
    if not markdown_field:
        return ""
    if not _MARKUP.search(markdown_field):  # most descriptions are plain sentences: nothing to render
        return " ".join(markdown_field.split())
    return " ".join(markdown_text(block(markdown_field))[1])


def _leeftijd(a: Aanbod) -> str:
    if a.leeftijd_min is None and a.leeftijd_max is None:
        return ""
    if a.leeftijd_max is None:
        return f"vanaf {a.leeftijd_min} jaar"
    if a.leeftijd_min is None:
        return f"tot en met {a.leeftijd_max} jaar"
    return f"{a.leeftijd_min} tot en met {a.leeftijd_max} jaar"


def _organisatie_doc(org: Organisatie, kaart: Kaart) -> SearchDoc:
    offers = kaart.aanbod_van(org.id)
    velden = [
        (W_TITEL, org.naam),
        (W_TITEL, org.id.replace("-", " ")),
        (W_KOP, " ".join(a.naam for a in offers)),
        (W_TEKST, org.beschrijving),
    ]
    toon = [("aanbod", ", ".join(a.naam for a in offers)), ("beschrijving", " ".join(org.beschrijving.split()))]
    return SearchDoc(
        _url(f"organisaties/{org.id}.md"),
        org.naam,
        "Organisatie",
        first_sentence(org.beschrijving, 140),
        velden,
        GROEP_AANBOD,
        toon=[(k, t) for k, t in toon if t],
    )


def _overview_offers(src: str, kaart: Kaart) -> int | None:
    """How many offers an overview page lists (None: not an overview of one fase or leefgebied)."""
    parts = src[: -len(".md")].split("/")
    if len(parts) == 3 and parts[0] == "overzicht" and parts[1] in ("fase", "helpt-bij"):
        field_name = parts[1].replace("-", "_")
        return sum(1 for a in kaart.aanbod.values() if parts[2] in getattr(a, field_name))
    return None


def overview_markdown(markdown: str) -> str:
    """An overview page without its list of offers: those offers are found themselves, in the first group.

    The werklijst's table rows (one per offer that needs work) go too: at 5,000 offers they
    were 1.5 MB of Markdown, and the offer itself is the better hit.
    """
    return "\n".join(
        line
        for line in markdown.splitlines()
        if not (line.startswith("- [") or (line.startswith("| [") and "](../aanbod/" in line))
    )


def finder_intro(markdown: str) -> str:
    """A finder page up to its first HTML block (front matter, heading, intro), then only its headings
    (the leefgebieden of its list of all offers)."""
    lines = markdown.splitlines()
    end = next((i for i, line in enumerate(lines) if line.startswith("<")), len(lines))
    return "\n".join(lines[:end] + [line + "\n" for line in lines[end:] if line.startswith("#")])


def record_docs(kaart: Kaart, project: Project) -> list[SearchDoc]:
    """The offers and organisations: the first documents of the index, known as soon as the records are checked."""
    docs = [_aanbod_doc(a, kaart, project) for a in kaart.gesorteerd()]
    return docs + [
        _organisatie_doc(o, kaart) for o in sorted(kaart.organisaties.values(), key=lambda o: o.naam.lower())
    ]


def known_docs(kaart: Kaart, project: Project) -> list[SearchDoc]:
    """The offers and organisations, then the hand-written pages of content/: every document that needs
    no generated page, so a build makes and weighs them while it renders (kaart.build)."""
    docs = record_docs(kaart, project)
    seen = {d.url for d in docs}
    content = project.content_dir
    for path in sorted(content.rglob("*.md")):
        src = path.relative_to(content).as_posix()
        if _url(src) in seen or src == "zoeken.md":
            continue
        doc = markdown_doc(src, path.read_text(encoding="utf-8"), "Kennisbank")
        if doc:
            docs.append(doc)
            seen.add(doc.url)
    return docs


def search_skips_page(src: str, kaart: Kaart) -> bool:
    """Whether collect_docs never reads this generated page: an offer or organisation page (the
    record is its own document) or a verification sheet (NIET_GEINDEXEERD)."""
    if src.startswith(NIET_GEINDEXEERD):
        return True
    folder, _, name = src.partition("/")
    records = {"aanbod": kaart.aanbod, "organisaties": kaart.organisaties}.get(folder)
    return records is not None and name.endswith(".md") and name[: -len(".md")] in records


def collect_docs(
    kaart: Kaart, project: Project, pages: dict | None = None, known: list[SearchDoc] | None = None
) -> list[SearchDoc]:
    """Every page worth finding, numbered group by group: offers and organisations, knowledge and overviews,
    editors' pages.

    An overview of a fase or leefgebied with no offers is left out: it would be a dead end.
    `known`: known_docs, when they were made already.
    """
    docs = list(known_docs(kaart, project) if known is None else known)
    seen = {d.url for d in docs}
    for src, page in sorted((pages or {}).items()):
        if _url(src) in seen or _overview_offers(src, kaart) == 0 or src.startswith(NIET_GEINDEXEERD):
            continue
        if src.startswith("woordenlijst"):
            doc = markdown_doc(src, page.markdown, "Kennisbank")
        elif src in FINDER_PAGES:
            doc = markdown_doc(src, finder_intro(page.markdown), "Overzicht", body_weight=0.3)
        else:
            # Overview pages list many offers: those are found on their own; the page counts by its title and intro.
            doc = markdown_doc(src, overview_markdown(page.markdown), "Overzicht", body_weight=0.3)
        if doc:
            docs.append(doc)
            seen.add(doc.url)
    docs.sort(key=lambda d: d.groep)  # stable: within a group the order above stays
    return docs
