"""Helpers shared by the hardening tests: payloads, schema text fields, temp project copies."""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path

import yaml

from kaart.project import Project
from support import ROOT

# Every payload would set window.__xss (or open a dialog) if it ever ran in a browser.
XSS_PAYLOADS = {
    "script": "<script>window.__xss = 1</script>",
    "img-onerror": '<img src=x onerror="window.__xss = 1">',
    "svg-onload": "<svg onload=window.__xss=1>",
    "a-href": '<a href="javascript:window.__xss=1">klik</a>',
    "md-link": "[klik](javascript:window.__xss=1)",
    "md-link-spatie": "[klik]( javascript:window.__xss=1)",
    "md-link-hoofdletters": "[klik](JaVaScRiPt:window.__xss=1)",
    "md-link-haken": "[klik](<javascript:window.__xss=1>)",
    "md-link-tab": "[klik](java\tscript:window.__xss=1)",
    "md-link-entiteit": "[klik](&#106;avascript:window.__xss=1)",
    "md-referentie": "[klik][1]\n\n[1]: javascript:window.__xss=1",
    "autolink": "<javascript:window.__xss=1>",
    "entiteit": "&#106;avascript:window.__xss=1",
    "data-uri": "[klik](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)",
    "vbscript": "[klik](vbscript:msgbox(1))",
    "attr-list": 'Gewone tekst { onclick="window.__xss=1" }',
    "attr-list-regel": "Gewone tekst\n{: onclick=window.__xss=1 }",
    "attr-list-cel": "Gewone tekst {: onclick=window.__xss=1 }",
    "attr-list-link": "[klik](https://example.org){: onmouseover=window.__xss=1 }",
}


def load_yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def text_fields(schema: dict, path: tuple = ()) -> list[tuple]:
    """Paths of every string field in a JSON schema (vocabulary fields excluded: they are a fixed list)."""
    out: list[tuple] = []
    if "$ref" in schema:
        return out
    for key in ("oneOf", "anyOf", "allOf"):
        for branch in schema.get(key, []):
            out += [p for p in text_fields(branch, path) if p not in out]
    kind = schema.get("type")
    if kind == "string" and "enum" not in schema and "const" not in schema:
        out.append(path)
    elif kind == "object":
        for name, sub in schema.get("properties", {}).items():
            out += [p for p in text_fields(sub, path + (name,)) if p not in out]
    elif kind == "array" and isinstance(schema.get("items"), dict):
        out += text_fields(schema["items"], path + (0,))
    return out


def set_path(record: dict, path: tuple, value) -> dict:
    """A deep copy of `record` with `value` at `path`, creating dicts and lists on the way."""
    record = copy.deepcopy(record)
    node = record
    for part, following in zip(path, path[1:]):
        empty = [] if isinstance(following, int) else {}
        if isinstance(part, int):
            while len(node) <= part:
                node.append(copy.deepcopy(empty))
            if not isinstance(node[part], type(empty)):
                node[part] = empty
        elif not isinstance(node.get(part), type(empty)):
            node[part] = empty
        node = node[part]
    last = path[-1]
    if isinstance(last, int):
        while len(node) <= last:
            node.append(None)
    node[last] = value
    return record


def dotted(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def copy_project(dest: Path) -> Path:
    """A copy of the parts of the project a build needs."""
    Project(ROOT).copy_to(dest)
    return dest


def dump_yaml(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=200)


def _real_kaart():  # the checked records of this checkout
    from kaart.check.checker import check_project

    return check_project(Project(ROOT))[1]


def poisoned_kaart(payload: str):
    """The real kaart, with the payload in every text field of every offer and organisation (no checker)."""
    from kaart.model import Bron, Kaart, Resultaat

    real = _real_kaart()
    kaart = Kaart(dict(real.aanbod), dict(real.organisaties), dict(real.praktijken))
    bron = Bron(titel=payload, onderdeel=payload, url=payload)
    for key, a in list(kaart.aanbod.items()):
        kaart.aanbod[key] = dataclasses.replace(
            a,
            naam=payload,
            beschrijving=payload,
            voorwaarden=payload,
            aanmelden_uitleg=payload,
            kosten=payload,
            nazorg_uitleg=payload,
            toelichting=payload,
            trefwoorden=(payload,),
            bronnen=(bron,) + a.bronnen,
            jongerentaal={k: payload for k in a.jongerentaal},
            resultaten=(Resultaat(payload, payload, 2020, bron),),
            contact={"telefoon": payload, "email": payload, "website": payload, "adres": payload},
        )
    for key, org in list(kaart.organisaties.items()):
        kaart.organisaties[key] = dataclasses.replace(
            org,
            naam=payload,
            beschrijving=payload,
            bronnen=(bron,),
            contact={"telefoon": payload, "email": payload, "website": payload, "adres": payload},
        )
    return kaart
