"""The search's Dutch stemmer: the index (Python) and the query (zoeken.js, under node) give the same stems.

A word the browser stems differently from the build is a word that finds nothing, so the test runs
both over every word of our own corpus (the records, the pages of content/ and the source documents),
and over those words with each ending the stemmer knows.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kaart.search.text import normalise, stem
from support import ROOT

ZOEKEN_JS = ROOT / "content" / "assets" / "javascripts" / "zoeken.js"

NODE_SCRIPT = r"""
const Z = require(process.argv[1]);
let input = "";
process.stdin.on("data", c => input += c).on("end", () => {
  const {words, texts} = JSON.parse(input);
  process.stdout.write(JSON.stringify({stems: words.map(Z.stem), words: texts.map(Z.normalise)}));
});
"""

ENDINGS = ["", "e", "en", "es", "s", "tje", "tjes", "ing", "ingen", "heden", "ies", "ches", "ze", "ve", "zen", "ven"]

# Plural and adjective forms a professional types, with the form the records use (issue 19).
PAIRS = [
    ("stages", "stage"),
    ("huizen", "huis"),
    ("buurthuizen", "buurthuis"),
    ("bedrijven", "bedrijf"),
    ("leerbedrijven", "leerbedrijf"),
    ("werkloze", "werkloos"),
    ("schulden", "schuld"),
    ("jobcoaches", "jobcoach"),
    ("tienermoeders", "tienermoeder"),
    ("leerwerkloketten", "leerwerkloket"),
    ("kwetsbare", "kwetsbaar"),
    ("actieve", "actief"),
    ("routes", "route"),
    ("keuzes", "keuze"),
    ("vacatures", "vacature"),
    ("mogelijkheden", "mogelijkheid"),
    ("processen", "proces"),
    ("uitkeringen", "uitkering"),
]
# Different words that must stay apart.
APART = [("werk", "wereld"), ("stage", "stad"), ("huis", "huid"), ("moeder", "moed"), ("jongere", "jong")]


def node_run(words: list[str], texts: list[str]) -> dict:
    node = shutil.which("node")
    if not node:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("node is not installed (apt-get install -y nodejs)")
        pytest.skip("node is not installed")
    proc = subprocess.run(
        [node, "-e", NODE_SCRIPT, str(ZOEKEN_JS)],
        input=json.dumps({"words": words, "texts": texts}),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def corpus_texts() -> list[str]:
    """Our own corpus, from the repository only: the same words with or without ../shared beside the checkout."""
    paths = sorted((ROOT / "aanbod").rglob("*.yml")) + sorted((ROOT / "content").rglob("*.md"))
    return [p.read_text(encoding="utf-8") for p in paths]


@pytest.fixture(scope="module")
def corpus_words() -> list[str]:
    words = {w for text in corpus_texts() for w in normalise(text)}
    return sorted(words)


def test_python_and_javascript_stem_every_corpus_word_alike(corpus_words):
    words = corpus_words + sorted({w + e for w in corpus_words if not w.isdigit() for e in ENDINGS if e})
    stems = node_run(words, [])["stems"]
    assert len(corpus_words) >= 200
    differ = [(w, py, js) for w, py, js in zip(words, map(stem, words), stems) if py != js]
    assert differ == [], f"{len(differ)} words stem differently in zoeken.js, e.g. {differ[:10]}"


@settings(max_examples=10, deadline=None)
@given(st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=16), min_size=1, max_size=300))
@example(["proces", "oces", "zzzz", "vvvv", "aaes", "heden", "tjes", "eeze", "ieze"])
def test_python_and_javascript_stem_any_word_alike(words):
    assert node_run(words, [])["stems"] == [stem(w) for w in words]


def test_python_and_javascript_split_the_corpus_into_the_same_words():
    texts = [line for text in corpus_texts() for line in text.splitlines() if line.strip()]
    assert len(texts) >= 200
    got = node_run([], texts)["words"]
    differ = [(t, normalise(t), js) for t, js in zip(texts, got) if normalise(t) != js]
    assert differ == [], differ[:5]


@pytest.mark.parametrize("typed,written", PAIRS, ids=[p[0] for p in PAIRS])
def test_plural_and_adjective_forms_stem_together(typed, written):
    assert stem(typed) == stem(written)
    assert node_run([typed, written], [])["stems"] == [stem(written)] * 2


@pytest.mark.parametrize("one,other", APART, ids=[f"{a}-{b}" for a, b in APART])
def test_different_words_stay_apart(one, other):
    assert stem(one) != stem(other)


def test_the_pairs_come_from_our_corpus(corpus_words):
    """The stemmer is tuned on words we use: the forms of most pairs occur in the records, pages or sources."""
    words = set(corpus_words)
    present = [(a, b) for a, b in PAIRS if a in words and b in words]
    assert len(present) >= len(PAIRS) // 2, present
