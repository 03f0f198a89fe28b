"""The glossary's tooltips: Python-Markdown's abbr extension, with its pattern compiled once per build.

abbr joins every abbreviation into one alternation and compiles it again for each page; with
hundreds of glossary spellings that pattern tries each of them at every word of every page.
Here the same spellings form a trie-shaped pattern (`VSV|VMBO` becomes `V(?:SV|MBO)`), made once
for each set of abbreviations: at a position it follows the one branch the text allows and ends at
the longest spelling that is a whole word, which is the match abbr's longest-first alternation
finds, so every page gets the same <abbr> elements.  The mkdocs hook uses this extension in
place of `abbr`; `kaart genereer` writes a config with plain `abbr` and the same glossary.
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
