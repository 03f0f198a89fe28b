"""The sharded search index: every term is found in exactly one small shard, whatever the size of the kaart."""

from __future__ import annotations

from kaart.search.index import SHARD_DEPTH, shard_index
from support.zoeken import shard_for


def _index(n_docs: int) -> dict[str, list[int]]:
    """A common stem and the longer words it starts, each with postings in every document, as synonyms give."""
    words = ["schuld", "schuldhulp", "schuldhulpverlen", "schuldsaner", "school", "scholier", "werk", "werkgever"]
    return {w: [1, 100] * n_docs for w in words}


def test_a_common_stem_gets_a_shard_of_its_own_apart_from_the_words_it_starts():
    shards = shard_index(_index(3_000), target=24_000)
    holding = {t: key for key, shard in shards.items() for t in shard}
    assert list(shards[holding["schuld"]]) == ["schuld"], "'schulden' would load the postings of schuldhulp too"
    assert max(len(k) for k in shards) <= SHARD_DEPTH


def test_every_term_is_found_in_the_one_shard_that_holds_it():
    for n_docs in (1, 50, 3_000):
        index = _index(n_docs)
        shards = shard_index(index, target=24_000)
        holding = {t: key for key, shard in shards.items() for t in shard}
        assert sorted(holding) == sorted(index), "a term is in no shard or in two"
        for term in index:
            assert shard_for(term, list(shards), SHARD_DEPTH) == holding[term]


def test_small_index_keeps_two_letter_shards():
    shards = shard_index(_index(1), target=24_000)
    assert sorted(shards) == ["sc", "we"]
