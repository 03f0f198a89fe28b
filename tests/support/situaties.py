"""Situations from the sources, for the wegwijzer's scoring (test_matching.py, under node and in
Python) and its page (test_wegwijzer.py, in the browser).

Each names what the source says about the offers involved, so a failing case points at
either the ranking or the data:
- RMC is for young people "tot 23 jaar"; Flevodrome for 15 to 23 (Verwey-Jonker 2016, Tabel 2 and 3).
- IntoWork and Learn2Work are the begeleiding the Almere report describes for young people without
  a startkwalificatie (Tabel 3, §3.2); JINC, Stage to Work, Almere on Stage and Oké op school are
  voorzorg for pupils (Tabel 1).
- Startklaar diploma is for pupils who cannot reach a startkwalificatie (§3.1); the jobcoaches for
  kwetsbare jongeren "nog bezig met hun opleiding" (Tabel 1).
- Learn2Work offers schuldhulpverlening (§3.2); the ROC's classes for tienermoeders (§3.2).
- W&I "is er in principe voor jongeren die een uitkering hebben"; Team Zorg helps first with
  psychische klachten (Tabel 2).

Fields: query; top (N) and in_top (ids of which at least one, or with alle=True all, are in
the top N); niet_top10 (ids that must not be in the top 10); valt_af ({id: reason shown}).
Issue 19 added: eerste (the id ranked first); niet_top5 (ids not in the top 5); niet_in_lijst
(ids not among the fitting offers at all); geen_past (no offer in group Past); vraag (the
question the page asks: situatie or startkwalificatie); bron_noemt (the offer the source names
for this situation: scripts/bench_wegwijzer.py prints its rank).
"""

from __future__ import annotations

PUPIL_OFFERS = {"almere-on-stage", "jinc", "stage-to-work", "oke-op-school"}
# Offers whose source names only pupils (situatie op-school or dreigt-uit-te-vallen).
ALLEEN_LEERLINGEN = PUPIL_OFFERS | {
    "jobcoaches",
    "startklaar-diploma",
    "loopbaan-expertise-centrum",
    "stimuleren-ouderbetrokkenheid",
    "gelijkschalige-meldnorm",
    "preventieve-verzuimspreekuren",
    "matching-talents",
    "jongerencoach-18-plus",
}

SITUATIES: dict[str, dict] = {
    "24 jaar, geen startkwalificatie, gestopt, zoekt werk, Almere": dict(
        bron_noemt="intowork",
        query="?leeftijd=24&startkwalificatie=nee&situatie=gestopt&zoekt=werk&gemeente=almere",
        top=5,
        in_top={"intowork", "learn2work"},
        alle=True,
        niet_top10=PUPIL_OFFERS | {"jobcoaches", "startklaar-diploma"},
        valt_af={
            "rmc-bemiddeling": "tot 23 jaar",
            "flevodrome": "15 tot en met 23 jaar",
            "jinc": "alleen voor jongeren die op school zitten",
        },
    ),
    "19-jarige tienermoeder, Almere": dict(
        bron_noemt="entree-tienermoeders",
        query="?leeftijd=19&kenmerk=tienermoeder&gemeente=almere",
        top=3,
        in_top={"entree-tienermoeders"},
    ),
    "19-jarige tienermoeder, zoekt school": dict(
        bron_noemt="entree-tienermoeders",
        query="?leeftijd=19&kenmerk=tienermoeder&zoekt=school&gemeente=almere",
        top=3,
        in_top={"entree-tienermoeders"},
        valt_af={"intowork": "helpt niet bij school"},
    ),
    "17 jaar, praktijkonderwijs, kan geen startkwalificatie halen, zoekt werk": dict(
        bron_noemt="startklaar-diploma",
        query="?leeftijd=17&startkwalificatie=nee&situatie=op-school&schooltype=pro&zoekt=werk&gemeente=almere"
        "&kenmerk=niet-leerbaar",
        top=5,
        in_top={"startklaar-diploma", "jobcoaches"},
        valt_af={"jongerencoach-18-plus": "vanaf 18 jaar", "almere-on-stage": "alleen voor leerlingen van vmbo"},
    ),
    "25 jaar zonder startkwalificatie, schulden, zoekt hulp met geld": dict(
        query="?leeftijd=25&startkwalificatie=nee&kenmerk=schulden&zoekt=geld&gemeente=almere",
        top=1,
        in_top={"learn2work"},
        bron_noemt="learn2work",
        valt_af={"rmc-bemiddeling": "tot 23 jaar"},
    ),
    "16 jaar, gestopt zonder diploma, zoekt school": dict(
        bron_noemt="rmc-bemiddeling",
        query="?leeftijd=16&startkwalificatie=nee&situatie=gestopt&zoekt=school&gemeente=almere",
        top=3,
        in_top={"rmc-bemiddeling"},
        niet_top10=PUPIL_OFFERS,
        valt_af={
            "jongerencoach-18-plus": "vanaf 18 jaar",
            "oke-op-school": "alleen voor jongeren die op school zitten",
        },
    ),
    "23 jaar, dreigt uit te vallen op het mbo": dict(
        bron_noemt="jongerencoach-18-plus",
        query="?leeftijd=23&startkwalificatie=nee&situatie=dreigt-uit-te-vallen&schooltype=mbo&zoekt=school&gemeente=almere",
        top=3,
        in_top={"jongerencoach-18-plus", "matching-talents"},
        alle=True,
        valt_af={"rmc-bemiddeling": "tot 23 jaar", "jinc": "alleen voor leerlingen van voortgezet onderwijs (vo)"},
    ),
    "18 jaar, dreigt uit te vallen op het mbo, zoekt steun": dict(
        query="?leeftijd=18&situatie=dreigt-uit-te-vallen&schooltype=mbo&zoekt=steun&gemeente=almere",
        top=3,
        in_top={"jongerencoach-18-plus", "matching-talents"},
        alle=True,
    ),
    "20 jaar, heeft al een startkwalificatie, zoekt werk": dict(
        bron_noemt="team-werk",
        query="?leeftijd=20&startkwalificatie=ja&zoekt=werk&gemeente=almere",
        top=10,
        in_top={"team-werk", "werk-en-inkomen"},
        alle=True,
        niet_top10={"intowork", "learn2work", "startklaar-diploma", "binnenste-buiten"},
        valt_af={"intowork": "alleen zonder startkwalificatie", "learn2work": "alleen zonder startkwalificatie"},
    ),
    "woont in Hoorn, zoekt werk": dict(
        query="?zoekt=werk&gemeente=hoorn",
        top=1,
        in_top={"leerwerkloket-nhn"},
        bron_noemt="leerwerkloket-nhn",
        niet_top10={"learn2work", "intowork", "team-werk", "choose2improve"},
        valt_af={"learn2work": "niet in Hoorn", "choose2improve": "niet in Hoorn"},
    ),
    "15 jaar, veel problemen, zoekt school": dict(
        bron_noemt="flevodrome",
        query="?leeftijd=15&zoekt=school&gemeente=almere&kenmerk=meervoudige-problemen",
        top=3,
        in_top={"flevodrome"},
        valt_af={"choose2improve": "17 tot en met 23 jaar", "jongerencoach-18-plus": "vanaf 18 jaar"},
    ),
    "25 jaar, uitkering en psychische problemen, zoekt welzijn": dict(
        bron_noemt="team-zorg",
        query="?leeftijd=25&situatie=uitkering&zoekt=welzijn&gemeente=almere&kenmerk=psychische-problemen",
        top=3,
        in_top={"team-zorg"},
        valt_af={"flevodrome": "15 tot en met 23 jaar"},
    ),
    "26 jaar met een uitkering, zoekt werk": dict(
        bron_noemt="werk-en-inkomen",
        query="?leeftijd=26&situatie=uitkering&zoekt=werk&gemeente=almere",
        top=3,
        in_top={"werk-en-inkomen", "team-werk", "intensieve-werkbegeleiding"},
        alle=True,
        valt_af={"rmc-bemiddeling": "tot 23 jaar"},
    ),
    "meisje met zware problemen, zoekt welzijn": dict(
        bron_noemt="meiden-met-pit",
        query="?kenmerk=meiden,meervoudige-problemen&zoekt=welzijn&gemeente=almere",
        top=1,
        in_top={"meiden-met-pit"},
    ),
    "vmbo-leerling van 14, zoekt werk (beroepsorientatie)": dict(
        query="?leeftijd=14&situatie=op-school&schooltype=vmbo&zoekt=werk&gemeente=almere",
        top=3,
        in_top={"almere-on-stage", "jinc", "stage-to-work"},
        alle=True,
        valt_af={"loopbaan-expertise-centrum": "alleen voor leerlingen van mbo", "flevodrome": "15 tot en met 23 jaar"},
    ),
    "voortijdig schoolverlater, zit thuis, zoekt school": dict(
        bron_noemt="rmc-bemiddeling",
        query="?situatie=gestopt&zoekt=school&gemeente=almere&kenmerk=vsv",
        top=3,
        in_top={"rmc-bemiddeling", "warme-overdrachtsoverleg"},
        alle=True,
        niet_top10=PUPIL_OFFERS,
        valt_af={"jongerencoach-18-plus": "alleen voor jongeren die dreigen uit te vallen"},
    ),
    "22 jaar, werkt, wil een diploma": dict(
        query="?leeftijd=22&situatie=werkt&zoekt=school&gemeente=almere",
        top=3,
        in_top={"choose2improve"},
        bron_noemt="choose2improve",
        niet_top10=PUPIL_OFFERS,
        valt_af={"stage-to-work": "alleen voor jongeren die op school zitten"},
    ),
    "vrije tekst: schuldhulp": dict(query="?q=schuldhulp", top=1, in_top={"learn2work"}, niet_top10={"intowork"}),
    # -- issue 19: the five situations it measured, and more from the sources --------------------
    "24, geen startkwalificatie, werk, Almere, situatie niet gegeven": dict(
        query="?leeftijd=24&startkwalificatie=nee&zoekt=werk&gemeente=almere",
        top=3,
        in_top={"intowork", "learn2work"},
        bron_noemt="intowork",
        niet_top5=ALLEEN_LEERLINGEN,
        vraag="situatie",
    ),
    "19, tienermoeder": dict(
        query="?leeftijd=19&kenmerk=tienermoeder",
        top=1,
        in_top={"entree-tienermoeders"},
        eerste="entree-tienermoeders",
        bron_noemt="entree-tienermoeders",
    ),
    "17, geen startkwalificatie, kenmerk pro": dict(
        query="?leeftijd=17&startkwalificatie=nee&kenmerk=pro",
        top=3,
        in_top={"startklaar-diploma"},
        bron_noemt="startklaar-diploma",
        vraag="situatie",
    ),
    "17, geen startkwalificatie, zoekt werk, Almere, kenmerk pro": dict(
        query="?leeftijd=17&startkwalificatie=nee&zoekt=werk&gemeente=almere&kenmerk=pro",
        top=3,
        in_top={"startklaar-diploma"},
        bron_noemt="startklaar-diploma",
    ),
    "26, Enkhuizen, schulden": dict(
        query="?leeftijd=26&gemeente=enkhuizen&kenmerk=schulden",
        top=1,
        in_top={"leerwerkloket-nhn"},
        bron_noemt="leerwerkloket-nhn",
        niet_in_lijst={"subsidiecalculator", "choose2improve"},
        valt_af={"subsidiecalculator": "alleen voor werkgevers en professionals"},
    ),
    "35 jaar": dict(
        query="?leeftijd=35",
        top=0,
        in_top=set(),
        geen_past=True,
        valt_af={"rmc-bemiddeling": "tot 23 jaar", "flevodrome": "15 tot en met 23 jaar"},
    ),
    "16, vo-leerling die dreigt uit te vallen, zoekt steun": dict(
        query="?leeftijd=16&situatie=dreigt-uit-te-vallen&schooltype=vo&zoekt=steun&gemeente=almere",
        top=1,
        in_top={"matching-talents"},
        bron_noemt="matching-talents",
        valt_af={"jongerencoach-18-plus": "vanaf 18 jaar"},
    ),
    "20, woont in Hoorn, zoekt school": dict(
        query="?leeftijd=20&zoekt=school&gemeente=hoorn",
        top=1,
        in_top={"leerwerkloket-nhn"},
        bron_noemt="leerwerkloket-nhn",
        niet_in_lijst={"choose2improve", "rmc-bemiddeling"},
    ),
    "meisje, zoekt werk, Almere": dict(
        query="?kenmerk=meiden&zoekt=werk&gemeente=almere",
        top=1,
        in_top={"meiden-met-pit"},
        bron_noemt="meiden-met-pit",
        vraag="startkwalificatie",
    ),
    "20, Entree, zoekt school": dict(
        query="?leeftijd=20&kenmerk=entree&zoekt=school&gemeente=almere",
        top=3,
        in_top={"entree-gedifferentieerd", "almeerkans", "entree-tienermoeders"},
        alle=True,
        bron_noemt="entree-gedifferentieerd",
    ),
}
