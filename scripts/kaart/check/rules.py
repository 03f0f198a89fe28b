"""The rules of `kaart check` beyond the JSON Schemas, as functions over one loaded record.

Each returns a list of Problems (file, line, field, what is wrong, how to fix it) and never raises
on bad input.  The Checker (kaart.check.checker) runs them; the whole-project ones (ids used twice,
organisations without offers) take the CheckResult.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re

from kaart.check.schema_messages import written
from kaart.check.textpolicy import check_text_policy, odd_characters
from kaart.doelgroep import check_bronnen
from kaart.model import CONTACT_VELDEN, Kaart
from kaart.project import Project
from kaart.records.loading import ID_PATTERN, LoadedFile, dotted, suggest_id
from kaart.result import WARNING, CheckResult, Problem
from kaart.text import site_image

SAFE_SCHEMES = ("http", "https", "mailto", "tel")
_HTML = re.compile(r"<\s*/?\s*[a-zA-Z!?][^>]*>|<\s*[a-zA-Z]+\s+[a-zA-Z-]+\s*=|&#?[a-zA-Z0-9]+;")
_SCHEME = re.compile(r"(?<![a-zA-Z0-9+.-])([a-zA-Z][a-zA-Z0-9+.-]{1,20})\s*:", re.ASCII)
_DANGEROUS = {"javascript", "vbscript", "data", "file", "blob"}
_MD_LINK = re.compile(r"\]\s*\(\s*<?([^)\s>]*)")
_MD_REF = re.compile(r"^\s*\[[^\]]+\]:\s*<?(\S+?)>?\s*$", re.MULTILINE)
_ATTR_LIST = re.compile(r"\{[^{}\n]*\}")  # Markdown attribute list: `{: onclick=…}` would become an HTML attribute
# Names the site generates itself inside the folders where records get their pages
# (aanbod/index.md is the A-Z list, organisaties/index.md the list of organisations).
# tests/integration/test_vijandige_bestanden.py compares this with what the build really generates.
RESERVED_IDS = {
    "aanbod": {"index": "de A-Z-lijst van al het aanbod"},
    "organisaties": {"index": "de lijst met alle organisaties"},
}


def record_rules(loaded: LoadedFile, data: dict, today: dt.date, hand_written: dict[str, set[str]]) -> list[Problem]:
    """Every rule on one record beyond its schema: id, texts, years, ages, dates and sources."""
    out: list[Problem] = _check_id(loaded, data, hand_written)
    for path, value in walk(data):
        if isinstance(value, str):
            out += check_text(loaded, path, value)
        elif path and path[-1] == "jaar" and is_number(value) and value > today.year:
            out.append(
                Problem(
                    loaded.rel,
                    loaded.line_of(path),
                    dotted(path),
                    f"jaar {written(loaded, path, value)} ligt in de toekomst",
                    "vul het jaar van uitgave of meting in",
                    "datum-toekomst",
                )
            )
    leeftijd = (data.get("doelgroep") or {}).get("leeftijd") if isinstance(data.get("doelgroep"), dict) else None
    if isinstance(leeftijd, dict) and is_number(leeftijd.get("min")) and is_number(leeftijd.get("max")):
        if leeftijd["min"] > leeftijd["max"]:
            low = written(loaded, ("doelgroep", "leeftijd", "min"), leeftijd["min"])
            high = written(loaded, ("doelgroep", "leeftijd", "max"), leeftijd["max"])
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
            if parsed > today:
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
    out += _check_bevestigingen(loaded, data, today)
    out += _check_contact_bronnen(loaded, data)
    return out


def _check_bevestigingen(loaded: LoadedFile, data: dict, today: dt.date) -> list[Problem]:
    """Dated confirmations by the provider: real dates, not in the future; status `bevestigd` needs one."""
    out: list[Problem] = []
    datums = []
    for path, value in walk(data):
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
                        dotted(path),
                        f"'{value}' is geen bestaande datum",
                        "schrijf een echte datum als JJJJ-MM-DD",
                        "datum",
                    )
                )
                continue
            if parsed > today:
                out.append(
                    Problem(
                        loaded.rel,
                        loaded.line_of(path),
                        dotted(path),
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


def _check_contact_bronnen(loaded: LoadedFile, data: dict) -> list[Problem]:
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


def _check_id(loaded: LoadedFile, data: dict, hand_written: dict[str, set[str]]) -> list[Problem]:
    """The id against the file name, the id pattern and the names the site generates itself."""
    out: list[Problem] = []
    stem = loaded.path.stem
    record_id = data.get("id")
    line = loaded.line_of(("id",))
    if not ID_PATTERN.match(stem):
        good = suggest_id(stem) or "naam-van-het-aanbod"
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
        rename = f" of hernoem het bestand naar {record_id}.yml" if ID_PATTERN.match(record_id) else ""
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
    if reserved is None and isinstance(record_id, str) and record_id in hand_written[folder]:
        reserved = f"de pagina content/{folder}/{record_id}"
    if reserved:
        naam = suggest_id(str(data.get("naam") or "")) if isinstance(data.get("naam"), str) else ""
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


def check_text(loaded: LoadedFile, path: tuple, value: str) -> list[Problem]:
    # (bericht, oplossing, rule id[, line in the file]); line and field only looked up when needed
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
    line, veld = loaded.line_of(path), dotted(path)
    return [Problem(loaded.rel, (item[3] if len(item) > 3 and item[3] else line), veld, *item[:3]) for item in found]


def check_reference(loaded, path, value, known: set, what: str, where: str) -> list[Problem]:
    if value in known:
        return []
    close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    hint = f"bedoelde je '{close[0]}'? " if close else ""
    return [
        Problem(
            loaded.rel,
            loaded.line_of(path),
            dotted(path),
            f"{what} '{value}'{_odd(value)}",
            f"{hint}maak {where} aan of gebruik een bestaand id",
            "verwijzing",
        )
    ]


# -- schema errors in Dutch -------------------------------------------


def duplicate_ids(files: list[tuple[str, object, int]], result: CheckResult) -> set[str]:
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


def unused_organisations(kaart: Kaart, result: CheckResult) -> None:
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


def hand_written_pages(project: Project) -> dict[str, set[str]]:
    """Names of pages and folders in content/aanbod/ and content/organisaties/: a record id there would collide."""
    out = {}
    for folder in RESERVED_IDS:
        where = project.content_dir / folder
        out[folder] = {p.stem if p.suffix == ".md" else p.name for p in where.iterdir()} if where.is_dir() else set()
    return out


def aanbieder_paths(data) -> list[tuple[tuple, str]]:
    """(path, organisation id) for `aanbieder: id` and for each item of `aanbieder: [a, b]`."""
    value = data.get("aanbieder") if isinstance(data, dict) else None
    if isinstance(value, str):
        return [(("aanbieder",), value)]
    if isinstance(value, list):
        return [(("aanbieder", i), v) for i, v in enumerate(value) if isinstance(v, str)]
    return []


def is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def walk(data, path=()):
    """Every (path, value) of a record, the record itself first."""
    yield path, data
    if isinstance(data, dict):
        for k, v in data.items():
            yield from walk(v, path + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from walk(v, path + (i,))


def _odd(value) -> str:
    return odd_characters(value) if isinstance(value, str) else ""
