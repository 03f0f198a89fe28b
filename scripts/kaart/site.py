"""Render the kaart into Markdown pages and data files for the static site.

Plain Python: the mkdocs hook only hands this output to the build.  Pages are
returned as virtual files keyed by their path in the docs tree, each with the
YAML file an editor should open to change it.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field

from .doelgroep import FEITEN, SITUATIES_MET_SCHOOLTYPE
from .model import Aanbod, Bron, Kaart, Organisatie
from .project import Project
from .text import block, first_sentence, inline, leeftijd_text, link, safe_url

ONBEKEND = "niet bekend in de bron"
DOELGROEP_KOPPEN = {"leeftijd": "Leeftijd", "startkwalificatie": "Startkwalificatie", "situatie": "Situatie",
                   "schooltype": "Schooltype", "kenmerken": "Speciaal voor"}
STALE_AFTER_DAYS = 365


@dataclass
class GeneratedPage:
    markdown: str
    edit_path: str | None = None  # project-relative source to edit (YAML), None for pure overviews


@dataclass
class SiteOutput:
    pages: dict[str, GeneratedPage] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)


class SiteRenderer:
    def __init__(self, kaart: Kaart, project: Project, today: dt.date | None = None):
        self.kaart = kaart
        self.project = project
        self.vocab = project.vocab
        self.today = today or dt.date.today()

    # -- labels ------------------------------------------------------------
    def label(self, vocab: str, value: str) -> str:
        return self.vocab[vocab].label(value)

    def labels(self, vocab: str, values) -> str:
        return ", ".join(self.label(vocab, v) for v in values)

    def werkgebied_text(self, werkgebied: dict) -> str:
        parts = []
        if werkgebied.get("landelijk"):
            parts.append("heel Nederland")
        parts += [self.label("regio", r) for r in werkgebied.get("regio", [])]
        parts += [self.label("gemeente", g) for g in werkgebied.get("gemeenten", [])]
        return ", ".join(parts) or ONBEKEND

    def bron_text(self, bron: Bron) -> str:
        if bron.document:
            term = self.vocab["document"].terms.get(bron.document)
            titel = term.label if term else bron.document
            jaar = term.extra.get("x-jaar") if term else None
        else:
            titel, jaar = bron.titel, bron.jaar
        text = inline(titel)
        if bron.onderdeel:
            text += f", {inline(bron.onderdeel)}"
        text += f" ({jaar})" if jaar else " (jaar onbekend)"
        if bron.url:
            text += f" — {link(bron.url, bron.url)}"
        return text

    def bron_kort(self, bron: Bron) -> str:
        """Short citation for inline use, e.g. after a result figure."""
        term = self.vocab["document"].terms.get(bron.document) if bron.document else None
        text = term.extra.get("x-kort", term.label) if term else inline(bron.titel)
        return text + (f", {inline(bron.onderdeel)}" if bron.onderdeel else "")

    def controle_text(self, aanbod: Aanbod) -> str:
        if not aanbod.laatst_gecontroleerd:
            return "Nog niet gecontroleerd bij de aanbieder."
        checked = dt.date.fromisoformat(aanbod.laatst_gecontroleerd)
        text = f"Laatst gecontroleerd bij de aanbieder op {checked.isoformat()}."
        if (self.today - checked).days > STALE_AFTER_DAYS:
            text += " Dat is meer dan een jaar geleden: de gegevens kunnen verouderd zijn."
        return text

    # -- pages ---------------------------------------------------------------
    def render(self) -> SiteOutput:
        out = SiteOutput()
        for aanbod in self.kaart.gesorteerd():
            out.pages[f"aanbod/{aanbod.id}.md"] = GeneratedPage(self.aanbod_page(aanbod), aanbod.source_file)
        for org in sorted(self.kaart.organisaties.values(), key=lambda o: o.naam.lower()):
            out.pages[f"organisaties/{org.id}.md"] = GeneratedPage(self.organisatie_page(org), org.source_file)
        out.pages["organisaties/index.md"] = GeneratedPage(self.organisaties_index(), "aanbod/organisaties/")
        out.pages["aanbod/index.md"] = GeneratedPage(self.a_tot_z(), "aanbod/")
        out.pages["overzicht/index.md"] = GeneratedPage(self.overzicht_index(), "aanbod/")
        for fase in self.vocab["fase"]:
            out.pages[f"overzicht/fase/{fase.id}.md"] = GeneratedPage(self.grouped_page("fase", fase), "aanbod/")
        for area in self.vocab["helpt_bij"]:
            out.pages[f"overzicht/helpt-bij/{area.id}.md"] = GeneratedPage(self.grouped_page("helpt_bij", area), "aanbod/")
        contributing = self.project.root / "CONTRIBUTING.md"
        if contributing.is_file():  # one text for the repository and the site, so the two never drift apart
            out.pages["bijdragen/index.md"] = GeneratedPage(
                "---\ntitle: Aanbod toevoegen of wijzigen\n---\n\n" + contributing.read_text(encoding="utf-8"), "CONTRIBUTING.md")
        return out

    def aanbod_page(self, a: Aanbod) -> str:
        org = self.kaart.organisaties.get(a.aanbieder)
        jt = a.jongerentaal
        lines = [
            "---",
            f"title: {_yaml_str(a.naam)}",
            f"description: {_yaml_str(first_sentence(jt['wat_is_het']))}",
            "search:",
            "  boost: 3",
            "---",
            "",
            f"# {inline(a.naam)}",
            "",
            f"**{inline(self.label('soort', a.soort))}** van "
            f"[{inline(org.naam if org else a.aanbieder)}](../organisaties/{a.aanbieder}.md) · {inline(self.werkgebied_text(a.werkgebied))}\n{{ .kaart-meta }}",
            "",
        ]
        if a.status == "gestopt":
            lines += ['!!! warning "Gestopt"', "    Volgens de nieuwste bron bestaat dit aanbod niet meer. De pagina blijft staan omdat professionals de naam nog horen.", ""]
        elif a.status == "onbekend":
            lines += ['!!! warning "Bestaat het nog?"', "    Het is niet bekend of dit aanbod nog bestaat.", ""]
        if a.alleen_voor_professionals:
            lines += ['!!! info "Voor professionals"',
                      f"    Dit is bedoeld voor {inline(self.labels('voor', a.voor).lower())}; jongeren kunnen zich hier niet zelf aanmelden.", ""]
        lines += [
            '!!! jongeren "In het kort, voor jou"',
            f"    **Wat is het?** {inline(jt['wat_is_het'])}",
            "",
            f"    **Is het voor mij?** {inline(jt['is_het_voor_mij'])}",
            "",
            f"    **Wat krijg je?** {inline(jt['wat_krijg_je'])}",
            "",
            f"    **Hoe begin je?** {inline(jt['hoe_begin_je'])}",
            "",
        ]
        lines += self.contact_actions(a.contact, fallback=True)
        lines += ["## Voor professionals", "", block(a.beschrijving), ""]
        lines += ["### Voor wie", "", "| | |", "|---|---|"]
        lines += self.doelgroep_rijen(a)
        lines.append(f"| Voorwaarden | {inline(a.voorwaarden) or ONBEKEND} |")
        lines.append(f"| Werkgebied | {inline(self.werkgebied_text(a.werkgebied))} |")
        lines.append(f"| Bedoeld voor | {inline(self.labels('voor', a.voor))} |")
        lines.append("| Fase | " + ", ".join(f"[{self.label('fase', f)}](../overzicht/fase/{f}.md)" for f in a.fase) + " |")
        lines.append("| Helpt bij | " + ", ".join(f"[{self.label('helpt_bij', h)}](../overzicht/helpt-bij/{h}.md)" for h in a.helpt_bij) + " |")
        lines.append("")
        lines += ["### Aanmelden", ""]
        if a.aanmelden:
            lines.append(f"Aanmelden: {inline(self.labels('aanmeldroute', a.aanmelden).lower())}.")
        if a.aanmelden_uitleg:
            lines += ["", inline(a.aanmelden_uitleg)]
        if not a.aanmelden and not a.aanmelden_uitleg:
            lines.append(f"Hoe je je aanmeldt is {ONBEKEND}.")
        lines += ["", f"Kosten: {inline(a.kosten) if a.kosten else ONBEKEND}.", ""]
        lines += ["### Nazorg", ""]
        if a.nazorg is None:
            lines.append(f"Of er nazorg is, is {ONBEKEND}.")
        else:
            lines.append("**Ja**, er is nazorg." if a.nazorg else "**Nee**, volgens de bron is er geen nazorg.")
        if a.nazorg_uitleg:
            lines += ["", inline(a.nazorg_uitleg)]
        lines.append("")
        lines += ["### Resultaten", ""]
        if a.resultaten:
            for r in a.resultaten:
                lines.append(f"- **{inline(r.cijfer)}** {inline(r.wat)} ({r.jaar}; bron: {self.bron_kort(r.bron)})")
        else:
            lines.append("Er zijn geen resultaten bekend uit de bronnen.")
        lines.append("")
        if a.contact:
            lines += ["### Contact", ""] + self.contact_list(a.contact) + [""]
        praktijken = self.kaart.praktijken_bij(a.id)
        if praktijken:
            lines += ["### Goede voorbeelden elders", "", "Uit de Lerende Netwerken, over aanbod van dezelfde soort:", ""]
            lines += [f"- [{inline(p.title)}](../lerende-netwerken/praktijken/{p.slug}.md) ({inline(p.regio)})" for p in praktijken]
            lines.append("")
        unknown = self.unknowns(a)
        lines += ["### Wat we niet weten", ""]
        if unknown:
            lines.append("Deze gegevens staan niet in de bronnen: " + ", ".join(unknown) + ".")
        if a.toelichting:
            lines += ["", inline(a.toelichting)]
        if not unknown and not a.toelichting:
            lines.append("Alle velden zijn ingevuld uit de bronnen.")
        lines += ["", "Weet je meer? Pas het aan via de knop *Bewerken* bovenaan (met bron).", ""]
        lines += ["### Bronnen", ""] + [f"- {self.bron_text(b)}" for b in a.bronnen]
        jaar = self.vocab.newest_year(a.bronnen)
        lines += ["", f"Brongegevens uit {jaar or 'een onbekend jaar'}. {self.controle_text(a)}\n{{ .kaart-controle }}", ""]
        if a.trefwoorden:
            lines += [f"Trefwoorden: {inline(', '.join(a.trefwoorden))}\n{{ .kaart-trefwoorden }}", ""]
        return "\n".join(lines)

    def doelgroep_rijen(self, a: Aanbod) -> list[str]:
        """The eligibility facts as table rows, each with the passage it comes from, or 'niet bekend in de bron'."""
        waarden = {
            "leeftijd": leeftijd_text(a.leeftijd_min, a.leeftijd_max),
            "startkwalificatie": self.label("startkwalificatie", a.startkwalificatie) if a.startkwalificatie else None,
            "situatie": self.labels("situatie", a.situatie) or None,
            "schooltype": self.labels("schooltype", a.schooltype) or None,
            "kenmerken": self.labels("kenmerk", a.kenmerken) or None,
        }
        rows = []
        for feit in FEITEN:
            if feit == "schooltype" and not waarden[feit] and a.situatie and not set(a.situatie) & set(SITUATIES_MET_SCHOOLTYPE):
                continue  # not at school: a school type does not apply, so it is not 'unknown' either
            bron = a.doelgroep_bronnen.get(feit)
            if waarden[feit] is None:
                cell = ONBEKEND
            elif bron:
                cell = f"{inline(waarden[feit])} · {self.bron_kort(Bron.from_dict(bron))} · “{inline(bron.get('citaat'))}”"
            else:
                cell = inline(waarden[feit])
            rows.append(f"| {DOELGROEP_KOPPEN[feit]} | {cell} |")
        return rows

    def unknowns(self, a: Aanbod) -> list[str]:
        out = []
        if a.leeftijd_min is None and a.leeftijd_max is None:
            out.append("leeftijd")
        if not a.startkwalificatie:
            out.append("of een startkwalificatie nodig is")
        if not a.situatie:
            out.append("voor jongeren in welke situatie het is (school, gestopt, uitkering, werk)")
        if not a.aanmelden and not a.aanmelden_uitleg:
            out.append("hoe je je aanmeldt")
        if not a.kosten:
            out.append("kosten")
        if a.nazorg is None:
            out.append("nazorg")
        if not a.contact:
            out.append("contactgegevens")
        if not a.resultaten:
            out.append("resultaten")
        return out

    def contact_actions(self, contact: dict, fallback: bool) -> list[str]:
        buttons = []
        if contact.get("telefoon"):
            number = re.sub(r"[^0-9+]", "", contact["telefoon"])
            buttons.append(f"[Bel {inline(contact['telefoon'])}](tel:{number}){{ .md-button .md-button--primary .kaart-actie }}")
        if contact.get("email") and safe_url(f"mailto:{contact['email']}"):
            buttons.append(f"[Mail {inline(contact['email'])}]({safe_url('mailto:' + contact['email'])}){{ .md-button .kaart-actie }}")
        if contact.get("website") and safe_url(contact["website"]):
            buttons.append(f"[Naar de website]({safe_url(contact['website'])}){{ .md-button .kaart-actie }}")
        if buttons:
            return [" ".join(buttons) + "\n{ .kaart-acties }", ""]
        if fallback:
            return ["Er staan geen telefoonnummer, e-mail of website in de bron. "
                    "Vraag je mentor, je klantmanager bij de gemeente of een jongerenwerker om je op weg te helpen.\n{ .kaart-geen-contact }", ""]
        return []

    def contact_list(self, contact: dict) -> list[str]:
        out = []
        if contact.get("telefoon"):
            out.append(f"- Telefoon: {inline(contact['telefoon'])}")
        if contact.get("email"):
            out.append(f"- E-mail: {inline(contact['email'])}")
        if contact.get("website"):
            out.append(f"- Website: {link(contact['website'], contact['website'])}")
        if contact.get("adres"):
            out.append(f"- Adres: {inline(contact['adres'])}")
        return out

    def organisatie_page(self, org: Organisatie) -> str:
        lines = ["---", f"title: {_yaml_str(org.naam)}", "search:", "  boost: 2", "---", "", f"# {inline(org.naam)}", "",
                 inline(org.beschrijving), ""]
        if org.werkgebied:
            lines += [f"Werkgebied: {inline(self.werkgebied_text(org.werkgebied))}.", ""]
        lines += self.contact_actions(org.contact, fallback=False)
        lines += ["## Aanbod", ""]
        offers = self.kaart.aanbod_van(org.id)
        lines += [offer_list_item(a, "../aanbod/") for a in offers] or ["Geen aanbod bekend."]
        lines += ["", "## Bronnen", ""] + [f"- {self.bron_text(b)}" for b in org.bronnen] + [""]
        return "\n".join(lines)

    def organisaties_index(self) -> str:
        lines = ["---", "title: Organisaties", "---", "", "# Organisaties", "",
                 "Alle organisaties met aanbod in de kaart, met het aantal aanbiedingen.", ""]
        for org in sorted(self.kaart.organisaties.values(), key=lambda o: o.naam.lower()):
            lines.append(f"- [{inline(org.naam)}]({org.id}.md) ({len(self.kaart.aanbod_van(org.id))})")
        return "\n".join(lines) + "\n"

    def a_tot_z(self) -> str:
        lines = ["---", "title: Aanbod A-Z", "---", "", "# Aanbod A-Z", "",
                 f"Alle {len(self.kaart.aanbod)} aanbiedingen op alfabet. Zoek je voor een bepaalde jongere? "
                 "Gebruik de [wegwijzer](../wegwijzer/index.md).", ""]
        groups: dict[str, list[Aanbod]] = defaultdict(list)
        for a in self.kaart.gesorteerd():
            letter = a.naam[:1].upper()
            groups[letter if letter.isalpha() else "#"].append(a)
        for letter in sorted(groups):
            lines += [f"## {letter}", ""] + [offer_list_item(a, "") for a in groups[letter]] + [""]
        return "\n".join(lines)

    def overzicht_index(self) -> str:
        lines = ["---", "title: Overzicht", "---", "", "# Overzicht van het aanbod", "",
                 "Bekijk het aanbod per fase of per leefgebied, of [alles op alfabet](../aanbod/index.md).", "", "## Per fase", ""]
        for fase in self.vocab["fase"]:
            n = sum(1 for a in self.kaart.aanbod.values() if fase.id in a.fase)
            lines.append(f"- [{fase.label}](fase/{fase.id}.md) ({n}) — {inline(fase.uitleg)}")
        lines += ["", "## Per leefgebied (helpt bij)", ""]
        for area in self.vocab["helpt_bij"]:
            n = sum(1 for a in self.kaart.aanbod.values() if area.id in a.helpt_bij)
            lines.append(f"- [{area.label}](helpt-bij/{area.id}.md) ({n}) — {inline(area.uitleg)}")
        return "\n".join(lines) + "\n"

    def grouped_page(self, field_name: str, term) -> str:
        what = "Fase" if field_name == "fase" else "Helpt bij"
        offers = [a for a in self.kaart.gesorteerd() if term.id in getattr(a, field_name)]
        lines = ["---", f"title: {_yaml_str(f'{what}: {term.label}')}", "---", "", f"# {what}: {inline(term.label)}", "",
                 inline(term.uitleg), "", f"{len(offers)} aanbiedingen.", ""]
        lines += [offer_list_item(a, "../../aanbod/") for a in offers]
        return "\n".join(lines) + "\n"

    def praktijk_footer(self, slug: str, depth: int = 2) -> str:
        """Markdown appended to a good-practice page: the offers of the same kind in the kaart."""
        praktijk = self.kaart.praktijken.get(slug)
        if not praktijk or not praktijk.verwant_aanbod:
            return ""
        prefix = "../" * depth + "aanbod/"
        lines = ["", "## Verwant aanbod in de kaart", ""]
        for aanbod_id in praktijk.verwant_aanbod:
            a = self.kaart.aanbod.get(aanbod_id)
            if a:
                lines.append(offer_list_item(a, prefix))
        return "\n".join(lines) + "\n"


def offer_list_item(a: Aanbod, prefix: str) -> str:
    """One offer in a Markdown list: linked name, labels for professionals-only or stopped, one line."""
    extra = " *(voor professionals)*" if a.alleen_voor_professionals else ""
    if a.status == "gestopt":
        extra += " *(gestopt)*"
    return f"- [{inline(a.naam)}]({prefix}{a.id}.md){extra} — {inline(first_sentence(a.beschrijving))}"


def _yaml_str(value: str) -> str:
    # the theme puts title and description into HTML without escaping: neutralise < > " first
    value = value.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_site(kaart: Kaart, project: Project, today: dt.date | None = None) -> SiteOutput:
    return SiteRenderer(kaart, project, today).render()
