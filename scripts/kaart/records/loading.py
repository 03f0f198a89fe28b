"""Load YAML records safely and remember the line of every key.

PyYAML's usual loaders turn ``2026-01-01`` into a date and silently keep the
last of two duplicate keys.  We compose the node graph ourselves instead:
dates stay strings, duplicate keys, anchors/aliases and custom tags become
problems, and each value's line is kept so messages can point at it.

Plain scalars follow YAML 1.2's core schema, not PyYAML's YAML 1.1: `yes`,
`no`, `on` and `off` stay text, `0201234567` is not octal and `1:20:30` is not
a sexagesimal number.  We keep PyYAML (already a dependency, with the fast
libyaml parser) and give it a 1.2 resolver instead of adding ruamel.yaml: the
composer, the line marks and the hostile-input handling here stay the same.
The text a plain scalar was written as is kept too (`LoadedFile.as_written`),
so a field the schema wants as text gets what the editor typed.

Which directory entries are read at all is decided by `list_records`, before
any file is opened (see its docstring and CONTRIBUTING.md, "Welke bestanden").
"""

from __future__ import annotations

import math
import os
import re
import stat
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.resolver import BaseResolver

from kaart.result import Problem, ProjectFileError

try:  # libyaml (C) where installed; else the pure-Python parser
    from yaml.cyaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream):
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)


class _Resolver12(BaseResolver):
    """Plain scalars as YAML 1.2's core schema reads them (https://yaml.org/spec/1.2.2/#1032-tag-resolution)."""


_CORE = [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+.0123456789"),
    ),
    ("tag:yaml.org,2002:merge", r"^<<$", ["<"]),  # not YAML 1.2, but refused with its own message below
]
for _tag, _pattern, _first in _CORE:
    _Resolver12.add_implicit_resolver(_tag, re.compile(_pattern), _first)


class _Loader(_Parser, _Resolver12):
    def __init__(self, stream):
        _Parser.__init__(self, stream)
        _Resolver12.__init__(self)


MAX_FILE_BYTES = 64 * 1024  # a record is a few KB; more is a mistake or an attack
MAX_PAGE_BYTES = 256 * 1024  # the longest page of content/ is under 20 KB
MAX_NODES = 5000  # a record has a few hundred nodes at most

_STR = "tag:yaml.org,2002:str"
_COLLECTIONS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


def _int(text: str) -> int:
    if text.startswith("0o"):
        return int(text[2:], 8)
    return int(text, 16) if text.startswith("0x") else int(text, 10)  # a leading 0 is decimal in YAML 1.2


def _float(text: str) -> float:
    lowered = text.lower()
    if lowered.endswith(".inf"):
        return -math.inf if lowered.startswith("-") else math.inf
    return math.nan if lowered == ".nan" else float(text)


_SCALARS = {
    "tag:yaml.org,2002:int": _int,
    "tag:yaml.org,2002:float": _float,
    "tag:yaml.org,2002:bool": lambda text: text.lower() == "true",
    "tag:yaml.org,2002:null": lambda text: None,
}
_AS_STRING = {  # not !!binary: its text is base64, never what an editor means (refused as an unknown label)
    _STR,
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:value",
    "tag:yaml.org,2002:merge",
}


@dataclass
class LoadedFile:
    path: Path
    rel: str  # project-relative path used in messages
    data: object = None
    lines: dict = field(default_factory=dict)  # tuple path -> 1-based line
    problems: list = field(default_factory=list)
    # tuple path -> the text of a plain scalar that YAML read as a number or true/false,
    # e.g. `telefoon: 0201234567`; the checker uses it where the schema wants text
    as_written: dict = field(default_factory=dict)
    # paths of double-quoted values with a line end written as an escape ("a\nb"): not a block
    escaped_newlines: set = field(default_factory=set)
    # tuple path -> file line of the first line of a literal block (`beschrijving: |`), so a
    # message about line 3 of the text can point at its own line in the file
    block_lines: dict = field(default_factory=dict)

    def line_of(self, path: tuple) -> int:
        """Line of a key or value; falls back to the nearest parent that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


class _Builder:
    def __init__(self, loaded: LoadedFile):
        self.loaded = loaded
        self.seen: set[int] = set()
        self.count = 0

    def problem(self, line, veld, bericht, oplossing, regel):
        self.loaded.problems.append(Problem(self.loaded.rel, line, veld, bericht, oplossing, regel))

    def build(self, node, path=()):
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig()
        self.loaded.lines.setdefault(path, node.start_mark.line + 1)
        line = self.loaded.lines[path]  # the key's line, which is what an editor looks for
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _COLLECTIONS:
            # e.g. `!!python/object/apply:os.system [...]`: never executed, but never accepted either
            self.problem(line, dotted(path), f"onbekend YAML-label {node.tag}", "haal het label (!…) weg", "yaml-label")
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            if id(node) in self.seen:
                # A reused node is an alias; stop here so an alias bomb costs nothing.
                raise _AliasFound(
                    self.loaded.line_of(path[:-1]) if path and isinstance(path[-1], int) else line, dotted(path)
                )
            self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            result = {}
            for key_node, value_node in node.value:
                key_line = key_node.start_mark.line + 1
                if not isinstance(key_node, yaml.ScalarNode):
                    self.problem(
                        key_line,
                        dotted(path),
                        "een sleutel moet gewone tekst zijn",
                        "gebruik een veldnaam zoals `naam:`",
                        "yaml-sleutel",
                    )
                    continue
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.problem(
                        key_line,
                        dotted(path),
                        "samenvoegen met '<<' is niet toegestaan",
                        "schrijf de velden gewoon uit",
                        "yaml-alias",
                    )
                    continue
                key = key_node.value
                if key in result:
                    self.problem(
                        key_line,
                        dotted(path + (key,)),
                        f"dubbele sleutel '{key}' (eerder op regel {self.loaded.lines[path + (key,)]})",
                        "houd één van de twee en voeg de inhoud samen",
                        "yaml-dubbel",
                    )
                    continue
                self.loaded.lines[path + (key,)] = key_line
                result[key] = self.build(value_node, path + (key,))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        # scalar
        if node.tag in _SCALARS:
            if not node.style and node.tag != "tag:yaml.org,2002:null":  # plain: None (Python parser) or "" (libyaml)
                self.loaded.as_written[path] = node.value
            if node.tag == "tag:yaml.org,2002:int" and node.value.lstrip("+-")[:2] in ("0x", "0o"):
                # YAML 1.2 reads 0x12 as 18: no editor means that, and the page would show another number
                self.problem(
                    line,
                    dotted(path),
                    f"het getal {node.value} is als {'hexadecimaal' if 'x' in node.value else 'octaal'} getal "
                    f"geschreven "
                    f"(dat is {_int(node.value.lstrip('+-'))})",
                    "schrijf het getal gewoon in cijfers, zoals in de bron",
                    "yaml-getal",
                )
            try:
                return _SCALARS[node.tag](node.value)
            except (ValueError, OverflowError):  # e.g. an explicit `!!int x`
                return node.value
        if node.tag in _AS_STRING:
            if node.style == "|":
                self.loaded.block_lines[path] = node.start_mark.line + 2
            elif node.style == '"' and "\n" in node.value:
                self.loaded.escaped_newlines.add(path)
            if CONTROL.search(node.value):  # written as an escape ("\e", "\x1b", "\ud800"): YAML let it through
                char = CONTROL.search(node.value).group()
                what = (
                    f"tekencode \\u{ord(char):04x} is geen bestaand teken"
                    if 0xD800 <= ord(char) <= 0xDFFF
                    else f"onzichtbaar stuurteken {char_name(char)} in de waarde"
                )
                self.problem(
                    line,
                    dotted(path),
                    what,
                    "haal de code (zoals \\e of \\x1b) weg tussen de aanhalingstekens",
                    "tekst-stuurteken",
                )
            return node.value
        self.problem(
            line,
            dotted(path),
            f"onbekend YAML-label {node.tag}",
            "haal het label (!…) weg en schrijf gewone tekst",
            "yaml-label",
        )
        return node.value


class _TooBig(Exception):
    pass


class _AliasFound(Exception):
    def __init__(self, line: int, veld: str):
        super().__init__(veld)
        self.line, self.veld = line, veld


def dotted(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


@dataclass
class Listing:
    """What `list_records` made of one folder: files to read, refused entries (as problems) and ignored ones."""

    records: list = field(default_factory=list)  # Paths of <id>.yml files, sorted
    problems: list = field(default_factory=list)
    ignored: list = field(default_factory=list)  # (rel, why) for entries skipped by a documented rule


_RECORD_NAME = re.compile(r"[^./\\][^/\\]*\.yml")


def list_records(directory: Path, rel: Callable[[Path], str], folders: tuple[str, ...] = ()) -> Listing:
    """Sort every entry of `directory` into read, refused (with a message) or ignored.

    - read: a file named `<naam>.yml` (lower-case extension, not starting with `.` or `_`);
    - ignored: names starting with `.` (.gitkeep, .DS_Store, editor swap files) and
      editor backups ending in `~`, and the sub-folders in `folders` (read on their own);
    - refused: everything else — other extensions or capitals (`.YML`, `.yaml`,
      `.yml.txt`), `_x.yml`, other sub-folders, a folder named like a record, and
      special files such as a named pipe (FIFO), socket or device.

    Nothing is opened here; `lstat`/`stat` never block, even on a FIFO.
    """
    listing = Listing()
    try:
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except FileNotFoundError:
        return listing
    except OSError as exc:
        listing.problems.append(
            Problem(
                rel(directory),
                1,
                "",
                f"map kan niet worden gelezen ({why_unreadable(exc)})",
                "controleer of de map bestaat en leesbaar is",
                "bestand-lezen",
            )
        )
        return listing
    for entry in entries:
        path = Path(entry.path)
        name = entry.name

        def refuse(bericht, oplossing, regel="bestand-naam", path=path):
            listing.problems.append(Problem(rel(path), 1, "", bericht, oplossing, regel))

        if name.startswith(".") or name.endswith("~"):
            listing.ignored.append(
                (rel(path), "verborgen bestand" if name.startswith(".") else "reservekopie van een editor")
            )
            continue
        try:
            mode = os.stat(path).st_mode  # follows a symlink; load_file judges where it points
        except OSError:  # a broken symlink: load_file says it cannot be read
            mode = stat.S_IFLNK
        if stat.S_ISDIR(mode):
            if name in folders:
                continue
            if name.lower().endswith((".yml", ".yaml")):
                refuse(
                    "dit is een map met de naam van een aanbod, geen bestand",
                    f"haal de map weg of hernoem haar; een aanbod is één bestand {name}",
                    "bestand-soort",
                )
            else:
                refuse(
                    "bestanden in een submap worden niet gelezen",
                    f"zet elk aanbod direct in {rel(directory)}/ (organisaties in aanbod/organisaties/)",
                    "bestand-submap",
                )
            continue
        if not stat.S_ISREG(mode) and not stat.S_ISLNK(mode):
            refuse(
                f"dit is geen gewoon bestand maar {special_kind(mode)}",
                "haal het weg; een aanbod is een gewoon tekstbestand",
                "bestand-soort",
            )
            continue
        if _RECORD_NAME.fullmatch(name) and not name.startswith("_"):
            listing.records.append(path)
            continue
        stem = name.split(".", 1)[0] if not name.startswith("_") else name.lstrip("_").split(".", 1)[0]
        suggestion = suggest_id(stem) or "naam"
        if name.startswith("_"):
            refuse(
                "een bestandsnaam die met _ begint wordt niet gelezen",
                f"hernoem het bestand naar {suggestion}.yml (en maak het id '{suggestion}'), of haal het weg",
            )
        elif re.search(r"(?i)\.ya?ml", name):
            refuse(
                "alleen bestanden die op .yml eindigen (kleine letters) worden gelezen",
                f"hernoem het bestand naar {suggestion}.yml",
            )
        else:
            refuse(
                f"alleen <id>.yml-bestanden horen in {rel(directory)}/",
                f"haal het bestand weg, of hernoem het naar {suggestion}.yml als het een aanbod is",
            )
    return listing


# An id: lower case letters and digits, words joined by one hyphen (the schemas say the same).
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def suggest_id(text: str) -> str:
    """A valid id close to `text`: lower case, letters and digits, words joined by one hyphen."""
    ascii_only = skeleton(text).lower().replace("&", " en ")
    return re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")[:80].strip("-")


ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
# Letters from other scripts that look like Latin ones (the ones that make "аlmere" look like "almere").
LOOKALIKE = dict(
    zip("аеорсухіјѕԁһӏАВЕКМНОРСТХІЈЅοαενρτυικΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "aeopcyxijsdhlABEKMHOPCTXIJSoaevptuikABEZHIKMNOPTYX")
)


def skeleton(value: str) -> str:
    """`value` with look-alike letters replaced by the Latin ones, accents and invisible characters removed."""
    text = "".join(LOOKALIKE.get(c, c) for c in value if not ZERO_WIDTH.match(c))
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def load_file(
    path: Path,
    rel: str,
    allowed_dir: Path | None = None,
    parse: bool = True,
    limit: int | None = None,
    size_hint: str | None = None,
) -> LoadedFile:
    """Read and parse one YAML file; every problem is recorded, nothing raises.

    With parse=False only the safety checks run and `data` is the decoded text.
    `limit` and `size_hint` fit the kind of file (a record, a page, the glossary); by default
    they follow from the name: a page (.md) may be larger than a record.
    """
    loaded = LoadedFile(path, rel)
    page = rel.endswith(".md")
    if limit is None:
        limit = MAX_PAGE_BYTES if page else MAX_FILE_BYTES
    if size_hint is None:
        size_hint = (
            "een pagina past in een paar tientallen KB; splits de pagina"
            if page
            else "een aanbod past in een paar KB; kort de beschrijving in of splits het aanbod"
        )

    def fail(bericht, oplossing, regel, line=1):
        loaded.problems.append(Problem(rel, line, "", bericht, oplossing, regel))
        return loaded

    if path.is_symlink():
        target = Path(os.path.realpath(path))
        if allowed_dir is None or not target.is_relative_to(Path(os.path.realpath(allowed_dir))):
            where = f"{allowed_dir.name}/" if allowed_dir is not None else "het project"
            return fail(
                f"dit bestand is een snelkoppeling (symlink) naar een plek buiten {where}",
                "vervang de snelkoppeling door een gewoon bestand",
                "bestand-symlink",
            )
    try:
        raw = read_regular(path, limit)
    except NotRegular as special:
        return fail(
            f"dit is geen gewoon bestand maar {special.kind}",
            f"haal het weg; {_kind_noun(rel)} is een gewoon tekstbestand",
            "bestand-soort",
        )
    except OSError as exc:
        return fail(
            f"bestand kan niet worden gelezen ({why_unreadable(exc)})",
            "controleer of het bestand bestaat en leesbaar is",
            "bestand-lezen",
        )
    if len(raw) > limit:
        size = f"meer dan {getal(limit)} bytes" if len(raw) > limit + 1 else f"{getal(len(raw))} bytes"
        return fail(f"bestand is te groot ({size}, maximaal {getal(limit)} bytes)", size_hint, "bestand-grootte")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return fail(
            "tekst is als UTF-16 opgeslagen",
            "sla het bestand op als UTF-8 (in de meeste editors: 'Opslaan met codering')",
            "bestand-codering",
        )
    if b"\x00" in raw and not _text_with_nul(raw):
        return fail(
            "dit is geen tekstbestand (bevat binaire gegevens)",
            "sla het bestand op als platte tekst (UTF-8)",
            "bestand-binair",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return fail(
            "tekst is niet in UTF-8 opgeslagen",
            "sla het bestand op als UTF-8 (in de meeste editors: 'Opslaan met codering')",
            "bestand-codering",
            line,
        )
    text = text.removeprefix("\ufeff")
    if not parse:
        loaded.data = text
        return loaded
    return parse_text(text, loaded)


def read_project_text(path: Path, limit: int = 1024 * 1024) -> str:
    """The text of a file the tools need (a schema), read like a record: never blocking on a FIFO.

    Raises ProjectFileError with a Dutch message naming the file when it is no regular UTF-8 file.
    """
    where = f"{path.parent.name}/{path.name}"
    try:
        raw = read_regular(path, limit)
        return raw.decode("utf-8")
    except NotRegular as special:
        why = f"dit is geen gewoon bestand maar {special.kind}"
    except UnicodeDecodeError:
        why = "tekst is niet in UTF-8 opgeslagen"
    except OSError as exc:
        why = f"bestand kan niet worden gelezen ({why_unreadable(exc)})"
    raise ProjectFileError(f"{where}: {why} — zet het bestand terug uit de repository (git checkout -- {where})")


def _kind_noun(rel: str) -> str:
    if rel.endswith(".md"):
        return "een pagina"
    return "de woordenlijst" if rel == "content/woordenlijst.yml" else "een aanbod"


def _text_with_nul(raw: bytes) -> bool:
    # a text file with a stray NUL gets the control-character message with its line, a binary file this one
    try:
        raw.replace(b"\x00", b"").decode("utf-8")
    except UnicodeDecodeError:
        return False
    return raw.count(b"\x00") < 10


class NotRegular(Exception):
    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


def read_regular(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file, at most limit + 2 of them.

    O_NONBLOCK makes opening a named pipe return at once instead of waiting for
    a writer; fstat on the open descriptor then tells what was really opened.
    """
    fd = os.open(
        path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    )
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegular(special_kind(mode))
        chunks, left = [], limit + 2
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def special_kind(mode: int) -> str:
    """What a non-regular file is, in Dutch."""
    if stat.S_ISDIR(mode):
        return "een map"
    if stat.S_ISFIFO(mode):
        return "een named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "een socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "een apparaatbestand"
    return "een speciaal bestand"


def why_unreadable(exc: OSError) -> str:
    """The reason a file could not be read, in Dutch (strerror is English)."""
    import errno

    return {
        errno.ENOENT: "het bestaat niet (een snelkoppeling naar niets?)",
        errno.EACCES: "geen leesrechten",
        errno.EPERM: "geen leesrechten",
        errno.ELOOP: "snelkoppelingen die naar elkaar wijzen",
        errno.EISDIR: "het is een map",
        errno.ENOTDIR: "het is geen map",
        errno.EROFS: "het bestandssysteem is alleen-lezen",
        errno.ENOSPC: "de schijf is vol",
        errno.EEXIST: "het bestaat al",
        errno.ENAMETOOLONG: "de naam is te lang",
        errno.EXDEV: "een ander bestandssysteem",
    }.get(exc.errno, f"systeemfout {exc.errno}")


def getal(n: int) -> str:
    return f"{n:,}".replace(",", ".")  # Dutch thousands separator: 65.537


# Characters YAML refuses (and that would break a page's front matter or a terminal):
# C0 controls except tab and line ends, DEL, C1 controls (U+0085 is a line end to YAML 1.1),
# the line/paragraph separators, lone surrogates and the non-characters U+FFFE/U+FFFF.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_C0_NAMES = (
    "NUL SOH STX ETX EOT ENQ ACK BEL BS HT LF VT FF CR SO SI DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB ESC FS GS RS US"
).split()


def char_name(char: str) -> str:
    """`U+001B (ESC)`, `U+200D (ZERO WIDTH JOINER)`: how a message names an invisible or odd character."""
    code = ord(char)
    if code < 0x20:
        name = _C0_NAMES[code]
    elif code == 0x7F:
        name = "DEL"
    elif 0x80 <= code <= 0x9F:
        name = "C1-stuurteken"
    elif 0xD800 <= code <= 0xDFFF:
        name = "losse surrogaat, geen teken"
    elif code in (0xFFFE, 0xFFFF):
        name = "geen teken"
    else:
        name = unicodedata.name(char, "onbekend teken")
    return f"U+{code:04X} ({name})"


def _control_problems(text: str, loaded: LoadedFile) -> list[Problem]:
    out, seen_lines = [], set()
    for match in CONTROL.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        if line in seen_lines:
            continue
        seen_lines.add(line)
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        out.append(
            Problem(
                loaded.rel,
                line,
                "",
                f"onzichtbaar stuurteken {char_name(match.group())} op positie {column}",
                "haal het teken weg (typ de regel opnieuw als je het niet ziet)",
                "tekst-stuurteken",
            )
        )
        if len(out) == 10:
            break
    return out


def template_hint(rel: str) -> str:
    """Where an editor starts a file of this kind."""
    if rel.startswith("aanbod/organisaties/"):
        return "kopieer het sjabloon schemas/organisatie.sjabloon.yml"
    if rel == "content/woordenlijst.yml":
        return "begin elk begrip met '- term:' en geef het een 'uitleg:' (zie CONTRIBUTING.md, Woordenlijst)"
    if rel.endswith(".md"):
        return "schrijf de voorpagina als velden, zoals `title: Naam van de praktijk`"
    return "kopieer het sjabloon schemas/aanbod.sjabloon.yml of gebruik `kaart nieuw`"


def _needs_mapping(rel: str) -> bool:
    # records and front matter are `veld: waarde`; data files in content/ (the glossary) may be a list
    return not (rel.startswith("content/") and not rel.endswith(".md"))


def parse_text(text: str, loaded: LoadedFile) -> LoadedFile:
    control = _control_problems(text, loaded)
    if control:  # YAML would stop at the first one with an English message at line 1
        loaded.problems.extend(control)
        return loaded
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what, line = _translate(exc, line)
        here = text.split("\n")[mark.line] if mark and mark.line < len(text.split("\n")) else ""
        if "\t" in here[: len(here) - len(here.lstrip(" \t-"))]:
            # libyaml says only "a character that cannot start any token": here it is a tab before the value
            what = "een tab; gebruik spaties om in te springen"
        loaded.problems.append(
            Problem(
                loaded.rel,
                line,
                "",
                f"YAML-fout: {what}",
                "controleer inspringen, dubbele punten en aanhalingstekens op deze regel en de regel erboven",
                "yaml-syntax",
            )
        )
        return loaded
    except yaml.YAMLError:
        loaded.problems.append(
            Problem(
                loaded.rel,
                1,
                "",
                "YAML-fout: het bestand is geen leesbare YAML",
                "controleer de opbouw van het bestand",
                "yaml-syntax",
            )
        )
        return loaded
    except RecursionError:  # the pure-Python parser on very deep nesting
        loaded.problems.append(_too_deep(loaded.rel))
        return loaded
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"):
        # an empty file, or one that is only `null`, `~` or `---`
        line = node.start_mark.line + 1 if node is not None and node.value else 1
        loaded.problems.append(
            Problem(loaded.rel, line, "", "bestand is leeg", template_hint(loaded.rel), "bestand-leeg")
        )
        return loaded
    if not isinstance(node, yaml.MappingNode) and _needs_mapping(loaded.rel):
        what = "lijst" if isinstance(node, yaml.SequenceNode) else "losse tekst"
        loaded.problems.append(
            Problem(
                loaded.rel,
                node.start_mark.line + 1,
                "",
                f"het bestand moet velden bevatten (veldnaam: waarde), geen {what}",
                template_hint(loaded.rel),
                "bestand-opbouw",
            )
        )
        return loaded
    try:
        loaded.data = _Builder(loaded).build(node)
    except _AliasFound as alias:
        loaded.problems.append(
            Problem(
                loaded.rel,
                alias.line,
                alias.veld,
                "ankers (&) en verwijzingen (*) zijn niet toegestaan",
                "schrijf de waarde gewoon uit; verwijzingen kunnen een bestand onbeperkt laten groeien",
                "yaml-alias",
            )
        )
        loaded.data = None
    except _TooBig:
        loaded.problems.append(
            Problem(
                loaded.rel,
                1,
                "",
                f"bestand heeft meer dan {MAX_NODES} waarden",
                "een begrip heeft drie of vier waarden, de hele woordenlijst nu een paar honderd; kort hem in"
                if loaded.rel == "content/woordenlijst.yml"
                else "een aanbod heeft er een paar honderd; kort het in",
                "bestand-grootte",
            )
        )
        loaded.data = None
    except RecursionError:
        loaded.problems.append(_too_deep(loaded.rel))
        loaded.data = None
    return loaded


def _too_deep(rel: str) -> Problem:
    """Very deep nesting: the pure-Python parser (and the composer) give up with a RecursionError."""
    fix = "een aanbod is hooguit vier niveaus diep"
    return Problem(rel, 1, "", "bestand is te diep genest", fix, "bestand-grootte")


_PHRASES = {
    "mapping values are not "
    "allowed": "een dubbele punt op een plek waar dat niet mag (zet tekst met ': ' tussen aanhalingstekens)",
    "could not find expected ':'": "verwachtte een dubbele punt na de veldnaam",
    "found character '\\t' that cannot start any token": "een tab; gebruik spaties om in te springen",
    "tab character": "een tab; gebruik spaties om in te springen",
    "expected <block end>, but found '<block mapping start>'": "het inspringen klopt niet",
    "expected <block end>, but found '-'": "een lijst-streepje op de verkeerde inspringing",
    "found unexpected end of stream": "het bestand houdt onverwacht op (een aanhalingsteken niet gesloten?)",
    "did not find expected node content": "hier ontbreekt een waarde of een haakje is niet gesloten",
    "did not find expected key": "het inspringen klopt niet of er staat tekst zonder veldnaam",
    "did not find expected '-' indicator": "het inspringen klopt niet: hier verwachtte de lijst een nieuw streepje",
    "found undefined alias": "een verwijzing (*) naar een anker dat niet bestaat",
    "but found another document": "hier begint een tweede document (---); zet één aanbod per bestand",
    "did not find expected <document "
    "start>": "na het einde van het document (...) staat nog tekst; zet één aanbod per bestand",
    "found invalid Unicode character escape "
    "code": "een tekencode (zoals \\ud800) die geen bestaand teken is; schrijf het teken zelf",
    "found unknown escape character": "een onbekende code na een \\ tussen dubbele aanhalingstekens; "
    "schrijf \\\\ voor een \\ of gebruik enkele aanhalingstekens",
    "expected escape sequence of": "een onvolledige tekencode na een \\ tussen dubbele aanhalingstekens",
    "that cannot start any "
    "token": "een teken waarmee een waarde niet mag beginnen (zoals @, ` of %); zet de waarde tussen aanhalingstekens",
    "found a tab character where an indentation space is expected": "een tab; gebruik spaties om in te springen",
    "expected alphabetic or numeric "
    "character": "een anker (&) of verwijzing (*) zonder naam; zet de waarde tussen aanhalingstekens",
    "found unexpected "
    "':'": "een dubbele punt op een plek waar dat niet mag (zet tekst met ': ' tussen aanhalingstekens)",
    "while scanning a block scalar": "na | of > mag op dezelfde regel alleen een getal, + of - staan",
    "while scanning a "
    "directive": "een regel die met % begint is een YAML-opdracht; zet de tekst tussen aanhalingstekens",
}
_UNCLOSED = {"flow sequence": ("[", "]"), "flow mapping": ("{", "}")}


def _translate(exc: yaml.MarkedYAMLError, line: int) -> tuple[str, int]:
    """A Dutch description of a YAML syntax error and the line an editor should look at."""
    for kind, (opening, closing) in _UNCLOSED.items():
        if exc.context and kind in exc.context and exc.context_mark is not None:
            start = exc.context_mark.line + 1  # where the bracket opened, not the end of the file
            return (
                f"de {'lijst' if opening == '[' else 'groep'} die hier met {opening} begint, is niet gesloten met "
                f"{closing} "
                f"(of zet de tekst tussen aanhalingstekens)"
            ), start
    for part in (exc.problem or "", exc.context or ""):
        for english, dutch in _PHRASES.items():
            if english in part:
                return dutch, line
    return "het bestand is hier geen geldige YAML", line
