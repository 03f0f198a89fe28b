"""The HSDS 3.0 profile of this kaart, and the HSDS feed as a static API.

HSDS lets a publication declare a profile: changes to the HSDS schema files written as JSON
Merge Patches (RFC 7386), one file per schema it changes, with the same name
(docs: openreferral.org, "Profiles Reference"). Ours:

- service.json, organization.json, service_area.json: the x_ extensions the feed carries
  (the youth text, the sources per fact, werkgebied, situatie ...), each described and typed;
- attribute.json, taxonomy_term.json: the attributes of a service come from our taxonomies
  (helpt_bij, fase, soort, voor, kenmerk, situatie, schooltype: /data/hsds/taxonomy_terms.json);
- openapi.json: a static host answers no query, so every query parameter goes, and the
  endpoints we do not publish (service_at_locations, one taxonomy or term by id) go too.

Published under /data/hsds/profile/; HSDS's own files (schemas/hsds3/, CC BY-SA 4.0) with the
profile merged in under /data/hsds/schema/ and as /data/hsds/openapi.json, which the API root
/data/hsds/index.json names with the profile.
"""

from __future__ import annotations

import copy
import json

from kaart.export.tables import _TAXONOMIES, HSDS_VERSION, LICENTIE, SCHEMA_VERSION
from kaart.project import Project

PROFIEL_VERSIE = "1.0.0"
PROFIEL_PAGINA = "open-data/#hsds-profiel"  # the page that describes the profile (content/open-data/index.md)
TAXONOMIE = "sociale-kaart-16-27:"

_TEKST = {"type": "string"}
_BRON = {
    "type": "object",
    "description": "Een bron zoals het aanbod hem noemt: document (met titel en jaar), titel en jaar, of bevestigd (datum) "
    "met door; onderdeel noemt tabel of paragraaf.",
    "properties": {
        "document": _TEKST,
        "titel": _TEKST,
        "jaar": {"type": "integer"},
        "onderdeel": _TEKST,
        "url": _TEKST,
        "bevestigd": {"type": "string", "format": "date"},
        "door": _TEKST,
    },
}
_WERKGEBIED = {
    "type": "object",
    "description": "Werkgebied zoals het record het schrijft: gemeenten, regio's (ids uit vocabulaires.schema.json) of landelijk.",
    "properties": {
        "gemeenten": {"type": "array", "items": _TEKST},
        "regio": {"type": "array", "items": _TEKST},
        "landelijk": {"type": "boolean"},
    },
}


def _x(description: str, schema: dict | None = None) -> dict:
    return {**(schema or _TEKST), "description": description}


def patches() -> dict[str, dict]:
    """The profile: one JSON Merge Patch per HSDS schema file it changes."""
    return {
        "service.json": {
            "description": "HSDS 3.0 service met het profiel van de Sociale kaart 16-27: één aanbod voor jongeren van 16 tot 27 jaar.",
            "properties": {
                "x_id": _x("Id van het aanbod op de kaart (aanbod/<id>.yml, pagina aanbod/<id>/)."),
                "x_status": _x(
                    "Wie zegt dat het aanbod bestaat: beschreven (een bron), bevestigd (de aanbieder) of gestopt.",
                    {"type": "string", "enum": ["beschreven", "bevestigd", "gestopt"]},
                ),
                "x_organization_ids": _x(
                    "Alle aanbieders die de bron noemt, in haar volgorde (HSDS kent één organization per service).",
                    {"type": "array", "items": _TEKST},
                ),
                "x_jongerentaal": _x(
                    "Korte tekst voor de jongere zelf, in vier blokjes.",
                    {
                        "type": "object",
                        "properties": {
                            k: _TEKST for k in ("wat_is_het", "is_het_voor_mij", "wat_krijg_je", "hoe_begin_je")
                        },
                        "required": ["wat_is_het", "is_het_voor_mij", "wat_krijg_je", "hoe_begin_je"],
                    },
                ),
                "x_nazorg": _x(
                    "Of er nazorg is (geboden) en wat die inhoudt (uitleg).",
                    {"type": "object", "properties": {"geboden": {"type": "boolean"}, "uitleg": _TEKST}},
                ),
                "x_resultaten": _x(
                    "Wat bekend is over het effect: cijfer, wat het meet, jaar en bron.",
                    {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {"cijfer": _TEKST, "wat": _TEKST, "jaar": {"type": "integer"}, "bron": _BRON},
                        },
                    },
                ),
                "x_adres": _x("Bezoekadres zoals de bron het noemt."),
                "x_bronnen": _x("De bronnen van het aanbod.", {"type": "array", "items": _BRON}),
                "x_contact_bronnen": _x(
                    "Per contactgegeven (website, telefoon, email, adres) zijn eigen bron.",
                    {"type": "object", "additionalProperties": _BRON},
                ),
                "x_doelgroep_bronnen": _x(
                    "Per feit over de doelgroep (leeftijd, startkwalificatie, situatie, schooltype, kenmerken) de plek "
                    "in de bron met de woorden van de bron (citaat).",
                    {
                        "type": "object",
                        "additionalProperties": {**_BRON, "properties": {**_BRON["properties"], "citaat": _TEKST}},
                    },
                ),
                "x_startkwalificatie": _x(
                    "Of de jongere een startkwalificatie moet hebben: zonder, met of beide.",
                    {"type": "string", "enum": ["zonder", "met", "beide"]},
                ),
                "x_voorwaarden": _x("Voorwaarden in gewone woorden, zoals de bron ze noemt."),
                "x_aanmelden": _x(
                    "Langs welke wegen een jongere binnenkomt (ids van de lijst aanmeldroute).",
                    {"type": "array", "items": _TEKST},
                ),
                "x_aanmelden_uitleg": _x("Hoe het aanmelden gaat, zoals de bron het beschrijft."),
                "x_laatst_gecontroleerd": _x(
                    "Datum waarop de aanbieder de gegevens aan de redactie bevestigde.",
                    {"type": "string", "format": "date"},
                ),
                "x_trefwoorden": _x("Trefwoorden van de redactie.", {"type": "array", "items": _TEKST}),
                "x_toelichting": _x("Toelichting van de redactie: wat de bronnen niet zeggen."),
            },
        },
        "organization.json": {
            "properties": {
                "x_id": _x("Id van de organisatie op de kaart (aanbod/organisaties/<id>.yml)."),
                "x_werkgebied": _x("Het werkgebied van de organisatie.", _WERKGEBIED),
                "x_adres": _x("Bezoekadres zoals de bron het noemt."),
                "x_bronnen": _x("De bronnen van de organisatie.", {"type": "array", "items": _BRON}),
                "x_contact_bronnen": _x(
                    "Per contactgegeven zijn eigen bron.", {"type": "object", "additionalProperties": _BRON}
                ),
                "x_services": _x("De ids van haar services.", {"type": "array", "items": _TEKST}),
            },
        },
        "service_area.json": {
            "properties": {
                "x_gemeente": _x("Id van de gemeente (vocabulaires.schema.json, gemeente)."),
                "x_regio": _x("Id van de regio (vocabulaires.schema.json, regio)."),
                "x_gemeenten": _x("De gemeenten van de regio.", {"type": "array", "items": _TEKST}),
            },
        },
        "attribute.json": {
            "properties": {
                "link_type": {
                    "description": "De lijst waar de term uit komt; bij een service de kenmerken van het aanbod: "
                    "helpt_bij, fase, soort, voor, kenmerk, situatie (de situatie van de jongere) en schooltype.",
                    "enum": list(_TAXONOMIES),
                }
            }
        },
        "taxonomy_term.json": {
            "properties": {
                "taxonomy": {
                    "description": "De taxonomie van de kaart waar de term bij hoort (/data/hsds/taxonomies.json).",
                    "enum": [TAXONOMIE + name for name in _TAXONOMIES],
                }
            }
        },
        "openapi.json": _openapi_patch(),
    }


def _openapi_patch() -> dict:
    """Static files answer every request the same: no query parameters, and only the endpoints we publish."""
    geen_parameters = {"get": {"parameters": None}}
    return {
        "info": {
            "title": "Sociale kaart 16-27: HSDS 3.0",
            "version": PROFIEL_VERSIE,
            "summary": "Het aanbod voor jongeren van 16 tot 27 jaar als HSDS 3.0, als statische bestanden.",
            "description": "Elk pad is een bestand: voeg .json toe (/services wordt services.json, /services/{id} "
            "wordt services/{id}.json, / wordt index.json). Een statische host beantwoordt geen zoekvragen, "
            "dus geen enkel pad neemt query-parameters; elke lijst is één pagina met alles.",
            "contact": None,
            "license": {"name": "CC0 1.0", "identifier": LICENTIE, "url": None},
        },
        "paths": {
            "/services": geen_parameters,
            "/organizations": geen_parameters,
            "/organizations/{id}": geen_parameters,
            "/taxonomies": geen_parameters,
            "/taxonomy_terms": geen_parameters,
            "/taxonomies/{id}": None,  # not published: every taxonomy and term is in the lists
            "/taxonomy_terms/{id}": None,
            "/service_at_locations": None,  # the kaart has no locations
            "/service_at_locations/{id}": None,
        },
        "components": {
            "parameters": {
                name: None
                for name in (
                    "search",
                    "page",
                    "per_page",
                    "minimal",
                    "full",
                    "modified_after",
                    "taxonomy_term_id",
                    "taxonomy_id",
                    "organization_id",
                    "full_service",
                    "postcode",
                    "proximity",
                    "format",
                )
            }
        },
    }


def merge_patch(target, patch):
    """RFC 7386: an object merges key by key, null removes, anything else replaces."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    out = copy.deepcopy(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = merge_patch(out.get(key), value)
    return out


def _url(site_url: str | None, path: str) -> str:
    base = (site_url or "").rstrip("/")
    return f"{base}/{path}" if base else path


def api_root(site_url: str | None) -> dict:
    """/data/hsds/index.json: which HSDS version, which profile, which API description."""
    return {
        "version": HSDS_VERSION,
        "profile": _url(site_url, PROFIEL_PAGINA),
        "openapi_url": _url(site_url, "data/hsds/openapi.json"),
        "x_profiel_versie": PROFIEL_VERSIE,
        "x_profiel_bestanden": _url(site_url, "data/hsds/profile/"),
        "x_schema_version": SCHEMA_VERSION,
        "x_licentie": LICENTIE,
    }


def profiel_files(project: Project, site_url: str | None) -> dict[str, dict]:
    """The profile's patches; HSDS's schemas with the profile merged in (/data/hsds/schema/, as the profile
    documentation recommends, so a tool validates without merging); openapi.json likewise, with this site as server."""
    profiel = patches()
    out = {f"data/hsds/profile/{name}": patch for name, patch in profiel.items()}
    for path in sorted((project.schemas_dir / "hsds3").glob("*.json")):
        official = json.loads(path.read_text(encoding="utf-8"))
        merged = merge_patch(official, profiel[path.name]) if path.name in profiel else official
        if path.name == "openapi.json":
            merged["servers"] = [
                {"url": _url(site_url, "data/hsds"), "description": "Statische bestanden: elk pad + .json"}
            ]
            out["data/hsds/openapi.json"] = merged
        else:
            out[f"data/hsds/schema/{path.name}"] = merged
    out["data/hsds/index.json"] = api_root(site_url)
    return out
