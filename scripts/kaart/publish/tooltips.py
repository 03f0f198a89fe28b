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
import xml.etree.ElementTree as etree
from functools import lru_cache

from markdown.extensions.abbr import AbbrExtension, AbbrTreeprocessor
from markdown.util import AtomicString


class _GlossaryTreeprocessor(AbbrTreeprocessor):
    """abbr's matching, in one pass over the page in document order that marks each term once.

    abbr's own walk looks up every element's place among its siblings (`list(parent).index`), which
    grows with the square of a long list (the A-Z page of 5,000 offers), and would mark every
    occurrence; here the place is counted as the walk goes.
    """

    def run(self, root):
        if not self.abbrs:
            return
        self.RE = abbreviation_pattern(frozenset(self.abbrs))
        self._walk(root, set())

    def _walk(self, el: etree.Element, seen: set[str]) -> None:
        search = self.RE.search  # most texts hold no term: one call in C decides, before any Python work
        children = list(el)
        offset = 0  # abbr elements inserted before the next original child
        text = el.text
        if text and search(text) and not isinstance(text, AtomicString):
            el.text, marked = self._mark(text, seen)
            for i, abbr in enumerate(marked):
                el.insert(i, abbr)
            offset = len(marked)
        for i, child in enumerate(children):
            if len(child) or child.text:
                self._walk(child, seen)  # a child's own text comes before its tail
            tail = child.tail
            if tail and search(tail) and not isinstance(tail, AtomicString):
                child.tail, marked = self._mark(tail, seen)
                for j, abbr in enumerate(marked):
                    el.insert(i + offset + 1 + j, abbr)
                offset += len(marked)

    def _mark(self, text: str, seen: set[str]) -> tuple[str, list[etree.Element]]:
        """The text before the first new term, and an <abbr> (with the text after it as tail) per new term."""
        marked: list[etree.Element] = []
        before, last = text, 0
        for m in self.RE.finditer(text):
            title = self.abbrs[m.group(0)]
            if not title or title in seen:  # one tooltip per term, in whatever spelling
                continue
            seen.add(title)
            if marked:
                marked[-1].tail = text[last : m.start()]
            else:
                before = text[: m.start()]
            marked.append(self.create_element(title, m.group(0), ""))
            last = m.end()
        if marked:
            marked[-1].tail = text[last:]
        return before, marked


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
