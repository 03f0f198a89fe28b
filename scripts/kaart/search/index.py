"""Dutch site search: a sharded inverted index written at build time.

Why not material's search: it loads the whole lunr index on the first view of every page and
appends a wildcard to every term, which bypasses the Dutch stemmer.  Here the index is split
into small JSON shards by term prefix; the browser client (content/assets/javascripts/zoeken.js)
loads the manifest only when the search field is used, then only the shards of the typed terms
and the metadata chunks of the hits it shows.

The words come from kaart.search.text, the documents from kaart.search.documents; this module
weighs them (BM25 with field weights), writes the postings, shards and manifest.  The ranking
runs in the browser; tests/support/zoeken.py mirrors it for the tests.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter, defaultdict

from kaart.model import Kaart
from kaart.project import Project
from kaart.search.documents import (
    GROEP_AANBOD,
    GROEP_KENNIS,
    GROEP_REDACTIE,
    W_KOP,
    W_ORGANISATIE,
    W_SYNONIEM,
    W_TEKST,
    W_TITEL,
    W_TREFWOORD,
    SearchDoc,
    collect_docs,
    known_docs,
)
from kaart.search.text import STOPWOORDEN, SYNONYM_TERMS, normalise, stem, synonym_groups

INDEX_DIR = "assets/zoekindex"
CHUNK_SIZE = 10  # documents per metadata chunk: each hit shown loads one chunk, so it holds few snippet texts
# Raw JSON bytes per term shard before it is split further: small once gzipped, so a query word costs one quick fetch.
SHARD_TARGET = 24_000
# Longest shard key: deep enough that a common stem ('schuld') gets a shard of its own, apart from the
# words it starts (schuldhulp, schuldsanering), which synonyms give as many postings.
SHARD_DEPTH = 12
K1, B = 1.2, 0.75  # BM25
NAAM_BONUS = {W_TITEL: 2.0, W_TREFWOORD: 1.0, W_ORGANISATIE: 0.8}  # by field weight, added after saturation


def weigh_known(kaart: Kaart, project: Project) -> tuple[list[SearchDoc], dict[str, tuple]]:
    """`known_docs` and each one's `weigh` by URL: most of the index's work."""
    groups = synonym_groups()
    docs = known_docs(kaart, project)
    return docs, {doc.url: weigh(doc, groups) for doc in docs}


def weigh(
    doc: SearchDoc, groups: tuple[frozenset[str], ...] | None = None
) -> tuple[dict[str, float], dict[str, float], float]:
    """One document's weighted term frequencies, name bonuses and length (the per-document part of the index)."""
    groups = synonym_groups() if groups is None else groups
    tf: dict[str, float] = {}
    bonus: dict[str, float] = {}
    n = 0.0
    for weight, text in doc.velden:
        if not text:
            continue
        # Count the words as written (in C), then stem each distinct word once: the same counts, in
        # the same order, as stemming every occurrence.
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
    if (SYNONYM_TERMS if groups is synonym_groups() else frozenset().union(*groups)).isdisjoint(tf):  # most documents
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
    groups = synonym_groups()
    known = weights or {}  # by URL, weighed beforehand (weigh_known) for most documents
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


def shard_key(term: str, depth: int) -> str:
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
            groups[shard_key(t, depth)].append(t)
        for key, members in groups.items():
            too_large = sum(sizes[t] for t in members) > target
            if too_large and depth < SHARD_DEPTH and len(members) > 1 and not key.endswith("_"):
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
        "diepte": SHARD_DEPTH,
        "stopwoorden": sorted(STOPWOORDEN),
        "groepen": group_ends(docs),
        "synoniemen": [sorted(g) for g in synonym_groups()],
    }
    files[f"{INDEX_DIR}/manifest.json"] = _json(manifest)
    return files


def group_ends(docs: list[SearchDoc]) -> list[int]:
    """For each group, the number of documents in it and the groups before it (documents are sorted by group)."""
    return [sum(1 for d in docs if d.groep <= g) for g in (GROEP_AANBOD, GROEP_KENNIS, GROEP_REDACTIE)]


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
