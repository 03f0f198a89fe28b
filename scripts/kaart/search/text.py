"""Words of the search: how a text becomes terms (tokens, stop words, Dutch stemming, synonyms).

`normalise` and `stem` exist twice: here for the index, and in content/assets/javascripts/zoeken.js
for the query. tests/unit/test_zoeken_stam.py runs both (zoeken.js under node) over the words of
our own corpus and requires the same stems.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

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

_ACCENTS = re.compile("[\u0300-\u036f]")
_VOWELS = "aeiou"

# Every ASCII character that is not a-z or 0-9 becomes a space: str.translate and split() then give
# the same words as the regular expression [a-z0-9]+, faster than the expression on the whole corpus.
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
    """A light Dutch stemmer, identical in zoeken.js: plurals, diminutives, -ing and the adjective -e.

    It merges the forms professionals type: schulden/schuld, jobcoaches/jobcoach, stages/stage,
    huizen/huis, bedrijven/bedrijf, werkloze/werkloos, actieve/actief.  Snowball's Dutch stemmers
    were tried and not taken: the Porter one (also in lunr-languages) keeps stages, huizen,
    bedrijven and werkloze apart from their singular; the Kraaij-Pohlmann one (Snowball 3) keeps
    werkloze/werkloos and jobcoaches/jobcoach apart, splits schulden from schuld, and has no
    browser port.
    """
    if len(word) <= 3 or word.isdigit():
        return word
    return _tidy(_strip_ending(word))


def _strip_ending(w: str) -> str:
    """The plural or diminutive ending, at most one."""
    if w.endswith("heden"):
        return w[:-5] + "heid"
    if w.endswith("tjes") and len(w) > 6:
        return w[:-4]
    if w.endswith("tje") and len(w) > 5:
        return w[:-3]
    if w.endswith("ies") and len(w) > 5:
        return w[:-1]
    if w.endswith("ches") and len(w) > 5:  # English loans: jobcoaches
        return w[:-2]
    if w.endswith("en") and len(w) > 4 and w[-3] not in _VOWELS:
        return w[:-2]
    if w.endswith("s") and len(w) > 4 and w[-2] not in _VOWELS + "sy":
        return w[:-1]
    if w.endswith("es") and len(w) > 4 and w[-3] not in _VOWELS and w[-4] in _VOWELS and not w.endswith("oces"):
        # -s after a word's own -e (stages, routes, keuzes); not proces, which is processen in the plural
        return w[:-1]
    return w


def _tidy(w: str) -> str:
    """What the ending leaves: the adjective or verb -e, -ing, a doubled consonant or vowel, z/v for s/f."""
    if w.endswith("e") and len(w) > 4 and w[-2] not in _VOWELS:
        w = w[:-1]
    if w.endswith("ing") and len(w) > 6:
        w = w[:-3]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in _VOWELS:
        w = w[:-1]
    if len(w) > 3 and w[-1] in "zv":
        # Dutch writes s and f at the end of a word, z and v before an ending: huizen/huis, bedrijven/bedrijf
        w = w[:-1] + ("s" if w[-1] == "z" else "f")
    if len(w) > 4 and w[-1] not in _VOWELS and w[-2] == w[-3] and w[-2] in _VOWELS and w[-4] not in _VOWELS:
        w = w[:-2] + w[-1]  # werkloos/werkloze, kwetsbaar/kwetsbare
    return w


def terms(text: str) -> list[str]:
    return [stem(t) for t in normalise(text) if t not in STOPWOORDEN]


@lru_cache(maxsize=1)
def synonym_groups() -> tuple[frozenset[str], ...]:
    """The groups of SYNONIEMEN as stems, as the index and the manifest use them."""
    return tuple(frozenset(stem(w) for w in line.split()) for line in SYNONIEMEN)


SYNONYM_TERMS = frozenset().union(*synonym_groups())
