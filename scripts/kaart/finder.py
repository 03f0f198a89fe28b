"""The Wegwijzer (finder) and the youth entry: their data file and their pages.

`finder_data` builds the compact public JSON (`data/wegwijzer.json`) that both
pages load; the browser does the matching (content/assets/javascripts/matching.js).
The pages themselves list every offer grouped by helpt_bij, so they still work
without JavaScript.  No mkdocs import here.
"""
from __future__ import annotations

import html
import json

from .model import JONGERENTAAL_VELDEN, Aanbod, Kaart
from .project import Project
from .site import GeneratedPage, SiteOutput, offer_list_item
from .text import first_sentence, inline

DATA_PATH = "data/wegwijzer.json"
DATA_VERSION = 1
SCRIPTS = ["assets/javascripts/matching.js", "assets/javascripts/finder.js"]
STYLESHEET = "stylesheets/wegwijzer.css"

# The youth question "wat wil je?" in plain words, each mapped onto one helpt_bij value.
JONGEREN_WENSEN = [
    ("werk", "Werk vinden"),
    ("school", "Een diploma halen"),
    ("geld", "Hulp met geld"),
    ("wonen", "Een plek om te wonen"),
    ("steun", "Iemand om mee te praten"),
]

MATCHING_RULES = (
    "**Zo kiest de wegwijzer.** Aanbod valt alleen af als een *bekend* feit niet past: de leeftijd valt buiten "
    "de grenzen die de bron noemt, het aanbod vraagt wel of juist geen startkwalificatie, het werkgebied omvat de "
    "gekozen gemeente niet, of het aanbod is gestopt (tenzij u *ook gestopt aanbod* aanvinkt). Wat de bron niet "
    "zegt, telt niet tegen: dat aanbod blijft staan met \u201cniet bekend in de bron\u201d. Volgorde: eerst aanbod "
    "dat helpt bij iets wat de jongere zoekt; daarbinnen eerst aanbod waarvan bekend is dat leeftijd en "
    "startkwalificatie passen, dan aanbod dat bij meer gezochte dingen helpt, dan aanbod voor meer van de gekozen "
    "kenmerken, en bij gelijke stand op naam (A-Z) en daarna op id. Met vrije tekst ziet u alleen aanbod waarin al "
    "die woorden voorkomen. Aanbod dat alleen voor professionals of scholen is, krijgt een label."
)

# One line in a result card; also keeps data/wegwijzer.json under 300 KB gzip at 5,000 offers.
KORT_MAX = 120


def offer_record(a: Aanbod, kaart: Kaart, project: Project) -> dict:
    """One offer as the finder needs it.  Fields that the source does not state are left out."""
    org = kaart.organisaties.get(a.aanbieder)
    covered = project.vocab.gemeenten_in(a.werkgebied)
    record: dict = {
        "id": a.id,
        "naam": a.naam,
        "aanbieder": org.naam if org else a.aanbieder,
        "pagina": f"aanbod/{a.id}/",
        "kort": first_sentence(a.beschrijving, KORT_MAX),
        "status": a.status,
        "soort": a.soort,
        "helpt_bij": list(a.helpt_bij),
        "voor": list(a.voor),
    }
    if covered is None:
        record["landelijk"] = True
    else:
        # Resolved at build time so the browser needs no regio lookup per change.
        record["gemeenten"] = sorted(covered)
    leeftijd = {k: v for k, v in (("min", a.leeftijd_min), ("max", a.leeftijd_max)) if v is not None}
    if leeftijd:
        record["leeftijd"] = leeftijd
    if a.startkwalificatie:
        record["startkwalificatie"] = a.startkwalificatie
    if a.kenmerken:
        record["kenmerken"] = list(a.kenmerken)
    if a.nazorg is not None:
        record["nazorg"] = a.nazorg
    if a.aanmelden:
        record["aanmelden"] = list(a.aanmelden)
    if a.aanmelden_uitleg:
        record["aanmelden_uitleg"] = " ".join(a.aanmelden_uitleg.split())
    contact = {k: a.contact[k] for k in ("telefoon", "email", "website") if a.contact.get(k)}
    if contact:
        record["contact"] = contact
    jaar = project.vocab.newest_year(a.bronnen)
    if jaar:
        record["bron_jaar"] = jaar
    if a.trefwoorden:
        record["trefwoorden"] = list(a.trefwoorden)
    record["jongerentaal"] = {k: " ".join(a.jongerentaal[k].split())
                              for k in JONGERENTAAL_VELDEN}
    return record


def finder_data(kaart: Kaart, project: Project) -> dict:
    vocab = project.vocab
    return {
        "versie": DATA_VERSION,
        "labels": {name: vocab[name].labels
                   for name in ("gemeente", "helpt_bij", "kenmerk", "voor", "soort", "aanmeldroute", "startkwalificatie")},
        "regio": {r: list(g) for r, g in vocab.gemeenten_per_regio.items()},
        "aanbod": [offer_record(a, kaart, project) for a in kaart.gesorteerd()],
    }


def finder_json(kaart: Kaart, project: Project) -> bytes:
    # Compact separators: this file is fetched on a phone, often on a small data bundle.
    return json.dumps(finder_data(kaart, project), ensure_ascii=False, separators=(",", ":"), sort_keys=False).encode("utf-8")


# -- pages ------------------------------------------------------------------

def _front_matter(title: str, description: str, scripts: list[str]) -> list[str]:
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}",
             f"description: {json.dumps(description, ensure_ascii=False)}", "kaart_css:", f"  - {STYLESHEET}",
             "kaart_scripts:"]
    lines += [f"  - {s}" for s in scripts]
    return lines + ["---", ""]


def _e(value: str) -> str:
    return html.escape(value, quote=True)


def _options(labels: dict[str, str], empty: str) -> str:
    return f'<option value="">{_e(empty)}</option>' + "".join(
        f'<option value="{_e(k)}">{_e(v)}</option>' for k, v in sorted(labels.items(), key=lambda kv: kv[1].lower()))


def _fallback_groups(kaart: Kaart, project: Project, offers: list[Aanbod], groups: list[tuple[str, str]]) -> list[str]:
    lines: list[str] = []
    for area, title in groups:
        members = [a for a in offers if area in a.helpt_bij]
        lines += [f"### {inline(title)}", ""]
        if not members:
            lines += ["Hier staat nog geen aanbod voor in de kaart.", ""]
            continue
        lines += [offer_list_item(a, "../aanbod/") for a in members]
        lines.append("")
    return lines


def wegwijzer_page(kaart: Kaart, project: Project) -> str:
    labels = {name: project.vocab[name].labels for name in ("gemeente", "helpt_bij", "kenmerk")}
    zoekt = "".join(
        f'<label class="kaart-keuze"><input type="checkbox" name="zoekt" value="{_e(k)}"> {_e(v)}</label>'
        for k, v in labels["helpt_bij"].items())
    kenmerken = "".join(
        f'<label class="kaart-keuze"><input type="checkbox" name="kenmerk" value="{_e(k)}"> {_e(v)}</label>'
        for k, v in labels["kenmerk"].items())
    form = (
        f'<form id="kaart-finder" class="kaart-finder" data-bron="../{DATA_PATH}" data-soort="wegwijzer" role="search" '
        'aria-label="Situatie van de jongere" hidden>\n'
        '<div class="kaart-velden">\n'
        '<p class="kaart-veld"><label for="ww-leeftijd">Leeftijd</label>'
        '<input id="ww-leeftijd" name="leeftijd" type="number" inputmode="numeric" min="0" max="99" step="1" autocomplete="off"></p>\n'
        f'<p class="kaart-veld"><label for="ww-gemeente">Gemeente</label><select id="ww-gemeente" name="gemeente">'
        f'{_options(labels["gemeente"], "Alle gemeenten")}</select></p>\n'
        '</div>\n'
        '<fieldset class="kaart-groep"><legend>Startkwalificatie (diploma mbo-2, havo of vwo)</legend>'
        '<label class="kaart-keuze"><input type="radio" name="startkwalificatie" value="ja"> ja</label>'
        '<label class="kaart-keuze"><input type="radio" name="startkwalificatie" value="nee"> nee</label>'
        '<label class="kaart-keuze"><input type="radio" name="startkwalificatie" value="" checked> weet ik niet</label>'
        '</fieldset>\n'
        f'<fieldset class="kaart-groep"><legend>De jongere zoekt hulp bij</legend>{zoekt}</fieldset>\n'
        f'<details class="kaart-kenmerken"><summary>Kenmerken (niet verplicht)</summary><fieldset class="kaart-groep">'
        f'<legend>Kenmerken van de jongere</legend>{kenmerken}</fieldset></details>\n'
        '<p class="kaart-veld"><label for="ww-q">Vrije tekst</label>'
        '<input id="ww-q" name="q" type="search" autocomplete="off" placeholder="bijvoorbeeld schuldhulp"></p>\n'
        '<p><label class="kaart-keuze"><input type="checkbox" name="gestopt" value="1"> Ook gestopt aanbod tonen</label></p>\n'
        '<p><button type="submit" class="md-button md-button--primary">Toon het aanbod</button></p>\n'  # a form needs a submit (WCAG 3.2.2)
        '</form>'
    )
    uitkomst = (
        '<section id="kaart-uitkomst" class="kaart-uitkomst" aria-labelledby="kaart-uitkomst-kop" hidden>\n'
        '<h2 id="kaart-uitkomst-kop">Aanbod dat past</h2>\n'
        '<ul id="kaart-meldingen" class="kaart-meldingen"></ul>\n'
        '<p id="kaart-aantal" class="kaart-aantal" role="status"></p>\n'
        '<p class="kaart-knoppen">'
        '<button type="button" id="kaart-kopieer" class="md-button">Kopieer link</button> '
        '<button type="button" id="kaart-print" class="md-button">Print de lijst</button> '
        '<button type="button" id="kaart-weergave" class="md-button" aria-pressed="false">Versie voor de jongere</button>'
        '</p>\n'
        '<p id="kaart-link-status" class="kaart-link-status" role="status"></p>\n'
        '<ol id="kaart-resultaten" class="kaart-resultaten"></ol>\n'
        '<p><button type="button" id="kaart-meer" class="md-button" hidden>Toon meer</button></p>\n'
        '</section>'
    )
    lines = _front_matter("Wegwijzer", "Waar kan deze jongere terecht? Beschrijf de situatie en zie welk aanbod past, "
                          "waarom, en hoe de jongere er komt.", SCRIPTS)
    lines += [
        "# Wegwijzer: waar kan deze jongere terecht?", "",
        "Beschrijf de situatie van de jongere. De lijst past zich meteen aan. Bij elk aanbod ziet u waarom het past, "
        "wat de bron *niet* zegt, en hoe de jongere zich aanmeldt. Kopieer de link om de lijst te delen: "
        "wie hem opent, ziet dezelfde uitkomst.\n{ .kaart-intro }", "",
        MATCHING_RULES + "\n{ .kaart-regels }", "",
        form, "",
        uitkomst, "",
        "<noscript><p>Zonder JavaScript werkt het zoeken niet. Hieronder staat al het aanbod per leefgebied.</p></noscript>", "",
        '<div id="kaart-alles" class="kaart-alles" markdown>', "",
        "## Al het aanbod per leefgebied", "",
        f"Alle {len(kaart.aanbod)} aanbiedingen, gegroepeerd naar waar ze bij helpen. Een aanbod kan bij meer "
        "leefgebieden staan. De gegevens staan ook als [open data](../open-data/wegwijzer-json.md).", "",
    ]
    lines += _fallback_groups(kaart, project, kaart.gesorteerd(), list(labels["helpt_bij"].items()))
    lines += ["</div>", ""]
    return "\n".join(lines)


def jongeren_page(kaart: Kaart, project: Project) -> str:
    gemeenten = project.vocab["gemeente"].labels
    wensen = "".join(
        f'<label class="kaart-keuze kaart-groot"><input type="radio" name="zoekt" value="{_e(k)}"> {_e(v)}</label>'
        for k, v in JONGEREN_WENSEN)
    form = (
        f'<form id="kaart-finder" class="kaart-finder kaart-jongeren" data-bron="../{DATA_PATH}" data-soort="jongeren" '
        'aria-label="Drie vragen" hidden>\n'
        f'<fieldset class="kaart-groep"><legend>1. Wat wil je?</legend>{wensen}</fieldset>\n'
        '<p class="kaart-veld"><label for="jo-leeftijd">2. Hoe oud ben je?</label>'
        '<input id="jo-leeftijd" name="leeftijd" type="number" inputmode="numeric" min="0" max="99" step="1" autocomplete="off"></p>\n'
        f'<p class="kaart-veld"><label for="jo-gemeente">3. Waar woon je?</label><select id="jo-gemeente" name="gemeente">'
        f'{_options(gemeenten, "Zeg ik liever niet")}</select></p>\n'
        '<p><button type="submit" class="md-button md-button--primary">Laat zien wat er is</button></p>\n'
        '</form>'
    )
    uitkomst = (
        '<section id="kaart-uitkomst" class="kaart-uitkomst" aria-labelledby="kaart-uitkomst-kop" hidden>\n'
        '<h2 id="kaart-uitkomst-kop">Dit kan je helpen</h2>\n'
        '<ul id="kaart-meldingen" class="kaart-meldingen"></ul>\n'
        '<p id="kaart-aantal" class="kaart-aantal" role="status"></p>\n'
        '<ol id="kaart-resultaten" class="kaart-resultaten"></ol>\n'
        '<p><button type="button" id="kaart-meer" class="md-button" hidden>Laat meer zien</button></p>\n'
        '</section>'
    )
    voor_jongeren = [a for a in kaart.gesorteerd() if not a.alleen_voor_professionals and a.status != "gestopt"]
    lines = _front_matter("Voor jongeren", "Wat wil je? Beantwoord drie vragen en zie wat er voor jou is.",
                          SCRIPTS)
    lines += [
        "# Wat wil je?", "",
        "Beantwoord drie korte vragen. Dan zie je wat er voor jou is en hoe je begint.", "",
        form, "",
        uitkomst, "",
        '<div id="kaart-alles" class="kaart-alles" markdown>', "",
        "## Alles voor jongeren", "",
        "Kies wat je zoekt. Klik op een naam om meer te lezen.", "",
    ]
    lines += _fallback_groups(kaart, project, voor_jongeren, JONGEREN_WENSEN)
    lines += ["</div>", ""]
    return "\n".join(lines)


def add_finder(output: SiteOutput, kaart: Kaart, project: Project) -> None:
    """Add the finder data and both finder pages to the site output."""
    output.files[DATA_PATH] = finder_json(kaart, project)
    output.pages["wegwijzer/index.md"] = GeneratedPage(wegwijzer_page(kaart, project), "aanbod/")
    output.pages["jongeren/index.md"] = GeneratedPage(jongeren_page(kaart, project), "aanbod/")
