"""Language check for the `jongerentaal` texts: short sentences, short words, no jargon.

Young people leave at the first text that sounds like a letter from the
municipality, so every `jongerentaal` field of an offer is checked on its own:

- taal-vakwoord (fout): no word from schemas/jargon.yml; the message
  suggests the plain alternative listed there.
- taal-zinslengte (fout): at most MAX_ZIN_WOORDEN = 15 words per sentence.
- taal-lang-woord (waarschuwing): at most MAX_WOORD_LETTERS = 16 letters per
  word (per part of a hyphenated word); `bekende_woorden` in jargon.yml, the
  offer's and the organisation's names, numbers and addresses are exempt.
- taal-leesgemak (waarschuwing): Flesch-Douma of the four fields together
  at least MIN_LEESGEMAK = 60.

Flesch-Douma is 206.835 - 0.93 x words per sentence - 77 x syllables per
word.  We compute it as textstat does with ``set_lang("nl")`` (same sentence
and word rules, syllables from pyphen's Dutch hyphenation dictionary), but
without textstat's import cost and per-call overhead: `kaart check` runs it on
every record; a test keeps both in agreement.  It is unbounded and unstable on short
texts, so it is only a warning and is computed over the four fields together
(the real records score about 70-107; a municipal letter sentence scores
below 0).  `mkdocs build --strict` turns
warnings into failures, so published records pass every rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kaart.model import JONGERENTAAL_VELDEN
from kaart.result import ERROR, WARNING, CheckResult, Problem

MAX_ZIN_WOORDEN = 15
MAX_WOORD_LETTERS = 16
MIN_LEESGEMAK = 60
VELDEN = JONGERENTAAL_VELDEN

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n")
_WORD = re.compile(r"[A-Za-zÀ-ÿ0-9]+(?:[-'’][A-Za-zÀ-ÿ0-9]+)*")
_ADDRESS = re.compile(r"\S+@\S+|https?://\S+|www\.\S+|\b\S+\.(?:nl|com|org|eu)\b")


@dataclass(frozen=True)
class Vakwoord:
    woord: str
    zeg: str
    vormen: tuple[str, ...]  # lower-case forms that count as this word

    def matches(self, token: str) -> bool:
        low = token.lower()
        for vorm in self.vormen:
            if len(vorm) <= 4:  # short words and abbreviations (RMC, bol) only as a whole word
                if low == vorm or low.split("-")[0] == vorm:
                    return True
            elif vorm in low:  # inflections and compounds: trajecten, leerwerktraject
                return True
        return False


@dataclass(frozen=True)
class Score:
    woorden: int
    zinnen: int
    leesgemak: float


@dataclass(frozen=True)
class Taallijst:
    """schemas/jargon.yml: jargon with plain alternatives, and long words young people know."""

    vakwoorden: tuple[Vakwoord, ...] = ()
    bekende_woorden: frozenset[str] = frozenset()


JARGON_FILE = "schemas/jargon.yml"


def load_taallijst(path: Path) -> tuple[Taallijst, list[Problem]]:
    """The jargon list; a broken file gives problems, never an exception."""
    from kaart.records.loading import load_file  # local import keeps this module light for the unit tests

    rel = JARGON_FILE if path.name == "jargon.yml" else path.name
    if not path.is_file():
        return Taallijst(), [
            Problem(
                rel,
                1,
                "",
                "de lijst met vakwoorden ontbreekt",
                f"maak {JARGON_FILE} met `vakwoorden:` (zie de uitleg in kaart/taal.py)",
                "taal-jargonlijst",
            )
        ]
    loaded = load_file(path, rel)
    problems = list(loaded.problems)
    data = loaded.data
    if not isinstance(data, dict) or not isinstance(data.get("vakwoorden"), list):
        return Taallijst(), problems or [
            Problem(
                rel,
                1,
                "vakwoorden",
                "de lijst `vakwoorden:` ontbreekt",
                "schrijf: vakwoorden: en daaronder regels als - {woord: traject, zeg: hulp}",
                "taal-jargonlijst",
            )
        ]
    words: list[Vakwoord] = []
    for i, item in enumerate(data["vakwoorden"]):
        if not (
            isinstance(item, dict)
            and isinstance(item.get("woord"), str)
            and isinstance(item.get("zeg"), str)
            and item["woord"].strip()
            and item["zeg"].strip()
        ):
            problems.append(
                Problem(
                    rel,
                    loaded.line_of(("vakwoorden", i)),
                    f"vakwoorden[{i}]",
                    "vakwoord zonder `woord` of `zeg`",
                    "schrijf: - {woord: vakwoord, zeg: gewoon alternatief}",
                    "taal-jargonlijst",
                )
            )
            continue
        ook = item.get("ook") or []
        vormen = (item["woord"], *(v for v in ook if isinstance(v, str)))
        words.append(Vakwoord(item["woord"], item["zeg"], tuple(v.lower() for v in vormen)))
    bekend = frozenset(w.lower() for w in data.get("bekende_woorden") or [] if isinstance(w, str))
    return Taallijst(tuple(words), bekend), problems


class _JargonMatcher:
    """Finds the vakwoord for a token quickly: a set for short forms, one regex for the rest."""

    def __init__(self, taallijst: Taallijst):
        self.exact: dict[str, Vakwoord] = {}
        long_forms: dict[str, Vakwoord] = {}
        for v in taallijst.vakwoorden:
            for vorm in v.vormen:
                target = self.exact if len(vorm) <= 4 else long_forms
                if vorm not in target or len(v.woord) > len(target[vorm].woord):
                    target[vorm] = v
        self.long_forms = long_forms
        self.pattern = (
            re.compile("|".join(re.escape(f) for f in sorted(long_forms, key=len, reverse=True)))
            if long_forms
            else None
        )
        self.cache: dict[str, Vakwoord | None] = {}

    def find(self, token: str) -> Vakwoord | None:
        low = token.lower()
        if low in self.cache:
            return self.cache[low]
        candidates = [v for v in (self.exact.get(low), self.exact.get(low.split("-")[0])) if v]
        if self.pattern:
            # overlapping search: every long form contained in the token
            candidates += [self.long_forms[f] for f in self.long_forms if f in low] if self.pattern.search(low) else []
        found = max(candidates, key=lambda v: len(v.woord), default=None)
        self.cache[low] = found
        return found


_MATCHERS: dict[int, tuple[Taallijst, _JargonMatcher]] = {}


def _matcher(taallijst: Taallijst) -> _JargonMatcher:
    # keyed on identity: hashing the whole list for every text cost more than the matching
    entry = _MATCHERS.get(id(taallijst))
    if entry is None or entry[0] is not taallijst:
        entry = _MATCHERS[id(taallijst)] = (taallijst, _JargonMatcher(taallijst))
    return entry[1]


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(" ".join(text.split(" ")).strip()) if s and s.strip()]


def words(text: str) -> list[str]:
    return _WORD.findall(_ADDRESS.sub(" ", text))


_TEXTSTAT_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)
_PUNCTUATION = re.compile(r"[^\w\s]", re.UNICODE)


@lru_cache(maxsize=1)
def _hyphenator():
    import pyphen

    return pyphen.Pyphen(lang="nl")


@lru_cache(maxsize=65536)
def _syllables(word: str) -> int:
    return len(_hyphenator().positions(word)) + 1


def _plain_words(text: str) -> list[str]:
    return _PUNCTUATION.sub("", text).lower().split()


@lru_cache(maxsize=4096)
def leesgemak(text: str) -> float:
    """Flesch-Douma reading ease for Dutch (higher is easier), as textstat computes it for "nl"."""
    words_ = _plain_words(text)
    if not words_:
        return 0.0
    found = _TEXTSTAT_SENTENCE.findall(text)
    short = sum(1 for s in found if len(_plain_words(s)) <= 2)  # textstat ignores sentences of <= 2 words
    n_sentences = max(1, len(found) - short)
    syllables = sum(_syllables(w) for w in words_)
    return 206.835 - 0.93 * (len(words_) / n_sentences) - 77 * (syllables / len(words_))


def score(text: str) -> Score:
    return Score(len(words(text)), len(sentences(text)), leesgemak(text))


def check_text(
    text: str, *, file: str, line: int, veld: str, taallijst: Taallijst, namen: set[str] = frozenset()
) -> list[Problem]:
    """Sentence length, long words and jargon for one text."""
    out: list[Problem] = []
    for zin in sentences(text):
        n = len(words(zin))
        if n > MAX_ZIN_WOORDEN:
            begin = " ".join(zin.split()[:5])
            out.append(
                Problem(
                    file,
                    line,
                    veld,
                    f"zin van {n} woorden (maximaal {MAX_ZIN_WOORDEN}): '{begin} …'",
                    "knip de zin in tweeën: één boodschap per zin",
                    "taal-zinslengte",
                    ERROR,
                )
            )
    seen: set[str] = set()
    matcher = _matcher(taallijst)
    for token in words(text):
        low = token.lower()
        if low in seen:
            continue
        seen.add(low)
        vakwoord = matcher.find(token)
        if vakwoord and low not in namen:
            out.append(
                Problem(
                    file,
                    line,
                    veld,
                    f"vakwoord '{token}'",
                    f"schrijf in gewone woorden, bijvoorbeeld: {vakwoord.zeg}",
                    "taal-vakwoord",
                    ERROR,
                )
            )
            continue
        if len(token) <= MAX_WOORD_LETTERS:  # cannot be a long word; skip counting letters
            continue
        letters = sum(ch.isalpha() for ch in token)
        longest_part = max((sum(ch.isalpha() for ch in part) for part in re.split(r"[-'’]", token)), default=0)
        if (
            longest_part > MAX_WOORD_LETTERS
            and low not in namen
            and low not in taallijst.bekende_woorden
            and not any(ch.isdigit() for ch in token)
        ):
            out.append(
                Problem(
                    file,
                    line,
                    veld,
                    f"lang woord '{token}' ({letters} letters, maximaal {MAX_WOORD_LETTERS})",
                    "gebruik een korter woord of zeg het in een paar gewone woorden",
                    "taal-lang-woord",
                    WARNING,
                )
            )
    return out


def check_jongerentaal(loaded, data, taallijst: Taallijst, extra_namen: tuple[str, ...] = ()) -> list[Problem]:
    """All language problems of one offer record (a LoadedFile and its data)."""
    if not isinstance(data, dict) or not isinstance(data.get("jongerentaal"), dict):
        return []
    jt = data["jongerentaal"]
    namen = {w.lower() for naam in (data.get("naam"), *extra_namen) if isinstance(naam, str) for w in words(naam)}
    namen |= {part for naam in list(namen) for part in naam.split("-")}
    out: list[Problem] = []
    texts = []
    for veld in VELDEN:
        text = jt.get(veld)
        if not isinstance(text, str) or not text.strip():
            continue
        texts.append(text.strip())
        out += check_text(
            text,
            file=loaded.rel,
            line=loaded.line_of(("jongerentaal", veld)),
            veld=f"jongerentaal.{veld}",
            taallijst=taallijst,
            namen=namen,
        )
    if texts:
        gemak = leesgemak(" ".join(texts))
        if gemak < MIN_LEESGEMAK:
            out.append(
                Problem(
                    loaded.rel,
                    loaded.line_of(("jongerentaal",)),
                    "jongerentaal",
                    f"moeilijk te lezen (leesgemak {gemak:.0f}, minimaal {MIN_LEESGEMAK})",
                    "gebruik kortere zinnen en kortere woorden",
                    "taal-leesgemak",
                    WARNING,
                )
            )
    return out


def organisation_names(org_files) -> dict[str, str]:
    """Organisation id -> name, from loaded organisation files: a provider's own name is never jargon."""
    return {
        o.data.get("id"): o.data["naam"]
        for o in org_files
        if isinstance(o.data, dict) and isinstance(o.data.get("naam"), str)
    }


def check_record_taal(loaded, taallijst: Taallijst, org_names: dict[str, str]) -> list[Problem]:
    """The language rule set for one loaded offer file, as `kaart check` runs it."""
    data = loaded.data
    if not isinstance(data, dict):
        return []
    # the organisations' own names (e.g. "Leerwerkloket") are not jargon or 'long words'; `aanbieder` may be a list
    aanbieder = data.get("aanbieder")
    ids = [aanbieder] if isinstance(aanbieder, str) else aanbieder if isinstance(aanbieder, list) else []
    own = tuple(org_names[org_id] for org_id in ids if isinstance(org_id, str) and org_names.get(org_id))
    return check_jongerentaal(loaded, data, taallijst, own)


def taal_rapport(project, paths: list[Path] | None = None, tekst: str | None = None) -> tuple[str, CheckResult]:
    """`kaart taal`: the scores and problems of every jongerentaal text (or one free text)."""
    from kaart.check.reporting import format_text, summary
    from kaart.records.loading import load_file

    taallijst, problems = load_taallijst(project.schemas_dir / "jargon.yml")
    result = CheckResult(problems=list(problems))
    lines: list[str] = []
    if tekst is not None:
        result.files_checked = 0
        result.extend(check_text(tekst, file="<tekst>", line=1, veld="", taallijst=taallijst))
        gemak = leesgemak(tekst)
        if gemak < MIN_LEESGEMAK:
            result.add(
                Problem(
                    "<tekst>",
                    1,
                    "",
                    f"moeilijk te lezen (leesgemak {gemak:.0f}, minimaal {MIN_LEESGEMAK})",
                    "gebruik kortere zinnen en kortere woorden",
                    "taal-leesgemak",
                    WARNING,
                )
            )
        lines.append(f"leesgemak {gemak:.0f}, langste zin {_longest(tekst)} woorden")
    else:
        org_names = organisation_names(load_file(p, project.rel(p)) for p in project.organisatie_files())
        for path in paths or project.aanbod_files():
            loaded = load_file(path, project.rel(path))
            result.files_checked += 1
            result.extend(loaded.problems)
            jt = loaded.data.get("jongerentaal") if isinstance(loaded.data, dict) else None
            if not isinstance(jt, dict):
                continue
            texts = [t for t in (jt.get(v) for v in VELDEN) if isinstance(t, str)]
            if texts:
                lines.append(
                    f"{loaded.rel}: leesgemak {leesgemak(' '.join(texts)):.0f}, "
                    f"langste zin {max(_longest(t) for t in texts)} woorden"
                )
            result.extend(check_record_taal(loaded, taallijst, org_names))
    lines += [format_text(p) for p in result.sorted()]
    lines.append(
        f"Drempels: zinnen tot {MAX_ZIN_WOORDEN} woorden, woorden tot {MAX_WOORD_LETTERS} letters, "
        f"leesgemak (Flesch-Douma) vanaf {MIN_LEESGEMAK}, geen vakwoorden uit {JARGON_FILE}."
    )
    lines.append(summary(result))
    return "\n".join(lines), result


def _longest(text: str) -> int:
    return max((len(words(s)) for s in sentences(text)), default=0)
