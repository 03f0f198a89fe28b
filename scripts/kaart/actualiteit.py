"""How old an offer's information is, in the words each reader sees.

One place for the line that offer pages, wegwijzer and youth cards and search
results show near the title, so "the source of 2016 described it" can never read
as "it exists today".  Issue 13 extends this with dated confirmations by the
provider; callers only use the functions below.
"""
from __future__ import annotations

from .model import Aanbod


def bronjaar(aanbod: Aanbod, vocab) -> int | None:
    """The year of the newest source that describes the offer."""
    return vocab.newest_year(aanbod.bronnen)


def bevestigd_op(aanbod: Aanbod) -> str | None:
    """The date (JJJJ-MM-DD) the provider last confirmed the offer, if ever."""
    return aanbod.laatst_gecontroleerd


def regel(aanbod: Aanbod, vocab) -> str:
    """For professionals: 'Volgens een bron uit 2016 · nog niet bevestigd door de aanbieder'."""
    jaar = bronjaar(aanbod, vocab)
    bron = f"Volgens een bron uit {jaar}" if jaar else "Bronjaar niet bekend"
    datum = bevestigd_op(aanbod)
    bevestiging = f"bevestigd door de aanbieder op {datum}" if datum else "nog niet bevestigd door de aanbieder"
    return f"{bron} · {bevestiging}"


def jongerenregel(aanbod: Aanbod, vocab) -> str:
    """For young people, in youth words."""
    datum = bevestigd_op(aanbod)
    if datum:
        return f"De aanbieder zei op {datum} dat dit klopt."
    jaar = bronjaar(aanbod, vocab)
    if jaar:
        return f"Deze informatie is van {jaar}. Vraag na of het nog bestaat."
    return "We weten niet hoe oud deze informatie is. Vraag na of het nog bestaat."
