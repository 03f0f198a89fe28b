"""Check every record: schema, cross-references and safety rules.

Every problem is reported with file, line, field, what is wrong and how to fix
it; nothing here raises on bad input.
"""
from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from functools import cached_property

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from .loading import LoadedFile, _dotted, load_file, parse_text
from .model import Aanbod, Kaart, Organisatie, Praktijk
from .project import Project
from .result import WARNING, CheckResult, Problem

SAFE_SCHEMES = ("http", "https", "mailto", "tel")
_HTML = re.compile(r"<\s*/?\s*[a-zA-Z!?][^>]*>|<\s*[a-zA-Z]+\s+[a-zA-Z-]+\s*=|&#?[a-zA-Z0-9]+;")
_SCHEME = re.compile(r"(?<![a-zA-Z0-9+.-])([a-zA-Z][a-zA-Z0-9+.-]{1,20})\s*:", re.ASCII)
_DANGEROUS = {"javascript", "vbscript", "data", "file", "blob"}
_MD_LINK = re.compile(r"\]\s*\(\s*<?([^)\s>]*)")
_MD_REF = re.compile(r"^\s*\[[^\]]+\]:\s*<?(\S+?)>?\s*$", re.MULTILINE)


class Checker:
    def __init__(self, project: Project, today: dt.date | None = None):
        self.project = project
        self.today = today or dt.date.today()

    @cached_property
    def _registry(self) -> Registry:
        vocab = json.loads((self.project.schemas_dir / "vocabulaires.schema.json").read_text(encoding="utf-8"))
        return Registry().with_resource("vocabulaires.schema.json", Resource.from_contents(vocab))

    def _validator(self, name: str) -> Draft202012Validator:
        schema = json.loads((self.project.schemas_dir / f"{name}.schema.json").read_text(encoding="utf-8"))
        return Draft202012Validator(schema, registry=self._registry)

    @cached_property
    def aanbod_validator(self):
        return self._validator("aanbod")

    @cached_property
    def organisatie_validator(self):
        return self._validator("organisatie")

    @cached_property
    def _vocab_by_values(self) -> dict[frozenset, str]:
        return {frozenset(v.ids): name for name in self.project.vocab.names() for v in [self.project.vocab[name]]}

    # -- the whole project -------------------------------------------------
    def check(self) -> tuple[CheckResult, Kaart]:
        result = CheckResult()
        kaart = Kaart()
        org_files = [self._load(p) for p in self.project.organisatie_files()]
        aanbod_files = [self._load(p) for p in self.project.aanbod_files()]
        result.files_checked = len(org_files) + len(aanbod_files)

        org_ids = self._ids(org_files, result)
        for loaded in org_files:
            problems = loaded.problems + self.check_record(loaded, self.organisatie_validator)
            result.extend(problems)
            if not any(p.is_error for p in problems):
                kaart.organisaties[loaded.data["id"]] = Organisatie.from_dict(loaded.data, loaded.rel)

        self._ids(aanbod_files, result)
        for loaded in aanbod_files:
            problems = loaded.problems + self.check_record(loaded, self.aanbod_validator)
            if isinstance(loaded.data, dict) and isinstance(loaded.data.get("aanbieder"), str):
                problems += self._check_reference(loaded, ("aanbieder",), loaded.data["aanbieder"], org_ids,
                                                  "onbekende organisatie", "aanbod/organisaties/<id>.yml")
            result.extend(problems)
            if not any(p.is_error for p in problems):
                kaart.aanbod[loaded.data["id"]] = Aanbod.from_dict(loaded.data, loaded.rel)

        for path in self.project.praktijk_files():
            praktijk, problems = self._load_praktijk(path, set(kaart.aanbod) | {l.data.get("id") for l in aanbod_files if isinstance(l.data, dict)})
            result.extend(problems)
            if praktijk:
                kaart.praktijken[praktijk.slug] = praktijk

        self._warn_unused(kaart, result)
        return result, kaart

    def _load(self, path) -> LoadedFile:
        return load_file(path, self.project.rel(path), allowed_dir=self.project.aanbod_dir)

    def _ids(self, files: list[LoadedFile], result: CheckResult) -> set[str]:
        seen: dict[str, LoadedFile] = {}
        for loaded in files:
            if not isinstance(loaded.data, dict) or not isinstance(loaded.data.get("id"), str):
                continue
            record_id = loaded.data["id"]
            if record_id in seen:
                result.add(Problem(loaded.rel, loaded.line_of(("id",)), "id",
                                   f"id '{record_id}' komt ook voor in {seen[record_id].rel}",
                                   "geef elk aanbod een eigen id (gelijk aan de bestandsnaam)", "id-dubbel"))
            else:
                seen[record_id] = loaded
        return set(seen)

    # -- one record --------------------------------------------------------
    def check_record(self, loaded: LoadedFile, validator: Draft202012Validator) -> list[Problem]:
        data = loaded.data
        if data is None:
            return []
        if not isinstance(data, dict):
            return [Problem(loaded.rel, 1, "", "het bestand moet velden bevatten (veldnaam: waarde)",
                            "begin met het sjabloon schemas/aanbod.sjabloon.yml", "schema")]
        problems = [self._translate(loaded, error) for error in validator.iter_errors(data)]
        problems += self._check_rules(loaded, data)
        return problems

    def _check_rules(self, loaded: LoadedFile, data: dict) -> list[Problem]:
        out: list[Problem] = []
        stem = loaded.path.stem
        if isinstance(data.get("id"), str) and data["id"] != stem:
            out.append(Problem(loaded.rel, loaded.line_of(("id",)), "id",
                               f"id '{data['id']}' is niet gelijk aan de bestandsnaam '{stem}'",
                               f"maak het id '{stem}' of hernoem het bestand naar {data['id']}.yml", "id-bestandsnaam"))
        for path, value in _strings(data):
            out += self._check_text(loaded, path, value)
        leeftijd = (data.get("doelgroep") or {}).get("leeftijd") if isinstance(data.get("doelgroep"), dict) else None
        if isinstance(leeftijd, dict) and isinstance(leeftijd.get("min"), int) and isinstance(leeftijd.get("max"), int):
            if leeftijd["min"] > leeftijd["max"]:
                out.append(Problem(loaded.rel, loaded.line_of(("doelgroep", "leeftijd", "min")), "doelgroep.leeftijd",
                                   f"min ({leeftijd['min']}) is hoger dan max ({leeftijd['max']})",
                                   "draai de waarden om; beide grenzen tellen mee (17 t/m 23: min 17, max 23)", "leeftijd-volgorde"))
        datum = data.get("laatst_gecontroleerd")
        if isinstance(datum, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", datum):
            try:
                parsed = dt.date.fromisoformat(datum)
            except ValueError:
                out.append(Problem(loaded.rel, loaded.line_of(("laatst_gecontroleerd",)), "laatst_gecontroleerd",
                                   f"'{datum}' is geen bestaande datum", "schrijf een echte datum als JJJJ-MM-DD", "datum"))
            else:
                if parsed > self.today:
                    out.append(Problem(loaded.rel, loaded.line_of(("laatst_gecontroleerd",)), "laatst_gecontroleerd",
                                       f"datum {datum} ligt in de toekomst",
                                       "vul de datum in waarop de aanbieder de gegevens echt heeft bevestigd", "datum-toekomst"))
        for path, value in _walk(data):
            if path and path[-1] == "jaar" and isinstance(value, int) and not isinstance(value, bool) and value > self.today.year:
                out.append(Problem(loaded.rel, loaded.line_of(path), _dotted(path), f"jaar {value} ligt in de toekomst",
                                   "vul het jaar van uitgave of meting in", "datum-toekomst"))
        return out

    def _check_text(self, loaded: LoadedFile, path: tuple, value: str) -> list[Problem]:
        out = []
        line = loaded.line_of(path)
        veld = _dotted(path)
        if _HTML.search(value):
            out.append(Problem(loaded.rel, line, veld, "HTML is niet toegestaan in tekstvelden",
                               "schrijf gewone tekst of Markdown (bijvoorbeeld **vet** of [tekst](https://…)) zonder <…>", "html"))
        for match in _SCHEME.finditer(value):
            scheme = match.group(1).lower()
            if scheme in _DANGEROUS:
                out.append(Problem(loaded.rel, line, veld, f"adres met '{scheme}:' is niet toegestaan",
                                   "gebruik alleen adressen die beginnen met http://, https://, mailto: of tel:", "url-schema"))
        for target in _MD_LINK.findall(value) + _MD_REF.findall(value):
            scheme = target.split(":", 1)[0].lower() if ":" in target else ""
            if scheme not in SAFE_SCHEMES and scheme not in _DANGEROUS:
                out.append(Problem(loaded.rel, line, veld, f"link '{target[:60]}' is geen volledig adres",
                                   "schrijf een volledig adres dat begint met https://, mailto: of tel:", "url-schema"))
        return out

    def _check_reference(self, loaded, path, value, known: set, what: str, where: str) -> list[Problem]:
        if value in known:
            return []
        close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
        hint = f"bedoelde je '{close[0]}'? " if close else ""
        return [Problem(loaded.rel, loaded.line_of(path), _dotted(path), f"{what} '{value}'",
                        f"{hint}maak {where} aan of gebruik een bestaand id", "verwijzing")]

    # -- schema errors in Dutch -------------------------------------------
    def _translate(self, loaded: LoadedFile, error) -> Problem:
        path = tuple(error.absolute_path)
        schema = error.schema if isinstance(error.schema, dict) else {}
        line = loaded.line_of(path)
        veld = _dotted(path)
        kind = error.validator
        value = error.instance
        example = _example(schema)

        if kind == "required":
            missing = re.search(r"'([^']+)' is a required property", error.message)
            name = missing.group(1) if missing else "?"
            sub = schema.get("properties", {}).get(name, {})
            veld = _dotted(path + (name,))
            return Problem(loaded.rel, line, veld, "verplicht veld ontbreekt",
                           f"voeg `{name}:` toe{_about(sub, self.project)}", "schema-verplicht")
        if kind == "additionalProperties":
            allowed = list(schema.get("properties", {}))
            extra = [k for k in value if k not in allowed] if isinstance(value, dict) else []
            name = extra[0] if extra else "?"
            close = difflib.get_close_matches(str(name), allowed, n=1, cutoff=0.6)
            hint = f"bedoelde je '{close[0]}'? " if close else ""
            return Problem(loaded.rel, loaded.line_of(path + (name,)), _dotted(path + (name,)), f"onbekend veld '{name}'",
                           f"{hint}toegestaan zijn: {', '.join(allowed)}", "schema-onbekend-veld")
        if kind == "oneOf" and "oneOf" in schema and all("const" in o for o in schema["oneOf"]):
            return self._vocab_problem(loaded, path, value, schema)
        if kind == "oneOf":  # bron: document or titel
            return Problem(loaded.rel, line, veld, "een bron heeft óf `document` óf `titel`",
                           "kies `document: <id>` voor een projectdocument, of `titel:` (en `jaar:`) voor een andere bron", "schema-bron")
        if kind == "type":
            if value is None:
                return Problem(loaded.rel, line, veld, "is leeg", f"vul een waarde in of haal het veld weg{example}", "schema-type")
            want = _TYPES.get(schema.get("type"), schema.get("type"))
            return Problem(loaded.rel, line, veld, f"moet {want} zijn, niet {_show(value)}", f"schrijf {want}{example}", "schema-type")
        if kind == "pattern":
            return Problem(loaded.rel, line, veld, f"{_show(value)} heeft niet de goede vorm", _pattern_fix(path, example), "schema-vorm")
        if kind in ("minLength", "minItems", "minProperties"):
            return Problem(loaded.rel, line, veld, "is leeg of te kort", f"vul het veld in of haal het weg{example}", "schema-leeg")
        if kind == "maxLength":
            return Problem(loaded.rel, line, veld, f"tekst is te lang ({len(value)} tekens, maximaal {schema.get('maxLength')})",
                           "kort de tekst in", "schema-lengte")
        if kind == "uniqueItems":
            return Problem(loaded.rel, line, veld, "een waarde staat er twee keer in", "haal de dubbele waarde weg", "schema-dubbel")
        if kind in ("minimum", "maximum"):
            return Problem(loaded.rel, line, veld, f"{_show(value)} ligt buiten {schema.get('minimum')}–{schema.get('maximum')}",
                           f"vul een waarde binnen die grenzen in{example}", "schema-bereik")
        if kind == "const":
            return Problem(loaded.rel, line, veld, f"alleen {_show(schema.get('const'))} is toegestaan",
                           f"schrijf {_show(schema.get('const'))} of haal het veld weg", "schema-waarde")
        return Problem(loaded.rel, line, veld, error.message, f"zie de beschrijving in het schema{example}", "schema")

    def _vocab_problem(self, loaded, path, value, schema) -> Problem:
        name = self._vocab_by_values.get(frozenset(o["const"] for o in schema["oneOf"]))
        vocab = self.project.vocab[name] if name else None
        line = loaded.line_of(path)
        what = name if name in ("gemeente", "regio", "fase", "soort", "status", "aanmeldroute", "kenmerk") else f"waarde voor {name or 'dit veld'}"
        if not isinstance(value, str):
            return Problem(loaded.rel, line, _dotted(path), f"moet tekst uit de vaste lijst zijn, niet {_show(value)}",
                           f"kies uit: {', '.join(vocab.ids) if vocab else '?'}", "vocabulaire")
        close = vocab.closest(value) if vocab else None
        hint = f"bedoelde je '{close}'? " if close else ""
        allowed = ", ".join(vocab.ids) if vocab else ""
        extra = " (nieuwe waarde nodig? voeg haar met bron toe aan schemas/vocabulaires.schema.json)" if name in ("gemeente", "regio", "kenmerk") else ""
        return Problem(loaded.rel, line, _dotted(path), f"onbekende {what} '{value}'" if what == name else f"onbekende {what}: '{value}'",
                       f"{hint}kies uit: {allowed}{extra}", f"vocabulaire-{name}")

    # -- good-practice pages -------------------------------------------------
    def _load_praktijk(self, path, aanbod_ids: set) -> tuple[Praktijk | None, list[Problem]]:
        rel = self.project.rel(path)
        text = path.read_text(encoding="utf-8")
        if not text.startswith("---\n"):
            return None, [Problem(rel, 1, "", "voorpagina (front matter) ontbreekt",
                                  "begin met ---, dan title, regio, bron, thema en verwant_aanbod, en weer ---", "praktijk")]
        end = text.find("\n---", 4)
        block = text[4:end] if end > 0 else ""
        loaded = parse_text(block, LoadedFile(path, rel))
        problems = [Problem(p.file, p.line + 1, p.veld, p.bericht, p.oplossing, p.regel, p.ernst) for p in loaded.problems]
        data = loaded.data if isinstance(loaded.data, dict) else {}
        for i, ref in enumerate(data.get("verwant_aanbod") or []):
            for p in self._check_reference(loaded, ("verwant_aanbod", i), ref, aanbod_ids, "onbekend aanbod", "aanbod/<id>.yml"):
                problems.append(Problem(p.file, p.line + 1, p.veld, p.bericht, p.oplossing, p.regel))
        for i, thema in enumerate(data.get("thema") or []):
            if thema not in self.project.vocab["helpt_bij"]:
                problems.append(Problem(rel, loaded.line_of(("thema", i)) + 1, f"thema[{i}]", f"onbekend thema '{thema}'",
                                        f"kies uit: {', '.join(self.project.vocab['helpt_bij'].ids)}", "vocabulaire-helpt_bij"))
        if "title" not in data:
            problems.append(Problem(rel, 2, "title", "verplicht veld ontbreekt", "voeg `title:` toe", "praktijk"))
        if any(p.is_error for p in problems):
            return None, problems
        return Praktijk(path.stem, str(data["title"]), str(data.get("regio", "")),
                        tuple(data.get("verwant_aanbod") or ()), tuple(data.get("thema") or ()), rel), problems

    def _warn_unused(self, kaart: Kaart, result: CheckResult) -> None:
        used = {a.aanbieder for a in kaart.aanbod.values()}
        for org in kaart.organisaties.values():
            if org.id not in used:
                result.add(Problem(org.source_file, 1, "", f"organisatie '{org.id}' heeft geen aanbod",
                                   "verwijs vanuit een aanbod naar deze organisatie of haal het bestand weg", "organisatie-ongebruikt", WARNING))


_TYPES = {"string": "tekst", "integer": "een heel getal", "array": "een lijst", "object": "een blok met velden", "boolean": "true of false", "number": "een getal"}


def _show(value) -> str:
    if isinstance(value, str):
        return f"'{value[:60]}'"
    if value is None:
        return "leeg"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return "een lijst" if isinstance(value, list) else "een blok met velden"
    return str(value)


def _example(schema: dict) -> str:
    examples = schema.get("examples")
    if not examples or isinstance(examples[0], dict):
        return ""
    if isinstance(examples[0], list):
        if any(isinstance(item, (dict, list)) for item in examples[0]):
            return ""
        return f", bijvoorbeeld: [{', '.join(str(item) for item in examples[0])}]"
    return f", bijvoorbeeld: {examples[0]}"


def _about(sub: dict, project: Project) -> str:
    title = sub.get("title")
    if not title and "$ref" in sub:
        title = project.vocab[sub["$ref"].rsplit("/", 1)[-1]].title
    return f" ({title}){_example(sub)}" if title else _example(sub)


def _pattern_fix(path: tuple, example: str) -> str:
    last = path[-1] if path else ""
    fixes = {
        "id": "gebruik kleine letters, cijfers en streepjes, zoals de bestandsnaam",
        "aanbieder": "gebruik het id van de organisatie: kleine letters, cijfers en streepjes",
        "website": "schrijf een volledig adres dat begint met https:// of http://",
        "url": "schrijf een volledig adres dat begint met https:// of http://",
        "telefoon": "schrijf alleen cijfers, spaties of streepjes (eventueel met + vooraan), zoals in de bron",
        "email": "schrijf een e-mailadres zoals naam@organisatie.nl",
        "laatst_gecontroleerd": "schrijf de datum als JJJJ-MM-DD tussen aanhalingstekens",
    }
    return fixes.get(last, "zie de beschrijving in het schema") + example


def _walk(data, path=()):
    yield path, data
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _walk(v, path + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _walk(v, path + (i,))


def _strings(data):
    for path, value in _walk(data):
        if isinstance(value, str):
            yield path, value


def check_project(project: Project | None = None, today: dt.date | None = None) -> tuple[CheckResult, Kaart]:
    return Checker(project or Project.find(), today).check()
