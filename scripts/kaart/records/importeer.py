"""Offers from a region's own list: spreadsheet rows or an HSDS 3.0 feed as records (data in, data out).

Three inputs, one result (`Rij`: a record, the organisations it needs, and where each field came
from so a message can name the cell or JSON path):

- `tabel_rijen`: rows of a CSV or .xlsx sheet in the columns of our own aanbod.csv
  (kaart.export.tables.AANBOD_COLUMNS); `organisatie_rijen` for organisaties.csv;
- `hsds_rijen`: the services of an HSDS 3.0 feed (our own, with its x_ extensions, or anyone's).

Values are mapped onto our vocabularies (an id, or a label in any case); an unknown value gets a
suggestion. Each record gets a source naming the file and the date of the import. Whether a
record passes is for `kaart check` to say: kaart.cli.importeer checks the records in a copy of the
project and writes only those that pass.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import json
import re
import unicodedata
from dataclasses import dataclass, field

from kaart.export.tables import AANBOD_COLUMNS, ORGANISATIE_COLUMNS, parse_cell

# The columns whose values come from a vocabulary (schemas/vocabulaires.schema.json).
VOCAB_KOLOMMEN = {
    "status": "status",
    "soort": "soort",
    "fase": "fase",
    "helpt_bij": "helpt_bij",
    "voor": "voor",
    "doelgroep.startkwalificatie": "startkwalificatie",
    "doelgroep.situatie": "situatie",
    "doelgroep.schooltype": "schooltype",
    "doelgroep.kenmerken": "kenmerk",
    "werkgebied.gemeenten": "gemeente",
    "werkgebied.regio": "regio",
    "toegang.aanmelden": "aanmeldroute",
}
_JA_NEE = {"werkgebied.landelijk", "nazorg.geboden"}
_GETAL = {"doelgroep.leeftijd.min", "doelgroep.leeftijd.max"}
PROFIEL_TAXONOMIE = "sociale-kaart-16-27:"  # our taxonomies in an HSDS feed (kaart.export.tables)


@dataclass(frozen=True)
class Melding:
    """A problem with one cell or JSON path: `bestand:rij:kolom: wat — oplossing`."""

    waar: str  # "lijst.csv:3" or "services.json"
    veld: str  # the column, or the JSON path
    tekst: str

    def __str__(self) -> str:
        return f"{self.waar}:{self.veld}: {self.tekst}"


@dataclass
class Rij:
    waar: str  # "lijst.csv:3": file and row (or file and JSON path of the service)
    data: dict  # the record
    kolommen: dict[str, str] = field(default_factory=dict)  # record field (dotted) -> column or JSON path
    organisaties: list[dict] = field(default_factory=list)
    meldingen: list[Melding] = field(default_factory=list)

    def kolom(self, veld: str) -> str:
        """The column or JSON path a record field (as `kaart check` names it) came from."""
        while veld:
            if veld in self.kolommen:
                return self.kolommen[veld]
            veld = veld.rpartition(".")[0]
        return self.kolommen.get("", "")


def slug(text: str) -> str:
    """An id as the schema wants it: 'De Schoor B.V.' -> 'de-schoor-b-v'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:80].strip("-")


def importbron(bestand: str, datum: dt.date, waar: str) -> dict:
    """The source of an imported record: the file, where in it, and the date of the import (no year: the
    list does not say how old it is, and the site must not call it new)."""
    return {"titel": f"Import uit {bestand}", "onderdeel": f"{waar}, ingelezen op {datum.isoformat()}"}


def _zet(record: dict, pad: str, waarde) -> None:
    *ouders, laatste = pad.split(".")
    for deel in ouders:
        record = record.setdefault(deel, {})
    record[laatste] = waarde


def _haal(record: dict, pad: str):
    for deel in pad.split("."):
        if not isinstance(record, dict):
            return None
        record = record.get(deel)
    return record


# -- vocabularies --------------------------------------------------------------------------------
def vocab_waarde(vocab, naam: str, waarde: str) -> tuple[str | None, str]:
    """(id, '') for a known id or label in any case, else (None, the Dutch fix with a suggestion)."""
    v = vocab[naam]
    tekst = str(waarde).strip()
    if tekst in v.terms:
        return tekst, ""
    kandidaten = {t.id.lower(): t.id for t in v} | {t.label.lower(): t.id for t in v}
    kandidaten |= {slug(t.label): t.id for t in v}
    for sleutel in (tekst.lower(), slug(tekst)):
        if sleutel in kandidaten:
            return kandidaten[sleutel], ""
    dichtbij = difflib.get_close_matches(tekst.lower(), list(kandidaten), n=1, cutoff=0.6)
    hint = f"bedoel je '{kandidaten[dichtbij[0]]}'? " if dichtbij else ""
    opties = ", ".join(v.ids) if len(v.ids) <= 20 else ", ".join(v.ids[:20]) + ", …"
    return None, f"'{tekst}' staat niet in de lijst '{naam}' — {hint}kies uit: {opties}"


def map_vocabulaires(rij: Rij, vocab) -> None:
    """Every vocabulary field of the record as ids; each unknown value a message with a suggestion."""
    for pad, naam in VOCAB_KOLOMMEN.items():
        waarde = _haal(rij.data, pad)
        if waarde is None:
            continue
        lijst = isinstance(waarde, list)
        uit = []
        for w in waarde if lijst else [waarde]:
            gevonden, fout = vocab_waarde(vocab, naam, w)
            if fout:
                rij.meldingen.append(Melding(rij.waar, rij.kolom(pad), fout))
            else:
                uit.append(gevonden)
        _zet(rij.data, pad, list(dict.fromkeys(uit)) if lijst else (uit[0] if uit else waarde))


# -- spreadsheets ------------------------------------------------------------------------------
def _cel(kolom: str, cel: str, waar: str, meldingen: list[Melding]):
    """One cell as the record's value, or None with a message."""
    if kolom in _JA_NEE and cel.strip().lower() not in ("ja", "nee"):
        meldingen.append(Melding(waar, kolom, f"'{cel}' is geen ja of nee — schrijf ja of nee"))
        return None
    if kolom in _GETAL:
        cel = cel.strip()
    try:
        return parse_cell(kolom, cel)
    except json.JSONDecodeError as exc:
        meldingen.append(
            Melding(
                waar,
                kolom,
                f"geen geldige JSON ({exc.msg}, teken {exc.pos + 1}) — schrijf de lijst zoals kaart export hem "
                'schrijft, bijvoorbeeld [{"titel": "Jaarverslag", "jaar": 2024}], of laat de cel leeg',
            )
        )
    except ValueError:
        meldingen.append(Melding(waar, kolom, f"'{cel}' is geen heel getal — schrijf een leeftijd als 16"))
    return None


def kolom_meldingen(bestand: str, koppen: list[str], kolommen: list[str]) -> list[Melding]:
    """Columns the sheet has that we do not know: said once, with the nearest known column."""
    out = []
    for nummer, kop in enumerate(koppen, 1):
        if kop and kop not in kolommen:
            dichtbij = difflib.get_close_matches(kop, kolommen, n=1, cutoff=0.6)
            hint = f"bedoel je '{dichtbij[0]}'? " if dichtbij else ""
            out.append(
                Melding(
                    f"{bestand}:1",
                    kop,
                    f"onbekende kolom (kolom {nummer}); de waarden worden niet gelezen — {hint}"
                    "gebruik de kolomnamen van aanbod.csv uit kaart export",
                )
            )
    return out


def _lees_rij(waar: str, cellen: dict[str, str], kolommen) -> Rij:
    """The filled cells of one row in the known columns, as a record (empty cells and other columns skipped)."""
    rij = Rij(waar, {}, kolommen={k: k for k in kolommen})
    for kolom, cel in cellen.items():
        if kolom not in kolommen or cel is None or not str(cel).strip():
            continue
        # the text as written (a description keeps its final line end, as YAML's `|` gives it)
        waarde = _cel(kolom, str(cel), waar, rij.meldingen)
        if waarde is not None:
            _zet(rij.data, kolom, waarde)
    return rij


def tabel_rijen(bestand: str, rijen: list[tuple[int, dict[str, str]]], datum: dt.date) -> list[Rij]:
    """Rows of a sheet in the columns of aanbod.csv (row number, {column: cell text}) as records."""
    out = []
    for nummer, cellen in rijen:
        waar = f"{bestand}:{nummer}"
        rij = _lees_rij(waar, cellen, AANBOD_COLUMNS)
        if not rij.data:
            continue  # an empty row in a spreadsheet
        if "id" not in rij.data and rij.data.get("naam"):
            rij.data["id"] = slug(rij.data["naam"])
            rij.kolommen["id"] = "naam"
        doelgroep = rij.data.get("doelgroep")
        if isinstance(doelgroep, dict):  # each eligibility fact needs its passage: the cells themselves
            bronnen = doelgroep.setdefault("bronnen", {})
            for feit in ("leeftijd", "startkwalificatie", "situatie", "schooltype", "kenmerken"):
                if feit in doelgroep and feit not in bronnen:
                    kolommen = [
                        k for k in AANBOD_COLUMNS if k.startswith(f"doelgroep.{feit}") and cellen.get(k, "").strip()
                    ]
                    bronnen[feit] = {
                        **importbron(bestand, datum, f"rij {nummer}, kolom {', '.join(kolommen)}"),
                        "citaat": "; ".join(f"{k}: {cellen[k].strip()}" for k in kolommen),
                    }
            if not bronnen:
                del doelgroep["bronnen"]
            else:
                doelgroep["bronnen"] = doelgroep.pop("bronnen")
        contact = rij.data.get("contact")
        if isinstance(contact, dict):
            bronnen = contact.setdefault("bronnen", {})
            for veld in ("website", "telefoon", "email", "adres"):  # each contact value needs its own source
                if veld in contact and veld not in bronnen:
                    bronnen[veld] = importbron(bestand, datum, f"rij {nummer}, kolom contact.{veld}")
            contact["bronnen"] = contact.pop("bronnen")
        rij.data["bronnen"] = list(rij.data.get("bronnen") or []) + [importbron(bestand, datum, f"rij {nummer}")]
        out.append(rij)
    return out


def organisatie_rijen(bestand: str, rijen: list[tuple[int, dict[str, str]]], datum: dt.date) -> list[Rij]:
    """organisaties.csv (as kaart export writes it) as organisation records."""
    out = []
    for nummer, cellen in rijen:
        waar = f"{bestand}:{nummer}"
        rij = _lees_rij(waar, cellen, ORGANISATIE_COLUMNS)
        if rij.data:
            rij.data["bronnen"] = list(rij.data.get("bronnen") or []) + [importbron(bestand, datum, f"rij {nummer}")]
            out.append(rij)
    return out


def nieuwe_organisatie(naam: str, bestand: str, datum: dt.date, waar: str) -> dict:
    """An organisation the list names as provider but the kaart does not know yet: its name and where it was named."""
    return {
        "id": slug(naam),
        "naam": naam,
        "beschrijving": f"Aanbieder genoemd in {bestand} ({waar}).",
        "bronnen": [importbron(bestand, datum, waar)],
    }


def koppel_aanbieders(rij: Rij, bekend: dict[str, dict], bestand: str, datum: dt.date) -> None:
    """`aanbieder` as organisation ids: a known id stays, a name becomes an id (and a new organisation)."""
    waarde = rij.data.get("aanbieder")
    if waarde is None:
        return
    namen = waarde if isinstance(waarde, list) else [waarde]
    ids = []
    for naam in namen:
        if naam in bekend:
            ids.append(naam)
            continue
        by_naam = {o.get("naam", "").lower(): i for i, o in bekend.items()}
        if naam.lower() in by_naam:
            ids.append(by_naam[naam.lower()])
            continue
        org = nieuwe_organisatie(naam, bestand, datum, f"rij {rij.waar.rpartition(':')[2]}")
        if not org["id"]:
            rij.meldingen.append(
                Melding(
                    rij.waar, rij.kolom("aanbieder"), f"'{naam}' is geen naam van een organisatie — schrijf de naam"
                )
            )
            continue
        bekend[org["id"]] = org
        rij.organisaties.append(org)
        ids.append(org["id"])
    rij.data["aanbieder"] = ids[0] if len(ids) == 1 else ids


# -- HSDS 3.0 ---------------------------------------------------------------------------------------
_HSDS_STATUS = {"active": "beschreven", "inactive": "gestopt", "defunct": "gestopt", "temporarily closed": "beschreven"}


def _inhoud(data) -> tuple[list, str]:
    """The objects of a list response ({contents: [...]}) or a plain list or one object, with their JSON path."""
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        return data["contents"], "contents"
    if isinstance(data, list):
        return data, ""
    return ([data], "") if isinstance(data, dict) else ([], None)


def _bron_zonder_afgeleid(bron: dict) -> dict:
    """A source as our feed publishes it (document plus its title and year) back as the record writes it."""
    bron = dict(bron)
    if bron.get("document"):
        bron.pop("titel", None)
        bron.pop("jaar", None)
    return bron


def _nummer(value) -> str:
    """A phone number without the quotes some feeds put around it (the official examples write '"+44 …"')."""
    return str(value).strip().strip("\"'").strip()


def hsds_organisatie(org: dict, bestand: str, datum: dt.date, pad: str) -> dict:
    out = {"id": org.get("x_id") or slug(str(org.get("name", ""))), "naam": org.get("name")}
    out["beschrijving"] = org.get("description") or f"Organisatie uit {bestand}."
    contact = {}
    for hsds_veld, veld in (("website", "website"), ("email", "email")):
        if org.get(hsds_veld):
            contact[veld] = org[hsds_veld]
    phones = org.get("phones") or []
    if phones and isinstance(phones[0], dict) and phones[0].get("number"):
        contact["telefoon"] = _nummer(phones[0]["number"])
    if org.get("x_adres"):
        contact["adres"] = org["x_adres"]
    if contact:
        eigen = org.get("x_contact_bronnen") or {}
        contact["bronnen"] = {
            v: _bron_zonder_afgeleid(eigen[v]) if v in eigen else importbron(bestand, datum, f"{pad}.{v}")
            for v in contact
        }
        out["contact"] = contact
    if org.get("x_werkgebied"):
        out["werkgebied"] = org["x_werkgebied"]
    bronnen = [_bron_zonder_afgeleid(b) for b in org.get("x_bronnen") or []]
    out["bronnen"] = bronnen + [importbron(bestand, datum, pad)]
    return {k: v for k, v in out.items() if v is not None}


def hsds_organisatie_diensten(org: dict) -> list[dict]:
    """The services inside one organization object (organization_full.json), each with its organization."""
    zelf = {k: v for k, v in org.items() if k != "services"}
    return [{**s, "organization": zelf} if isinstance(s, dict) else s for s in org.get("services") or []]


def is_dienst(data) -> bool:
    """An HSDS service (it has a status, its organization or its areas), not an organization."""
    return isinstance(data, dict) and any(
        k in data for k in ("status", "organization_id", "organization", "service_areas")
    )


def is_organisatie(data) -> bool:
    return isinstance(data, dict) and isinstance(data.get("services"), list) and "service_areas" not in data


def hsds_rijen(
    bestand: str, data, datum: dt.date, organisaties: dict | None = None, basis: str | None = None
) -> list[Rij]:
    """The services of an HSDS 3.0 list response (services.json) or one service, as records.

    Our own feed carries every field (x_ extensions and our taxonomies); another feed gives what HSDS
    has (name, description, contact, ages, fees, application process), and `kaart check` then names
    what our records need besides (soort, fase, werkgebied, jongerentaal ...), at the service's JSON path.
    `organisaties`: organization id -> object from organizations.json, for services that only link one.
    """
    if is_organisatie(data):  # one organization with its services
        data, basis = hsds_organisatie_diensten(data), "services"
    diensten, gevonden = _inhoud(data)
    basis = basis if basis is not None else gevonden
    if basis is None:
        return [Rij(bestand, {}, meldingen=[Melding(bestand, "$", "geen HSDS-service of lijst met services")])]
    out = []
    for n, s in enumerate(diensten):
        pad = f"{basis}[{n}]" if basis or len(diensten) > 1 or isinstance(data, list) else "$"
        out.append(_hsds_rij(bestand, s, datum, pad, organisaties))
    return out


def _hsds_rij(bestand: str, s, datum: dt.date, pad: str, organisaties: dict | None = None) -> Rij:
    """One service at JSON path `pad` as a record. The fields are filled in the order the record lists
    them, since that order is the order of the YAML file written."""
    rij = Rij(f"{bestand}", {}, kolommen={"": pad})
    if not isinstance(s, dict):
        rij.meldingen.append(Melding(bestand, pad, "geen object — een service is een JSON-object"))
        return rij
    k = rij.kolommen
    d = rij.data
    d["id"] = s.get("x_id") or slug(str(s.get("name", "")))
    k["id"] = f"{pad}.x_id" if s.get("x_id") else f"{pad}.name"
    d["naam"] = s.get("name")
    k["naam"] = f"{pad}.name"
    _hsds_aanbieders(rij, s, pad, bestand, datum, organisaties)
    k["aanbieder"] = f"{pad}.organization"
    d["status"] = s.get("x_status") or _HSDS_STATUS.get(str(s.get("status", "")).lower(), "beschreven")
    k["status"] = f"{pad}.status"
    _hsds_attributen(rij, s, pad)
    d["beschrijving"] = s.get("description")
    k["beschrijving"] = f"{pad}.description"
    _hsds_doelgroep(rij, s, pad, bestand, datum)
    _hsds_werkgebied(rij, s, pad)
    _hsds_toegang(rij, s, pad)
    if s.get("x_jongerentaal"):
        d["jongerentaal"] = s["x_jongerentaal"]
    k["jongerentaal"] = f"{pad}.x_jongerentaal"
    if s.get("x_nazorg"):
        d["nazorg"] = s["x_nazorg"]
    if s.get("x_resultaten"):
        d["resultaten"] = [{**r, "bron": _bron_zonder_afgeleid(r["bron"])} for r in s["x_resultaten"]]
    _hsds_contact(rij, s, pad, bestand, datum)
    bronnen = [_bron_zonder_afgeleid(b) for b in s.get("x_bronnen") or []]
    d["bronnen"] = bronnen + [importbron(bestand, datum, pad)]
    if s.get("x_laatst_gecontroleerd"):
        d["laatst_gecontroleerd"] = s["x_laatst_gecontroleerd"]
    for veld in ("trefwoorden", "toelichting"):
        if s.get(f"x_{veld}"):
            d[veld] = s[f"x_{veld}"]
    rij.data = {key: value for key, value in d.items() if value is not None}
    rij.waar = bestand
    return rij


def _hsds_aanbieders(rij: Rij, s: dict, pad: str, bestand: str, datum: dt.date, organisaties: dict | None) -> None:
    """`aanbieder` from the service's organization (nested, or linked by id to organizations.json) and the
    other providers our feed lists in x_organization_ids; each becomes an organisation of the row."""
    org = s.get("organization") if isinstance(s.get("organization"), dict) else None
    if org is None and organisaties and s.get("organization_id") in organisaties:
        org = organisaties[s["organization_id"]]
    if not org:
        return
    o = hsds_organisatie(org, bestand, datum, f"{pad}.organization")
    rij.organisaties.append(o)
    for veld, hsds_veld in (
        ("naam", "name"),
        ("beschrijving", "description"),
        ("contact.website", "website"),
        ("contact.email", "email"),
        ("contact.telefoon", "phones[0].number"),
    ):
        rij.kolommen[f"organisatie:{veld}"] = f"{pad}.organization.{hsds_veld}"
    ids = [o["id"]]
    for n_org, i in enumerate(s.get("x_organization_ids") or []):
        if organisaties and i in organisaties and i != org.get("id"):  # the other providers, in order
            andere = hsds_organisatie(organisaties[i], bestand, datum, f"{pad}.x_organization_ids[{n_org}]")
            rij.organisaties.append(andere)
            ids.append(andere["id"])
    rij.data["aanbieder"] = ids[0] if len(ids) == 1 else ids


def _hsds_attributen(rij: Rij, s: dict, pad: str) -> None:
    """The vocabulary fields from the attributes whose terms come from our taxonomies."""
    attributen: dict[str, list[str]] = {}
    for attr in s.get("attributes") or []:
        term = attr.get("taxonomy_term") or {}
        taxonomie = str(term.get("taxonomy") or "")
        if taxonomie.startswith(PROFIEL_TAXONOMIE):
            attributen.setdefault(taxonomie[len(PROFIEL_TAXONOMIE) :], []).append(term.get("code") or attr["value"])
    for naam, pad_veld, lijst in (
        ("soort", "soort", False),
        ("fase", "fase", True),
        ("helpt_bij", "helpt_bij", True),
        ("voor", "voor", True),
        ("kenmerk", "doelgroep.kenmerken", True),
        ("situatie", "doelgroep.situatie", True),
        ("schooltype", "doelgroep.schooltype", True),
    ):
        rij.kolommen[pad_veld] = f"{pad}.attributes"
        if naam in attributen:
            _zet(rij.data, pad_veld, attributen[naam] if lijst else attributen[naam][0])


def _hsds_doelgroep(rij: Rij, s: dict, pad: str, bestand: str, datum: dt.date) -> None:
    """Ages and our x_ eligibility fields, then a source for each fact (our feed's own, else the service)."""
    d = rij.data
    for hsds_veld, veld in (("minimum_age", "min"), ("maximum_age", "max")):
        if isinstance(s.get(hsds_veld), int):
            _zet(d, f"doelgroep.leeftijd.{veld}", s[hsds_veld])
            rij.kolommen[f"doelgroep.leeftijd.{veld}"] = f"{pad}.{hsds_veld}"
    if s.get("x_startkwalificatie"):
        _zet(d, "doelgroep.startkwalificatie", s["x_startkwalificatie"])
    if s.get("x_voorwaarden"):
        _zet(d, "doelgroep.voorwaarden", s["x_voorwaarden"])
    if "doelgroep" in d:
        d["doelgroep"]["bronnen"] = _hsds_feitbronnen(d["doelgroep"], s, pad, bestand, datum)
        if not d["doelgroep"]["bronnen"]:
            del d["doelgroep"]["bronnen"]


def _hsds_feitbronnen(doelgroep: dict, s: dict, pad: str, bestand: str, datum: dt.date) -> dict:
    """The source of each eligibility fact: from x_doelgroep_bronnen, else the service itself (for the age,
    quoting the ages it gives)."""
    eigen_feitbronnen = s.get("x_doelgroep_bronnen") or {}
    bronnen = {feit: _bron_zonder_afgeleid(b) for feit, b in eigen_feitbronnen.items() if feit in doelgroep}
    for feit in list(doelgroep):
        if feit not in ("bronnen", "voorwaarden") and feit not in bronnen:
            woorden = ", ".join(f"{v}: {s[v]}" for v in ("minimum_age", "maximum_age") if v in s)
            bronnen[feit] = {
                **importbron(bestand, datum, pad),
                "citaat": woorden if feit == "leeftijd" else f"{feit} in {bestand}",
            }
    return bronnen


def _hsds_werkgebied(rij: Rij, s: dict, pad: str) -> None:
    """Our x_werkgebied as it is, else the municipalities, regions or the whole country of the service_areas."""
    if s.get("x_werkgebied"):
        rij.data["werkgebied"] = s["x_werkgebied"]
    else:
        werkgebied: dict = {}
        for area in s.get("service_areas") or []:
            if area.get("x_gemeente"):
                werkgebied.setdefault("gemeenten", []).append(area["x_gemeente"])
            elif area.get("x_regio"):
                werkgebied.setdefault("regio", []).append(area["x_regio"])
            elif area.get("name") == "Nederland":
                werkgebied["landelijk"] = True
        if werkgebied:
            rij.data["werkgebied"] = werkgebied
    rij.kolommen["werkgebied"] = f"{pad}.service_areas"


def _hsds_toegang(rij: Rij, s: dict, pad: str) -> None:
    """How to apply and what it costs; our x_aanmelden_uitleg goes before HSDS's application_process."""
    k = rij.kolommen
    toegang = {}
    uitleg = s.get("x_aanmelden_uitleg") or s.get("application_process")
    if uitleg:
        toegang["uitleg"] = uitleg
        k["toegang.uitleg"] = f"{pad}.application_process"
    if s.get("fees_description"):
        toegang["kosten"] = s["fees_description"]
        k["toegang.kosten"] = f"{pad}.fees_description"
    if s.get("x_aanmelden"):
        toegang["aanmelden"] = s["x_aanmelden"]
    if toegang:
        rij.data["toegang"] = toegang


def _hsds_contact(rij: Rij, s: dict, pad: str, bestand: str, datum: dt.date) -> None:
    """Website, email, phone and our x_adres, each with its source (our feed's own, else where it stood)."""
    k = rij.kolommen
    contact = {}
    if s.get("url"):
        contact["website"] = s["url"]
        k["contact.website"] = f"{pad}.url"
    if s.get("email"):
        contact["email"] = s["email"]
        k["contact.email"] = f"{pad}.email"
    phones = s.get("phones") or []
    if phones and isinstance(phones[0], dict) and phones[0].get("number"):
        contact["telefoon"] = _nummer(phones[0]["number"])
        k["contact.telefoon"] = f"{pad}.phones[0].number"
    if s.get("x_adres"):
        contact["adres"] = s["x_adres"]
    if contact:
        eigen = s.get("x_contact_bronnen") or {}
        contact["bronnen"] = {
            v: _bron_zonder_afgeleid(eigen[v]) if v in eigen else importbron(bestand, datum, k.get(f"contact.{v}", pad))
            for v in contact
        }
        rij.data["contact"] = contact


def hsds_organisaties(data) -> dict[str, dict]:
    """organizations.json as id -> object."""
    lijst, _ = _inhoud(data)
    return {o["id"]: o for o in lijst if isinstance(o, dict) and o.get("id")}


# -- updating an existing record ----------------------------------------------------------------------
def bijwerken(oud: dict, nieuw: dict) -> tuple[dict, list[str]]:
    """The existing record with only the top-level fields that differ taken from the import; the import's
    source is added to `bronnen` when anything changed. Returns the record and the changed fields."""
    uit = copy.deepcopy(oud)
    velden = []
    for key, value in nieuw.items():
        if key in ("bronnen", "id") or oud.get(key) == value:
            continue
        uit[key] = copy.deepcopy(value)
        velden.append(key)
    if velden:
        uit["bronnen"] = list(oud.get("bronnen", [])) + [nieuw["bronnen"][-1]]
        velden.append("bronnen")
    return uit, velden


# -- HSDS 3.0 as a tabular data package ----------------------------------------------------------
def _cellen(row: dict) -> dict:
    """A CSV row of an HSDS table as an object: empty cells left out, numbers and JSON (x_ columns) read."""
    out = {}
    for key, value in row.items():
        if key is None or value is None or value == "":
            continue
        if key in ("minimum_age", "maximum_age") and value.strip().lstrip("-").isdigit():
            out[key] = int(value)
        elif key.startswith("x_") and value[:1] in "[{":
            try:
                out[key] = json.loads(value)
            except json.JSONDecodeError:
                out[key] = value
        else:
            out[key] = value
    return out


def hsds_tabellen(tabellen: dict[str, list[dict]]) -> list[tuple[int, dict]]:
    """The services of an HSDS tabular data package (table name -> rows), each as a nested service object
    with its organization, phones, service_areas and attributes (with their taxonomy terms), and its row."""
    rows = {name: [_cellen(r) for r in table] for name, table in tabellen.items()}
    per_id = lambda name: {r["id"]: r for r in rows.get(name, []) if "id" in r}  # noqa: E731
    organisaties, termen, taxonomieen = per_id("organizations"), per_id("taxonomy_terms"), per_id("taxonomies")

    def bij(name: str, key: str, value: str) -> list[dict]:
        return [r for r in rows.get(name, []) if r.get(key) == value]

    out = []
    for nummer, service in enumerate(rows.get("services", []), 2):
        s = dict(service)
        sid = s.get("id")
        if s.get("organization_id") in organisaties:
            s["organization"] = organisaties[s["organization_id"]]
        s["phones"] = bij("phones", "service_id", sid)
        s["service_areas"] = bij("service_areas", "service_id", sid)
        attributen = []
        for attr in bij("attributes", "link_id", sid):
            term = dict(termen.get(attr.get("taxonomy_term_id"), {}))
            if "taxonomy" not in term and term.get("taxonomy_id") in taxonomieen:
                term["taxonomy"] = taxonomieen[term["taxonomy_id"]].get("name")
            attributen.append({**attr, "taxonomy_term": term})
        s["attributes"] = attributen
        out.append((nummer, s))
    return out
