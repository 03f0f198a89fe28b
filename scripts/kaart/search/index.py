"""Dutch site search: a sharded inverted index written at build time.

Why not material's search: it loads the whole lunr index on the first view of
every page (about 7 MB gzip at 5,000 offers) and appends a wildcard to every
term, which bypasses the Dutch stemmer.  Here the index is split into small
JSON shards by term prefix; the browser client (content/assets/javascripts/
zoeken.js) loads the manifest only when the search field is used, then only
the shards of the typed terms and the metadata chunks of the hits it shows.

`normalise`, `stem` and `Searcher.search` are mirrored line by line in
zoeken.js; tests/browser/test_zoeken.py runs both over the same built shards.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from kaart.actualiteit import stand
from kaart.model import Aanbod, Kaart, Organisatie
from kaart.project import Project
from kaart.text import block, first_sentence

INDEX_DIR = "assets/zoekindex"
CHUNK_SIZE = 10  # documents per metadata chunk: each hit shown loads one chunk, so it holds few snippet texts
SHARD_TARGET = 24_000  # raw JSON bytes per term shard (about 6-8 KB gzip) before it is split further
K1, B = 1.2, 0.75  # BM25

# Field weights: a name match must beat a word somewhere in a long description.
W_TITEL, W_TREFWOORD, W_ORGANISATIE, W_LABEL, W_KOP, W_TEKST, W_SYNONIEM = 10, 6, 4, 3, 2, 1, 0.5
NAAM_BONUS = {W_TITEL: 2.0, W_TREFWOORD: 1.0, W_ORGANISATIE: 0.8}  # by field weight, added after saturation

STOPWOORDEN = frozenset(
    """
aan al als bij dan dat de deze die dit door een en er ft hem het hij hoe hun ik in is je jij jou jouw
kan kun kunt maar me met mijn na naar niet nog of om onder ons ook op over te tot u uit van voor was
wat we wel werd wie wij wil worden wordt ze zich zij zijn zo zou
""".split()
)

# Words a professional types that the records spell differently.  One group per
# line; a document containing any word of a group is also found (weakly) by the others.
SYNONIEMEN = [
    "schulden schuld schuldhulp schuldhulpverlening schuldsanering geldzorgen budgetcoaching",
    "jobcoach jobcoaching werkbegeleiding werkcoach",
    "tienermoeder tienermoeders moeder moeders zwanger",
    "buddy maatje buddyproject",
    "verslaving verslaafd middelengebruik drugs alcohol",
    "subsidie subsidies subsidiecalculator",
    "rmc leerplicht voortijdig schoolverlaten",
    "vsv uitval schooluitval voortijdig",
    "entree entreeopleiding",
    "dakloos thuisloos wonen woning",
    "stage stageplek stageplaats",
    "uitkering bijstand participatiewet",
    # The sources speak of 'taalachterstand' and 'taal en rekenen' (Leiden's Kansloket);
    # NT2 appears in no source, so it stays out: a search for it honestly finds nothing.
    "taalachterstand taal taalniveau",
    "thuiszitter thuiszitters thuis zittend",
    "werkloos werkloosheid jeugdwerkloosheid werkzoekend",
    "ongediplomeerd startkwalificatie",
]

# Result groups, in the order they are shown.  Documents are numbered group by
# group, so the manifest only needs the boundaries (`groepen`) to tell a hit's group.
GROEP_AANBOD, GROEP_KENNIS, GROEP_REDACTIE = 0, 1, 2
# Pages for editors and re-users: not in the default results, only in a labelled group at the end.
REDACTIE_PREFIXES = ("redactie/", "bijdragen/", "dekking/", "open-data/")
# Verification sheets per organisation are printed and sent to a provider, not looked up.
NIET_GEINDEXEERD = ("redactie/verzoek/",)

_ACCENTS = re.compile("[\u0300-\u036f]")
_VOWELS = "aeiou"


# Every ASCII character that is not a-z or 0-9 becomes a space: str.translate and split() then give
# the same words as the regular expression [a-z0-9]+, in a quarter less time (930,000 words at 5,000 offers).
_SEPARATORS = str.maketrans({c: " " for c in map(chr, range(128)) if not ("a" <= c <= "z" or "0" <= c <= "9")})


def normalise(text: str) -> list[str]:
    """Lower case, accents off, split on anything that is not a letter or digit."""
    text = text.lower()
    if not text.isascii():
        # the same accents as zoeken.js strips (U+0300-U+036F), in one C-level pass instead of a loop per character;
        # what is still not ASCII (ß, €, ’) separates words, as any other sign
        text = _ACCENTS.sub("", unicodedata.normalize("NFD", text)).encode("ascii", "replace").decode("ascii")
    return text.translate(_SEPARATORS).split()


@lru_cache(maxsize=200_000)  # the same words recur on thousands of pages
def stem(word: str) -> str:
    """A light Dutch stemmer (plural, diminutive, -ing, -e), identical in zoeken.js.

    Snowball's Dutch stemmer is not available offline in the browser; this small
    rule set merges the forms professionals type (schulden/schuld,
    jobcoaches/jobcoach, tienermoeders/tienermoeder, leerwerkloketten).
    """
    w = word
    if len(w) <= 3 or w.isdigit():
        return w
    if w.endswith("heden"):
        w = w[:-5] + "heid"
    elif w.endswith("tjes") and len(w) > 6:
        w = w[:-4]
    elif w.endswith("tje") and len(w) > 5:
        w = w[:-3]
    elif w.endswith("ies") and len(w) > 5:
        w = w[:-1]
    elif w.endswith("ches") and len(w) > 5:  # English loans: jobcoaches
        w = w[:-2]
    elif w.endswith("en") and len(w) > 4 and w[-3] not in _VOWELS:
        w = w[:-2]
    elif w.endswith("s") and len(w) > 4 and w[-2] not in _VOWELS + "sy":
        w = w[:-1]
    if w.endswith("e") and len(w) > 4 and w[-2] not in _VOWELS:
        w = w[:-1]
    if w.endswith("ing") and len(w) > 6:
        w = w[:-3]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in _VOWELS:
        w = w[:-1]
    if len(w) > 4 and w[-1] not in _VOWELS and w[-2] == w[-3] and w[-2] in _VOWELS and w[-4] not in _VOWELS:
        w = w[:-2] + w[-1]
    return w


def terms(text: str) -> list[str]:
    return [stem(t) for t in normalise(text) if t not in STOPWOORDEN]


@lru_cache(maxsize=1)
def _synonym_groups() -> tuple[frozenset[str], ...]:
    return tuple(frozenset(stem(w) for w in line.split()) for line in SYNONIEMEN)


_SYNONYM_TERMS = frozenset().union(*_synonym_groups())


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


# -- documents -------------------------------------------------------------

_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_MD_EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables"]  # as in mkdocs.yml
_BLOCKS = frozenset("p li h1 h2 h3 h4 h5 h6 td th dt dd div br tr pre blockquote summary details label button".split())
# What could make a description render differently from its plain words: inline markup,
# entities, or a line that starts a list, definition or block. Without any, _plain skips Markdown.
_MARKUP = re.compile(r"[\\`*_\[\]<>&#|{}]|^[ \t]*(?:[-+*:=~?!]|\d+[.)])", re.M)
TEKST_MAX = (
    30_000  # characters of a page kept for snippets: all of every page today (the glossary is the longest, 25 KB)
)


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


def _markdown_doc(src_uri: str, markdown: str, soort: str, body_weight: float = W_TEKST) -> SearchDoc | None:
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
        stand(a, v),
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
        ("beschrijving", _plain(a.beschrijving)),
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


def _plain(markdown_field: str | None) -> str:
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


def _overview_markdown(markdown: str) -> str:
    """An overview page without its list of offers: those offers are found themselves, in the first group.

    The werklijst's table rows (one per offer that needs work) go too: at 5,000 offers they
    were 1.5 MB of Markdown, and the offer itself is the better hit.
    """
    return "\n".join(
        line
        for line in markdown.splitlines()
        if not (line.startswith("- [") or (line.startswith("| [") and "](../aanbod/" in line))
    )


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
        doc = _markdown_doc(src, path.read_text(encoding="utf-8"), "Kennisbank")
        if doc:
            docs.append(doc)
            seen.add(doc.url)
    return docs


def weigh_known(kaart: Kaart, project: Project) -> tuple[list[SearchDoc], dict[str, tuple]]:
    """`known_docs` and each one's `weigh` by URL: most of the index's work."""
    groups = _synonym_groups()
    docs = known_docs(kaart, project)
    return docs, {doc.url: weigh(doc, groups) for doc in docs}


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
    """Every page worth finding, numbered group by group: offers and organisations, knowledge and overviews, editors' pages.

    An overview of a fase or leefgebied with no offers is left out: it would be a dead end.
    `known`: known_docs, when they were made already.
    """
    docs = list(known_docs(kaart, project) if known is None else known)
    seen = {d.url for d in docs}
    for src, page in sorted((pages or {}).items()):
        if _url(src) in seen or _overview_offers(src, kaart) == 0 or src.startswith(NIET_GEINDEXEERD):
            continue
        if src.startswith("woordenlijst"):
            doc = _markdown_doc(src, page.markdown, "Kennisbank")
        else:
            # Overview pages list many offers: those are found on their own; the page counts by its title and intro.
            doc = _markdown_doc(src, _overview_markdown(page.markdown), "Overzicht", body_weight=0.3)
        if doc:
            docs.append(doc)
            seen.add(doc.url)
    docs.sort(key=lambda d: d.groep)  # stable: within a group the order above stays
    return docs


# -- index -------------------------------------------------------------------


def weigh(
    doc: SearchDoc, groups: tuple[frozenset[str], ...] | None = None
) -> tuple[dict[str, float], dict[str, float], float]:
    """One document's weighted term frequencies, name bonuses and length (the per-document part of the index)."""
    groups = _synonym_groups() if groups is None else groups
    tf: dict[str, float] = {}
    bonus: dict[str, float] = {}
    n = 0.0
    for weight, text in doc.velden:
        if not text:
            continue
        # Count the words as written (in C), then stem each distinct word once: the same counts, in
        # the same order, as stemming every occurrence (930,000 words at 5,000 offers).
        digits_out = weight <= W_KOP
        counts: dict[str, int] = {}
        total = 0
        for word, k in Counter(normalise(text)).items():
            if word in STOPWOORDEN:
                continue
            t = stem(word)
            if digits_out and t.isdigit():
                # Numbers in running text are percentages, years and 'tot 23 jaar':
                # '23 jaar' should find offers whose age range holds 23 (the age field).
                continue
            counts[t] = counts.get(t, 0) + k
            total += k
        n += total * weight if weight <= W_TEKST else 0  # lightly weighted body counts less in the length
        extra = NAAM_BONUS.get(weight, 0.0)
        if weight == W_TITEL and total:
            # a short title made of the query ('Helpt bij: Werk') is the page named after it
            extra *= 1 + 1 / total
        for t, k in counts.items():
            tf[t] = tf.get(t, 0) + weight * k
            if extra and extra > bonus.get(t, 0.0):
                bonus[t] = extra
    if (_SYNONYM_TERMS if groups is _synonym_groups() else frozenset().union(*groups)).isdisjoint(tf):  # most documents
        return tf, bonus, max(n, 1.0)
    for group in groups:
        if group.isdisjoint(tf):
            continue
        present = [t for t in group if t in tf]
        best_tf = max(tf[t] for t in present)
        best_bonus = max(bonus.get(t, 0.0) for t in present)
        # every word of the group, present or not, gets at least the weakened weight of the
        # best one: an editor's keyword 'schuldhulp' also counts for 'schulden'
        for t in group:
            tf[t] = max(tf.get(t, 0.0), best_tf * W_SYNONIEM)
            bonus[t] = max(bonus.get(t, 0.0), best_bonus * W_SYNONIEM)
    return tf, bonus, max(n, 1.0)


def build_index(docs: list[SearchDoc], weights: dict[str, tuple] | None = None) -> dict[str, list[int]]:
    """term -> flat postings [doc, score, doc, score, ...] with doc ids delta-encoded, scores as ints.

    Score = idf * (BM25-saturated weighted term frequency + name bonus).  The
    bonus for a word in the title, keywords or organisation name is added after
    saturation: otherwise a long text that repeats a common word ('werk')
    would outrank the page that is named after it.
    """
    groups = _synonym_groups()
    known = weights or {}  # by URL, computed beforehand (in a build: in another process) for most documents
    weights = [known.get(doc.url) or weigh(doc, groups) for doc in docs]
    weighted = [w[0] for w in weights]
    bonuses = [w[1] for w in weights]
    lengths = [w[2] for w in weights]
    avg = sum(lengths) / max(len(lengths), 1)
    df: Counter = Counter()
    for tf in weighted:
        df.update(tf.keys())
    n_docs = len(docs)
    # 100 * idf once per term, not per posting (the same float as before: the product is left to right)
    idf100 = {t: 100 * math.log(1 + (n_docs - d + 0.5) / (d + 0.5)) for t, d in df.items()}
    k1_plus_1 = K1 + 1
    ids: dict[str, list[int]] = {}
    scores: dict[str, list[int]] = {}
    for doc_id, tf in enumerate(weighted):
        norm = K1 * (1 - B + B * lengths[doc_id] / avg)
        bonus = bonuses[doc_id]
        for t, w in tf.items():
            score = round(idf100[t] * (w * k1_plus_1 / (w + norm) + bonus.get(t, 0.0)))
            posted = ids.get(t)
            if posted is None:
                ids[t], scores[t] = [doc_id], [score if score > 1 else 1]
            else:
                posted.append(doc_id)
                scores[t].append(score if score > 1 else 1)
    out: dict[str, list[int]] = {}
    for t, doc_ids in ids.items():
        flat = [0] * (2 * len(doc_ids))
        # doc ids ascending: delta encoding keeps numbers short
        flat[0::2] = [doc_ids[0]] + [b - a for a, b in zip(doc_ids, doc_ids[1:])]
        flat[1::2] = scores[t]
        out[t] = flat
    return out


def _shard_key(term: str, depth: int) -> str:
    return (term + "_" * depth)[:depth]


def shard_index(index: dict[str, list[int]], target: int = SHARD_TARGET) -> dict[str, dict[str, list[int]]]:
    """Split terms into shards by prefix; a prefix whose shard is too large is split by its next letter.

    Keys form a prefix-free set ('_' pads short terms), so every term, and every
    completion of a typed prefix at least as long as its key, lives in exactly one shard.
    """
    # str() of a list of ints is its compact JSON plus one space per comma, without json's per-call cost
    sizes = {t: len(t) + 4 + len(str(p)) - max(len(p) - 1, 0) for t, p in index.items()}
    shards: dict[str, dict[str, list[int]]] = {}

    def place(terms_: list[str], depth: int) -> None:
        groups: dict[str, list[str]] = defaultdict(list)
        for t in terms_:
            groups[_shard_key(t, depth)].append(t)
        for key, members in groups.items():
            if sum(sizes[t] for t in members) > target and depth < 6 and len(members) > 1 and not key.endswith("_"):
                place(members, depth + 1)
            else:
                shards[key] = {t: index[t] for t in sorted(members)}

    place(sorted(index), 2)
    return shards


def search_files(
    kaart: Kaart,
    project: Project,
    pages: dict | None = None,
    weighed: tuple[list[SearchDoc], dict[str, tuple]] | None = None,
) -> dict[str, bytes]:
    """The files of the search index, keyed by their path in the built site (`weighed`: from `weigh_known`)."""
    known, weights = weighed or (None, None)
    docs = collect_docs(kaart, project, pages, known)
    shards = shard_index(build_index(docs, weights))
    files: dict[str, bytes] = {}
    for key, shard in shards.items():
        files[f"{INDEX_DIR}/t-{key}.json"] = _json(shard)
    for start in range(0, len(docs), CHUNK_SIZE):
        chunk = [
            [d.url, d.titel, d.soort, d.uitleg, d.actualiteit, [list(t) for t in d.toon]]
            for d in docs[start : start + CHUNK_SIZE]
        ]
        files[f"{INDEX_DIR}/d-{start // CHUNK_SIZE}.json"] = _json(chunk)
    digest = hashlib.sha256(b"".join(files[k] for k in sorted(files))).hexdigest()[:12]
    manifest = {
        "versie": digest,
        "documenten": len(docs),
        "chunk": CHUNK_SIZE,
        "shards": sorted(shards),
        "stopwoorden": sorted(STOPWOORDEN),
        "groepen": group_ends(docs),
        "synoniemen": [sorted(g) for g in _synonym_groups()],
    }
    files[f"{INDEX_DIR}/manifest.json"] = _json(manifest)
    return files


def group_ends(docs: list[SearchDoc]) -> list[int]:
    """For each group, the number of documents in it and the groups before it (documents are sorted by group)."""
    return [sum(1 for d in docs if d.groep <= g) for g in (GROEP_AANBOD, GROEP_KENNIS, GROEP_REDACTIE)]


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# -- ranking (mirrored in zoeken.js) ------------------------------------------

PREFIX_FACTOR = 0.5  # a completion of a typed fragment counts half against whole words of the query
MAX_COMPLETIONS = 30


def query_terms(query: str, stopwoorden=STOPWOORDEN) -> list[str]:
    seen: list[str] = []
    for t in normalise(query):
        if t in stopwoorden:
            continue
        s = stem(t)
        if s not in seen:
            seen.append(s)
    return seen


def shard_for(term: str, keys: list[str] | set[str]) -> str | None:
    """The shard that holds `term` (and its completions): the key that is a prefix of the padded term."""
    keyset = set(keys)
    for depth in range(2, 7):
        key = _shard_key(term, depth)
        if key in keyset:
            return key
    return None


def groep_of(doc: int, ends: list[int]) -> int:
    return next((g for g, end in enumerate(ends) if doc < end), len(ends))


def rank(
    shards_by_term: dict[str, dict[str, list[int]]], query: list[str], ends: list[int] | None = None
) -> list[tuple[int, float]]:
    """Score documents for stemmed query terms; shards_by_term[t] is the shard holding t.

    Hits are ordered by group first (offers and organisations, then knowledge and
    overviews, then editors' pages), then by score: a professional looks for help to offer.
    """
    totals: dict[int, float] = defaultdict(float)
    matched: dict[int, int] = defaultdict(int)
    for t in query:
        shard = shards_by_term.get(t) or {}
        best: dict[int, float] = {}
        candidates = [(t, 1.0)]
        # A word that is in the index counts as a whole word; only a fragment
        # ('jobc', 'leerwe') is completed, else rare completions of a common word
        # ('werkervaring' for 'werk') would push the pages about that word down.
        if len(t) >= 3 and not t.isdigit() and t not in shard:
            completions = sorted(k for k in shard if k != t and k.startswith(t))[:MAX_COMPLETIONS]
            candidates += [(k, PREFIX_FACTOR) for k in completions]
        for term_, factor in candidates:
            flat = shard.get(term_)
            if not flat:
                continue
            doc = 0
            for i in range(0, len(flat), 2):
                doc += flat[i]
                score = flat[i + 1] * factor
                if score > best.get(doc, 0):
                    best[doc] = score
        for doc, score in best.items():
            totals[doc] += score
            matched[doc] += 1
    n = max(len(query), 1)
    # Documents that contain every typed word come first (coordination factor).
    scored = [(doc, s * (matched[doc] / n) ** 2) for doc, s in totals.items()]
    ends = ends or []
    scored.sort(key=lambda x: (groep_of(x[0], ends), -x[1], x[0]))
    return scored


class Searcher:
    """Runs the browser's ranking in Python over a built index directory."""

    def __init__(self, index_dir: Path):
        self.dir = Path(index_dir)
        self.manifest = json.loads((self.dir / "manifest.json").read_text(encoding="utf-8"))
        self.loaded: set[str] = set()
        self._shards: dict[str, dict] = {}
        self._chunks: dict[int, list] = {}

    def shard(self, key: str) -> dict:
        if key not in self._shards:
            self._shards[key] = json.loads((self.dir / f"t-{key}.json").read_text(encoding="utf-8"))
            self.loaded.add(f"t-{key}.json")
        return self._shards[key]

    def doc(self, doc_id: int) -> list:
        chunk = doc_id // self.manifest["chunk"]
        if chunk not in self._chunks:
            self._chunks[chunk] = json.loads((self.dir / f"d-{chunk}.json").read_text(encoding="utf-8"))
            self.loaded.add(f"d-{chunk}.json")
        return self._chunks[chunk][doc_id % self.manifest["chunk"]]

    def search(self, query: str, limit: int = 10, redactie: bool = False) -> list[dict]:
        """The hits as the browser shows them; editors' pages only with redactie=True (the results page's last group)."""
        q = query_terms(query, set(self.manifest["stopwoorden"]))
        by_term = {}
        for t in q:
            key = shard_for(t, self.manifest["shards"])
            by_term[t] = self.shard(key) if key else {}
        ends = self.manifest["groepen"]
        hits = [(d, s) for d, s in rank(by_term, q, ends) if redactie or groep_of(d, ends) != GROEP_REDACTIE][:limit]
        fields = ("url", "titel", "soort", "uitleg", "actualiteit", "toon")
        return [dict(zip(fields, self.doc(d)), score=s, groep=groep_of(d, ends)) for d, s in hits]
