"""Load YAML records safely and remember the line of every key.

PyYAML's usual loaders turn ``2026-01-01`` into a date and silently keep the
last of two duplicate keys.  We compose the node graph ourselves instead:
dates stay strings, duplicate keys, anchors/aliases and custom tags become
problems, and each value's line is kept so messages can point at it.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.constructor import SafeConstructor

from .result import Problem

try:  # libyaml is ~10x faster; fall back to the pure-Python parser
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader

MAX_FILE_BYTES = 64 * 1024  # a record is a few KB; more is a mistake or an attack
MAX_NODES = 5000  # a record has a few hundred nodes at most

_STR = "tag:yaml.org,2002:str"
_COLLECTIONS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_SCALARS = {
    "tag:yaml.org,2002:int": SafeConstructor.construct_yaml_int,
    "tag:yaml.org,2002:float": SafeConstructor.construct_yaml_float,
    "tag:yaml.org,2002:bool": SafeConstructor.construct_yaml_bool,
    "tag:yaml.org,2002:null": SafeConstructor.construct_yaml_null,
}
_AS_STRING = {_STR, "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:binary", "tag:yaml.org,2002:value", "tag:yaml.org,2002:merge"}


@dataclass
class LoadedFile:
    path: Path
    rel: str  # project-relative path used in messages
    data: object = None
    lines: dict = field(default_factory=dict)  # tuple path -> 1-based line
    problems: list = field(default_factory=list)

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
        self.constructor = SafeConstructor()

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
            self.problem(line, _dotted(path), f"onbekend YAML-label {node.tag}", "haal het label (!…) weg", "yaml-label")
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            if id(node) in self.seen:
                # A reused node is an alias; stop here so an alias bomb costs nothing.
                raise _AliasFound(self.loaded.line_of(path[:-1]) if path and isinstance(path[-1], int) else line, _dotted(path))
            self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            result = {}
            for key_node, value_node in node.value:
                key_line = key_node.start_mark.line + 1
                if not isinstance(key_node, yaml.ScalarNode):
                    self.problem(key_line, _dotted(path), "een sleutel moet gewone tekst zijn", "gebruik een veldnaam zoals `naam:`", "yaml-sleutel")
                    continue
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.problem(key_line, _dotted(path), "samenvoegen met '<<' is niet toegestaan", "schrijf de velden gewoon uit", "yaml-alias")
                    continue
                key = key_node.value
                if key in result:
                    self.problem(key_line, _dotted(path + (key,)),
                                 f"dubbele sleutel '{key}' (eerder op regel {self.loaded.lines[path + (key,)]})",
                                 "houd één van de twee en voeg de inhoud samen", "yaml-dubbel")
                    continue
                self.loaded.lines[path + (key,)] = key_line
                result[key] = self.build(value_node, path + (key,))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        # scalar
        if node.tag in _SCALARS:
            try:
                return _SCALARS[node.tag](self.constructor, node)
            except Exception:  # e.g. an int literal that overflows float
                return node.value
        if node.tag in _AS_STRING:
            return node.value
        self.problem(line, _dotted(path), f"onbekend YAML-label {node.tag}", "haal het label (!…) weg en schrijf gewone tekst", "yaml-label")
        return node.value


class _TooBig(Exception):
    pass


class _AliasFound(Exception):
    def __init__(self, line: int, veld: str):
        super().__init__(veld)
        self.line, self.veld = line, veld


def _dotted(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def load_file(path: Path, rel: str, allowed_dir: Path | None = None, parse: bool = True) -> LoadedFile:
    """Read and parse one YAML file; every problem is recorded, nothing raises.

    With parse=False only the safety checks run and `data` is the decoded text.
    """
    loaded = LoadedFile(path, rel)

    def fail(bericht, oplossing, regel, line=1):
        loaded.problems.append(Problem(rel, line, "", bericht, oplossing, regel))
        return loaded

    if path.is_symlink():
        target = Path(os.path.realpath(path))
        if allowed_dir is None or not target.is_relative_to(Path(os.path.realpath(allowed_dir))):
            where = f"{allowed_dir.name}/" if allowed_dir is not None else "het project"
            return fail(f"dit bestand is een snelkoppeling (symlink) naar een plek buiten {where}",
                        "vervang de snelkoppeling door een gewoon bestand", "bestand-symlink")
    try:
        size = path.stat().st_size
    except OSError as exc:
        return fail(f"bestand kan niet worden gelezen ({exc.strerror})", "controleer of het bestand bestaat", "bestand-lezen")
    if size > MAX_FILE_BYTES:
        return fail(f"bestand is te groot ({size // 1024} KB, maximaal {MAX_FILE_BYTES // 1024} KB)",
                    "een aanbod past in een paar KB; kort de beschrijving in of splits het aanbod", "bestand-grootte")
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return fail("tekst is als UTF-16 opgeslagen", "sla het bestand op als UTF-8 (in de meeste editors: 'Opslaan met codering')",
                    "bestand-codering")
    if b"\x00" in raw:
        return fail("dit is geen tekstbestand (bevat binaire gegevens)", "sla het bestand op als platte tekst (UTF-8)", "bestand-binair")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return fail("tekst is niet in UTF-8 opgeslagen", "sla het bestand op als UTF-8 (in de meeste editors: 'Opslaan met codering')", "bestand-codering", line)
    text = text.removeprefix("\ufeff")
    if not parse:
        loaded.data = text
        return loaded
    return parse_text(text, loaded)


def parse_text(text: str, loaded: LoadedFile) -> LoadedFile:
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = exc.problem or exc.context or "onleesbare YAML"
        loaded.problems.append(Problem(loaded.rel, line, "", f"YAML-fout: {_translate(what)}",
                                       "controleer inspringen, dubbele punten en aanhalingstekens op deze regel en de regel erboven", "yaml-syntax"))
        return loaded
    except yaml.YAMLError as exc:
        loaded.problems.append(Problem(loaded.rel, 1, "", f"YAML-fout: {exc}", "controleer de opbouw van het bestand", "yaml-syntax"))
        return loaded
    if node is None:
        loaded.problems.append(Problem(loaded.rel, 1, "", "bestand is leeg", "kopieer het sjabloon schemas/aanbod.sjabloon.yml of gebruik `kaart nieuw`", "bestand-leeg"))
        return loaded
    try:
        loaded.data = _Builder(loaded).build(node)
    except _AliasFound as alias:
        loaded.problems.append(Problem(loaded.rel, alias.line, alias.veld, "ankers (&) en verwijzingen (*) zijn niet toegestaan",
                                       "schrijf de waarde gewoon uit; verwijzingen kunnen een bestand onbeperkt laten groeien", "yaml-alias"))
        loaded.data = None
    except _TooBig:
        loaded.problems.append(Problem(loaded.rel, 1, "", f"bestand heeft meer dan {MAX_NODES} waarden", "een aanbod heeft er een paar honderd; kort het in", "bestand-grootte"))
        loaded.data = None
    except RecursionError:
        loaded.problems.append(Problem(loaded.rel, 1, "", "bestand is te diep genest", "een aanbod is hooguit vier niveaus diep", "bestand-grootte"))
        loaded.data = None
    return loaded


_PHRASES = {
    "mapping values are not allowed": "een dubbele punt op een plek waar dat niet mag (zet tekst met ': ' tussen aanhalingstekens)",
    "could not find expected ':'": "verwachtte een dubbele punt na de veldnaam",
    "found character '\\t' that cannot start any token": "een tab; gebruik spaties om in te springen",
    "expected <block end>, but found '<block mapping start>'": "het inspringen klopt niet",
    "expected <block end>, but found '-'": "een lijst-streepje op de verkeerde inspringing",
    "found unexpected end of stream": "het bestand houdt onverwacht op (een aanhalingsteken niet gesloten?)",
    "did not find expected node content": "hier ontbreekt een waarde of een haakje is niet gesloten",
    "did not find expected key": "het inspringen klopt niet of er staat tekst zonder veldnaam",
    "found undefined alias": "een verwijzing (*) naar een anker dat niet bestaat",
    "but found another document": "hier begint een tweede document (---); zet één aanbod per bestand",
}


def _translate(message: str) -> str:
    for english, dutch in _PHRASES.items():
        if english in message:
            return dutch
    return message
