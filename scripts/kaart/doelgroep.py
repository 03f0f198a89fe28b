"""Who an offer is for: the eligibility facts of `doelgroep` and where each one comes from.

Every filled fact (leeftijd, startkwalificatie, situatie, schooltype, kenmerken)
must name its source passage in `doelgroep.bronnen.<feit>`, with the source's
own words in `citaat`.  An empty fact means "niet bekend in de bron"; the
checker rule here keeps the two in step, and the offer page and exports show
each fact next to its source.
"""

from __future__ import annotations

import re

from kaart.records.loading import LoadedFile
from kaart.result import Problem

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
            out.append(
                Problem(
                    loaded.rel,
                    loaded.line_of(("doelgroep", feit)),
                    f"doelgroep.{feit}",
                    "ingevuld zonder bron",
                    f'voeg onder `doelgroep.bronnen` toe: `{feit}: {{document: …, onderdeel: …, citaat: "…"}}` '
                    "met de woorden van de bron, of haal het veld weg als de bron het niet zegt",
                    "doelgroep-bron",
                )
            )
    for feit in bronnen:
        if feit in FEITEN and not _filled(doelgroep.get(feit)):
            out.append(
                Problem(
                    loaded.rel,
                    loaded.line_of(("doelgroep", "bronnen", feit)),
                    f"doelgroep.bronnen.{feit}",
                    f"bron voor een feit dat niet is ingevuld (`doelgroep.{feit}` ontbreekt)",
                    f"vul `doelgroep.{feit}` in zoals de bron het zegt, of haal deze bron weg",
                    "doelgroep-bron",
                )
            )
    situatie = doelgroep.get("situatie")
    situatie = situatie if isinstance(situatie, list) else []
    if _filled(doelgroep.get("schooltype")) and not any(s in situatie for s in SITUATIES_MET_SCHOOLTYPE):
        out.append(
            Problem(
                loaded.rel,
                loaded.line_of(("doelgroep", "schooltype")),
                "doelgroep.schooltype",
                "schooltype zonder situatie op-school of dreigt-uit-te-vallen",
                "zet `op-school` of `dreigt-uit-te-vallen` in `doelgroep.situatie` als de bron dat zegt, of haal "
                "`schooltype` weg",
                "doelgroep-schooltype",
            )
        )
    return out


# A citaat may join two pieces of one passage with this separator; each piece is the source's own words.
CITAAT_SCHEIDING = " … "


def citaat_stukken(citaat: str) -> list[str]:
    return [stuk.strip() for stuk in citaat.split(CITAAT_SCHEIDING) if stuk.strip()]


def ingevulde_feiten(aanbod) -> list[str]:
    """The eligibility facts an offer has, in page order."""
    filled = {
        "leeftijd": aanbod.leeftijd_min is not None or aanbod.leeftijd_max is not None,
        "startkwalificatie": bool(aanbod.startkwalificatie),
        "situatie": bool(aanbod.situatie),
        "schooltype": bool(aanbod.schooltype),
        "kenmerken": bool(aanbod.kenmerken),
    }
    return [feit for feit in FEITEN if filled[feit]]


# -- `kaart rapport`: ages and situations the text states in words while the field is empty -------
# A heuristic for the editors' worklist, not a rule: it reads the record's own text about who the
# offer is for (voorwaarden, beschrijving, is_het_voor_mij) and the passages cited for the other
# doelgroep facts, and looks for an age in years ("15-23 jaar", "tot 23 jaar", "18+", "18 jaar en
# ouder") or words for a situation ("leerlingen", "dreigen uit te vallen", "uitgevallen",
# "uitkering", "werk hebt").  An editor then checks the source and fills the field, or leaves it.
_AGE = r"(?:1[0-9]|2[0-9]|3[0-9])"
LEEFTIJD_IN_WOORDEN = re.compile(
    rf"\b{_AGE}\s*(?:-|–|t/m|tot en met|tot)\s*{_AGE}\s*jaar\b"
    rf"|\b(?:vanaf|boven de|onder de|tot|ouder dan|jonger dan)\s+{_AGE}\s+jaar\b"
    rf"|\b{_AGE}\s+jaar\s+(?:en|of)\s+ouder\b"
    rf"|\b{_AGE}\s*\+|\b{_AGE}-jarig",
    re.IGNORECASE,
)
SITUATIE_IN_WOORDEN = {
    # "zit je op school", not "de hulp op school is goed"
    "op-school": re.compile(
        r"\b(leerling\w*|scholier\w*|basisschol\w*|middelbare scholen"
        r"|(?:zit|zitten|zat|zaten)(?: je| jij)? (?:nog )?op (?:de |het )?(?:\w*school|vmbo|mbo|vo|havo|vwo)"
        r"|in het (?:vo|po|vmbo|mbo|voortgezet onderwijs))\b",
        re.IGNORECASE,
    ),
    "dreigt-uit-te-vallen": re.compile(
        r"\b(dreig\w* (?:te )?(?:uit te vallen|stoppen)|dreigend\)? schooluitval|verzuim\w*)", re.IGNORECASE
    ),
    "gestopt": re.compile(
        r"\b(gestopt|uitgevallen|uitvallen|voortijdig\w* schoolverlat\w*|thuiszit\w*|van school (?:af|gegaan)"
        r"|niet (?:heeft |hebben )?afgemaakt)\b",
        re.IGNORECASE,
    ),
    "uitkering": re.compile(r"\b(uitkering\w*|bijstand\w*|wwb)\b", re.IGNORECASE),
    "werkt": re.compile(
        r"\b(werk (?:hebt|heeft|hebben)|een baan (?:hebt|heeft|hebben)|werknemer\w*|werkende\w*)\b", re.IGNORECASE
    ),
}


def _teksten(aanbod) -> list[tuple[str, str]]:
    texts = [
        ("doelgroep.voorwaarden", aanbod.voorwaarden),
        ("beschrijving", aanbod.beschrijving),
        ("jongerentaal.is_het_voor_mij", aanbod.jongerentaal.get("is_het_voor_mij")),
    ]
    texts += [
        (f"doelgroep.bronnen.{feit}.citaat", bron.get("citaat")) for feit, bron in aanbod.doelgroep_bronnen.items()
    ]
    return [(veld, " ".join(str(tekst).split())) for veld, tekst in texts if tekst]


def in_woorden(aanbod) -> list[str]:
    """What the text says about age or situation while the structured field is empty, e.g.
    "leeftijd: '15-23 jaar' in doelgroep.voorwaarden"."""
    out = []
    texts = _teksten(aanbod)
    if aanbod.leeftijd_min is None and aanbod.leeftijd_max is None:
        for veld, tekst in texts:
            match = LEEFTIJD_IN_WOORDEN.search(tekst)
            if match:
                out.append(f"leeftijd: '{match.group(0)}' in {veld}")
                break
    if not aanbod.situatie:
        for situatie, pattern in SITUATIE_IN_WOORDEN.items():
            for veld, tekst in texts:
                match = pattern.search(tekst)
                if match:
                    out.append(f"situatie {situatie}: '{match.group(0)}' in {veld}")
                    break
    return out
