"""How old an offer's information is, in the words each reader sees.

One place for the line that offer pages, wegwijzer and youth cards and search
results show near the title, so "the source of 2016 described it" can never read
as "it exists today".  Issue 13 added dated confirmations by the provider; issue 21
makes freshness a state: from the latest confirmation and a cadence (default 12 months,
the site setting extra.redactie.cadans_maanden) an offer is *bevestigd* (with the date),
*bevestiging verlopen* or *nooit bevestigd*.  Callers only use the functions below.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from kaart.model import DEFAULT_CADANS_MAANDEN, Aanbod, Kaart

BEVESTIGD, VERLOPEN, NOOIT = "bevestigd", "bevestiging verlopen", "nooit bevestigd"


def plus_maanden(datum: dt.date, maanden: int) -> dt.date:
    """`datum` + whole months; the 31st becomes the last day of a shorter month."""
    index = datum.month - 1 + maanden
    jaar, maand = datum.year + index // 12, index % 12 + 1
    return dt.date(jaar, maand, min(datum.day, calendar.monthrange(jaar, maand)[1]))


@dataclass(frozen=True)
class Staat:
    """How fresh an offer is: bevestigd (within the cadence), bevestiging verlopen, or nooit bevestigd."""

    naam: str
    bevestigd_op: dt.date | None = None
    verloopt_op: dt.date | None = None  # the confirmation date + the cadence: the last day it holds

    def binnen(self, vandaag: dt.date, maanden: int = 1) -> bool:
        """Does the confirmation run out from today on and within `maanden` (due next month)?"""
        return bool(self.verloopt_op) and vandaag <= self.verloopt_op <= plus_maanden(vandaag, maanden)


def staat(aanbod: Aanbod, vandaag: dt.date | None = None, cadans_maanden: int = DEFAULT_CADANS_MAANDEN) -> Staat:
    datum = bevestigd_op(aanbod)
    if not datum:
        return Staat(NOOIT)
    op = dt.date.fromisoformat(datum)
    verloopt = plus_maanden(op, cadans_maanden)
    # valid up to and including the day a cadence later: confirmed 2025-06-01, still fresh on 2026-06-01
    return Staat(BEVESTIGD if (vandaag or dt.date.today()) <= verloopt else VERLOPEN, op, verloopt)


def bronjaar(aanbod: Aanbod, vocab) -> int | None:
    """The year of the newest source that describes the offer (a confirmation is not a description)."""
    return vocab.newest_year(aanbod.bronnen)


def bevestigd_op(aanbod: Aanbod) -> str | None:
    """The date (JJJJ-MM-DD) the provider last confirmed the offer, if ever.

    Either `laatst_gecontroleerd` or a source of the kind "bevestigd door de
    aanbieder" in `bronnen`.  A confirmed phone number alone (contact.bronnen)
    does not confirm the rest of the offer.
    """
    datums = [b.bevestigd for b in aanbod.bronnen if b.bevestigd]
    if aanbod.laatst_gecontroleerd:
        datums.append(aanbod.laatst_gecontroleerd)
    return max(datums) if datums else None


def bronjaren(kaart: Kaart, vocab) -> tuple[int, int] | None:
    """Oldest and newest source year over all offers."""
    jaren = [j for a in kaart.aanbod.values() for j in [bronjaar(a, vocab)] if j]
    return (min(jaren), max(jaren)) if jaren else None


def homezin(kaart: Kaart, vocab) -> str:
    """One sentence for the home page: how old the sources are and how much is confirmed."""
    jaren = bronjaren(kaart, vocab)
    bevestigd = sum(1 for a in kaart.aanbod.values() if bevestigd_op(a))
    totaal = len(kaart.aanbod)
    if not jaren:
        periode = "De bronnen van dit aanbod noemen geen jaar"
    elif jaren[0] == jaren[1]:
        periode = f"De bronnen van dit aanbod zijn uit {jaren[0]}"
    else:
        periode = f"De bronnen van dit aanbod zijn uit {jaren[0]} tot en met {jaren[1]}"
    if bevestigd == 0:
        return f"{periode}; nog geen aanbieder heeft bevestigd dat het aanbod nu nog zo bestaat, dus vraag het na."
    return (
        f"{periode}; {bevestigd} van de {totaal} aanbiedingen zijn door de aanbieder bevestigd, "
        "bij de rest vraag je na of het nog bestaat."
    )


def staat_tekst(s: Staat) -> str:
    """The state in words: 'bevestigd door de aanbieder op 2026-03-01', 'bevestiging verlopen ...', 'nooit ...'."""
    if s.naam == NOOIT:
        return "nooit bevestigd door de aanbieder"
    if s.naam == VERLOPEN:
        return f"bevestiging verlopen: laatst bevestigd door de aanbieder op {s.bevestigd_op.isoformat()}"
    return f"bevestigd door de aanbieder op {s.bevestigd_op.isoformat()}"


def stand(aanbod: Aanbod, vocab, vandaag: dt.date | None = None, cadans_maanden: int = DEFAULT_CADANS_MAANDEN) -> str:
    """For professionals: 'Volgens een bron uit 2016 · nooit bevestigd door de aanbieder'."""
    jaar = bronjaar(aanbod, vocab)
    bron = f"Volgens een bron uit {jaar}" if jaar else "Bronjaar niet bekend"
    return f"{bron} · {staat_tekst(staat(aanbod, vandaag, cadans_maanden))}"


def jongeren_stand(
    aanbod: Aanbod, vocab, vandaag: dt.date | None = None, cadans_maanden: int = DEFAULT_CADANS_MAANDEN
) -> str:
    """For young people, in youth words."""
    s = staat(aanbod, vandaag, cadans_maanden)
    if s.naam == VERLOPEN:
        return (
            f"De aanbieder zei op {s.bevestigd_op.isoformat()} dat dit klopt. "
            "Dat is lang geleden: vraag na of het nog zo is."
        )
    if s.naam == BEVESTIGD:
        return f"De aanbieder zei op {s.bevestigd_op.isoformat()} dat dit klopt."
    jaar = bronjaar(aanbod, vocab)
    if jaar:
        return f"Deze informatie is van {jaar}. Vraag na of het nog bestaat."
    return "We weten niet hoe oud deze informatie is. Vraag na of het nog bestaat."
