"""The glossary's tooltips: Python-Markdown's abbr extension, with its pattern compiled once per build.

abbr joins every abbreviation into one alternation and compiles it again for each page; with
hundreds of glossary spellings that pattern tries each of them at every word of every page.
Here the same spellings form a trie-shaped pattern (`VSV|VMBO` becomes `V(?:SV|MBO)`), made once
for each set of abbreviations: at a position it follows the one branch the text allows and ends at
the longest spelling that is a whole word, which is the match abbr's longest-first alternation
finds, so every page gets the same <abbr> elements.  The mkdocs hook uses this extension in
place of `abbr`; `kaart genereer` writes a config with plain `abbr` and the same glossary.

Only the first occurrence of each term on a page keeps its <abbr> (WCAG technique G102:
expand an abbreviation where it first occurs).  mkdocs-material mounts a tooltip, with its own
observers, on every element with a title when the page loads; the offer lists on /wegwijzer/ and
/jongeren/ repeat the same few terms dozens of times, and those tooltips were the longest task
of the page on a slow phone (scripts/METINGEN.md).
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown.extensions.abbr import AbbrExtension, AbbrTreeprocessor


class _GlossaryTreeprocessor(AbbrTreeprocessor):
    def run(self, root):
        if not self.abbrs:
            return
        self.RE = abbreviation_pattern(frozenset(self.abbrs))
        self.iter_element(root)
        _first_occurrences_only(root)


def _first_occurrences_only(root) -> None:
    """Unwrap every <abbr> whose term already had one earlier on the page (document order)."""
    parents = {child: parent for parent in root.iter() for child in parent}
    seen: set[str] = set()
    for abbr in list(root.iter("abbr")):  # iter() walks in document order: an <a>'s text before what follows it
        title = abbr.get("title")
        if title is None or title not in seen:  # one tooltip per term, in whatever spelling
            seen.add(title)
            continue
        parent = parents[abbr]
        text = (abbr.text or "") + (abbr.tail or "")
        index = list(parent).index(abbr)
        if index:
            before = parent[index - 1]
            before.tail = (before.tail or "") + text
        else:
            parent.text = (parent.text or "") + text
        parent.remove(abbr)


class TooltipExtension(AbbrExtension):
    def extendMarkdown(self, md):
        super().extendMarkdown(md)
        md.treeprocessors.register(_GlossaryTreeprocessor(md, self.abbrs), "abbr", 7)


def makeExtension(**kwargs):  # noqa: N802 - the name Python-Markdown looks for
    return TooltipExtension(**kwargs)


@lru_cache(maxsize=16)
def abbreviation_pattern(abbreviations: frozenset[str]) -> re.Pattern:
    """Any of the abbreviations as a whole word, the longest one where several start at a position."""
    trie: dict = {}
    for word in abbreviations:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a spelling ends here
    return re.compile(rf"\b(?:{_branches(trie)})\b")


def _branches(node: dict) -> str:
    branches = [re.escape(char) + _branches(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body  # greedy: the longer spelling is tried first
