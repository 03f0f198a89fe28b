"""Check every record: schema, cross-references and safety rules.

Every problem is reported with file, line, field, what is wrong and how to fix
it; nothing here raises on bad input.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import multiprocessing
import re
from collections.abc import Callable
from functools import cached_property
from pathlib import Path

from jsonschema import Draft202012Validator
from jsonschema.validators import extend
from referencing import Registry, Resource

from kaart.check.content import content_problems
from kaart.check.fastcheck import Unsupported, compile_schema
from kaart.check.taal import check_record_taal, load_taallijst
from kaart.check.taal import organisation_names as _org_names
from kaart.check.textpolicy import check_text_policy, odd_characters
from kaart.doelgroep import check_bronnen
from kaart.model import CONTACT_VELDEN, Aanbod, Kaart, Organisatie, Praktijk
from kaart.project import Project
from kaart.records.load import Records, load_records
from kaart.records.load import jobs as _jobs
from kaart.records.loading import (
    LoadedFile,
    _dotted,
    _suggest_id,
    load_file,
    parse_text,
    read_project_text,
    skeleton,
    template_hint,
)
from kaart.result import WARNING, CheckResult, Problem
from kaart.text import site_image

SAFE_SCHEMES = ("http", "https", "mailto", "tel")
_HTML = re.compile(r"<\s*/?\s*[a-zA-Z!?][^>]*>|<\s*[a-zA-Z]+\s+[a-zA-Z-]+\s*=|&#?[a-zA-Z0-9]+;")
_SCHEME = re.compile(r"(?<![a-zA-Z0-9+.-])([a-zA-Z][a-zA-Z0-9+.-]{1,20})\s*:", re.ASCII)
_DANGEROUS = {"javascript", "vbscript", "data", "file", "blob"}
_MD_LINK = re.compile(r"\]\s*\(\s*<?([^)\s>]*)")
_MD_REF = re.compile(r"^\s*\[[^\]]+\]:\s*<?(\S+?)>?\s*$", re.MULTILINE)
_ATTR_LIST = re.compile(r"\{[^{}\n]*\}")  # Markdown attribute list: `{: onclick=…}` would become an HTML attribute
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# Names the site generates itself inside the folders where records get their pages
# (aanbod/index.md is the A-Z list, organisaties/index.md the list of organisations).
# tests/integration/test_vijandige_bestanden.py compares this with what the build really generates.
RESERVED_IDS = {
    "aanbod": {"index": "de A-Z-lijst van al het aanbod"},
    "organisaties": {"index": "de lijst met alle organisaties"},
}

# 18.0 is an integer to JSON Schema, but not to the pages and the search index that print it.
_Validator = extend(
    Draft202012Validator,
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", lambda checker, value: isinstance(value, int) and not isinstance(value, bool)
    ),
)


def _whole_string_patterns(node):
    """A copy of a schema whose patterns end at the end of the text, as in JSON Schema's regex dialect.

    Python's `$` also matches before a final newline, so `laatst_gecontroleerd: |` with a
    date on the next line ("2026-01-01\\n") passed `^[0-9]{4}-[0-9]{2}-[0-9]{2}$`.
    """
    if isinstance(node, dict):
        out = {k: _whole_string_patterns(v) for k, v in node.items()}
        if isinstance(out.get("pattern"), str) and out["pattern"].endswith("$") and not out["pattern"].endswith("\\$"):
            out["pattern"] = out["pattern"][:-1] + "\\Z"
        return out
    if isinstance(node, list):
        return [_whole_string_patterns(v) for v in node]
    return node


class Checker:
    def __init__(self, project: Project, today: dt.date | None = None, records: Records | None = None):
        self.project = project
        self.today = today or dt.date.today()
        self.records = records  # the build's one load (kaart/records.py); check() loads it when missing

    @cached_property
    def _registry(self) -> Registry:
        vocab = json.loads(read_project_text(self.project.schemas_dir / "vocabulaires.schema.json"))
        return Registry().with_resource("vocabulaires.schema.json", Resource.from_contents(vocab))

    def _validator(self, name: str) -> Draft202012Validator:
        schema = json.loads(read_project_text(self.project.schemas_dir / f"{name}.schema.json"))
        return _Validator(_whole_string_patterns(schema), registry=self._registry)

    @cached_property
    def _fast_validators(self) -> dict[int, Callable[[object], bool]]:
        """The same schemas with each vocabulary `oneOf` of consts as one `enum`.

        Validating a oneOf builds an error object for every term that does not
        match; at 5,000 offers that dominated `kaart check`.  Valid records
        (nearly all) pass this fast check; only invalid ones go through the full
        validator, whose oneOf errors give the Dutch vocabulary messages.
        """
        vocab = json.loads(read_project_text(self.project.schemas_dir / "vocabulaires.schema.json"))
        defs = _enumify(vocab)["$defs"]
        out = {}
        for full in (self.aanbod_validator, self.organisatie_validator):
            # refs inlined too: resolving them took a third of the validation time
            schema = fast_schema(full.schema, defs)
            try:
                out[id(full)] = compile_schema(schema)  # plain closures: ~4x faster again
            except Unsupported:
                out[id(full)] = _Validator(schema).is_valid
        return out

    @cached_property
    def _hand_written(self) -> dict[str, set[str]]:
        """Names of pages and folders in content/aanbod/ and content/organisaties/: a record id there would collide."""
        out = {}
        for folder in RESERVED_IDS:
            where = self.project.content_dir / folder
            out[folder] = (
                {p.stem if p.suffix == ".md" else p.name for p in where.iterdir()} if where.is_dir() else set()
            )
        return out

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
        # content/, overrides/, schemas/: the gate, the pages' text policy and the glossary (check/content.py)
        result.extend(content_problems(self.project))
        kaart = Kaart()
        own_load = self.records is None
        if own_load:
            self.records = load_records(self.project)
        org_listing, aanbod_listing = self.project.organisatie_listing(), self.project.aanbod_listing()
        for listing in (aanbod_listing, org_listing):  # refused entries: never skipped without a word
            result.extend(listing.problems)
            result.ignored.extend(listing.ignored)
        org_files = [self._load(p) for p in org_listing.records]
        aanbod_paths = aanbod_listing.records
        result.files_checked = len(org_files) + len(aanbod_paths)

        org_ids = self._ids([(o.rel, o.data, o.line_of(("id",))) for o in org_files], result)
        for loaded in org_files:
            problems = loaded.problems + self.check_record(loaded, self.organisatie_validator)
            result.extend(problems)
            if not any(p.is_error for p in problems) and isinstance(loaded.data, dict):
                kaart.organisaties[loaded.data["id"]] = Organisatie.from_dict(loaded.data, loaded.rel)

        offers = self._check_offers(aanbod_paths, org_ids, _org_names(org_files))
        self._ids([(rel, data, id_line) for rel, data, _, id_line in offers], result)
        for rel, data, problems, _ in offers:
            result.extend(problems)
            if not any(p.is_error for p in problems) and isinstance(data, dict):
                kaart.aanbod[data["id"]] = Aanbod.from_dict(data, rel)

        known = {
            data.get("id") for _, data, _, _ in offers if isinstance(data, dict) and isinstance(data.get("id"), str)
        }
        for path in self.project.praktijk_files():
            praktijk, problems = self._load_praktijk(path, known)
            result.extend(problems)
            if praktijk:
                kaart.praktijken[praktijk.slug] = praktijk

        result.extend(self.taallijst[1])
        self._warn_unused(kaart, result)
        self.records.kaart = kaart
        if own_load:
            self.records = None  # a later check() reads the files again, as they are then
        return result, kaart

    def check_offer(self, path: Path, org_ids: set, org_names: dict) -> tuple[str, object, list[Problem], int]:
        """Everything about one offer file that needs no other offer: (rel, data, problems, line of id)."""
        loaded = self._load(path)
        problems = loaded.problems + self.check_record(loaded, self.aanbod_validator)
        for path, org_id in _aanbieder_paths(loaded.data):
            problems += self._check_reference(
                loaded, path, org_id, org_ids, "onbekende organisatie", "aanbod/organisaties/<id>.yml"
            )
        problems += self.check_taal(loaded, org_names)
        return loaded.rel, loaded.data, problems, loaded.line_of(("id",))

    def _check_offers(self, paths: list[Path], org_ids: set, org_names: dict) -> list:
        jobs = _jobs(len(paths))
        if jobs < 2:
            return [self.check_offer(p, org_ids, org_names) for p in paths]
        # Thousands of files: use every core. Forked workers inherit this checker, so the
        # compiled schemas and the jargon list are built once.
        self.taallijst, self._fast_validators, self._hand_written  # noqa: B018 - build before forking
        global _WORK
        _WORK = (self, org_ids, org_names)
        try:
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                checked = pool.map(_check_offer_in_worker, paths, chunksize=max(1, len(paths) // (jobs * 8)))
            # workers send back only what they found; the data is the parent's own (read once)
            return [
                (rel, self.records.raw(rel) if isinstance(data, _InRecords) else data, problems, line)
                for rel, data, problems, line in checked
            ]
        finally:
            _WORK = None

    # -- jongerentaal: one rule set, see kaart/taal.py for the rules and thresholds
    @cached_property
    def taallijst(self):
        return load_taallijst(self.project.schemas_dir / "jargon.yml")

    def check_taal(self, loaded: LoadedFile, org_files: list[LoadedFile] = ()) -> list[Problem]:
        names = org_files if isinstance(org_files, dict) else _org_names(org_files)
        return check_record_taal(loaded, self.taallijst[0], names)

    def _load(self, path) -> LoadedFile:
        loaded = self.records.get(path) if self.records is not None else None
        if loaded is not None:  # read once: the build's load stage already has this file
            return loaded
        return load_file(path, self.project.rel(path), allowed_dir=self.project.aanbod_dir)

    def _ids(self, files: list[tuple[str, object, int]], result: CheckResult) -> set[str]:
        """Report ids used twice; files are (rel, data, line of id)."""
        seen: dict[str, str] = {}
        for rel, data, id_line in files:
            if not isinstance(data, dict) or not isinstance(data.get("id"), str):
                continue
            record_id = data["id"]
            if record_id in seen:
                result.add(
                    Problem(
                        rel,
                        id_line,
                        "id",
                        f"id '{record_id}' komt ook voor in {seen[record_id]}",
                        "geef elk aanbod een eigen id (gelijk aan de bestandsnaam)",
                        "id-dubbel",
                    )
                )
            else:
                seen[record_id] = rel
        return set(seen)

    # -- one record --------------------------------------------------------
    def check_record(self, loaded: LoadedFile, validator: Draft202012Validator) -> list[Problem]:
        data = loaded.data
        if data is None:
            return []
        if not isinstance(data, dict):
            return [
                Problem(
                    loaded.rel,
                    1,
                    "",
                    "het bestand moet velden bevatten (veldnaam: waarde)",
                    template_hint(loaded.rel),
                    "bestand-opbouw",
                )
            ]
        fast = self._fast_validators.get(id(validator))
        if fast is not None and fast(data):
            problems = []
        else:
            errors = list(validator.iter_errors(data))
            if _keep_as_written(loaded, errors):  # e.g. `telefoon: 0201234567`: the text the editor typed
                errors = list(validator.iter_errors(data))
            problems = [self._translate(loaded, error) for error in errors]
        problems += self._check_rules(loaded, data)
        return problems

    def _check_rules(self, loaded: LoadedFile, data: dict) -> list[Problem]:
        out: list[Problem] = self._check_id(loaded, data)
        for path, value in _walk(data):
            if isinstance(value, str):
                out += self._check_text(loaded, path, value)
            elif path and path[-1] == "jaar" and _is_number(value) and value > self.today.year:
                out.append(
                    Problem(
                        loaded.rel,
                        loaded.line_of(path),
                        _dotted(path),
                        f"jaar {_written(loaded, path, value)} ligt in de toekomst",
                        "vul het jaar van uitgave of meting in",
                        "datum-toekomst",
                    )
                )
        leeftijd = (data.get("doelgroep") or {}).get("leeftijd") if isinstance(data.get("doelgroep"), dict) else None
        if isinstance(leeftijd, dict) and _is_number(leeftijd.get("min")) and _is_number(leeftijd.get("max")):
            if leeftijd["min"] > leeftijd["max"]:
                low = _written(loaded, ("doelgroep", "leeftijd", "min"), leeftijd["min"])
                high = _written(loaded, ("doelgroep", "leeftijd", "max"), leeftijd["max"])
                out.append(
                    Problem(
                        loaded.rel,
                        loaded.line_of(("doelgroep", "leeftijd", "min")),
                        "doelgroep.leeftijd",
                        f"min ({low}) is hoger dan max ({high})",
                        "draai de waarden om; beide grenzen tellen mee (17 t/m 23: min 17, max 23)",
                        "leeftijd-volgorde",
                    )
                )
        out += check_bronnen(loaded, data)
        datum = data.get("laatst_gecontroleerd")
        if isinstance(datum, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", datum):
            try:
                parsed = dt.date.fromisoformat(datum)
            except ValueError:
                out.append(
                    Problem(
                        loaded.rel,
                        loaded.line_of(("laatst_gecontroleerd",)),
                        "laatst_gecontroleerd",
                        f"'{datum}' is geen bestaande datum",
                        "schrijf een echte datum als JJJJ-MM-DD",
                        "datum",
                    )
                )
            else:
                if parsed > self.today:
                    out.append(
                        Problem(
                            loaded.rel,
                            loaded.line_of(("laatst_gecontroleerd",)),
                            "laatst_gecontroleerd",
                            f"datum {datum} ligt in de toekomst",
                            "vul de datum in waarop de aanbieder de gegevens echt heeft bevestigd",
                            "datum-toekomst",
                        )
                    )
        out += self._check_bevestigingen(loaded, data)
        out += self._check_contact_bronnen(loaded, data)
        return out

    def _check_bevestigingen(self, loaded: LoadedFile, data: dict) -> list[Problem]:
        """Dated confirmations by the provider: real dates, not in the future; status `bevestigd` needs one."""
        out: list[Problem] = []
        datums = []
        for path, value in _walk(data):
            if (
                len(path) >= 2
                and path[-1] == "bevestigd"
                and isinstance(value, str)
                and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)
            ):
                try:
                    parsed = dt.date.fromisoformat(value)
                except ValueError:
                    out.append(
                        Problem(
                            loaded.rel,
                            loaded.line_of(path),
                            _dotted(path),
                            f"'{value}' is geen bestaande datum",
                            "schrijf een echte datum als JJJJ-MM-DD",
                            "datum",
                        )
                    )
                    continue
                if parsed > self.today:
                    out.append(
                        Problem(
                            loaded.rel,
                            loaded.line_of(path),
                            _dotted(path),
                            f"datum {value} ligt in de toekomst",
                            "vul de datum in waarop de aanbieder het echt heeft bevestigd",
                            "datum-toekomst",
                        )
                    )
                elif path[0] == "bronnen":
                    datums.append(value)
        if isinstance(data.get("laatst_gecontroleerd"), str):
            datums.append(data["laatst_gecontroleerd"])
        if data.get("status") == "bevestigd" and not datums:
            out.append(
                Problem(
                    loaded.rel,
                    loaded.line_of(("status",)),
                    "status",
                    "status 'bevestigd' zonder datum van de bevestiging",
                    'voeg onder `bronnen` een bron `bevestigd: "JJJJ-MM-DD"` (met `door`) toe, '
                    "of zet de status op 'beschreven' zolang de aanbieder het niet heeft bevestigd",
                    "status-bevestigd",
                )
            )
        return out

    def _check_contact_bronnen(self, loaded: LoadedFile, data: dict) -> list[Problem]:
        """Every contact value names its own source; the record's other sources do not count for it."""
        contact = data.get("contact")
        if not isinstance(contact, dict):
            return []
        bronnen = contact.get("bronnen") if isinstance(contact.get("bronnen"), dict) else {}
        out: list[Problem] = []
        for veld in CONTACT_VELDEN:
            if contact.get(veld) not in (None, "") and veld not in bronnen:
                out.append(
                    Problem(
                        loaded.rel,
                        loaded.line_of(("contact", veld)),
                        f"contact.{veld}",
                        "contactgegeven zonder eigen bron",
                        f"voeg `contact.bronnen.{veld}` toe met de passage waar het staat (document en onderdeel) "
                        f'of met `bevestigd: "JJJJ-MM-DD"` als de aanbieder het heeft bevestigd; '
                        "staat het nergens, haal het dan weg",
                        "contact-bron",
                    )
                )
        for veld in bronnen:
            if veld in CONTACT_VELDEN and contact.get(veld) in (None, ""):
                out.append(
                    Problem(
                        loaded.rel,
                        loaded.line_of(("contact", "bronnen", veld)),
                        f"contact.bronnen.{veld}",
                        f"bron voor een contactgegeven dat er niet is (`contact.{veld}` ontbreekt)",
                        f"vul `contact.{veld}` in of haal deze bron weg",
                        "contact-bron",
                    )
                )
        return out

    def _check_id(self, loaded: LoadedFile, data: dict) -> list[Problem]:
        """The id against the file name, the id pattern and the names the site generates itself."""
        out: list[Problem] = []
        stem = loaded.path.stem
        record_id = data.get("id")
        line = loaded.line_of(("id",))
        if not _ID.match(stem):
            good = _suggest_id(stem) or "naam-van-het-aanbod"
            out.append(
                Problem(
                    loaded.rel,
                    line,
                    "id",
                    f"de bestandsnaam '{stem}' is geen geldig id{odd_characters(stem)}",
                    f"hernoem het bestand naar {good}.yml en maak het id '{good}'",
                    "id-bestandsnaam",
                )
            )
        elif isinstance(record_id, str) and record_id != stem:
            rename = f" of hernoem het bestand naar {record_id}.yml" if _ID.match(record_id) else ""
            out.append(
                Problem(
                    loaded.rel,
                    line,
                    "id",
                    f"id '{record_id}' is niet gelijk aan de bestandsnaam '{stem}'{odd_characters(record_id)}",
                    f"maak het id '{stem}'{rename}",
                    "id-bestandsnaam",
                )
            )
        folder = "organisaties" if loaded.rel.startswith("aanbod/organisaties/") else "aanbod"
        reserved = RESERVED_IDS[folder].get(record_id) if isinstance(record_id, str) else None
        if reserved is None and isinstance(record_id, str) and record_id in self._hand_written[folder]:
            reserved = f"de pagina content/{folder}/{record_id}"
        if reserved:
            naam = _suggest_id(str(data.get("naam") or "")) if isinstance(data.get("naam"), str) else ""
            other = (
                naam
                if naam and naam != record_id and not (loaded.path.parent / f"{naam}.yml").exists()
                else f"{record_id}-{folder[:-1] if folder == 'organisaties' else 'aanbod'}"
            )  # never an id already taken
            out.append(
                Problem(
                    loaded.rel,
                    line,
                    "id",
                    f"id '{record_id}' is gereserveerd: de site maakt zelf {folder}/{record_id}/ ({reserved})",
                    f"kies een ander id, bijvoorbeeld '{other}', en hernoem het bestand naar {other}.yml",
                    "id-gereserveerd",
                )
            )
        return out

    def _check_text(self, loaded: LoadedFile, path: tuple, value: str) -> list[Problem]:
        # (bericht, oplossing, regel[, line in the file]); line and field only looked up when needed
        found: list[tuple] = check_text_policy(path, value, loaded.block_lines.get(path))
        if _HTML.search(value):
            found.append(
                (
                    "HTML is niet toegestaan in tekstvelden",
                    "schrijf gewone tekst of Markdown (bijvoorbeeld **vet** of [tekst](https://…)) zonder <…>",
                    "html",
                )
            )
        if "{" in value and _ATTR_LIST.search(value):
            found.append(
                (
                    "tekst tussen accolades { } is niet toegestaan (opmaakcode)",
                    "haal de accolades weg of schrijf gewone haakjes ( )",
                    "html",
                )
            )
        if ":" in value:
            for match in _SCHEME.finditer(value):
                scheme = match.group(1).lower()
                if scheme in _DANGEROUS:
                    found.append(
                        (
                            f"adres met '{scheme}:' is niet toegestaan",
                            "gebruik alleen adressen die beginnen met http://, https://, mailto: of tel:",
                            "url-schema",
                        )
                    )
        if "]" in value:
            for target in _MD_LINK.findall(value) + _MD_REF.findall(value):
                scheme = target.split(":", 1)[0].lower() if ":" in target else ""
                if site_image(target) and "![" in value:
                    continue  # an image of the site itself: the text policy decides (kaart.check.textpolicy)
                if scheme not in SAFE_SCHEMES and scheme not in _DANGEROUS:
                    found.append(
                        (
                            f"link '{target[:60]}' is geen volledig adres",
                            "schrijf een volledig adres dat begint met https://, mailto: of tel:",
                            "url-schema",
                        )
                    )
        if not found:
            return []
        line, veld = loaded.line_of(path), _dotted(path)
        return [
            Problem(loaded.rel, (item[3] if len(item) > 3 and item[3] else line), veld, *item[:3]) for item in found
        ]

    def _check_reference(self, loaded, path, value, known: set, what: str, where: str) -> list[Problem]:
        if value in known:
            return []
        close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
        hint = f"bedoelde je '{close[0]}'? " if close else ""
        return [
            Problem(
                loaded.rel,
                loaded.line_of(path),
                _dotted(path),
                f"{what} '{value}'{_odd(value)}",
                f"{hint}maak {where} aan of gebruik een bestaand id",
                "verwijzing",
            )
        ]

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
            return Problem(
                loaded.rel,
                line,
                veld,
                "verplicht veld ontbreekt",
                f"voeg `{name}:` toe{_about(sub, self.project)}",
                "schema-verplicht",
            )
        if kind == "additionalProperties":
            allowed = list(schema.get("properties", {}))
            extra = [k for k in value if k not in allowed] if isinstance(value, dict) else []
            name = extra[0] if extra else "?"
            close = difflib.get_close_matches(str(name), allowed, n=1, cutoff=0.6)
            hint = f"bedoelde je '{close[0]}'? " if close else ""
            return Problem(
                loaded.rel,
                loaded.line_of(path + (name,)),
                _dotted(path + (name,)),
                f"onbekend veld '{name}'",
                f"{hint}toegestaan zijn: {', '.join(allowed)}",
                "schema-onbekend-veld",
            )
        if kind == "oneOf" and "oneOf" in schema and all("const" in o for o in schema["oneOf"]):
            return self._vocab_problem(loaded, path, value, schema)
        if kind == "oneOf":  # bron: document, titel or bevestigd
            return Problem(
                loaded.rel,
                line,
                veld,
                "een bron heeft óf `document`, óf `titel`, óf `bevestigd`",
                "kies `document: <id>` voor een projectdocument, `titel:` (en `jaar:`) voor een andere bron, "
                'of `bevestigd: "JJJJ-MM-DD"` (en `door:`) als de aanbieder het heeft bevestigd',
                "schema-bron",
            )
        # a required field is never told to go away: only an optional one may be left out
        weg = " (het is verplicht)" if self._required(loaded, path) else " of haal het weg"
        if kind == "type":
            if value is None:
                return Problem(loaded.rel, line, veld, "is leeg", f"vul een waarde in{weg}{example}", "schema-type")
            types = schema.get("type") if isinstance(schema.get("type"), list) else [schema.get("type")]
            want = " of ".join(str(_TYPES.get(t, t)) for t in types)
            if types == ["integer"] and isinstance(value, float):
                whole = f", bijvoorbeeld: {int(value)}" if value.is_integer() else example
                return Problem(
                    loaded.rel,
                    line,
                    veld,
                    f"moet een heel getal zijn, niet {_written(loaded, path, value)}",
                    f"schrijf het getal zonder punt of komma{whole}",
                    "schema-type",
                )
            return Problem(
                loaded.rel,
                line,
                veld,
                f"moet {want} zijn, niet {_written(loaded, path, value)}",
                f"schrijf {want}{example}",
                "schema-type",
            )
        if kind == "pattern":
            if (
                isinstance(value, str)
                and "\n" in value.strip(" ")
                and value.strip()
                and path in loaded.escaped_newlines
            ):
                return Problem(
                    loaded.rel,
                    line,
                    veld,
                    "de waarde bevat een nieuwe regel (\\n tussen aanhalingstekens)",
                    f"haal de \\n weg; deze waarde staat op één regel{example}",
                    "schema-vorm",
                )
            if isinstance(value, str) and "\n" in value.strip(" ") and value.strip():
                return Problem(
                    loaded.rel,
                    line,
                    veld,
                    "de waarde staat niet op één regel (blok met | of >)",
                    f"schrijf de waarde direct achter de veldnaam, zonder | of >{example}",
                    "schema-vorm",
                )
            if path[-1:] == ("email",) and isinstance(value, str) and re.search(r"[?&%=]", value):
                return Problem(
                    loaded.rel,
                    line,
                    veld,
                    f"{_show(value)} is geen gewoon e-mailadres: ?, &, = en %-codes zijn niet toegestaan",
                    "schrijf alleen het adres, zoals naam@organisatie.nl; zulke tekens kunnen extra ontvangers aan de mail toevoegen",
                    "contact-email",
                )
            return Problem(
                loaded.rel,
                line,
                veld,
                f"{_show(value)} heeft niet de goede vorm{_odd(value)}",
                _pattern_fix(
                    path, example, loaded.path.stem if path == ("id",) and _ID.match(loaded.path.stem) else value
                ),
                "schema-vorm",
            )
        if kind in ("minLength", "minItems", "minProperties"):
            return Problem(
                loaded.rel, line, veld, "is leeg of te kort", f"vul het veld in{weg}{example}", "schema-leeg"
            )
        if kind == "maxLength":
            return Problem(
                loaded.rel,
                line,
                veld,
                f"tekst is te lang ({len(value)} tekens, maximaal {schema.get('maxLength')})",
                "kort de tekst in",
                "schema-lengte",
            )
        if kind == "uniqueItems":
            return Problem(
                loaded.rel,
                line,
                veld,
                "een waarde staat er twee keer in",
                "haal de dubbele waarde weg",
                "schema-dubbel",
            )
        if kind in ("minimum", "maximum"):
            return Problem(
                loaded.rel,
                line,
                veld,
                f"{_show(value)} ligt buiten {schema.get('minimum')}–{schema.get('maximum')}",
                f"vul een waarde binnen die grenzen in{example}",
                "schema-bereik",
            )
        if kind == "const":
            return Problem(
                loaded.rel,
                line,
                veld,
                f"alleen {_show(schema.get('const'))} is toegestaan",
                f"schrijf {_show(schema.get('const'))} of haal het veld weg",
                "schema-waarde",
            )
        return Problem(loaded.rel, line, veld, error.message, f"zie de beschrijving in het schema{example}", "schema")

    def _required(self, loaded: LoadedFile, path: tuple) -> bool:
        """Is the field at `path` required by its parent (a list item counts as optional: it can go)?"""
        if not path or isinstance(path[-1], int):
            return False
        organisatie = loaded.rel.startswith(self.project.rel(self.project.organisaties_dir) + "/")
        node = (self.organisatie_validator if organisatie else self.aanbod_validator).schema
        for part in path[:-1]:
            node = node.get("items", {}) if isinstance(part, int) else node.get("properties", {}).get(part, {})
            if not isinstance(node, dict):
                return False
        return path[-1] in node.get("required", ())

    def _vocab_problem(self, loaded, path, value, schema) -> Problem:
        name = self._vocab_by_values.get(frozenset(o["const"] for o in schema["oneOf"]))
        vocab = self.project.vocab[name] if name else None
        line = loaded.line_of(path)
        what = (
            name
            if name in ("gemeente", "regio", "fase", "soort", "status", "aanmeldroute", "kenmerk")
            else f"waarde voor {name or 'dit veld'}"
        )
        if not isinstance(value, str):
            return Problem(
                loaded.rel,
                line,
                _dotted(path),
                f"moet tekst uit de vaste lijst zijn, niet {_show(value)}",
                f"kies uit: {', '.join(vocab.ids) if vocab else '?'}",
                "vocabulaire",
            )
        close = vocab.closest(value) if vocab else None
        if vocab and not close and not value.isascii():
            close = vocab.closest(skeleton(value))
        hint = f"bedoelde je '{close}'? " if close else ""
        allowed = ", ".join(vocab.ids) if vocab else ""
        extra = (
            " (nieuwe waarde nodig? voeg haar met bron toe aan schemas/vocabulaires.schema.json)"
            if name in ("gemeente", "regio", "kenmerk")
            else ""
        )
        return Problem(
            loaded.rel,
            line,
            _dotted(path),
            (f"onbekende {what} '{value}'" if what == name else f"onbekende {what}: '{value}'") + _odd(value),
            f"{hint}kies uit: {allowed}{extra}",
            f"vocabulaire-{name}",
        )

    # -- good-practice pages -------------------------------------------------
    def _load_praktijk(self, path, aanbod_ids: set) -> tuple[Praktijk | None, list[Problem]]:
        rel = self.project.rel(path)
        loaded = load_file(
            path, rel, allowed_dir=self.project.content_dir, parse=False
        )  # size, binary, encoding, symlink
        if loaded.problems:
            return None, loaded.problems
        text = loaded.data
        if not text.startswith("---\n"):
            return None, [
                Problem(
                    rel,
                    1,
                    "",
                    "voorpagina (front matter) ontbreekt",
                    "begin met ---, dan title, regio, bron, thema en verwant_aanbod, en weer ---",
                    "praktijk",
                )
            ]
        end = text.find("\n---", 4)
        block = text[4:end] if end > 0 else ""
        loaded = parse_text(block, LoadedFile(path, rel))
        problems = [
            Problem(p.file, p.line + 1, p.veld, p.bericht, p.oplossing, p.regel, p.ernst) for p in loaded.problems
        ]
        data = loaded.data if isinstance(loaded.data, dict) else {}
        for key in ("verwant_aanbod", "thema"):
            if key in data and not (isinstance(data[key], list) and all(isinstance(v, str) for v in data[key])):
                problems.append(
                    Problem(
                        rel,
                        loaded.line_of((key,)) + 1,
                        key,
                        "moet een lijst met ids zijn",
                        f"schrijf bijvoorbeeld `{key}: [learn2work]`"
                        if key == "verwant_aanbod"
                        else f"schrijf bijvoorbeeld `{key}: [werk]`",
                        "praktijk",
                    )
                )
                data = {**data, key: []}
        for i, ref in enumerate(data.get("verwant_aanbod") or []):
            for p in self._check_reference(
                loaded, ("verwant_aanbod", i), ref, aanbod_ids, "onbekend aanbod", "aanbod/<id>.yml"
            ):
                problems.append(Problem(p.file, p.line + 1, p.veld, p.bericht, p.oplossing, p.regel))
        for i, thema in enumerate(data.get("thema") or []):
            if thema not in self.project.vocab["helpt_bij"]:
                problems.append(
                    Problem(
                        rel,
                        loaded.line_of(("thema", i)) + 1,
                        f"thema[{i}]",
                        f"onbekend thema '{thema}'",
                        f"kies uit: {', '.join(self.project.vocab['helpt_bij'].ids)}",
                        "vocabulaire-helpt_bij",
                    )
                )
        if "title" not in data:
            problems.append(Problem(rel, 2, "title", "verplicht veld ontbreekt", "voeg `title:` toe", "praktijk"))
        if any(p.is_error for p in problems):
            return None, problems
        return Praktijk(
            path.stem,
            str(data["title"]),
            str(data.get("regio", "")),
            tuple(data.get("verwant_aanbod") or ()),
            tuple(data.get("thema") or ()),
            rel,
        ), problems

    def _warn_unused(self, kaart: Kaart, result: CheckResult) -> None:
        used = {org_id for a in kaart.aanbod.values() for org_id in a.aanbieders}
        for org in kaart.organisaties.values():
            if org.id not in used:
                result.add(
                    Problem(
                        org.source_file,
                        1,
                        "",
                        f"organisatie '{org.id}' heeft geen aanbod",
                        "verwijs vanuit een aanbod naar deze organisatie of haal het bestand weg",
                        "organisatie-ongebruikt",
                        WARNING,
                    )
                )


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _written(loaded: LoadedFile, path: tuple, value) -> str:
    """A value as the editor typed it (`18.0`, `0201234567`), for messages."""
    return loaded.as_written.get(tuple(path), _show(value))


def _keep_as_written(loaded: LoadedFile, errors) -> bool:
    """Put back the typed text where the schema wants text but YAML read a number or true/false.

    `telefoon: 0201234567` stays "0201234567" and `naam: yes` stays "yes". Returns whether anything changed.
    """
    changed = False
    pending = list(errors)
    while pending:
        error = pending.pop()
        pending.extend(error.context or ())  # inside oneOf (a source with document or titel)
        path = tuple(error.absolute_path)
        if error.validator == "type" and error.validator_value == "string" and path in loaded.as_written and path:
            parent = loaded.data
            for part in path[:-1]:
                parent = parent[part]
            if not isinstance(parent[path[-1]], str):
                parent[path[-1]] = loaded.as_written[path]
                changed = True
    return changed


_TYPES = {
    "string": "tekst",
    "integer": "een heel getal",
    "array": "een lijst",
    "object": "een blok met velden",
    "boolean": "true of false",
    "number": "een getal",
}


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


def _odd(value) -> str:
    return odd_characters(value) if isinstance(value, str) else ""


def _pattern_fix(path: tuple, example: str, value=None) -> str:
    last = path[-1] if path else ""
    if last in ("id", "aanbieder") and isinstance(value, str) and _suggest_id(value):
        example = f", bijvoorbeeld: {_suggest_id(value)}"  # a valid id close to what was typed
    fixes = {
        "id": "gebruik kleine letters, cijfers en streepjes, zoals de bestandsnaam",
        "aanbieder": "gebruik het id van de organisatie: kleine letters, cijfers en streepjes",
        "website": "schrijf een volledig adres dat begint met https:// of http://",
        "url": "schrijf een volledig adres dat begint met https:// of http://",
        "telefoon": "schrijf alleen cijfers, spaties of streepjes (eventueel met + vooraan), zoals in de bron",
        "email": "schrijf een e-mailadres zoals naam@organisatie.nl",
        "laatst_gecontroleerd": "schrijf de datum als JJJJ-MM-DD tussen aanhalingstekens",
        "bevestigd": "schrijf de echte datum van de bevestiging (vanaf 2000) als JJJJ-MM-DD tussen aanhalingstekens",
        "citaat": "neem de woorden van de bron letterlijk over, niet alleen ' … '",
    }
    return fixes.get(last, "zie de beschrijving in het schema") + example


def _enumify(node):
    """A copy of a schema with every oneOf whose options are all consts turned into an enum."""
    if isinstance(node, dict):
        options = node.get("oneOf")
        if isinstance(options, list) and options and all(isinstance(o, dict) and "const" in o for o in options):
            out = {k: _enumify(v) for k, v in node.items() if k != "oneOf"}
            out["enum"] = [o["const"] for o in options]
            return out
        return {k: _enumify(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_enumify(v) for v in node]
    return node


_WORK = None


class _InRecords:
    """Sent back by a worker instead of data the parent already holds."""


def _check_offer_in_worker(path):
    checker, org_ids, org_names = _WORK
    rel, data, problems, line = checker.check_offer(path, org_ids, org_names)
    if checker.records is not None and checker.records.get(path) is not None:
        data = _InRecords()
    return rel, data, problems, line


def fast_schema(schema: dict, vocab_defs: dict) -> dict:
    """The schema as the fast check compiles it: vocabularies as enums, every $ref inlined."""
    return _inline_vocab_refs(_inline_local_refs(_enumify(schema)), vocab_defs)


def _aanbieder_paths(data) -> list[tuple[tuple, str]]:
    """(path, organisation id) for `aanbieder: id` and for each item of `aanbieder: [a, b]`."""
    value = data.get("aanbieder") if isinstance(data, dict) else None
    if isinstance(value, str):
        return [(("aanbieder",), value)]
    if isinstance(value, list):
        return [(("aanbieder", i), v) for i, v in enumerate(value) if isinstance(v, str)]
    return []


def _inline_vocab_refs(node, defs: dict):
    """A copy of a schema with each `$ref` to vocabulaires.schema.json replaced by the definition itself."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("vocabulaires.schema.json#/$defs/"):
            merged = dict(defs[ref.rsplit("/", 1)[-1]])
            merged.update({k: v for k, v in node.items() if k != "$ref"})
            return merged
        return {k: _inline_vocab_refs(v, defs) for k, v in node.items()}
    if isinstance(node, list):
        return [_inline_vocab_refs(v, defs) for v in node]
    return node


def _inline_local_refs(schema: dict) -> dict:
    """A copy of a schema with each local reference (`#/$defs/...`, or `#/properties/...` as for a
    contact value's source) replaced by what it points at, and no `$defs`."""

    def target(ref: str):
        node = schema
        for part in ref[2:].split("/"):
            node = node[part]
        return node

    def inline(node):
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/"):
                merged = dict(inline(target(ref)))
                merged.update({k: inline(v) for k, v in node.items() if k != "$ref"})
                return merged
            return {k: inline(v) for k, v in node.items() if not (node is schema and k == "$defs")}
        if isinstance(node, list):
            return [inline(v) for v in node]
        return node

    return inline(schema)


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


def check_records(records: Records, today: dt.date | None = None) -> CheckResult:
    """The check stage of a build: every rule over the loaded records; sets `records.kaart`."""
    result, _ = Checker(records.project, today, records).check()
    return result
