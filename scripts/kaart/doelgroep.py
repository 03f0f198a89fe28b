"""Who an offer is for: the eligibility facts of `doelgroep` and where each one comes from.

Every filled fact (leeftijd, startkwalificatie, situatie, schooltype, kenmerken)
must name its source passage in `doelgroep.bronnen.<feit>`, with the source's
own words in `citaat`.  An empty fact means "niet bekend in de bron"; the
checker rule here keeps the two in step, and the offer page and exports show
each fact next to its source.
"""
from __future__ import annotations

from .loading import LoadedFile
from .result import Problem

# The facts that need a source, in the order pages show them.
FEITEN = ("leeftijd", "startkwalificatie", "situatie", "schooltype", "kenmerken")
# Only these situations happen at a school, so only they can have a school type.
SITUATIES_MET_SCHOOLTYPE = ("op-school", "dreigt-uit-te-vallen")


def _filled(value) -> bool:
    return value not in (None, "", [], {})


def check_bronnen(loaded: LoadedFile, data: dict) -> list[Problem]:
    """Rules the schema cannot express: a source for every filled fact, no source without a fact,
    and a school type only for young people who are at school."""
    doelgroep = data.get("doelgroep")
    if not isinstance(doelgroep, dict):
        return []
    bronnen = doelgroep.get("bronnen")
    bronnen = bronnen if isinstance(bronnen, dict) else {}
    out = []
    for feit in FEITEN:
        if _filled(doelgroep.get(feit)) and feit not in bronnen:
            out.append(Problem(
                loaded.rel, loaded.line_of(("doelgroep", feit)), f"doelgroep.{feit}", "ingevuld zonder bron",
                f"voeg onder `doelgroep.bronnen` toe: `{feit}: {{document: …, onderdeel: …, citaat: \"…\"}}` "
                "met de woorden van de bron, of haal het veld weg als de bron het niet zegt", "doelgroep-bron"))
    for feit in bronnen:
        if feit in FEITEN and not _filled(doelgroep.get(feit)):
            out.append(Problem(
                loaded.rel, loaded.line_of(("doelgroep", "bronnen", feit)), f"doelgroep.bronnen.{feit}",
                f"bron voor een feit dat niet is ingevuld (`doelgroep.{feit}` ontbreekt)",
                f"vul `doelgroep.{feit}` in zoals de bron het zegt, of haal deze bron weg", "doelgroep-bron"))
    situatie = doelgroep.get("situatie")
    situatie = situatie if isinstance(situatie, list) else []
    if _filled(doelgroep.get("schooltype")) and not any(s in situatie for s in SITUATIES_MET_SCHOOLTYPE):
        out.append(Problem(
            loaded.rel, loaded.line_of(("doelgroep", "schooltype")), "doelgroep.schooltype",
            "schooltype zonder situatie op-school of dreigt-uit-te-vallen",
            "zet `op-school` of `dreigt-uit-te-vallen` in `doelgroep.situatie` als de bron dat zegt, of haal `schooltype` weg",
            "doelgroep-schooltype"))
    return out


# A citaat may join two pieces of one passage with this separator; each piece is the source's own words.
CITAAT_SCHEIDING = " … "


def citaat_stukken(citaat: str) -> list[str]:
    return [stuk.strip() for stuk in citaat.split(CITAAT_SCHEIDING) if stuk.strip()]


def ingevulde_feiten(aanbod) -> list[str]:
    """The eligibility facts an offer has, in page order."""
    filled = {"leeftijd": aanbod.leeftijd_min is not None or aanbod.leeftijd_max is not None,
              "startkwalificatie": bool(aanbod.startkwalificatie), "situatie": bool(aanbod.situatie),
              "schooltype": bool(aanbod.schooltype), "kenmerken": bool(aanbod.kenmerken)}
    return [feit for feit in FEITEN if filled[feit]]
