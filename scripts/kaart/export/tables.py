"""Open data: the records as JSON and CSV, and an HSDS 3.0 export, at stable URLs.

    data/kaart.json               all records as written in YAML, with schema_version
    data/aanbod.csv               one row per offer, for spreadsheets
    data/organisaties.csv         one row per organisation
    (data/hsds/index.json, the API root with version, profile and openapi_url: kaart.export.profiel)
    data/hsds/services.json       HSDS 3.0 services (page of full service objects)
    data/hsds/organizations.json  HSDS 3.0 organizations
    data/hsds/taxonomies.json, data/hsds/taxonomy_terms.json

Every record in kaart.json carries `pagina` and `hsds` (paths from the site root);
kaart.export.opendata adds one file per record, the schemas and datapackage.json.

The field list, versioning and licence are on content/open-data/index.md.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
import uuid
from dataclasses import dataclass

from kaart import actualiteit
from kaart.model import Aanbod, Bron, Kaart, Organisatie, Peil
from kaart.project import Project
from kaart.records.load import Records

# Bump the major number when a field is removed, renamed or changes meaning;
# the minor number when a field is added.  Documented on the open-data page.
# 2.2: HSDS services carry x_startkwalificatie, x_voorwaarden, x_aanmelden(_uitleg), x_laatst_gecontroleerd,
# x_trefwoorden, organizations x_werkgebied; 2.1: records carry `pagina` and `hsds`; 2.0: status
# beschreven/bevestigd/gestopt, aanbieder may be a list (1.1: doelgroep.situatie, schooltype, bronnen)
SCHEMA_VERSION = "2.2"
LICENTIE = "CC0-1.0"
HSDS_VERSION = "3.0"
# Stable HSDS ids: HSDS wants UUIDs; we derive them from our own ids so they never change.
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:sociale-kaart-16-27")
_NAMESPACE_BYTES = _NAMESPACE.bytes

LIST_SEP = "; "
_JSON_COLUMNS = ("bronnen", "resultaten", "doelgroep.bronnen", "contact.bronnen")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")

AANBOD_COLUMNS = [
    "id",
    "naam",
    "aanbieder",
    "status",
    "soort",
    "fase",
    "helpt_bij",
    "voor",
    "doelgroep.leeftijd.min",
    "doelgroep.leeftijd.max",
    "doelgroep.startkwalificatie",
    "doelgroep.situatie",
    "doelgroep.schooltype",
    "doelgroep.kenmerken",
    "doelgroep.voorwaarden",
    "doelgroep.bronnen",
    "werkgebied.gemeenten",
    "werkgebied.regio",
    "werkgebied.landelijk",
    "toegang.aanmelden",
    "toegang.uitleg",
    "toegang.kosten",
    "jongerentaal.wat_is_het",
    "jongerentaal.is_het_voor_mij",
    "jongerentaal.wat_krijg_je",
    "jongerentaal.hoe_begin_je",
    "beschrijving",
    "nazorg.geboden",
    "nazorg.uitleg",
    "resultaten",
    "contact.website",
    "contact.telefoon",
    "contact.email",
    "contact.adres",
    "contact.bronnen",
    "bronnen",
    "laatst_gecontroleerd",
    "trefwoorden",
    "toelichting",
]
ORGANISATIE_COLUMNS = [
    "id",
    "naam",
    "beschrijving",
    "werkgebied.gemeenten",
    "werkgebied.regio",
    "werkgebied.landelijk",
    "contact.website",
    "contact.telefoon",
    "contact.email",
    "contact.adres",
    "contact.bronnen",
    "bronnen",
]
LIST_COLUMNS = {
    "fase",
    "helpt_bij",
    "voor",
    "doelgroep.situatie",
    "doelgroep.schooltype",
    "doelgroep.kenmerken",
    "werkgebied.gemeenten",
    "werkgebied.regio",
    "toegang.aanmelden",
    "trefwoorden",
}
INT_COLUMNS = {"doelgroep.leeftijd.min", "doelgroep.leeftijd.max"}
BOOL_COLUMNS = {"werkgebied.landelijk", "nazorg.geboden"}


# -- the records as written -------------------------------------------------
def raw_records(kaart: Kaart, records: Records) -> tuple[list[dict], list[dict]]:
    """The YAML data of every valid record, exactly as the editors wrote it (from the build's one load)."""
    aanbod = [records.raw(a.source_file) for a in sorted(kaart.aanbod.values(), key=lambda a: a.id)]
    organisaties = [records.raw(o.source_file) for o in sorted(kaart.organisaties.values(), key=lambda o: o.id)]
    return aanbod, organisaties


# -- where each record is published (kaart.export.opendata writes the per-record files) --
# kind -> (page folder, own JSON folder, HSDS entity, HSDS API folder)
_PUBLISHED = {
    "aanbod": ("aanbod", "data/aanbod", "service", "services"),
    "organisatie": ("organisaties", "data/organisaties", "organization", "organizations"),
}


def published(kind: str, record_id: str) -> dict[str, str]:
    """Where a record is published, relative to the site root: its page, its own JSON file and its HSDS file."""
    page, own, entity, folder = _PUBLISHED[kind]
    return {
        "pagina": f"{page}/{record_id}/",
        "json": f"{own}/{record_id}.json",
        "hsds": f"data/hsds/{folder}/{hsds_id(entity, record_id)}.json",
    }


def met_pagina(kind: str, record: dict) -> dict:
    """A record as written plus where to read it: its page and its HSDS file (both relative to the site root)."""
    where = published(kind, record["id"])
    return {**record, "pagina": where["pagina"], "hsds": where["hsds"]}


def kaart_json(project: Project, kaart: Kaart, records: Records) -> dict:
    aanbod, organisaties = raw_records(kaart, records)
    aanbod, organisaties = (
        [met_pagina("aanbod", r) for r in aanbod],
        [met_pagina("organisatie", r) for r in organisaties],
    )
    vocabulaires = {
        name: [
            {
                "id": t.id,
                "label": t.label,
                **({"uitleg": t.uitleg} if t.uitleg else {}),
                **{k[2:].replace("-", "_"): v for k, v in t.extra.items()},
            }
            for t in project.vocab[name]
        ]
        for name in project.vocab.names()
    }
    return {
        "schema_version": SCHEMA_VERSION,
        "licentie": LICENTIE,
        "aanbod": aanbod,
        "organisaties": organisaties,
        "vocabulaires": vocabulaires,
    }


# -- CSV ----------------------------------------------------------------------
def _cell(column: str, value) -> str:
    if value is None:
        return ""
    if column in _JSON_COLUMNS:
        text = json.dumps(value, ensure_ascii=False)
    elif column in LIST_COLUMNS or (column == "aanbieder" and isinstance(value, list)):
        text = LIST_SEP.join(str(v) for v in value)
    elif column in BOOL_COLUMNS:
        text = "ja" if value else "nee"
    else:
        text = str(value)
    return _no_formula(text)


def _no_formula(text: str) -> str:
    # A cell starting with = + - @ is run as a formula by spreadsheets: prefix a quote.
    return "'" + text if text.startswith(_FORMULA) else text


def to_csv(records: list[dict], columns: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    # Each column's path split once, not once per cell (200,000 cells at 5,000 offers); plain text
    # columns skip the type rules of _cell.
    plan = [
        (c, c.split("."), c in _JSON_COLUMNS or c in LIST_COLUMNS or c in BOOL_COLUMNS or c == "aanbieder")
        for c in columns
    ]
    for record in records:
        row = []
        for column, parts, typed in plan:
            value = record
            for part in parts:
                value = value.get(part) if isinstance(value, dict) else None
                if value is None:
                    break
            row.append(_cell(column, value) if typed or not isinstance(value, str) else _no_formula(value))
        writer.writerow(row)
    return buffer.getvalue()


def parse_cell(column: str, cell: str):
    """One CSV cell as the record's value (the inverse of `_cell`); ValueError for a bad number or JSON."""
    if cell.startswith("'") and cell[1:].startswith(_FORMULA):
        cell = cell[1:]
    if column in _JSON_COLUMNS:
        return json.loads(cell)
    if column in LIST_COLUMNS or (column == "aanbieder" and LIST_SEP.strip() in cell):  # several providers
        return [part.strip() for part in cell.split(LIST_SEP.strip()) if part.strip()]
    if column in BOOL_COLUMNS:
        return cell.strip().lower() == "ja"
    if column in INT_COLUMNS:
        return int(cell)
    return cell


def from_csv(text: str) -> list[dict]:
    """Read a CSV export back into records (the inverse of `to_csv`)."""
    records = []
    for row in csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))):
        record: dict = {}
        for column, cell in row.items():
            if cell == "":
                continue
            value = parse_cell(column, cell)
            target = record
            *parents, last = column.split(".")
            for part in parents:
                target = target.setdefault(part, {})
            target[last] = value
        records.append(record)
    return records


# -- HSDS 3.0 -----------------------------------------------------------------
@functools.lru_cache(maxsize=65536)  # the same taxonomy terms, services and organisations are named from many places
def hsds_id(kind: str, *parts: str) -> str:
    """uuid.uuid5(_NAMESPACE, "kind/part/…") as text, computed without building UUID objects (30,000
    per 1,000 offers)."""
    digest = bytearray(hashlib.sha1(_NAMESPACE_BYTES + "/".join((kind, *parts)).encode("utf-8")).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    x = digest.hex()
    return f"{x[:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:]}"


# HSDS has no "described in a source, not confirmed": such a service is `active` with an alert saying so.
_STATUS = {"beschreven": "active", "bevestigd": "active", "gestopt": "defunct"}
TAXONOMIES = ("helpt_bij", "fase", "soort", "voor", "kenmerk", "situatie", "schooltype")


def _taxonomy(project: Project, name: str) -> dict:
    vocab = project.vocab[name]
    return {
        "id": hsds_id("taxonomy", name),
        "name": f"sociale-kaart-16-27:{name}",
        "description": vocab.description or vocab.title,
        "version": SCHEMA_VERSION,
    }


def _term(project: Project, name: str, term_id: str) -> dict:
    return _vocab_term(project.vocab, name, term_id)


# Keyed on the Vocabularies object (identity): a rebuild in `mkdocs serve` loads new vocabularies, so
# never a stale label.  The same few dozen terms recur in every service; callers never change the dict.
@functools.lru_cache(maxsize=4096)
def _vocab_term(vocab, name: str, term_id: str) -> dict:
    term = vocab[name].terms[term_id]
    return {
        "id": hsds_id("taxonomy_term", name, term_id),
        "code": term_id,
        "name": term.label,
        "description": term.uitleg or term.label,
        "taxonomy": f"sociale-kaart-16-27:{name}",
        "taxonomy_id": hsds_id("taxonomy", name),
        "language": "nl",
    }


def _attributes(project: Project, link_id: str, link_type: str, values: dict[str, tuple]) -> list[dict]:
    out = []
    for name in TAXONOMIES:
        for term_id in values.get(name, ()):
            term = _term(project, name, term_id)
            out.append(
                {
                    "id": hsds_id("attribute", link_id, name, term_id),
                    "link_id": link_id,
                    "link_type": name,
                    "link_entity": link_type,
                    "taxonomy_term_id": term["id"],
                    "value": term_id,
                    "taxonomy_term": term,
                }
            )
    return out


def _service_areas(project: Project, service_id: str, werkgebied: dict) -> list[dict]:
    label = lambda vocab, v: project.vocab[vocab].label(v)
    areas = []
    if werkgebied.get("landelijk"):
        areas.append(
            {
                "id": hsds_id("service_area", service_id, "landelijk"),
                "service_id": service_id,
                "name": "Nederland",
                "description": "Heel Nederland.",
            }
        )
    for regio in werkgebied.get("regio", []):
        gemeenten = project.vocab.gemeenten_per_regio.get(regio, [])
        areas.append(
            {
                "id": hsds_id("service_area", service_id, "regio", regio),
                "service_id": service_id,
                "name": label("regio", regio),
                "description": "Regio met de gemeenten " + ", ".join(label("gemeente", g) for g in gemeenten) + ".",
                "x_regio": regio,
                "x_gemeenten": gemeenten,
            }
        )
    for gemeente in werkgebied.get("gemeenten", []):
        areas.append(
            {
                "id": hsds_id("service_area", service_id, "gemeente", gemeente),
                "service_id": service_id,
                "name": label("gemeente", gemeente),
                "description": f"Gemeente {label('gemeente', gemeente)}.",
                "x_gemeente": gemeente,
            }
        )
    return areas


def _bronnen(project: Project, bronnen) -> list[dict]:
    return [_bron_item(project.vocab, b) for b in bronnen]


# Keyed on the Vocabularies object, as _vocab_term; a source is a frozen value, and most offers cite
# the same few passages.  Callers copy before they add to the dict.
@functools.lru_cache(maxsize=8192)
def _bron_item(vocab, b: Bron) -> dict:
    item = {k: v for k, v in vars(b).items() if v is not None}
    if b.document:
        term = vocab["document"].terms.get(b.document)
        if term:
            item["titel"] = term.label
            item["jaar"] = vocab.document_year(b.document)
    return item


def hsds_organization(project: Project, org: Organisatie) -> dict:
    out = {"id": hsds_id("organization", org.id), "name": org.naam, "description": org.beschrijving, "x_id": org.id}
    if org.contact.get("website"):
        out["website"] = org.contact["website"]
    if org.contact.get("email"):
        out["email"] = org.contact["email"]
    if org.contact.get("telefoon"):
        out["phones"] = [
            {
                "id": hsds_id("phone", "organization", org.id),
                "organization_id": out["id"],
                "number": org.contact["telefoon"],
            }
        ]
    if org.contact.get("adres"):
        out["x_adres"] = org.contact["adres"]
    if org.werkgebied:
        out["x_werkgebied"] = org.werkgebied
    out["x_bronnen"] = _bronnen(project, org.bronnen)
    if org.contact_bronnen:
        out["x_contact_bronnen"] = {veld: _bronnen(project, [b])[0] for veld, b in org.contact_bronnen.items()}
    return out


def eligibility_description(project: Project, a: Aanbod) -> str | None:
    parts = []
    if a.startkwalificatie:
        parts.append(project.vocab["startkwalificatie"].label(a.startkwalificatie) + ".")
    if a.situatie:
        parts.append(
            "Situatie van de jongere: " + ", ".join(project.vocab["situatie"].label(s) for s in a.situatie) + "."
        )
    if a.schooltype:
        parts.append("Schooltype: " + ", ".join(project.vocab["schooltype"].label(s) for s in a.schooltype) + ".")
    if a.kenmerken:
        parts.append("Speciaal voor: " + ", ".join(project.vocab["kenmerk"].label(k) for k in a.kenmerken) + ".")
    if a.voorwaarden:
        parts.append(a.voorwaarden)
    return " ".join(parts) or None


def _application_process(project: Project, a: Aanbod) -> str | None:
    proces = []
    if a.aanmelden:
        proces.append(
            "Aanmelden: " + ", ".join(project.vocab["aanmeldroute"].label(r).lower() for r in a.aanmelden) + "."
        )
    if a.aanmelden_uitleg:
        proces.append(a.aanmelden_uitleg)
    return " ".join(proces) or None


def _hsds_service_fields(project: Project, a: Aanbod, sid: str, org: Organisatie | None, peil: Peil) -> dict:
    """The standard HSDS fields of a service, up to its phones; a field without a value is left out."""
    out: dict = {"id": sid, "name": a.naam, "description": a.beschrijving, "status": _STATUS[a.status]}
    if org:
        out["organization_id"] = hsds_id("organization", org.id)
    if a.contact.get("website"):
        out["url"] = a.contact["website"]
    if a.contact.get("email"):
        out["email"] = a.contact["email"]
    proces = _application_process(project, a)
    if proces:
        out["application_process"] = proces
    if a.kosten:
        out["fees_description"] = a.kosten
    eligibility = eligibility_description(project, a)
    if eligibility:
        out["eligibility_description"] = eligibility
    if a.leeftijd_min is not None:
        out["minimum_age"] = a.leeftijd_min
    if a.leeftijd_max is not None:
        out["maximum_age"] = a.leeftijd_max
    assured = actualiteit.bevestigd_op(a)
    if assured:
        out["assured_date"] = assured
    if a.status == "beschreven":
        out["alert"] = actualiteit.stand(a, project.vocab, peil.vandaag, peil.cadans_maanden) + "."
    if a.contact.get("telefoon"):
        out["phones"] = [{"id": hsds_id("phone", "service", a.id), "service_id": sid, "number": a.contact["telefoon"]}]
    return out


def _hsds_service_extensions(project: Project, a: Aanbod) -> dict:
    """Extensions (x_ prefix, allowed by HSDS): what the standard has no field for."""
    out: dict = {"x_id": a.id, "x_status": a.status}
    if len(a.aanbieders) > 1:  # HSDS has one organization per service: the others, in the source's order
        out["x_organization_ids"] = [hsds_id("organization", o) for o in a.aanbieders]
    out["x_jongerentaal"] = dict(a.jongerentaal)
    if a.nazorg is not None:
        out["x_nazorg"] = {"geboden": a.nazorg, **({"uitleg": a.nazorg_uitleg} if a.nazorg_uitleg else {})}
    if a.resultaten:
        out["x_resultaten"] = [
            {"cijfer": r.cijfer, "wat": r.wat, "jaar": r.jaar, "bron": _bronnen(project, [r.bron])[0]}
            for r in a.resultaten
        ]
    if a.contact.get("adres"):
        out["x_adres"] = a.contact["adres"]
    out["x_bronnen"] = _bronnen(project, a.bronnen)
    if a.contact_bronnen:
        out["x_contact_bronnen"] = {veld: _bronnen(project, [b])[0] for veld, b in a.contact_bronnen.items()}
    if a.doelgroep_bronnen:  # per eligibility fact (leeftijd, situatie, ...) the passage and the source's own words
        typed = a.doelgroep_bron
        out["x_doelgroep_bronnen"] = {
            feit: {**_bron_item(project.vocab, typed[feit]), "citaat": b["citaat"]}
            for feit, b in a.doelgroep_bronnen.items()
        }
    if a.toelichting:
        out["x_toelichting"] = a.toelichting
    return out


def _hsds_service_record_fields(a: Aanbod) -> dict:
    """The record's own fields that HSDS only has as text (eligibility_description, application_process):
    as written too, so a reader (and `kaart importeer`) gets the values back, not a sentence."""
    out: dict = {}
    if a.startkwalificatie:
        out["x_startkwalificatie"] = a.startkwalificatie
    if a.voorwaarden:
        out["x_voorwaarden"] = a.voorwaarden
    if a.aanmelden:
        out["x_aanmelden"] = list(a.aanmelden)
    if a.aanmelden_uitleg:
        out["x_aanmelden_uitleg"] = a.aanmelden_uitleg
    if a.laatst_gecontroleerd:
        out["x_laatst_gecontroleerd"] = a.laatst_gecontroleerd
    if a.trefwoorden:
        out["x_trefwoorden"] = list(a.trefwoorden)
    return out


def hsds_service(project: Project, kaart: Kaart, a: Aanbod, organizations: dict[str, dict] | None = None) -> dict:
    """One offer as an HSDS 3.0 service (`organizations`: hsds_organization per id, made once for all services)."""
    sid = hsds_id("service", a.id)
    org = kaart.organisaties.get(a.aanbieder)
    # The parts are joined in this order because the key order is the order of the published JSON.
    out = _hsds_service_fields(project, a, sid, org, kaart.peil)
    out["service_areas"] = _service_areas(project, sid, a.werkgebied)
    if org:
        out["organization"] = organizations[org.id] if organizations else hsds_organization(project, org)
    out["attributes"] = _attributes(
        project,
        sid,
        "service",
        {
            "helpt_bij": a.helpt_bij,
            "fase": a.fase,
            "soort": (a.soort,),
            "voor": a.voor,
            "kenmerk": a.kenmerken,
            "situatie": a.situatie,
            "schooltype": a.schooltype,
        },
    )
    out.update(_hsds_service_extensions(project, a))
    out.update(_hsds_service_record_fields(a))
    return out


def _page(contents: list) -> dict:
    """One page holding everything, in the shape of the HSDS 3.0 API list responses."""
    return {
        "total_items": len(contents),
        "total_pages": 1,
        "page_number": 1,
        "size": len(contents),
        "first_page": True,
        "last_page": True,
        "empty": not contents,
        "contents": contents,
    }


def hsds(project: Project, kaart: Kaart) -> dict[str, dict]:
    embedded = {org.id: hsds_organization(project, org) for org in kaart.organisaties.values()}
    services = [hsds_service(project, kaart, a, embedded) for a in sorted(kaart.aanbod.values(), key=lambda a: a.id)]
    organizations = []
    for org in sorted(kaart.organisaties.values(), key=lambda o: o.id):
        item = {**embedded[org.id], "x_services": [hsds_id("service", a.id) for a in kaart.aanbod_van(org.id)]}
        organizations.append(item)
    taxonomies = [_taxonomy(project, name) for name in TAXONOMIES]
    terms = [_term(project, name, t.id) for name in TAXONOMIES for t in project.vocab[name]]
    return {
        "services.json": _page(services),
        "organizations.json": _page(organizations),
        "taxonomies.json": _page(taxonomies),
        "taxonomy_terms.json": _page(terms),
    }


def json_bytes(data) -> bytes:
    # Compact: these files are read by programs, and json's C encoder only runs without indent
    # (pretty-printing 5,000 offers took half the export time).  `python -m json.tool` shows them to people.
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@dataclass
class Tables:
    """kaart.json's content and the HSDS lists as Python objects, and every record in them encoded once:
    the whole-map files and kaart.export.opendata's file per record are spliced from the same text."""

    data: dict
    lists: dict[str, dict]
    encoded: dict[int, list[str]]  # id() of a list of records -> each record's JSON text

    def json_bytes(self, value: dict) -> bytes:
        """`json_bytes(value)`, byte for byte, with the lists of records taken from `encoded`."""
        parts = []
        for key, item in value.items():
            known = self.encoded.get(id(item))
            parts.append(_dumps(key) + ":" + ("[" + ",".join(known) + "]" if known is not None else _dumps(item)))
        return ("{" + ",".join(parts) + "}\n").encode("utf-8")


def tables(project: Project, kaart: Kaart, records: Records) -> Tables:
    data, lists = kaart_json(project, kaart, records), hsds(project, kaart)
    encoded = {
        id(items): [_dumps(r) for r in items]
        for items in (
            data["aanbod"],
            data["organisaties"],
            lists["services.json"]["contents"],
            lists["organizations.json"]["contents"],
        )
    }
    return Tables(data, lists, encoded)


def export_files(project: Project, kaart: Kaart, records: Records, computed: Tables | None = None) -> dict[str, bytes]:
    """Every whole-map open-data file, keyed by its path in the built site (`computed`: from `tables`)."""
    computed = computed or tables(project, kaart, records)
    data, lists = computed.data, computed.lists
    files = {
        "data/kaart.json": computed.json_bytes(data),
        # utf-8 with BOM: spreadsheet programs then read ë and é correctly
        "data/aanbod.csv": to_csv(data["aanbod"], AANBOD_COLUMNS).encode("utf-8-sig"),
        "data/organisaties.csv": to_csv(data["organisaties"], ORGANISATIE_COLUMNS).encode("utf-8-sig"),
    }
    for name, content in lists.items():
        files[f"data/hsds/{name}"] = computed.json_bytes(content)
    return files
