"""Small helpers to put record text safely into Markdown pages."""

from __future__ import annotations

import html
import re
from functools import lru_cache

_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|{}])")  # { } too: attr_list would turn `{: onclick=…}` into an attribute
# A Markdown link whose target we can check; every other [ ] { } in a text field is escaped.
_MD_LINK = re.compile(r"\[([^\[\]\n]*)\]\(\s*<?([^()<>\s]*)>?\s*\)")
_SAFE_URL = re.compile(r"(?i)(https?://[^/\s]|mailto:[^\s@]+@|tel:\+?[0-9])")
_URL_ESCAPES = str.maketrans({c: f"%{ord(c):02X}" for c in "()[]{}*_`"})
# An escaped & that cannot start an entity goes back to a bare &: Markdown escapes it in the
# output anyway, and only a bare & lets the woordenlijst tooltip match "W&I".
_BARE_AMP = re.compile(r"&amp;(?![A-Za-z0-9#]+;)")


# An image on the site itself: a relative path to a picture in content/ (mkdocs checks that it exists).
_SITE_IMAGE = re.compile(r"(\.\./)*([A-Za-z0-9_-]+/)*[A-Za-z0-9_-]+\.(png|jpe?g|gif|svg|webp)")


def site_image(target: str) -> bool:
    """Whether an image address points at a picture of this site (never another host)."""
    return bool(_SITE_IMAGE.fullmatch(target))


# A line that Markdown (with admonition, tables, def_list) would turn into a block: a heading,
# a warning box, a rule, a setext underline, a definition, a code fence, a list item.
# kaart check refuses these (kaart.check.textpolicy); the renderer defuses them as well, so text
# that never went through the check cannot change the shape of a page either.
_INLINE_BLOCK = re.compile(r"^(\s{0,3})(?:[!?=:~+]|-(?=\s|-|$)|(\d+)[.)](?=\s))")  # on already escaped text
_TEXT_BLOCK = re.compile(r"^(\s{0,3})(?:[#!?=:~`]|([-*_])(\s*\2){2,}\s*$|-+\s*$)")  # lists stay lists
_DEFUSE = {
    "#": "\\#",
    "!": "\\!",
    "?": "&#63;",
    "=": "&#61;",
    ":": "&#58;",
    "`": "\\`",
    "~": "&#126;",
    "+": "\\+",
    "-": "\\-",
    "*": "\\*",
    "_": "\\_",
}


def _defuse(line: str, pattern: re.Pattern) -> str:
    match = pattern.match(line)
    if not match:
        return line
    at = len(match.group(1))
    if pattern is _INLINE_BLOCK and match.group(2):  # "1. " would start a numbered list
        at += len(match.group(2))
        return line[:at] + "\\" + line[at:]
    return line[:at] + _DEFUSE[line[at]] + line[at + 1 :]


def inline(value: str | None) -> str:
    """Plain text for use inside Markdown: HTML-escaped, Markdown syntax neutralised, one line."""
    if not value:
        return ""
    return _inline(value if isinstance(value, str) else str(value))


@lru_cache(maxsize=65536)  # labels, names and provider names recur on thousands of pages
def _inline(value: str) -> str:
    text = " ".join(value.split())
    return _defuse(_MD_SPECIAL.sub(r"\\\1", _BARE_AMP.sub("&", html.escape(text, quote=False))), _INLINE_BLOCK)


def safe_url(value: str | None) -> str | None:
    """`value` as a link target if it is a full http(s)/mailto/tel address, else None.

    Browsers ignore whitespace and control characters inside a scheme
    ('java\tscript:'), so any of those makes the address unsafe.
    """
    if not value:
        return None
    url = str(value).strip()
    if re.search(r"[\x00-\x20\x7f<>\"'\\]", url) or not _SAFE_URL.match(url):
        return None
    return url.translate(_URL_ESCAPES)


def link(text: str | None, url: str | None) -> str:
    """A Markdown link, or just the text when the address is not safe."""
    target = safe_url(url)
    return f"[{inline(text)}]({target})" if target else inline(text)


def block(value: str | None) -> str:
    """A Markdown text field (beschrijving): HTML escaped, links only to safe addresses, no attribute lists,
    paragraphs and lists but no other blocks (no headings, warning boxes, rules, tables, code)."""
    if not value:
        return ""
    text = _BARE_AMP.sub("&", html.escape(str(value).strip(), quote=False)).replace("|", "\\|")
    text = "\n".join(_defuse(line, _TEXT_BLOCK) for line in text.split("\n"))
    out, pos = [], 0
    for match in _MD_LINK.finditer(text):
        out.append(_escape_brackets(text[pos : match.start()]))
        target = safe_url(html.unescape(match.group(2)))
        label = _escape_brackets(match.group(1))
        if text[match.start() - 1 : match.start()] == "!" and site_image(match.group(2)):
            target = match.group(2)  # an image of the site itself; any other host is refused by kaart check
        out.append(f"[{label}]({target})" if target else _escape_brackets(match.group(0)))
        pos = match.end()
    out.append(_escape_brackets(text[pos:]))
    return "".join(out)


def _escape_brackets(text: str) -> str:
    # no stray [ ] (reference links like `[x]: javascript:…`) and no { } (attribute lists)
    return re.sub(r"([\[\]{}])", r"\\\1", text)


@lru_cache(
    maxsize=65536
)  # each offer's description is shortened for every list it is in (A-Z, fase, helpt bij, organisation, finder)
def first_sentence(value: str, limit: int = 160) -> str:
    text = " ".join(re.sub(r"[*_#>`]", "", value).split())
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    sentence = match.group(1) if match else text
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rsplit(" ", 1)[0] + "…"


def leeftijd_text(minimum: int | None, maximum: int | None) -> str | None:
    if minimum is not None and maximum is not None:
        return f"{minimum} t/m {maximum} jaar"
    if minimum is not None:
        return f"vanaf {minimum} jaar"
    if maximum is not None:
        return f"tot en met {maximum} jaar"
    return None


def yaml_str(value: str) -> str:
    """A front-matter string; the theme puts title and description into HTML without escaping: neutralise < > " first."""
    value = value.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
