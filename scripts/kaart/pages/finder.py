"""The Wegwijzer (finder) and the youth entry: their data file and their pages.

`finder_data` builds the compact public JSON (`data/wegwijzer.json`) that both
pages load; the browser does the matching (content/assets/javascripts/matching.js).
The pages themselves list every offer grouped by helpt_bij, so they still work
without JavaScript.  No mkdocs import here.
"""

from __future__ import annotations

import json

import jinja2
from markupsafe import Markup

from kaart import actualiteit
from kaart.model import JONGERENTAAL_VELDEN, Aanbod, Kaart
from kaart.pages.site import GeneratedPage, SiteOutput, offer_list_item
from kaart.project import Project
from kaart.text import first_sentence, inline

DATA_PATH = "data/wegwijzer.json"
# 2: `pagina` left out (it is aanbod/<id>/), age lines and fact sources in shared tables.
# 3: provider names in a shared table too (`aanbieders`; `aanbieder` is a place in it).
DATA_VERSION = 3
SCRIPTS = {
    "wegwijzer": ["assets/javascripts/matching.js", "assets/javascripts/wegwijzer.js"],
    "jongeren": ["assets/javascripts/matching.js", "assets/javascripts/jongeren.js"],
}
# Eligibility facts that may carry a source passage (doelgroep.bronnen), in card order.
FEITEN = ("leeftijd", "startkwalificatie", "situatie", "schooltype", "kenmerken")
STYLESHEET = "stylesheets/wegwijzer.css"

# The youth question "wat wil je?" in plain words, each mapped onto one helpt_bij value.
JONGEREN_WENSEN = [
    ("werk", "Werk vinden"),
    ("school", "Een diploma halen"),
    ("geld", "Hulp met geld"),
    ("wonen", "Een plek om te wonen"),
    ("steun", "Iemand om mee te praten"),
]

# The rules, shown in two disclosures beside the form (HTML: they sit inside raw HTML).
MATCHING_RULES = (
    "<p>Elk gegeven dat u invult, wordt per aanbod beoordeeld: <strong>past</strong> (de bron zegt dat het past), "
    "<strong>onbekend</strong> (de bron zegt er niets over) of <strong>past niet</strong> "
    "(de bron zegt dat het niet past). "
    "Eén gegeven dat niet past, en het aanbod <em>valt af</em>: de leeftijd valt buiten de grenzen van de bron, "
    "het aanbod vraagt wel of juist geen startkwalificatie, is alleen voor een andere situatie of een ander "
    "schooltype, werkt niet in de gemeente, helpt bij niets wat de jongere zoekt, is een hulpmiddel voor "
    "werkgevers terwijl u geen hulpvraag koos, of is gestopt (tenzij u <em>ook gestopt aanbod</em> aanvinkt). "
    "Onder <em>Valt af</em> staat bij elk aanbod waarom.</p>"
    "<p><strong>Past</strong>: niets van wat u invulde is onbekend. <strong>Past misschien</strong>: de bron zegt iets "
    "niet (dat staat erbij), of het aanbod stelt een voorwaarde die u nog open liet, zoals "
    "<em>Past misschien — alleen als de jongere nog op school zit</em>. De kaart is voor jongeren van 16 tot en met 27 "
    "jaar: bij een andere leeftijd past niets zeker. Met vrije tekst ziet u alleen aanbod waarin al die woorden "
    "voorkomen. Aanbod dat alleen voor professionals, scholen of werkgevers is, krijgt een label.</p>"
)
ORDER_RULES = (
    "<p>Bovenaan staat het aanbod waarvan de bron zegt dat het voor <em>deze</em> jongere gemaakt is. "
    "Elk aanbod krijgt een <strong>bewijsscore</strong>:</p><ul>"
    "<li>+3 voor elk kenmerk (zoals tienermoeder), de situatie of het schooltype waarvoor het aanbod is gemaakt en dat "
    "past;</li>"
    "<li>+2 als het aanbod juist voor jongeren zonder (of met) startkwalificatie is en dat past, +1 als het voor beide "
    "is;</li>"
    "<li>+1 als de leeftijd binnen de grenzen van de bron valt: een leeftijdsgrens zegt weinig, veel aanbod heeft er "
    "een;</li>"
    "<li>+1 als de jongere er zelf heen kan, +1 voor elke gezochte hulp waarbij het helpt;</li>"
    "<li>−1 voor elke voorwaarde die u nog open liet (alleen voor leerlingen, alleen zonder startkwalificatie, alleen "
    "tot 23 jaar, alleen voor tienermoeders).</li></ul>"
    "<p>Bij een gelijke score gaat voor: minder open voorwaarden, dan aanbod waarbij de gezochte hulp de hoofdzaak is "
    "(niet een bijzaak), dan minder onbekend, dan de naam. Vraagt een open vraag het verschil, dan staat die boven de "
    'lijst. Hoe de score precies werkt, staat bij de <a href="../open-data/wegwijzer-json/#hoe-de-wegwijzer-kiest">'
    "open data</a>.</p>"
)

# The question "wat doet de jongere nu?" (situatie); uitkering is asked apart, it goes with any of these.
SITUATIE_VRAAG = [
    ("op-school", "zit op school"),
    ("dreigt-uit-te-vallen", "zit op school en dreigt uit te vallen"),
    ("gestopt", "is gestopt met school (zit thuis of zoekt)"),
    ("werkt", "werkt"),
]
# The same question on /jongeren/, in youth words; shown only when the answer changes the list.
JONGEREN_SITUATIE = [
    ("op-school", "Ik zit op school"),
    ("dreigt-uit-te-vallen", "Ik zit op school, maar het lukt niet goed"),
    ("gestopt", "Ik zit niet meer op school"),
    ("werkt", "Ik werk"),
]

# One line in a result card; also keeps data/wegwijzer.json within its size budget (scripts/METINGEN.md).
KORT_MAX = 120


def offer_record(a: Aanbod, kaart: Kaart, project: Project) -> dict:
    """One offer as the finder needs it.  Fields that the source does not state are left out."""
    covered = project.vocab.gemeenten_in(a.werkgebied)
    record: dict = {
        "id": a.id,
        "naam": a.naam,
        "aanbieder": kaart.aanbieder_namen(a),
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
    for veld in ("situatie", "schooltype"):
        # Contract with the data lane: an empty field means "niet bekend in de bron".
        waarden = getattr(a, veld)
        if waarden:
            record[veld] = list(waarden)
    if a.kenmerken:
        record["kenmerken"] = list(a.kenmerken)
    feitbron = _feitbronnen(a, project)
    if feitbron:
        record["feitbron"] = feitbron
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
    peil = kaart.peil
    record["regel"] = actualiteit.stand(a, project.vocab, peil.vandaag, peil.cadans_maanden)
    record["jongerenregel"] = actualiteit.jongeren_stand(a, project.vocab, peil.vandaag, peil.cadans_maanden)
    if a.trefwoorden:
        record["trefwoorden"] = list(a.trefwoorden)
    record["jongerentaal"] = {k: " ".join(a.jongerentaal[k].split()) for k in JONGERENTAAL_VELDEN}
    return record


def _feitbronnen(a: Aanbod, project: Project) -> dict[str, str]:
    """Per filled eligibility fact, where the source says it ("Verwey-Jonker (2016), Tabel 2"): the card shows it."""
    out = {}
    for feit, bron in a.doelgroep_bronnen.items():
        if feit not in FEITEN or not isinstance(bron, dict):
            continue
        term = project.vocab["document"].terms.get(bron.get("document") or "")
        naam = term.extra.get("x-kort", term.label) if term else " ".join(str(bron.get("titel", "")).split())
        if bron.get("jaar") and not term:
            naam += f" ({bron['jaar']})"
        deel = " ".join(str(bron.get("onderdeel", "")).split())
        tekst = ", ".join(x for x in (naam, deel) if x)
        if tekst:
            out[feit] = tekst
    return out


# Vocabularies the pages need labels for; situatie/schooltype exist once the eligibility schema has them.
LABELS = (
    "gemeente",
    "helpt_bij",
    "kenmerk",
    "voor",
    "soort",
    "aanmeldroute",
    "startkwalificatie",
    "situatie",
    "schooltype",
)


def _shared(records: list[dict]) -> tuple[list[list[str]], list[str], list[str]]:
    """Move the age lines, the fact sources and the provider names into tables, each record keeping an index.

    Most offers share a line ("Volgens een bron uit 2016 ...") and a source ("Verwey-Jonker (2016),
    Tabel 2"); written once, they keep data/wegwijzer.json small at 5,000 offers.  The most common
    line comes first and is left out of the record (`actualiteit` 0); when every fact of an offer
    has the same source, `feitbron` is that one index.  matching.js (expand) puts the texts back."""
    from collections import Counter

    pairs = [(r.pop("regel"), r.pop("jongerenregel")) for r in records]
    regels = [pair for pair, _ in Counter(pairs).most_common()]
    index = {pair: i for i, pair in enumerate(regels)}
    bronnen = [t for t, _ in Counter(t for r in records for t in r.get("feitbron", {}).values()).most_common()]
    bron_index = {t: i for i, t in enumerate(bronnen)}
    # An organisation has many offers: its name is written once, in a table, not again with each of them.
    aanbieders = [t for t, _ in Counter(r["aanbieder"] for r in records).most_common()]
    aanbieder_index = {t: i for i, t in enumerate(aanbieders)}
    for record, pair in zip(records, pairs):
        if index[pair]:
            record["actualiteit"] = index[pair]
        if "feitbron" in record:
            ids = {feit: bron_index[t] for feit, t in record["feitbron"].items()}
            record["feitbron"] = next(iter(ids.values())) if len(set(ids.values())) == 1 else ids
        record["aanbieder"] = aanbieder_index[record["aanbieder"]]
    return [list(pair) for pair in regels], bronnen, aanbieders


def finder_data(kaart: Kaart, project: Project) -> dict:
    vocab = project.vocab
    records = [offer_record(a, kaart, project) for a in kaart.gesorteerd()]
    regels, feitbronnen, aanbieders = _shared(records)
    return {
        "versie": DATA_VERSION,
        "labels": {name: vocab[name].labels for name in LABELS if name in vocab.names()},
        "regio": {r: list(g) for r, g in vocab.gemeenten_per_regio.items()},
        "regels": regels,
        "feitbronnen": feitbronnen,
        "aanbieders": aanbieders,
        "aanbod": records,
    }


def finder_json(kaart: Kaart, project: Project) -> bytes:
    # Compact separators: this file is fetched on a phone, often on a small data bundle.
    return json.dumps(finder_data(kaart, project), ensure_ascii=False, separators=(",", ":"), sort_keys=False).encode(
        "utf-8"
    )


# -- pages ------------------------------------------------------------------


def _front_matter(title: str, description: str, scripts: list[str]) -> list[str]:
    # No table of contents: its only headings would be the no-JS lists, hidden once the finder runs.
    lines = [
        "---",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        f"description: {json.dumps(description, ensure_ascii=False)}",
        "hide:",
        "  - toc",
        "kaart_css:",
        f"  - {STYLESHEET}",
        "kaart_scripts:",
    ]
    lines += [f"  - {s}" for s in scripts]
    return lines + ["---", ""]


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


def _shell(project: Project, name: str, **values) -> str:
    """One finder page shell from overrides/finder/<name>.html (Jinja, autoescaped): the form and the empty results."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(project.root / "overrides" / "finder"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template(f"{name}.html").render(data_path=DATA_PATH, **values)


def _by_label(labels: dict[str, str]) -> list[tuple[str, str]]:
    return sorted(labels.items(), key=lambda kv: kv[1].lower())


def wegwijzer_page(kaart: Kaart, project: Project) -> str:
    labels = {name: project.vocab[name].labels for name in ("gemeente", "helpt_bij", "kenmerk", "schooltype")}
    shell = _shell(
        project,
        "wegwijzer",
        gemeenten=_by_label(labels["gemeente"]),
        situaties=SITUATIE_VRAAG,
        schooltypen=list(labels["schooltype"].items()),
        helpt_bij=list(labels["helpt_bij"].items()),
        kenmerken=list(labels["kenmerk"].items()),
        regels=Markup(MATCHING_RULES),
        volgorde=Markup(ORDER_RULES),
    )
    lines = _front_matter(
        "Wegwijzer",
        "Waar kan deze jongere terecht? Beschrijf de situatie en zie welk aanbod past, "
        "waarom, en hoe de jongere er komt.",
        SCRIPTS["wegwijzer"],
    )
    lines += [
        "# Wegwijzer: waar kan deze jongere terecht?",
        "",
        "Beschrijf de situatie; de lijst past zich meteen aan. Deel de link: wie hem opent, ziet dezelfde lijst.\n"
        "{ .kaart-intro }",
        "",
        '<div class="kaart-wegwijzer">',
        shell,
        "</div>",
        "",
        "<noscript><p>Zonder JavaScript werkt het zoeken niet. "
        "Hieronder staat al het aanbod per leefgebied.</p></noscript>",
        "",
        '<div id="kaart-alles" class="kaart-alles" markdown>',
        "",
        "## Al het aanbod per leefgebied",
        "",
        f"Alle {len(kaart.aanbod)} aanbiedingen, gegroepeerd naar waar ze bij helpen. Een aanbod kan bij meer "
        "leefgebieden staan. De gegevens staan ook als [open data](../open-data/wegwijzer-json.md).",
        "",
    ]
    lines += _fallback_groups(kaart, project, kaart.gesorteerd(), list(labels["helpt_bij"].items()))
    lines += ["</div>", ""]
    return "\n".join(lines)


def jongeren_page(kaart: Kaart, project: Project) -> str:
    shell = _shell(
        project,
        "jongeren",
        wensen=JONGEREN_WENSEN,
        gemeenten=_by_label(project.vocab["gemeente"].labels),
        situaties=JONGEREN_SITUATIE,
    )
    voor_jongeren = [a for a in kaart.gesorteerd() if not a.alleen_voor_professionals and a.status != "gestopt"]
    lines = _front_matter(
        "Voor jongeren", "Wat wil je? Beantwoord drie vragen en zie wat er voor jou is.", SCRIPTS["jongeren"]
    )
    lines += [
        "# Wat wil je?",
        "",
        "Beantwoord drie korte vragen. Dan zie je wat er voor jou is en hoe je begint. "
        "Maakt het uit of je nog op school zit, dan vragen we dat daarna nog.",
        "",
        "Moet je snel weg? Druk op *Snel weg* of op de Esc-toets: je gaat meteen naar Google, "
        "en met de terugknop kom je niet terug op deze pagina.\n{ .kaart-snelweg-uitleg }",
        "",
        shell,
        "",
        '<div id="kaart-alles" class="kaart-alles" markdown>',
        "",
        "## Alles voor jongeren",
        "",
        "Kies wat je zoekt. Klik op een naam om meer te lezen.",
        "",
    ]
    lines += _fallback_groups(kaart, project, voor_jongeren, JONGEREN_WENSEN)
    lines += ["</div>", ""]
    return "\n".join(lines)


def add_finder(output: SiteOutput, kaart: Kaart, project: Project) -> None:
    """Add the finder data and both finder pages to the site output."""
    output.files[DATA_PATH] = finder_json(kaart, project)
    output.pages["wegwijzer/index.md"] = GeneratedPage(wegwijzer_page(kaart, project), "aanbod/")
    output.pages["jongeren/index.md"] = GeneratedPage(jongeren_page(kaart, project), "aanbod/")
