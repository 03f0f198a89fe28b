"""How old an offer's information is, in the words each reader sees.

One place for the line that offer pages, wegwijzer and youth cards and search
results show near the title, so "the source of 2016 described it" can never read
as "it exists today".  Issue 13 extends this with dated confirmations by the
provider; callers only use the functions below.
"""

from __future__ import annotations

from kaart.model import Aanbod, Kaart


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


def stand(aanbod: Aanbod, vocab) -> str:
    """For professionals: 'Volgens een bron uit 2016 · nog niet bevestigd door de aanbieder'."""
    jaar = bronjaar(aanbod, vocab)
    bron = f"Volgens een bron uit {jaar}" if jaar else "Bronjaar niet bekend"
    datum = bevestigd_op(aanbod)
    bevestiging = f"bevestigd door de aanbieder op {datum}" if datum else "nog niet bevestigd door de aanbieder"
    return f"{bron} · {bevestiging}"


def jongeren_stand(aanbod: Aanbod, vocab) -> str:
    """For young people, in youth words."""
    datum = bevestigd_op(aanbod)
    if datum:
        return f"De aanbieder zei op {datum} dat dit klopt."
    jaar = bronjaar(aanbod, vocab)
    if jaar:
        return f"Deze informatie is van {jaar}. Vraag na of het nog bestaat."
    return "We weten niet hoe oud deze informatie is. Vraag na of het nog bestaat."
