"""Which Markdown each text field may contain, and which characters no field may contain.

The policy (also in CONTRIBUTING.md, "Opmaak per veld"):

| field                         | allowed                                                        |
|-------------------------------|----------------------------------------------------------------|
| `beschrijving` (aanbod)       | paragraphs, lists, **vet**, *cursief*, [links](https://…),     |
|                               | images only from the site itself (`![tekst](../assets/plaatje.png)`)        |
| every other text field        | one paragraph of text: **vet**, *cursief*, [links](https://…)  |

Refused everywhere: headings (`# Kop`, a line of `===`), admonitions (`!!! danger`,
`??? note`), horizontal rules (`---`, `***`), tables (`| a | b |`), block quotes (`>`),
code blocks (```), definitions (`: …`), raw HTML (checked in kaart.check.rules), images from another host,
bidi embedding/override characters (U+202A-U+202E; the isolates U+2066-U+2069 only
in `naam`, for a name written in another script), invisible zero-width characters
inside words, and words that mix Latin with Cyrillic or Greek look-alike letters.
Lists are refused outside `beschrijving`.  Control characters never get this far:
kaart.records.loading refuses them with their line.
"""

from __future__ import annotations

import re
import unicodedata

from kaart.records.loading import ID_PATTERN, LOOKALIKE, char_name, skeleton
from kaart.records.loading import ZERO_WIDTH as _ZERO_WIDTH
from kaart.text import site_image

# (regex on one line, what it is in an editor's words); all get the rule id tekst-opmaak
_BLOCKS = [
    (
        re.compile(r"^\s*(!!!|\?\?\?\+?)"),
        "een meldingsblok (!!! of ???), dat eruitziet als een officiële waarschuwing van de site,",
    ),
    (re.compile(r"^\s{0,3}#{1,6}(\s|$)"), "een kop (#)"),
    (re.compile(r"^\s{0,3}(=+|-{2,})\s*$"), "een kop of lijn (=== of ---)"),
    (re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$"), "een horizontale lijn (---, *** of ___)"),
    (re.compile(r"^\s*\|.*\||^\s*\|?\s*:?-{3,}:?\s*\|"), "een tabel (|)"),
    (re.compile(r"^\s{0,3}(&gt;|>)"), "een citaatblok (>)"),
    (re.compile(r"^\s*(```|~~~)"), "een codeblok (``` of ~~~)"),
    (re.compile(r"^\s{0,3}:\s"), "een definitie (regel die met : begint)"),
]
_MAYBE_BLOCK = re.compile(r"^[ \t]*(?:[!?#=*_|>`~+:-]|&gt;|\d{1,3}[.)])", re.MULTILINE)
_LIST = re.compile(r"^\s*([-+*]|\d{1,3}[.)])\s+\S")
_IMAGE = re.compile(r"!\[[^\]]*\]\s*(\(\s*<?([^)\s>]*)|\[)")
_LOOKALIKE_SET = frozenset(LOOKALIKE)
_BIDI_OVERRIDE = re.compile("[\u202a-\u202e]")
_BIDI_ISOLATE = re.compile("[\u2066-\u2069]")
BLOCK_FIELDS = {("beschrijving",)}  # aanbod: rendered as Markdown blocks (kaart.text.block)


def odd_characters(value: str, limit: int = 3) -> str:
    """A note naming each invisible or non-ASCII character of a value that must be plain ASCII (an id, a code)."""
    notes = []
    for position, char in enumerate(value, 1):
        if char.isascii() and char.isprintable():
            continue
        if _ZERO_WIDTH.match(char) or unicodedata.category(char) in ("Cf", "Cc", "Zs"):
            notes.append(f"teken {position} is het onzichtbare {char_name(char)}")
        elif char in LOOKALIKE:
            notes.append(f"teken {position} is {char_name(char)}, dat lijkt op '{LOOKALIKE[char]}'")
        else:
            notes.append(f"teken {position} is {char_name(char)}")
        if len(notes) == limit:
            break
    return f" (let op: {'; '.join(notes)})" if notes else ""


def check_text_policy(path: tuple, value: str, first_line: int | None = None) -> list[tuple]:
    """(bericht, oplossing, rule id, file line or None) for each thing in this text that its field does not allow.

    `first_line` is the file line of the value's first line (a literal block); without it a
    message about a later line of the text says which line of the text it is.
    """
    # a line can only be a block if it starts with one of these; most values are one line
    maybe_block = _MAYBE_BLOCK.match(value) or ("\n" in value and _MAYBE_BLOCK.search(value))
    if not maybe_block and value.isascii() and "![" not in value:
        return []  # nearly every value: nothing to look at more closely
    block_field = tuple(p for p in path if not isinstance(p, int)) in BLOCK_FIELDS
    found = _blocks(value, block_field, first_line) if maybe_block else []
    if "![" in value:
        found += _images(value, block_field, first_line)
    if value.isascii():
        return found  # no bidi, invisible or look-alike character can be in it
    return found + _characters(path, value, first_line)


def _blocks(value: str, block_field: bool, first_line: int | None) -> list[tuple]:
    """Headings, admonitions, tables and the like (one message per kind), and lists outside a block field."""
    found: list[tuple] = []
    reported = set()
    for number, line in enumerate(value.splitlines(), 1):
        where = f" (regel {number} van de tekst)" if "\n" in value.strip() and first_line is None else ""
        at = first_line + number - 1 if first_line is not None else None
        what = next((what for pattern, what in _BLOCKS if pattern.search(line)), None)
        if what is None and not block_field and _LIST.match(line):
            what = "list"
        if what is None or what in reported:
            continue
        reported.add(what)
        if what == "list":
            found.append(
                (
                    f"een opsomming is hier niet toegestaan{where}",
                    "schrijf het als een zin met komma's; alleen `beschrijving` mag een lijst bevatten",
                    "tekst-opmaak",
                    at,
                )
            )
        else:
            found.append(
                (
                    f"{what} is niet toegestaan{where}",
                    "schrijf gewone zinnen; alleen **vet**, *cursief* en [links](https://…) zijn toegestaan",
                    "tekst-opmaak",
                    at,
                )
            )
    return found


def _images(value: str, block_field: bool, first_line: int | None) -> list[tuple]:
    """Only `beschrijving` may show an image, and only one of the site itself."""
    found: list[tuple] = []
    for match in _IMAGE.finditer(value):
        target = match.group(2)
        if target is None or not site_image(target) or not block_field:
            found.append(
                (
                    "een afbeelding van een andere website is niet toegestaan"
                    if target and block_field
                    else "een afbeelding is hier niet toegestaan",
                    "haal de afbeelding weg; alleen `beschrijving` mag een afbeelding van de site zelf tonen "
                    "(![tekst](../assets/plaatje.png))",
                    "tekst-afbeelding",
                    _line_at(value, match.start(), first_line),
                )
            )
    return found


def _characters(path: tuple, value: str, first_line: int | None) -> list[tuple]:
    """Bidi overrides, zero-width characters inside words, and words that mix scripts."""
    found: list[tuple] = []
    override = _BIDI_OVERRIDE.search(value) or (_BIDI_ISOLATE.search(value) if path[-1:] != ("naam",) else None)
    if override:
        found.append(
            (
                f"onzichtbaar richtingteken {char_name(override.group())} op positie {override.start() + 1}",
                "haal het teken weg; het kan tekst in een andere volgorde laten zien dan er staat",
                "tekst-teken",
                _line_at(value, override.start(), first_line),
            )
        )
    if " " not in value and len(value) <= 80 and ID_PATTERN.match(skeleton(value)):
        return found  # an id or a list value: its own check names the odd character (kaart.check.rules)
    for match in _ZERO_WIDTH.finditer(value):
        before, after = value[match.start() - 1 : match.start()], value[match.end() : match.end() + 1]
        if before.isalnum() and after.isalnum() and (before.isascii() or after.isascii()):
            found.append(
                (
                    f"onzichtbaar teken {char_name(match.group())} op positie {match.start() + 1}",
                    "haal het teken weg (typ het woord opnieuw)",
                    "tekst-teken",
                    _line_at(value, match.start(), first_line),
                )
            )
            break
    for word in re.findall(r"\w+", value) if not _LOOKALIKE_SET.isdisjoint(value) else ():
        if not word.isascii() and _mixes_scripts(word):
            odd = next(i for i, c in enumerate(word) if c in LOOKALIKE)
            found.append(
                (
                    f"het woord '{word}' mengt letters uit verschillende schriften: teken {odd + 1} is "
                    f"{char_name(word[odd])}, dat lijkt op '{LOOKALIKE[word[odd]]}'",
                    f"typ het woord opnieuw met gewone letters: '{skeleton(word)}'",
                    "tekst-teken",
                    _line_at(value, value.find(word), first_line),
                )
            )
            break
    return found


def _line_at(value: str, offset: int, first_line: int | None) -> int | None:
    return first_line + value.count("\n", 0, offset) if first_line is not None else None


def _mixes_scripts(word: str) -> bool:
    latin = any(c.isascii() and c.isalpha() for c in word)
    return latin and any(c in LOOKALIKE for c in word)
