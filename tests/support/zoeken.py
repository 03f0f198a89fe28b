"""The browser's ranking (content/assets/javascripts/zoeken.js) in Python, for the tests only.

It runs over the shards of a built site, the same files the browser loads; tests/browser/test_zoeken.py
checks that zoeken.js gives the same order.  Mirrored line by line: a change to the ranking in
zoeken.js is made here too.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from kaart.search.documents import GROEP_REDACTIE
from kaart.search.index import SHARD_DEPTH, shard_key
from kaart.search.text import STOPWOORDEN, normalise, stem

PREFIX_FACTOR = 0.5  # a completion of a typed fragment counts half against whole words of the query
MAX_COMPLETIONS = 30
AGE_BOOST = 0.5  # an offer whose age range holds the typed age: its topic score times 1.5
AGE_WORDS = frozenset({"jaar", "jar", "jr", "leeftijd"})  # stems that belong to an age, as in '23 jaar'


def query_terms(query: str, stopwoorden=STOPWOORDEN) -> list[str]:
    seen: list[str] = []
    for t in normalise(query):
        if t in stopwoorden:
            continue
        s = stem(t)
        if s not in seen:
            seen.append(s)
    return seen


def shard_for(term: str, keys: list[str] | set[str], depth_max: int = SHARD_DEPTH) -> str | None:
    """The shard that holds `term` (and its completions): the key that is a prefix of the padded term."""
    keyset = set(keys)
    for depth in range(2, depth_max + 1):
        key = shard_key(term, depth)
        if key in keyset:
            return key
    return None


def groep_of(doc: int, ends: list[int]) -> int:
    return next((g for g, end in enumerate(ends) if doc < end), len(ends))


def is_age(t: str) -> bool:
    return t.isdigit() or t in AGE_WORDS


def rank(
    shards_by_term: dict[str, dict[str, list[int]]], query: list[str], ends: list[int] | None = None
) -> list[tuple[int, float]]:
    """Score documents for stemmed query terms; shards_by_term[t] is the shard holding t.

    Hits are ordered by group first (offers and organisations, then knowledge and
    overviews, then editors' pages), then by score: a professional looks for help to offer.
    Topic words decide; an age only orders the documents that match the topic, and a
    document that matches on the age alone comes after them.
    """
    totals: dict[int, float] = defaultdict(float)
    matched: dict[int, int] = defaultdict(int)
    ages: dict[int, float] = defaultdict(float)
    aged: dict[int, int] = defaultdict(int)
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
        sums, counts = (ages, aged) if is_age(t) else (totals, matched)
        for doc, score in best.items():
            sums[doc] += score
            counts[doc] += 1
    n_topic = sum(1 for t in query if not is_age(t))
    n_age = len(query) - n_topic
    n = max(len(query), 1)
    scored = []
    for doc in set(totals) | set(ages):
        m, a = matched.get(doc, 0), aged.get(doc, 0)
        if n_topic and m:
            # Documents that contain every typed word come first (coordination factor).
            boost = 1 + AGE_BOOST * (a / n_age) ** 2 if n_age else 1
            scored.append((doc, totals[doc] * (m / n_topic) ** 2 * boost, 0))
        else:
            scored.append((doc, (totals.get(doc, 0.0) + ages.get(doc, 0.0)) * ((m + a) / n) ** 2, 1 if n_topic else 0))
    ends = ends or []
    scored.sort(key=lambda x: (groep_of(x[0], ends), x[2], -x[1], x[0]))
    return [(doc, score) for doc, score, _ in scored]


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
            key = shard_for(t, self.manifest["shards"], self.manifest["diepte"])
            by_term[t] = self.shard(key) if key else {}
        ends = self.manifest["groepen"]
        hits = [(d, s) for d, s in rank(by_term, q, ends) if redactie or groep_of(d, ends) != GROEP_REDACTIE][:limit]
        fields = ("url", "titel", "soort", "uitleg", "actualiteit", "toon")
        return [dict(zip(fields, self.doc(d)), score=s, groep=groep_of(d, ends)) for d, s in hits]
