"""Issue 13, the audit's corrections: each corrected text says what its source says, and no more.

Every case quotes the overstated phrase the audit found (it must be gone) and
the corrected wording the page now shows. Records are checked in the text a
reader gets: the generated offer page. Where the seeds are beside the checkout,
the corrected wording is also looked up in the source passage it rests on.
"""

from __future__ import annotations

import json
import re

import pytest

from kaart.build import prepare_site
from kaart.pages.glossary import load_glossary
from kaart.pages.site import ONBEKEND
from support import ROOT, SEEDS, needs_seeds


def squash(text: str) -> str:
    """Compare text as read: YAML and Markdown wrap lines, the seeds' PDF text too."""
    return re.sub(r"\s+", " ", text.replace("*", "")).strip()


@pytest.fixture(scope="module")
def prepared(project):
    return prepare_site(project)


@pytest.fixture(scope="module")
def offer_page(prepared):
    return lambda aanbod_id: squash(prepared.output.pages[f"aanbod/{aanbod_id}.md"].markdown)


def content(path: str) -> str:
    return squash((ROOT / "content" / path).read_text(encoding="utf-8"))


# (record, the audit's overstated phrase, the corrected wording on the offer page)
RECORDS = [
    (
        "startklaar-diploma",
        "Een jobcoach helpt je daarna aan werk",
        "Een jobcoach begeleidt je daarna op weg naar werk",
    ),
    (
        "startklaar-diploma",
        "Zo blijft de gemeente de jongere volgen nadat hij of zij van school is",
        f"Of er nazorg is, is {ONBEKEND}",
    ),
    (
        "jobcoaches",
        "bijlage 1 (jobcoach van Team Werk)",
        "of dat een van de jobcoaches uit tabel 1 is, zegt de bron niet",
    ),
    ("jobcoaches", "Je school draagt je over aan de jobcoach", "De bron zegt niet door wie"),
    (
        "jobcoaches",
        "blijft je jobcoach nog tot twee jaar bij je",
        "Die begeleiding loopt door tot twee jaar nadat je van school bent",
    ),
    (
        "choose2improve",
        "Choose2improve is een programma in heel Nederland.",
        "Wie het programma landelijk uitvoert, zegt de bron niet",
    ),
    ("choose2improve-almere", "twijfelt de school", "is er twijfel of je gemotiveerd bent"),
    (
        "atc-eduvier",
        "Volgens Eduvier gaan de meeste jongeren daarna naar het mbo",
        "Of dat over ATC gaat, staat er niet",
    ),
    ("almeerkans", "een van de takken van de gedifferentieerde Entree-opleiding", "Tabel 2 noemt het in een eigen rij"),
    (
        "almeerkans",
        "Het is een vorm van Entree",
        "Of het een van de vier takken van de gedifferentieerde Entree-opleiding is, zegt de bron niet",
    ),
    ("entree-gedifferentieerd", "Scholen werken samen met", "scholen vaak contact hebben met veel partijen"),
    (
        "entree-gedifferentieerd",
        "Als tak noemt het rapport Almeerkans",
        "Welke vier takken het zijn, zegt de bron niet",
    ),
    (
        "leerwerkloket-nhn",
        "hebben ze een duidelijke taak en rol van de gemeenten nodig",
        "waarschijnlijk met een duidelijke taakstelling",
    ),
    (
        "leerwerkloket-nhn",
        "Dan kun je hier advies vragen",
        "De bron zegt niet wat dit loket in Noord-Holland Noord precies doet",
    ),
    ("rmc-bemiddeling", "zijn er geen cijfers over jongeren", "(nog) geen precieze cijfers"),
    ("rmc-bemiddeling", "Ben je jonger dan 23? Heb je", "Ben je jonger dan 23 en heb je geen beperking?"),
    (
        "stimuleren-ouderbetrokkenheid",
        "De gemeente zorgt dat je ouders meer betrokken zijn",
        "probeert je ouders meer bij je school te betrekken",
    ),
    ("stimuleren-ouderbetrokkenheid", "Zo kunnen ze je helpen als het moeilijk wordt", "Of het helpt, is niet gemeten"),
    ("stimuleren-ouderbetrokkenheid", "Je hoeft zelf niets te doen", "De bron zegt niet hoe het gaat"),
    (
        "preventieve-verzuimspreekuren",
        "Iemand van leerplicht van de gemeente praat dan met je",
        "Wat er precies gebeurt, zegt de bron niet",
    ),
    ("preventieve-verzuimspreekuren", "Dit regelt je school", "Vraag je mentor of jouw school zo'n spreekuur heeft"),
    (
        "subsidiecalculator",
        "Ga naar de website.",
        "Het adres komt uit een bron van 2017. Of de website nog werkt, weten we niet",
    ),
]


@pytest.mark.parametrize(
    ("aanbod_id", "overstated", "corrected"), RECORDS, ids=[f"{r[0]}-{i}" for i, r in enumerate(RECORDS)]
)
def test_corrected_record_says_no_more_than_its_source(offer_page, aanbod_id, overstated, corrected):
    page = offer_page(aanbod_id)
    assert squash(overstated) not in page
    assert squash(corrected) in page


def test_startklaar_diploma_nazorg_is_unknown_not_promised(prepared):
    # 004 §3.3 names only Learn2Work and IntoWork as offers with a clear element of nazorg;
    # for the Startklaar diploma the source says neither yes nor no, so the field is left out.
    kaart = prepared.kaart
    assert kaart.aanbod["startklaar-diploma"].nazorg is None
    assert kaart.aanbod["learn2work"].nazorg is True and kaart.aanbod["intowork"].nazorg is True


def test_atc_does_not_carry_the_result_eduvier_gives_for_itself(prepared):
    atc = prepared.kaart.aanbod["atc-eduvier"]
    assert not any("mbo" in r.wat for r in atc.resultaten)


def test_choose2improve_says_who_runs_it_nationally_is_unknown(prepared):
    c2i = prepared.kaart.aanbod["choose2improve"]
    assert "dat het ROC van Flevoland het in heel Nederland aanbiedt, staat er niet" in squash(c2i.beschrijving)


# -- issue 19: the doelgroep facts checked one by one against their passage ----------------


def seed_text() -> str:
    """The Almere report, as words only (the PDF text breaks lines and words anywhere)."""
    return re.sub(r"[\s\-\u00ad]+", "", next(SEEDS.glob("004_*.txt")).read_text(encoding="utf-8"))


def in_seed(text: str) -> bool:
    return re.sub(r"[\s\-\u00ad]+", "", text) in seed_text()


def test_jobcoaches_take_no_group_from_the_startklaar_passage(prepared):
    # Tabel 1 says only "als de kwetsbare jongeren nog bezig zijn met hun opleiding"; the §3.1
    # sentence about "cognitief niet in staat" describes the Startklaar diploma's group.
    jc = prepared.kaart.aanbod["jobcoaches"]
    assert jc.startkwalificatie is None and not jc.kenmerken
    assert jc.situatie == ("op-school",)
    assert "Startklaar" not in jc.doelgroep_bronnen["situatie"]["citaat"]
    assert "Startkwalificatie en kenmerken niet ingevuld" in jc.toelichting


def test_atc_is_not_only_for_pupils_on_the_strength_of_a_general_sentence(prepared):
    atc = prepared.kaart.aanbod["atc-eduvier"]
    assert not atc.situatie and "situatie" not in atc.doelgroep_bronnen
    assert "Situatie niet ingevuld" in atc.toelichting


@needs_seeds
def test_ouderbetrokkenheid_cites_the_schools_experience(prepared):
    bron = prepared.kaart.aanbod["stimuleren-ouderbetrokkenheid"].doelgroep_bronnen["situatie"]
    assert prepared.kaart.aanbod["stimuleren-ouderbetrokkenheid"].situatie == ("op-school",)
    assert "scholen positieve ervaringen hebben met" in bron["citaat"] and "op de eerste plaats" not in bron["citaat"]
    assert in_seed(bron["citaat"])


def test_learn2work_debts_are_what_it_offers_not_whom_it_is_for(prepared):
    l2w = prepared.kaart.aanbod["learn2work"]
    assert not l2w.kenmerken and {"geld", "welzijn"} <= set(l2w.helpt_bij)


def test_choose2improve_sends_no_one_outside_almere_to_the_roc(prepared):
    c2i = prepared.kaart.aanbod["choose2improve"]
    assert not c2i.werkgebied.get("landelijk") and c2i.werkgebied["gemeenten"] == ["almere"]
    assert c2i.aanbieder == "roc-van-flevoland"
    assert "Wie het buiten Almere uitvoert, zegt de bron niet" in c2i.toelichting


@pytest.mark.parametrize("aanbod_id", ["choose2improve-almere", "warme-overdrachtsoverleg"])
def test_an_example_or_a_second_group_is_not_the_only_situation(prepared, aanbod_id):
    a = prepared.kaart.aanbod[aanbod_id]
    assert not a.situatie and "situatie" not in a.doelgroep_bronnen
    assert "Situatie niet ingevuld" in a.toelichting


@needs_seeds
@pytest.mark.parametrize("aanbod_id", ["team-werk", "werk-en-inkomen"])
def test_team_werk_serves_young_people_with_and_without_a_startkwalificatie(prepared, aanbod_id):
    a = prepared.kaart.aanbod[aanbod_id]
    assert a.startkwalificatie == "beide"
    citaat = a.doelgroep_bronnen["startkwalificatie"]["citaat"]
    assert "of er sprake is van een startkwalificatie. Zo niet" in citaat and in_seed(citaat)


@needs_seeds
def test_startklaar_is_for_praktijkonderwijs_pupils_as_their_school_says(prepared):
    a = prepared.kaart.aanbod["startklaar-diploma"]
    assert "pro" in a.kenmerken
    assert all(in_seed(stuk) for stuk in a.doelgroep_bronnen["kenmerken"]["citaat"].split(" … "))


# (page under content/, the audit's overstated phrase, the corrected wording)
PAGES = [
    (
        "lerende-netwerken/praktijken/twente-apeldoorn.md",
        "regio: Enschede, Apeldoorn en Hengelo (Twente)",
        "regio: Enschede en Hengelo (Twente) en Apeldoorn",
    ),
    (
        "lerende-netwerken/praktijken/stoof.md",
        "rustige plek, vaste mentor, voorspelbare planning",
        "het uitzendbureau plant voorspelbaar",
    ),
    (
        "lerende-netwerken/praktijken/noordoost-groningen-eemsmond.md",
        "doet alleen mee als",
        "geeft zelf aan hoe die eruit kan zien",
    ),
    (
        "lerende-netwerken/praktijken/noordoost-groningen-eemsmond.md",
        "De jongere moet zelf aangeven dat hij meedoet",
        "hij/zij moet het zelf aangeven",
    ),
    (
        "lerende-netwerken/praktijken/subsidiecalculator.md",
        "(http://www.subsidiecalculator.nl/page/home)\n\n## Wat maakt het werkzaam?",
        "geraadpleegd maart 2017); of de website nog bestaat, is niet gecontroleerd",
    ),
    ("jongeren/startkwalificatie.md", "gaat een dag naar school", "1 tot 2 dagen naar school"),
    (
        "jongeren/startkwalificatie.md",
        "spraken scholen en gemeenten af",
        "Dat staat in hun plan. Of het al zo werkt, zegt de bron niet",
    ),
    (
        "jongeren/18-worden.md",
        "voor iemand van 18, 19 of 20 zonder kinderen",
        "voor een alleenstaande van 18, 19 of 20 zonder kinderen",
    ),
    (
        "jongeren/18-worden.md",
        "Schulden houden je niet tegen",
        "Volgens de wet zijn schulden geen reden om je studiefinanciering te weigeren",
    ),
    (
        "aanpak/stappenplan.md",
        "Deze sociale kaart helpt dat aanbod in beeld te brengen",
        "aanbod uit Noord-Holland Noord staat er nog weinig in",
    ),
]


@pytest.mark.parametrize(
    ("path", "overstated", "corrected"), PAGES, ids=[f"{p[0].rsplit('/', 1)[-1]}-{i}" for i, p in enumerate(PAGES)]
)
def test_corrected_page_says_no_more_than_its_source(path, overstated, corrected):
    assert squash(overstated) not in content(path)
    assert squash(corrected) in content(path)


BIJLAGE_1_PAGES = [
    "aanpak/index.md",
    "aanpak/voorwaarden.md",
    "lerende-netwerken/praktijken/noordoost-groningen-eemsmond.md",
    "lerende-netwerken/praktijken/lelystad-lelytalent.md",
    "lerende-netwerken/praktijken/noordoost-brabant-praktijk-leren.md",
    "lerende-netwerken/praktijken/groot-amsterdam-jongerenpunten.md",
]


@pytest.mark.parametrize("path", BIJLAGE_1_PAGES)
def test_jongerentop_remarks_name_no_speaker_the_source_does_not_name(path):
    # Seed 000, bijlage 1: "adviezen en uitspraken tijdens de JongerenTop", drawn up "door jongeren en professionals".
    text = content(path)
    said_by_youth = re.findall(
        r"Jongeren (?:gaven|vroegen|zeiden|wezen)[^.]*JongerenTop|Jongeren op de JongerenTop", text
    )
    assert said_by_youth == []
    assert "JongerenTop" in text


def test_intentieverklaring_is_cited_as_the_declaration_dates_it(project):
    document = json.loads((ROOT / "schemas" / "vocabulaires.schema.json").read_text(encoding="utf-8"))["$defs"][
        "document"
    ]
    nhn = next(t for t in document["oneOf"] if t["const"].startswith("nhn-intentieverklaring"))
    assert nhn["const"] == "nhn-intentieverklaring-2018" and nhn["x-jaar"] == 2018
    assert "30 november 2018" in nhn["title"]
    tracked = [
        p
        for folder in ("content", "aanbod", "schemas")
        for p in (ROOT / folder).rglob("*")
        if p.suffix in {".md", ".yml", ".json"}
    ]
    tracked.append(ROOT / "CONTRIBUTING.md")
    assert [p.name for p in tracked if "nhn-intentieverklaring-2019" in p.read_text(encoding="utf-8")] == []
    # every Bronnen line citing the declaration or the (undated) plan gives the date as the source does
    for page in (ROOT / "content").rglob("*.md"):
        for line in page.read_text(encoding="utf-8").splitlines():
            if line.startswith("- *Intentieverklaring"):
                assert line.endswith("30 november 2018.") or "(Alkmaar, 30 november 2018)" in line, (page.name, line)
            if line.startswith(("- *Plan van Aanpak JongerenTop", "- *Plan van aanpak JongerenTop")):
                assert ", 2019" not in line and "zonder datum" in line, (page.name, line)


GLOSSARY = [
    # (term, field, overstated or wrong text, corrected text)
    ("vmbo", "voluit", "voorbereidend middelbaar beroepsonderwijs", "voortgezet middelbaar beroepsonderwijs"),
    (
        "Entree",
        "uitleg",
        "een assistentenopleiding voor jongeren zonder vmbo-diploma",
        "niet goed mee kunnen in de reguliere entree",
    ),
    (
        "kwalificatieplicht",
        "uitleg",
        "Voor uitstromers uit pro en vso geldt deze plicht niet",
        "uit het vso met uitstroomprofiel arbeid of dagbesteding",
    ),
    ("RMC", "uitleg", "", "Regionale Meld- en Coördinatiefunctie voortijdig schoolverlaten"),
    (
        "Divosa",
        "uitleg",
        "Divosa doet mee in het programma in Twente en Apeldoorn",
        "Samen met Ingrado zal Divosa de landelijke handreiking beheren",
    ),
    ("Ingrado", "uitleg", "beheert Ingrado", "zal Ingrado de landelijke handreiking uit 2017 beheren"),
]


@pytest.fixture(scope="module")
def begrippen(project):
    begrippen, problems = load_glossary(project)
    assert problems == []
    return {b.term: b for b in begrippen}


@pytest.mark.parametrize(("term", "field", "wrong", "corrected"), GLOSSARY, ids=[g[0] for g in GLOSSARY])
def test_corrected_glossary_entry(begrippen, term, field, wrong, corrected):
    value = getattr(begrippen[term], field)
    assert not wrong or wrong not in value
    assert corrected in value


# The corrected wording, as it stands in the seed passage it rests on.
SEED_QUOTES = [
    "worden gelijk opgepakt door een jobcoach en naar de arbeidsmarkt begeleid",
    "De projecten waar een duidelijk element van nazorg in zit, betreffen Lean2Work en IntoWork",
    "Jobcoach van Team Werk",
    "getwijfeld wordt aan de motivatie",
    "scholen vaak contact hebben met veel partijen",
    "Waarschijnlijk begint dit met het formuleren van een duidelijke taakstelling",
    "(nog) geen precieze cijfers",
    "jongeren tot 23 jaar (zonder be- perking)",
    "Alkmaar, 30 november 2018",
    "door jongeren en professionals zijn opgesteld",
    "Daarnaast gaan ze 1 tot 2 dagen naar school",
    "De landelijke bijstandsnorm voor een alleenstaande van 18, 19, en 20 jaar zonder kinderen",
    "geen wettelijk beletsel",
    "Vmbo : Voortgezet middelbaar beroeps onderwijs",
    "RMC : Regionale Meld- en Coördinatiefunctie voortijdig schoolverlaten",
    "uit het vso met uitstroomprofiel arbeid of dagbesteding, geldt de kwalificatieplicht namelijk niet",
    "Deze heeft hen geplaatst bij Rockwool",
    "hem belt Adecco dus altijd in de middag voor de dag erna",
    "(hij/zij moet het zelf aangeven)",
]


@needs_seeds
@pytest.mark.parametrize("quote", SEED_QUOTES)
def test_corrections_rest_on_a_seed_passage(quote):
    seeds = squash(" ".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(SEEDS.glob("*.txt"))))
    assert squash(quote) in seeds
