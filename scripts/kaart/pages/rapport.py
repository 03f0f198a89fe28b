"""Freshness worklist for the editorial team: `kaart rapport` and the page /redactie/.

Six findings per offer:

- nooit-gecontroleerd: no `laatst_gecontroleerd` (the provider never confirmed the data);
- verouderd: confirmed more than 12 months ago;
- geen-contact: no website, phone or e-mail in the offer (its page then shows no contact button);
- jongerentaal: the youth text is missing or weak: a block under 4 words, no 'je',
  or a first step that is not known (see `zwakke_jongerentaal`);
- oude-bronnen: the newest source is more than N years old, or no source has a year.
- doelgroep-in-woorden: the text or a cited passage states an age or a situation in words
  while `doelgroep.leeftijd` or `doelgroep.situatie` is empty (heuristic: see kaart/doelgroep.py).

Only `verouderd` is a build warning (so `mkdocs build --strict` in CI fails on it):
the other findings hold for most records taken from the 2016-2020 reports and
are a worklist, not a reason to stop publishing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from kaart.actualiteit import DEFAULT_CADANS_MAANDEN, NOOIT, VERLOPEN, staat
from kaart.doelgroep import in_woorden
from kaart.model import JONGERENTAAL_VELDEN, Aanbod, Kaart
from kaart.project import Project
from kaart.records.load import Records
from kaart.result import WARNING, Problem
from kaart.text import inline

DEFAULT_BRON_JAREN = 5
MIN_WOORDEN = 4  # a youth-text block shorter than this says too little
# `kaart check` already enforces sentence length, jargon and leesgemak (kaart/taal.py);
# this report adds what a rule cannot reject: a first step nobody knows.
_ONBEKENDE_STAP = re.compile(r"\b(zegt niet|niet bekend|onbekend|weten we niet)\b", re.IGNORECASE)
_JE = re.compile(r"\b(je|jij|jou|jouw|jezelf)\b", re.IGNORECASE)

CATEGORIEEN = {
    "nooit-gecontroleerd": "Nooit gecontroleerd bij de aanbieder",
    "verouderd": "Meer dan {m} maanden geleden gecontroleerd",  # m: the cadence (extra.redactie.cadans_maanden)
    "geen-contact": "Geen contactgegevens",
    "jongerentaal": "Jongerentaal ontbreekt of is zwak",
    "oude-bronnen": "Bronnen ouder dan {n} jaar",
    "doelgroep-in-woorden": "Leeftijd of situatie staat in de tekst, niet in de velden",
}
ACTIES = {
    "nooit-gecontroleerd": "vraag de aanbieder de gegevens te bevestigen en vul `laatst_gecontroleerd` in",
    "verouderd": "vraag de aanbieder opnieuw te bevestigen en werk `laatst_gecontroleerd` bij",
    "geen-contact": "zoek website, telefoon of e-mail in een bron en vul `contact` in",
    "jongerentaal": "herschrijf `jongerentaal` (korte zinnen, spreek de jongere aan met je)",
    "oude-bronnen": "zoek een nieuwere bron en voeg die toe aan `bronnen`",
    "doelgroep-in-woorden": (
        "lees de bron: zegt die het echt over dit aanbod, vul dan `doelgroep.leeftijd` of "
        "`doelgroep.situatie` in met de woorden van de bron in `doelgroep.bronnen`; anders laat je het leeg"
    ),
}


@dataclass(frozen=True)
class Bevinding:
    categorie: str
    uitleg: str


@dataclass(frozen=True)
class Regel:
    aanbod: Aanbod
    bevindingen: tuple[Bevinding, ...]

    @property
    def categorieen(self) -> set[str]:
        return {b.categorie for b in self.bevindingen}


def zwakke_jongerentaal(jongerentaal: dict) -> list[str]:
    """Why a youth text is weak; empty when it is fine."""
    reasons = []
    blocks = {k: str(v or "") for k, v in jongerentaal.items()}
    for name in JONGERENTAAL_VELDEN:
        words = blocks.get(name, "").split()
        if not words:
            reasons.append(f"{name} ontbreekt")
        elif len(words) < MIN_WOORDEN:
            reasons.append(f"{name} is te kort ({len(words)} woorden)")
    text = " ".join(blocks.values())
    if _ONBEKENDE_STAP.search(blocks.get("hoe_begin_je", "")):
        reasons.append("hoe_begin_je zegt dat de eerste stap niet bekend is")
    if text.strip() and not _JE.search(text):
        reasons.append("spreekt de jongere niet aan met 'je'")
    return reasons


def bevindingen(
    project: Project,
    aanbod: Aanbod,
    today: dt.date,
    bron_jaren: int = DEFAULT_BRON_JAREN,
    cadans_maanden: int = DEFAULT_CADANS_MAANDEN,
) -> list[Bevinding]:
    out = []
    s = staat(aanbod, today, cadans_maanden)  # laatst_gecontroleerd or a source `bevestigd:`, and the cadence
    if s.naam == NOOIT:
        out.append(Bevinding("nooit-gecontroleerd", "nog nooit bevestigd door de aanbieder"))
    elif s.naam == VERLOPEN:
        out.append(Bevinding("verouderd", f"laatst gecontroleerd op {s.bevestigd_op.isoformat()}"))
    if not any(aanbod.contact.get(k) for k in ("website", "telefoon", "email")):
        out.append(Bevinding("geen-contact", "geen website, telefoon of e-mail"))
    zwak = zwakke_jongerentaal(aanbod.jongerentaal)
    if zwak:
        out.append(Bevinding("jongerentaal", "; ".join(zwak)))
    woorden = in_woorden(aanbod)
    if woorden:
        out.append(Bevinding("doelgroep-in-woorden", "; ".join(woorden)))
    jaar = project.vocab.newest_year(aanbod.bronnen)
    if jaar is None:
        out.append(Bevinding("oude-bronnen", "geen bron met een jaartal"))
    elif today.year - jaar > bron_jaren:
        out.append(Bevinding("oude-bronnen", f"nieuwste bron uit {jaar}"))
    return out


def rapport(
    project: Project,
    kaart: Kaart,
    today: dt.date | None = None,
    bron_jaren: int = DEFAULT_BRON_JAREN,
    cadans_maanden: int = DEFAULT_CADANS_MAANDEN,
) -> list[Regel]:
    """One line per offer that needs work, in name order."""
    today = today or dt.date.today()
    regels = []
    for aanbod in kaart.gesorteerd():
        found = bevindingen(project, aanbod, today, bron_jaren, cadans_maanden)
        if found:
            regels.append(Regel(aanbod, tuple(found)))
    return regels


def build_warnings(
    kaart: Kaart,
    today: dt.date | None = None,
    project: Project | None = None,
    records: Records | None = None,
    cadans_maanden: int = DEFAULT_CADANS_MAANDEN,
) -> list[Problem]:
    """Stale records as warnings for the site build; `--strict` turns them into failures.

    The line numbers come from the build's `records` (read once); without them each stale file is loaded here.
    """
    from kaart.records.loading import load_file

    today = today or dt.date.today()
    out = []
    for aanbod in kaart.gesorteerd():
        if aanbod.laatst_gecontroleerd:
            checked = dt.date.fromisoformat(aanbod.laatst_gecontroleerd)
            if staat(aanbod, today, cadans_maanden).naam == VERLOPEN:
                if records is not None:
                    line = records.line_of(aanbod.source_file, ("laatst_gecontroleerd",))
                else:
                    line = (
                        load_file(project.root / aanbod.source_file, aanbod.source_file).line_of(
                            ("laatst_gecontroleerd",)
                        )
                        if project
                        else 1
                    )
                out.append(
                    Problem(
                        aanbod.source_file,
                        line,
                        "laatst_gecontroleerd",
                        f"meer dan {cadans_maanden} maanden geleden gecontroleerd ({checked.isoformat()})",
                        ACTIES["verouderd"],
                        "verouderd",
                        WARNING,
                    )
                )
    return out


def categorie_titel(categorie: str, bron_jaren: int, cadans_maanden: int = DEFAULT_CADANS_MAANDEN) -> str:
    return CATEGORIEEN[categorie].format(n=bron_jaren, m=cadans_maanden)


def format_table(
    regels: list[Regel],
    totaal: int,
    bron_jaren: int = DEFAULT_BRON_JAREN,
    cadans_maanden: int = DEFAULT_CADANS_MAANDEN,
) -> str:
    """A plain-text table for the terminal: one row per offer, one column per finding."""
    codes = list(CATEGORIEEN)
    headers = [
        "aanbod",
        "nooit",
        f">{cadans_maanden} mnd",
        "contact",
        "jongerentaal",
        f"bron >{bron_jaren} jr",
        "doelgroep",
    ]
    rows = [
        [r.aanbod.id] + ["x" if c in r.categorieen else "" for c in codes]
        for r in sorted(regels, key=lambda r: r.aanbod.id)
    ]
    widths = [max(len(h), *(len(row[i]) for row in rows)) if rows else len(h) for i, h in enumerate(headers)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()
    out = [line(headers), line(["-" * w for w in widths])] + [line(r) for r in rows]
    out.append("")
    for code in codes:
        n = sum(1 for r in regels if code in r.categorieen)
        out.append(f"{categorie_titel(code, bron_jaren, cadans_maanden)}: {n}")
    out.append(f"{len(regels)} van {totaal} aanbiedingen hebben werk nodig.")
    woorden = [
        (r.aanbod, b.uitleg)
        for r in sorted(regels, key=lambda r: r.aanbod.id)
        for b in r.bevindingen
        if b.categorie == "doelgroep-in-woorden"
    ]
    if woorden:  # the table says only 'x'; here the editor sees what the text says
        out += ["", f"{CATEGORIEEN['doelgroep-in-woorden']}:"]
        out += [f"  {a.source_file or a.id}: {uitleg}" for a, uitleg in woorden]
    return "\n".join(out)


def redactie_page(
    project: Project,
    regels: list[Regel],
    totaal: int,
    today: dt.date,
    bron_jaren: int = DEFAULT_BRON_JAREN,
    cadans_maanden: int = DEFAULT_CADANS_MAANDEN,
) -> str:
    lines = [
        "---",
        "title: Werklijst redactie",
        "description: Welk aanbod moet de redactie controleren of aanvullen?",
        "---",
        "",
        "# Werklijst redactie",
        "",
        f"Stand van {today.isoformat()}: {len(regels)} van de {totaal} aanbiedingen hebben werk nodig. "
        "Dezelfde lijst krijg je in de terminal met `kaart rapport`. "
        "Hoe je een aanbod aanpast staat in *Aanbod toevoegen of wijzigen* (CONTRIBUTING.md in de repository).",
        "",
        "## Samenvatting",
        "",
        "| Wat moet er gebeuren | Aantal aanbiedingen |",
        "|---|---|",
    ]
    for code in CATEGORIEEN:
        n = sum(1 for r in regels if code in r.categorieen)
        lines.append(f"| [{categorie_titel(code, bron_jaren, cadans_maanden)}](#{code}) | {n} |")
    lines += [
        "",
        f"Alleen *meer dan {cadans_maanden} maanden geleden gecontroleerd* geeft een waarschuwing bij het bouwen van de site; "
        "met `--strict` (zoals in de controle van een pull request) stopt de bouw dan. "
        "De andere punten zijn een werklijst.",
        "",
    ]
    for code in CATEGORIEEN:
        hits = [r for r in regels if code in r.categorieen]
        lines += [
            f"## {categorie_titel(code, bron_jaren, cadans_maanden)} {{ #{code} }}",
            "",
            f"Wat te doen: {ACTIES[code]}.",
            "",
        ]
        if not hits:
            lines += ["Geen aanbod: alles in orde.", ""]
            continue
        lines += ["| Aanbod | Waarom |", "|---|---|"]
        for r in hits:
            uitleg = next(b.uitleg for b in r.bevindingen if b.categorie == code)
            lines.append(f"| [{inline(r.aanbod.naam)}](../aanbod/{r.aanbod.id}.md) | {inline(uitleg)} |")
        lines.append("")
    return "\n".join(lines)
