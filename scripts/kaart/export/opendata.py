"""Open data per record, the schemas and a Frictionless data package, at stable URLs.

    schemas/<naam>.schema.json            the JSON Schemas of the records, as in the repository
    data/aanbod/<id>.json                 one offer as written, with its page (`pagina`) and HSDS file (`hsds`)
    data/organisaties/<id>.json           one organisation as written, with `pagina` and `hsds`
    data/hsds/services/<uuid>.json        one HSDS 3.0 service, as the API answers GET /services/{id}
    data/hsds/organizations/<uuid>.json   one HSDS 3.0 organization (GET /organizations/{id})
    data/datapackage.json                 Frictionless Data Package: the two CSV files and their columns

kaart.export.tables writes the whole-map files (kaart.json, the CSVs, the HSDS lists);
this module only adds what a tool needs to fetch one record or to read the CSVs
without guessing.  Paths in `pagina` and `hsds` are relative to the site root
(the folder that holds data/), so they stay true wherever the site is hosted.
"""

from __future__ import annotations

import json

from kaart.export.profiel import profiel_files
from kaart.export.tables import (
    AANBOD_COLUMNS,
    BOOL_COLUMNS,
    INT_COLUMNS,
    LICENTIE,
    LIST_COLUMNS,
    LIST_SEP,
    ORGANISATIE_COLUMNS,
    SCHEMA_VERSION,
    Tables,
    export_files,
    published,
    tables,
)
from kaart.export.tables import (
    json_bytes as _json,
)
from kaart.instellingen import Instellingen
from kaart.model import Kaart
from kaart.project import Project
from kaart.records.load import Records

SCHEMA_NAMES = ("aanbod", "organisatie", "vocabulaires")
# Scalar columns whose values come from one vocabulary: the data package lists the allowed ids.
_VOCAB_COLUMNS = {"status": "status", "soort": "soort", "doelgroep.startkwalificatie": "startkwalificatie"}


def record_files(computed: Tables) -> dict[str, bytes]:
    """One JSON file per offer and organisation, and one HSDS file per service and organization.

    `computed` holds kaart.export.tables's tables: kaart.json's records (which carry `pagina` and `hsds`) and
    the HSDS lists, each record already encoded once; the files are that text, so nothing is done twice.
    """
    files: dict[str, bytes] = {}
    # {"schema_version":…,"licentie":…, then the record's own keys: as _json({…, **record}) writes it
    header = _json({"schema_version": SCHEMA_VERSION, "licentie": LICENTIE}).decode("utf-8").rstrip("\n")[:-1]
    for kind, items in (("aanbod", computed.data["aanbod"]), ("organisatie", computed.data["organisaties"])):
        for record, text in zip(items, computed.encoded[id(items)]):
            files[published(kind, record["id"])["json"]] = (header + "," + text[1:] + "\n").encode("utf-8")
    for kind, key in (("aanbod", "services.json"), ("organisatie", "organizations.json")):
        items = computed.lists[key]["contents"]
        for item, text in zip(items, computed.encoded[id(items)]):
            files[published(kind, item["x_id"])["hsds"]] = (text + "\n").encode("utf-8")
    return files


def schema_files(project: Project) -> dict[str, bytes]:
    """The schemas as in the repository (compact, as all machine-read JSON): their `$ref`s are
    relative, so they resolve next to each other."""
    return {
        f"schemas/{name}.schema.json": _json(
            json.loads((project.schemas_dir / f"{name}.schema.json").read_text(encoding="utf-8"))
        )
        for name in SCHEMA_NAMES
    }


# -- Frictionless data package ---------------------------------------------------
def _property(schema: dict, dotted: str) -> dict:
    node = schema
    for part in dotted.split("."):
        node = (node.get("properties") or {}).get(part) or {}
    return node


def _field(column: str, schema: dict, project: Project) -> dict:
    prop = _property(schema, column)
    field: dict = {"name": column, "type": "string"}
    if prop.get("title"):
        field["title"] = prop["title"]
    description = prop.get("description", "")
    if column in INT_COLUMNS:
        field["type"] = "integer"
    elif column in BOOL_COLUMNS:
        field.update(type="boolean", trueValues=["ja"], falseValues=["nee"])
    elif column in LIST_COLUMNS:
        description = (description + " " if description else "") + f"Een lijst: waarden gescheiden door '{LIST_SEP}'."
    elif column in ("bronnen", "resultaten"):
        description = (description + " " if description else "") + "Als JSON in het vakje."
    elif column == "laatst_gecontroleerd":
        field["type"] = "date"
    if description:
        field["description"] = description
    if column == "id":
        field["constraints"] = {"required": True, "unique": True, "pattern": "[a-z0-9]+(-[a-z0-9]+)*"}
    elif column in _VOCAB_COLUMNS:
        field["constraints"] = {"enum": [t.id for t in project.vocab[_VOCAB_COLUMNS[column]]]}
    return field


def _resource(name: str, path: str, title: str, columns: list[str], schema: dict, project: Project) -> dict:
    return {
        "name": name,
        "path": path,
        "title": title,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8-sig",
        "dialect": {"delimiter": ",", "header": True, "doubleQuote": True},
        "schema": {"fields": [_field(c, schema, project) for c in columns], "primaryKey": ["id"]},
    }


def datapackage(project: Project) -> dict:
    """A Frictionless Data Package (v1) that describes aanbod.csv and organisaties.csv, column by column."""
    aanbod = json.loads((project.schemas_dir / "aanbod.schema.json").read_text(encoding="utf-8"))
    organisatie = json.loads((project.schemas_dir / "organisatie.schema.json").read_text(encoding="utf-8"))
    return {
        "profile": "tabular-data-package",
        "name": "sociale-kaart-16-27",
        "title": "Sociale kaart 16-27",
        "description": "Het aanbod voor jongeren van 16 tot 27 jaar zonder school of werk, en de organisaties die het "
        "bieden. "
        "Een leeg vakje betekent: niet bekend in de bron.",
        "version": SCHEMA_VERSION,
        "licenses": [
            {"name": LICENTIE, "path": "https://creativecommons.org/publicdomain/zero/1.0/", "title": "CC0 1.0"}
        ],
        "resources": [
            _resource("aanbod", "aanbod.csv", "Aanbod, één regel per aanbod", AANBOD_COLUMNS, aanbod, project),
            _resource(
                "organisaties",
                "organisaties.csv",
                "Organisaties, één regel per organisatie",
                ORGANISATIE_COLUMNS,
                organisatie,
                project,
            ),
        ],
    }


def publish(project: Project, kaart: Kaart, records: Records, site_url: str | None = None) -> dict[str, bytes]:
    """Every open-data file, keyed by its path in the built site: kaart.export.tables's whole-map files,
    then one per record, the schemas and datapackage.json, and the HSDS profile with the API root
    (kaart.export.profiel; `site_url` makes its URLs absolute, default mkdocs.yml's site_url)."""
    computed = tables(project, kaart, records)
    out = export_files(project, kaart, records, computed)
    out.update(schema_files(project))
    out.update(record_files(computed))
    out["data/datapackage.json"] = _json(datapackage(project))
    if site_url is None:
        site_url = Instellingen.lees(project.root).site_url
    out.update({path: _json(data) for path, data in profiel_files(project, site_url).items()})
    return out
