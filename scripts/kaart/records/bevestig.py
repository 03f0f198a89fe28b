"""A provider's answer block, and what it changes in the record (data in, data out).

The block goes out in the "Mail de redactie" link of an offer page and in `kaart verzoek`;
the provider fills it in and mails it back; `kaart bevestig` (kaart.cli.aanbieder) reads it:

    --- antwoord sociale kaart 16-27 ---
    aanbod: learn2work
    bestaat nog (ja / nee, gestopt op JJJJ-MM-DD):
    klopt alles (ja / nee): ja
    ...
    telefoon: 0000 000000
    ingevuld door (organisatie en functie): teamleider
    datum (JJJJ-MM-DD): 2026-03-01
    --- einde antwoord ---

Each field shows what the kaart says now; a value the provider left as it was changes nothing.
A new or changed value gets a source `bevestigd: <datum>` with `door`; "klopt alles: ja" without
changes confirms the offer as it stands; "bestaat nog: nee" sets `status: gestopt` with the date.
The record text is edited block by block (`wijzig_tekst`), so the rest keeps its comments and order.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass, field

import yaml

from kaart.model import Aanbod
from kaart.records.importeer import vocab_waarde

BEGIN = "--- antwoord sociale kaart 16-27 ---"
EINDE = "--- einde antwoord ---"
LEEG = "…"  # what an unanswered question shows
LANG = 100  # longer current values are not repeated in the block (read as unanswered unless replaced)


@dataclass(frozen=True)
class Veld:
    sleutel: str  # the word before the colon (and before any hint in brackets)
    hint: str = ""


# The contact details and who answered when: the end of both blocks.
CONTACT_EN_ONDERTEKENING = (
    Veld("telefoon"),
    Veld("e-mail"),
    Veld("website"),
    Veld("adres"),
    Veld("opmerking"),
    Veld("ingevuld door", "organisatie en functie"),
    Veld("datum", "JJJJ-MM-DD"),
)
VELDEN = (
    Veld("aanbod"),
    Veld("bestaat nog", "ja / nee, gestopt op JJJJ-MM-DD"),
    Veld("klopt alles", "ja / nee"),
    Veld("leeftijd", "van … tot en met … jaar"),
    Veld("situatie", "op school, dreigt uit te vallen, gestopt, uitkering, werkt"),
    Veld("startkwalificatie", "zonder / met / beide"),
    Veld("aanmelden", "hoe"),
    Veld("kosten"),
    Veld("nazorg", "ja / nee, uitleg"),
    *CONTACT_EN_ONDERTEKENING,
)
# The block about the organisation itself (kaart verzoek asks for its general contact details).
ORGANISATIE_VELDEN = (
    Veld("organisatie"),
    *CONTACT_EN_ONDERTEKENING,
)
_SLEUTELS = {v.sleutel for v in VELDEN + ORGANISATIE_VELDEN}
CONTACT = {"telefoon": "telefoon", "e-mail": "email", "website": "website", "adres": "adres"}


# -- the block that goes out -----------------------------------------------------------------
def huidige_waarden(a: Aanbod) -> dict[str, str]:
    """What the kaart says now, in the words of the block; empty when it is not known."""
    leeftijd = ""
    if a.leeftijd_min is not None and a.leeftijd_max is not None:
        leeftijd = f"{a.leeftijd_min} tot en met {a.leeftijd_max}"
    elif a.leeftijd_min is not None:
        leeftijd = f"vanaf {a.leeftijd_min}"
    elif a.leeftijd_max is not None:
        leeftijd = f"tot en met {a.leeftijd_max}"
    nazorg = ""
    if a.nazorg is not None:
        nazorg = ("ja" if a.nazorg else "nee") + (f", {a.nazorg_uitleg}" if a.nazorg_uitleg else "")
    nu = {
        "leeftijd": leeftijd,
        "situatie": ", ".join(a.situatie),
        "startkwalificatie": a.startkwalificatie or "",
        "aanmelden": a.aanmelden_uitleg or "",
        "kosten": a.kosten or "",
        "nazorg": nazorg,
        **{label: str(a.contact.get(veld, "")) for label, veld in CONTACT.items()},
    }
    return {k: " ".join(v.split()) for k, v in nu.items()}  # one line each, as the block shows and reads them


def _blok(id_sleutel: str, id_: str, velden, nu: dict[str, str]) -> str:
    lines = [BEGIN]
    for v in velden:
        label = f"{v.sleutel} ({v.hint})" if v.hint else v.sleutel
        waarde = id_ if v.sleutel == id_sleutel else nu.get(v.sleutel, "")
        if len(waarde) > LANG:  # a long text stays on the page: the block must fit in a mailto: link
            waarde = LEEG
        lines.append(f"{label}: {waarde}".rstrip())
    lines.append(EINDE)
    return "\n".join(lines)


def organisatieblok(org_id: str, contact: dict) -> str:
    """The block for the organisation's own contact details, with what the kaart has now."""
    return _blok("organisatie", org_id, ORGANISATIE_VELDEN, {k: str(contact.get(v, "")) for k, v in CONTACT.items()})


def antwoordblok(a: Aanbod) -> str:
    """The block to fill in, with what the kaart says now in each field (one line each)."""
    return _blok("aanbod", a.id, VELDEN, huidige_waarden(a))


# -- the block that comes back ----------------------------------------------------------------
@dataclass
class Melding:
    """A problem in the answer itself: file, line, what and how to fix (in Dutch)."""

    bestand: str
    regel: int
    tekst: str

    def __str__(self) -> str:
        return f"{self.bestand}:{self.regel}: {self.tekst}"


@dataclass
class Antwoord:
    aanbod: str  # the offer's id, or the organisation's when `organisatie`
    waarden: dict[str, str]  # sleutel -> answer, only the filled-in fields
    regels: dict[str, int]  # sleutel -> line in the answer file
    organisatie: bool = False  # a block about the organisation itself


def lees_antwoorden(tekst: str, bestand: str) -> tuple[list[Antwoord], list[Melding]]:
    """Every answer block in a text (a mail may hold several), or what is wrong with them.

    Quoted mail (`> ` before each line) is read too: a reply often quotes the block."""
    antwoorden, meldingen = [], []
    huidig: Antwoord | None = None
    for nummer, ruw in enumerate(tekst.splitlines(), 1):
        regel = re.sub(r"^(\s*>)+\s?", "", ruw).strip()
        if regel == BEGIN:
            huidig = Antwoord("", {}, {})
            begin = nummer
            continue
        if huidig is None:
            continue
        if regel == EINDE:
            if not huidig.aanbod:
                meldingen.append(
                    Melding(
                        bestand,
                        begin,
                        "het antwoord noemt geen aanbod — zet het id achter 'aanbod:' (of 'organisatie:')",
                    )
                )
            else:
                antwoorden.append(huidig)
            huidig = None
            continue
        if not regel:
            continue
        sleutel, dubbelepunt, waarde = regel.partition(":")
        sleutel = re.sub(r"\s*\(.*$", "", sleutel).strip().lower()
        if not dubbelepunt or sleutel not in _SLEUTELS:
            meldingen.append(
                Melding(
                    bestand,
                    nummer,
                    f"'{regel[:60]}' is geen regel van het antwoord — schrijf 'veld: antwoord' met een van de "
                    f"velden {', '.join(v.sleutel for v in VELDEN)}",
                )
            )
            continue
        waarde = " ".join(waarde.split())
        if waarde and waarde != LEEG:
            if sleutel in ("aanbod", "organisatie"):
                huidig.aanbod, huidig.organisatie = waarde, sleutel == "organisatie"
            huidig.waarden[sleutel] = waarde
            huidig.regels[sleutel] = nummer
    if huidig is not None:
        meldingen.append(Melding(bestand, begin, f"het antwoord stopt zonder de regel '{EINDE}' — plak het hele blok"))
    if not antwoorden and not meldingen:
        meldingen.append(
            Melding(bestand, 1, f"geen antwoord gevonden — het blok begint met '{BEGIN}' en eindigt met '{EINDE}'")
        )
    return antwoorden, meldingen


# -- from answer to record --------------------------------------------------------------------
@dataclass
class Wijziging:
    """What an answer does to one record: the new data, which top-level fields changed, and why."""

    data: dict
    velden: list[str] = field(default_factory=list)  # top-level keys that changed
    nieuw_bron: dict | None = None  # the source appended to `bronnen`
    uitleg: list[str] = field(default_factory=list)  # for the editor, in Dutch
    meldingen: list[Melding] = field(default_factory=list)


_DATUM = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")


def _ja_nee(waarde: str) -> bool | None:
    woord = waarde.split(",")[0].split()[0].lower() if waarde.split() else ""
    return True if woord in ("ja", "klopt") else False if woord in ("nee", "gestopt") else None


def _leeftijd(waarde: str) -> tuple[int | None, int | None] | None:
    getallen = [int(n) for n in re.findall(r"\d+", waarde)]
    tekst = waarde.lower()
    if len(getallen) == 2:
        return getallen[0], getallen[1]
    if len(getallen) == 1 and ("vanaf" in tekst or "+" in tekst):
        return getallen[0], None
    if len(getallen) == 1 and ("tot" in tekst or "t/m" in tekst):
        return None, getallen[0]
    return None


@dataclass
class _Toepassing:
    """One answer being applied to one record: the state the steps of `wijziging` share."""

    w: Wijziging
    antwoord: Antwoord
    bestand: str
    nu: dict[str, str]  # what the kaart says now, in the words of the block
    veranderd: list[str] = field(default_factory=list)  # answer keys that changed a value, in order

    def melding(self, sleutel: str, tekst: str) -> None:
        self.w.meldingen.append(Melding(self.bestand, self.antwoord.regels.get(sleutel, 1), tekst))

    def nieuw(self, sleutel: str) -> str | None:
        """The answer for `sleutel` when it is filled in and differs from what the kaart says now."""
        waarde = self.antwoord.waarden.get(sleutel)
        return waarde if waarde and waarde != self.nu[sleutel] else None

    def zet(self, sleutel: str, pad: tuple, waarde) -> None:
        node = self.w.data
        for deel in pad[:-1]:
            node = node.setdefault(deel, {})
        node[pad[-1]] = waarde
        self.veranderd.append(sleutel)
        if pad[0] not in self.w.velden:
            self.w.velden.append(pad[0])


def _datum_en_door(t: _Toepassing, vandaag: dt.date) -> tuple[dt.date, str | None]:
    """The answer's date (today when missing or unreadable) and who filled it in."""
    datum_tekst = t.antwoord.waarden.get("datum")
    datum = vandaag
    if datum_tekst:
        try:
            datum = dt.date.fromisoformat(datum_tekst)
        except ValueError:
            t.melding("datum", f"'{datum_tekst}' is geen datum — schrijf JJJJ-MM-DD, bijvoorbeeld 2026-03-01")
    door = t.antwoord.waarden.get("ingevuld door")
    if not door:
        t.melding(
            "ingevuld door",
            "het antwoord zegt niet wie het invulde — vul 'ingevuld door' in (organisatie en functie, geen naam)",
        )
    return datum, door


def _zet_contact(t: _Toepassing, bron: dict) -> None:
    for sleutel, veld in CONTACT.items():
        waarde = t.nieuw(sleutel)
        if waarde:
            t.zet(sleutel, ("contact", veld), waarde)
            contact = t.w.data["contact"]
            contact.setdefault("bronnen", {})[veld] = dict(bron)
            # `bronnen` goes last in the block, as the schema and every record write it
            contact["bronnen"] = contact.pop("bronnen")


def _zet_toegang(t: _Toepassing) -> None:
    for sleutel, pad in (("kosten", ("toegang", "kosten")), ("aanmelden", ("toegang", "uitleg"))):
        waarde = t.nieuw(sleutel)
        if waarde:
            t.zet(sleutel, pad, waarde)


def _zet_nazorg(t: _Toepassing) -> None:
    waarde = t.nieuw("nazorg")
    if not waarde:
        return
    geboden = _ja_nee(waarde)
    if geboden is None:
        t.melding("nazorg", f"'{waarde}' — begin met ja of nee, bijvoorbeeld 'ja, de coach blijft een jaar'")
        return
    uitleg = waarde.split(",", 1)[1].strip() if "," in waarde else ""
    t.zet("nazorg", ("nazorg",), {"geboden": geboden, **({"uitleg": uitleg} if uitleg else {})})


def _zet_leeftijd(t: _Toepassing, feitbron: dict) -> None:
    waarde = t.nieuw("leeftijd")
    if not waarde:
        return
    grenzen = _leeftijd(waarde)
    if grenzen is None:
        t.melding("leeftijd", f"'{waarde}' is geen leeftijd — schrijf bijvoorbeeld '16 tot en met 23' of 'vanaf 18'")
        return
    lt = {k: v for k, v in zip(("min", "max"), grenzen) if v is not None}
    t.zet("leeftijd", ("doelgroep", "leeftijd"), lt)
    t.w.data["doelgroep"].setdefault("bronnen", {})["leeftijd"] = {**feitbron, "citaat": waarde}


def _zet_situatie(t: _Toepassing, feitbron: dict, vocab) -> None:
    waarde = t.nieuw("situatie")
    if not waarde or vocab is None:  # without the vocabulary the words cannot be read as ids
        return
    ids, fouten = [], []
    for deel in filter(None, (d.strip() for d in re.split(r",|;|\ben\b|/", waarde))):
        gevonden, fout = vocab_waarde(vocab, "situatie", deel)
        ids.append(gevonden) if gevonden else fouten.append(fout)
    for fout in fouten:
        t.melding("situatie", fout)
    if ids and not fouten:
        t.zet("situatie", ("doelgroep", "situatie"), list(dict.fromkeys(ids)))
        t.w.data["doelgroep"].setdefault("bronnen", {})["situatie"] = {**feitbron, "citaat": waarde}


def _zet_doelgroep(t: _Toepassing, feitbron: dict, vocab) -> None:
    """Age, situation and start qualification, each with the answer as the quoted source."""
    _zet_leeftijd(t, feitbron)
    _zet_situatie(t, feitbron, vocab)
    waarde = t.nieuw("startkwalificatie")
    if waarde:
        t.zet("startkwalificatie", ("doelgroep", "startkwalificatie"), waarde.lower())
        t.w.data["doelgroep"].setdefault("bronnen", {})["startkwalificatie"] = {**feitbron, "citaat": waarde}
    new = t.w.data
    if "doelgroep" in new and "bronnen" in new["doelgroep"]:
        new["doelgroep"]["bronnen"] = new["doelgroep"].pop("bronnen")


def _meld_onleesbaar_ja_nee(t: _Toepassing, bestaat: str | None, klopt: str | None) -> None:
    if bestaat is not None and _ja_nee(bestaat) is None:
        t.melding("bestaat nog", f"'{bestaat}' — antwoord met ja, of nee met de datum: 'nee, gestopt op 2026-01-31'")
    if klopt is not None and _ja_nee(klopt) is None:
        t.melding("klopt alles", f"'{klopt}' — antwoord met ja of nee")


def _zet_status(t: _Toepassing, bron: dict, datum: dt.date) -> bool:
    """Stopped, confirmed or changed: the status and the new source's `onderdeel`.

    False when the answer confirms nothing; then the record keeps its sources and check date."""
    w, new, veranderd = t.w, t.w.data, t.veranderd
    bestaat = t.antwoord.waarden.get("bestaat nog")
    klopt = t.antwoord.waarden.get("klopt alles")
    gestopt = bestaat is not None and _ja_nee(bestaat) is False
    _meld_onleesbaar_ja_nee(t, bestaat, klopt)
    if not gestopt and not veranderd and _ja_nee(klopt or "") is False:
        # "not everything is right" without a new value: an editor must read the answer, not confirm it
        t.melding(
            "klopt alles",
            "de aanbieder zegt dat niet alles klopt, maar geeft geen nieuwe waarde — lees de opmerking en "
            "vraag na wat anders is; er is niets bevestigd",
        )
        return False
    if gestopt:
        m = _DATUM.search(bestaat)
        sinds = m.group(1) if m else datum.isoformat()
        new["status"] = "gestopt"
        w.velden.append("status")
        bron["onderdeel"] = f"gestopt op {sinds}"
        w.uitleg.append(f"gestopt: de aanbieder meldt dat het aanbod gestopt is op {sinds}")
        return True
    if not (veranderd or _ja_nee(klopt or "") or _ja_nee(bestaat or "")):
        regels = t.antwoord.regels
        w.meldingen.append(
            Melding(
                t.bestand,
                regels.get("klopt alles", regels.get("aanbod", 1)),
                "het antwoord bevestigt niets en verandert niets — vul 'klopt alles: ja' in, "
                "of een nieuwe waarde, of 'bestaat nog: nee, gestopt op JJJJ-MM-DD'",
            )
        )
        return False
    if new.get("status") == "beschreven":
        new["status"] = "bevestigd"
        w.velden.append("status")
    if veranderd:
        bron["onderdeel"] = "antwoord op het controleverzoek: " + ", ".join(veranderd)
        w.uitleg += [f"nieuw of anders: {s}" for s in veranderd]
    else:
        w.uitleg.append("bevestigd zoals het er staat")
    return True


def _voeg_bron_toe(w: Wijziging, bron: dict, datum: dt.date) -> None:
    new = w.data
    new["bronnen"] = list(new["bronnen"]) + [bron]
    w.nieuw_bron = bron
    w.velden.append("bronnen")
    if new.get("laatst_gecontroleerd") != datum.isoformat():
        new["laatst_gecontroleerd"] = datum.isoformat()
        w.velden.append("laatst_gecontroleerd")


def wijziging(antwoord: Antwoord, data: dict, bestand: str, vandaag: dt.date, vocab=None) -> Wijziging:
    """The record after this answer; `meldingen` says what in the answer cannot be read."""
    t = _Toepassing(Wijziging(copy.deepcopy(data)), antwoord, bestand, huidige_waarden(Aanbod.from_dict(data)))
    datum, door = _datum_en_door(t, vandaag)
    bron = {"bevestigd": datum.isoformat(), "door": door or "?"}
    _zet_contact(t, bron)
    _zet_toegang(t)
    _zet_nazorg(t)
    feitbron = {
        "titel": "Antwoord van de aanbieder op het controleverzoek",
        "jaar": datum.year,
        "onderdeel": f"{door or '?'}, {datum.isoformat()}",
    }
    _zet_doelgroep(t, feitbron, vocab)
    if _zet_status(t, bron, datum):
        _voeg_bron_toe(t.w, bron, datum)
    return t.w


# -- the record text, edited block by block ----------------------------------------------------
_TOP = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*:")


def _blokken(lines: list[str]) -> dict[str, tuple[int, int]]:
    """Top-level key -> (first line, end) of its block; comments and blank lines before the next key
    belong to that key."""
    starts = [(i, m.group(1)) for i, line in enumerate(lines) for m in [_TOP.match(line)] if m]
    out = {}
    for n, (i, key) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        while end - 1 > i and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
            end -= 1
        out[key] = (i, end)
    return out


def _dump(key: str, value) -> list[str]:
    text = yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    return text.splitlines(keepends=True)


def wijzig_tekst(tekst: str, nieuw: dict, velden: list[str], volgorde: list[str], nieuw_bron: dict | None) -> str:
    """The record's text with only `velden` rewritten; `bronnen` gets the new source appended as text,
    so the existing sources keep their layout. `volgorde` is the schema's order, for a new key."""
    lines = tekst.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    for key in dict.fromkeys(velden):
        blocks = _blokken(lines)
        if key == "bronnen" and nieuw_bron is not None and key in blocks:
            start, end = blocks[key]
            indent = next(
                (m.group(1) for line in lines[start + 1 : end] for m in [re.match(r"^(\s*)- ", line)] if m), None
            )
            if indent is not None:  # a block list: the new source goes below the others, as text
                item = yaml.safe_dump([nieuw_bron], allow_unicode=True, sort_keys=False, width=100)
                lines[end:end] = [indent + line if line.strip() else line for line in item.splitlines(keepends=True)]
                continue
            # a flow list (`bronnen: [...]`): rewritten as a whole below
        new_lines = _dump(key, nieuw[key]) if key in nieuw else []
        if key in blocks:
            start, end = blocks[key]
            lines[start:end] = new_lines
            continue
        later = volgorde[volgorde.index(key) + 1 :] if key in volgorde else []
        at = next((blocks[k][0] for k in later if k in blocks), len(lines))
        while at > 0 and (not lines[at - 1].strip() or lines[at - 1].startswith("#")):
            at -= 1  # the comment above the next key stays with that key
        lines[at:at] = new_lines
    return "".join(lines)


def wijziging_organisatie(antwoord: Antwoord, data: dict, bestand: str, vandaag: dt.date) -> Wijziging:
    """An organisation after the answer about its own contact details: each new value with its own
    `bevestigd` source, and one source for the answer in `bronnen`."""
    w = Wijziging(copy.deepcopy(data))
    new = w.data
    regels = antwoord.regels
    datum = vandaag
    if antwoord.waarden.get("datum"):
        try:
            datum = dt.date.fromisoformat(antwoord.waarden["datum"])
        except ValueError:
            w.meldingen.append(
                Melding(bestand, regels["datum"], f"'{antwoord.waarden['datum']}' is geen datum — schrijf JJJJ-MM-DD")
            )
    door = antwoord.waarden.get("ingevuld door")
    if not door:
        w.meldingen.append(
            Melding(
                bestand, regels.get("organisatie", 1), "het antwoord zegt niet wie het invulde — vul 'ingevuld door' in"
            )
        )
    bron = {"bevestigd": datum.isoformat(), "door": door or "?"}
    contact = dict(new.get("contact") or {})
    veranderd = []
    for sleutel, veld in CONTACT.items():
        waarde = antwoord.waarden.get(sleutel)
        if waarde and waarde != str(contact.get(veld, "")):
            contact[veld] = waarde
            contact.setdefault("bronnen", {})[veld] = dict(bron)
            veranderd.append(sleutel)
    if not veranderd:
        w.meldingen.append(
            Melding(
                bestand,
                regels.get("organisatie", 1),
                "het antwoord over de organisatie verandert niets — vul een nieuw gegeven in",
            )
        )
        return w
    contact["bronnen"] = contact.pop("bronnen")
    new["contact"] = contact
    bron["onderdeel"] = "antwoord op het controleverzoek: " + ", ".join(veranderd)
    new["bronnen"] = list(new["bronnen"]) + [bron]
    w.nieuw_bron = bron
    w.velden = ["contact", "bronnen"]
    w.uitleg = [f"nieuw of anders: {s}" for s in veranderd]
    return w
