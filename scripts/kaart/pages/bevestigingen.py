"""Freshness per provider and per gemeente (/redactie/), and the requests to send now (`kaart rapport --verzoeken`).

An offer is *bevestigd*, *bevestiging verlopen* or *nooit bevestigd* (kaart.actualiteit.staat,
with the cadence of the site setting). Offers that stopped (`status: gestopt`) need no
confirmation and are left out. A request is due now for an offer that was never confirmed,
whose confirmation ran out, or whose confirmation runs out within the next month; the
request goes per organisation, as `kaart verzoek <organisatie>` makes it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kaart import actualiteit
from kaart.model import Aanbod, Kaart
from kaart.project import Project
from kaart.text import inline


@dataclass(frozen=True)
class Telling:
    """One row of the overview: a provider or a gemeente."""

    id: str
    naam: str
    aanbod: int
    bevestigd: int  # confirmed within the cadence
    oudste: dt.date | None  # the oldest confirmation of its offers (None: none confirmed)
    nooit: int
    verlopen: int
    binnenkort: int  # confirmation runs out within the next month

    @property
    def aandeel(self) -> int:
        """Share confirmed within the cadence, in whole percents."""
        return round(100 * self.bevestigd / self.aanbod) if self.aanbod else 0


def _actief(kaart: Kaart) -> list[Aanbod]:
    return [a for a in kaart.gesorteerd() if a.status != "gestopt"]


def _telling(id_: str, naam: str, offers: list[Aanbod], vandaag: dt.date, cadans: int) -> Telling:
    staten = [actualiteit.staat(a, vandaag, cadans) for a in offers]
    datums = [s.bevestigd_op for s in staten if s.bevestigd_op]
    return Telling(
        id_,
        naam,
        len(offers),
        sum(1 for s in staten if s.naam == actualiteit.BEVESTIGD),
        min(datums) if datums else None,
        sum(1 for s in staten if s.naam == actualiteit.NOOIT),
        sum(1 for s in staten if s.naam == actualiteit.VERLOPEN),
        sum(1 for s in staten if s.naam == actualiteit.BEVESTIGD and s.binnen(vandaag)),
    )


def per_aanbieder(kaart: Kaart, vandaag: dt.date, cadans: int = actualiteit.DEFAULT_CADANS_MAANDEN) -> list[Telling]:
    actief = {a.id for a in _actief(kaart)}
    rows = []
    for org in sorted(kaart.organisaties.values(), key=lambda o: o.naam.lower()):
        offers = [a for a in kaart.aanbod_van(org.id) if a.id in actief]
        if offers:
            rows.append(_telling(org.id, org.naam, offers, vandaag, cadans))
    return rows


def per_gemeente(
    project: Project, kaart: Kaart, vandaag: dt.date, cadans: int = actualiteit.DEFAULT_CADANS_MAANDEN
) -> list[Telling]:
    """Per gemeente the offers whose werkgebied covers it (a regio its gemeenten, landelijk all), as /dekking/ counts."""
    covered = [(a, project.vocab.gemeenten_in(a.werkgebied)) for a in _actief(kaart)]
    rows = []
    for term in project.vocab["gemeente"]:
        offers = [a for a, gemeenten in covered if gemeenten is None or term.id in gemeenten]
        if offers:
            rows.append(_telling(term.id, term.label, offers, vandaag, cadans))
    return rows


@dataclass(frozen=True)
class Verzoek:
    organisatie: str
    naam: str
    aanbod: tuple[tuple[Aanbod, actualiteit.Staat], ...]


def verzoeken(kaart: Kaart, vandaag: dt.date, cadans: int = actualiteit.DEFAULT_CADANS_MAANDEN) -> list[Verzoek]:
    """Per organisation the offers to ask about now: never confirmed, ran out, or running out within a month."""
    out = []
    actief = {a.id for a in _actief(kaart)}
    for org in sorted(kaart.organisaties.values(), key=lambda o: o.naam.lower()):
        nodig = []
        for a in kaart.aanbod_van(org.id):
            s = actualiteit.staat(a, vandaag, cadans)
            if a.id in actief and (s.naam != actualiteit.BEVESTIGD or s.binnen(vandaag)):
                nodig.append((a, s))
        if nodig:
            out.append(Verzoek(org.id, org.naam, tuple(nodig)))
    return out


def _waarom(s: actualiteit.Staat, vandaag: dt.date) -> str:
    if s.naam == actualiteit.BEVESTIGD:
        return f"bevestiging verloopt op {s.verloopt_op.isoformat()}"
    return actualiteit.staat_tekst(s)


def format_verzoeken(lijst: list[Verzoek], vandaag: dt.date, cadans: int) -> str:
    """For the terminal: per organisation the command that makes its request, and why."""
    if not lijst:
        return f"Stand van {vandaag.isoformat()}: geen verzoeken nodig; alles is bevestigd binnen {cadans} maanden."
    n = len({a.id for v in lijst for a, _ in v.aanbod})  # an offer of two providers counts once
    lines = [
        f"Stand van {vandaag.isoformat()} (bevestigen elke {cadans} maanden): "
        f"{len(lijst)} {'verzoek aan een organisatie' if len(lijst) == 1 else 'verzoeken aan organisaties'}, "
        f"over {n} {'aanbod' if n == 1 else 'aanbiedingen'}.",
        "",
    ]
    for v in lijst:
        lines.append(f"kaart verzoek {v.organisatie}   # {v.naam}")
        lines += [f"  {a.id}: {_waarom(s, vandaag)}" for a, s in v.aanbod]
    return "\n".join(lines)


def _regels(rows: list[Telling], link: str | None) -> list[str]:
    """One line per provider or gemeente: a list, not a wide table, so a phone never scrolls sideways."""
    lines = []
    for r in rows:
        naam = f"[{inline(r.naam)}]({link.format(id=r.id)})" if link else f"**{inline(r.naam)}**"
        oudste = f"oudste bevestiging {r.oudste.isoformat()}" if r.oudste else "geen bevestiging"
        lines.append(
            f"- {naam}: {r.aanbod} aanbod · {r.bevestigd} bevestigd binnen de termijn ({r.aandeel}%) · {oudste} · "
            f"{r.nooit} nooit bevestigd · {r.verlopen} verlopen · {r.binnenkort} verloopt binnen een maand"
        )
    return lines


def overzicht(project: Project, kaart: Kaart, vandaag: dt.date, cadans: int) -> str:
    """The section of /redactie/: how fresh the kaart is per provider and per gemeente."""
    lines = [
        "",
        "## Bevestigd door de aanbieders { #bevestigingen }",
        "",
        f"Een aanbieder bevestigt zijn aanbod elke {cadans} maanden. Daarna staat er *bevestiging verlopen*; "
        "aanbod dat nooit is bevestigd heet *nooit bevestigd*. Aanbod dat gestopt is telt niet mee. "
        "Welke controleverzoeken je nu stuurt: `kaart rapport --verzoeken`.",
        "",
        "### Per aanbieder",
        "",
        *_regels(per_aanbieder(kaart, vandaag, cadans), "verzoek/{id}.md"),
        "",
        "### Per gemeente",
        "",
        "Aanbod voor een regio telt mee in elke gemeente van die regio, landelijk aanbod in alle gemeenten.",
        "",
        *_regels(per_gemeente(project, kaart, vandaag, cadans), None),
        "",
    ]
    return "\n".join(lines)
