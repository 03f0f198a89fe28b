"""Render the kaart into Markdown pages and data files for the static site.

Plain Python: the mkdocs hook only hands this output to the build.  Pages are
returned as virtual files keyed by their path in the docs tree, each with the
YAML file an editor should open to change it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

import jinja2

from kaart import actualiteit
from kaart.doelgroep import FEITEN, SITUATIES_MET_SCHOOLTYPE
from kaart.instellingen import Instellingen
from kaart.model import Aanbod, Bron, Kaart, Organisatie
from kaart.pages.verzoek import mail_href
from kaart.project import Project
from kaart.result import Problem
from kaart.text import block, first_sentence, inline, leeftijd_text, link, safe_url, yaml_str

ONBEKEND = "niet bekend in de bron"
SITE_END = "<!-- site:einde"  # in CONTRIBUTING.md: what follows is not published
DOELGROEP_KOPPEN = {
    "leeftijd": "Leeftijd",
    "startkwalificatie": "Startkwalificatie",
    "situatie": "Situatie",
    "schooltype": "Schooltype",
    "kenmerken": "Speciaal voor",
}
# content/index.md carries this line; the build puts the sentence about the age of the sources in its place
HOME_MARKER = "<!-- kaart:bronleeftijd -->"
# The repository that takes "Geef het door" issues (.github/ISSUE_TEMPLATE/); the same one as mkdocs.yml's edit_uri.
DEFAULT_REPO = "https://github.com/sociale-kaart-16-27/sociale-kaart"
GEEF_DOOR = "Klopt er iets niet of is er nieuws? Geef het door"


def repo_url() -> str:
    """KAART_REPO_URL, else the repository in KAART_EDIT_URI (the Bewerken button), else DEFAULT_REPO."""
    url = os.environ.get("KAART_REPO_URL", "").strip()
    if not url:
        edit = os.environ.get("KAART_EDIT_URI", "")
        url = edit.split("/edit/", 1)[0] if "/edit/" in edit else DEFAULT_REPO
    return url.rstrip("/") if _usable_url(url, https_only=True) else DEFAULT_REPO  # never a javascript: link


def _usable_url(url: str, https_only: bool = False) -> bool:
    # safe_url escapes ( ) [ ] in what it returns; a setting must not need that: `)` ends a Markdown link
    return safe_url(url) == url and (url.startswith("https://") or not https_only and url.startswith("http://"))


# The settings the site builds addresses from (README, "Instellingen"): name -> (https only, example).
URL_SETTINGS = {
    "KAART_REPO_URL": (True, "https://github.com/organisatie/sociale-kaart"),
    "KAART_EDIT_URI": (True, "https://github.com/organisatie/sociale-kaart/edit/main/content/"),
    "KAART_SITE_URL": (False, "https://kaart.example.org/"),
}


def settings_problems() -> list[Problem]:
    """An error for every address setting that is set but is not a plain full address: the build stops on it.

    A value like `https://x/)[klik](javascript:…)` would otherwise end a Markdown link early and
    put a javascript: link on every page; mkdocs uses KAART_EDIT_URI and KAART_SITE_URL as they are.
    """
    problems = []
    for name, (https_only, example) in URL_SETTINGS.items():
        url = os.environ.get(name, "").strip()
        if not url or _usable_url(url, https_only):
            continue
        shown = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in url[:80]) + ("…" if len(url) > 80 else "")
        problems.append(
            Problem(
                name,
                0,
                "",
                f"'{shown}' is geen volledig {'https' if https_only else 'http(s)'}://-adres zonder spaties, "
                "aanhalingstekens, haakjes of andere tekens die een link kunnen breken; de site wordt niet gebouwd",
                f"zet {name} op een gewoon adres, bijvoorbeeld {example}, of laat de instelling weg",
                regel="omgeving",
            )
        )
    return problems


def issue_url(template: str, title: str, **ids: str) -> str:
    """A new-issue link that opens an issue form with its fields (by id) filled in. Only a link: nothing loads."""
    return f"{repo_url()}/issues/new?" + urlencode({"template": template, "title": title, **ids})


@dataclass
class GeneratedPage:
    markdown: str
    edit_path: str | None = None  # project-relative file to edit (YAML); None for overviews: no Bewerken button

    def __post_init__(self):
        # a folder is nothing an editor can open in the web editor: hide the button instead
        if self.edit_path and self.edit_path.endswith("/"):
            self.edit_path = None


@dataclass
class SiteOutput:
    pages: dict[str, GeneratedPage] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)


class SiteRenderer:
    def __init__(
        self, kaart: Kaart, project: Project, today: dt.date | None = None, instellingen: Instellingen | None = None
    ):
        self.kaart = kaart
        self.project = project
        self.vocab = project.vocab
        self.today = today or dt.date.today()
        self.instellingen = instellingen or Instellingen()
        self._templates: jinja2.Environment | None = None

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
        if bron.bevestigd:
            return (
                f"Bevestigd door de aanbieder op {inline(bron.bevestigd)}"
                + (f" ({inline(bron.door)})" if bron.door else "")
                + (f": {inline(bron.onderdeel)}" if bron.onderdeel else "")  # e.g. "gestopt op 2026-01-31"
            )
        titel, jaar = self.vocab.title_and_year(bron)
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

    def staat(self, aanbod: Aanbod) -> actualiteit.Staat:
        return actualiteit.staat(aanbod, self.today, self.instellingen.cadans_maanden)

    def controle_text(self, aanbod: Aanbod) -> str:
        s = self.staat(aanbod)
        if s.naam == actualiteit.NOOIT:
            return "Nooit bevestigd door de aanbieder."
        text = f"Laatst bevestigd door de aanbieder op {s.bevestigd_op.isoformat()}."
        if s.naam == actualiteit.VERLOPEN:
            text += (
                f" De bevestiging is verlopen: de aanbieder bevestigt elke {self.instellingen.cadans_maanden} maanden, "
                "dus de gegevens kunnen verouderd zijn."
            )
        else:
            text += f" De bevestiging geldt tot en met {s.verloopt_op.isoformat()}."
        return text

    # -- pages ---------------------------------------------------------------
    def render(self) -> SiteOutput:
        out = self.render_records()
        out.pages.update(self.render_overviews().pages)
        return out

    def render_records(self) -> SiteOutput:
        """A page per offer and per organisation."""
        out = SiteOutput()
        for aanbod in self.kaart.gesorteerd():
            out.pages[f"aanbod/{aanbod.id}.md"] = GeneratedPage(self.aanbod_page(aanbod), aanbod.source_file)
        for org in sorted(self.kaart.organisaties.values(), key=lambda o: o.naam.lower()):
            out.pages[f"organisaties/{org.id}.md"] = GeneratedPage(self.organisatie_page(org), org.source_file)
        return out

    def render_overviews(self) -> SiteOutput:
        """The lists: organisations, A-Z, per fase and per leefgebied, and the contributing guide."""
        out = SiteOutput()
        out.pages["organisaties/index.md"] = GeneratedPage(self.organisaties_index())
        out.pages["aanbod/index.md"] = GeneratedPage(self.a_tot_z())
        out.pages["overzicht/index.md"] = GeneratedPage(self.overzicht_index())
        for fase in self.vocab["fase"]:
            out.pages[f"overzicht/fase/{fase.id}.md"] = GeneratedPage(self.grouped_page("fase", fase))
        for area in self.vocab["helpt_bij"]:
            out.pages[f"overzicht/helpt-bij/{area.id}.md"] = GeneratedPage(self.grouped_page("helpt_bij", area))
        contributing = self.project.root / "CONTRIBUTING.md"
        if contributing.is_file():  # one text for the repository and the site, so the two never drift apart
            # the part for maintainers and developers, after the marker, stays in the repository
            guide = contributing.read_text(encoding="utf-8").split(SITE_END, 1)[0].rstrip("\n") + "\n"
            out.pages["bijdragen/index.md"] = GeneratedPage(
                "---\ntitle: Aanbod toevoegen of wijzigen\n---\n\n" + guide, "CONTRIBUTING.md"
            )
        return out

    def aanbod_page(self, a: Aanbod) -> str:
        """The offer's page from overrides/pagina/aanbod.md."""
        from kaart.export.tables import published

        return self.template("aanbod.md").render(
            a=a,
            r=self,
            stand=actualiteit.stand(a, self.vocab, self.today, self.instellingen.cadans_maanden),
            jongeren_stand=actualiteit.jongeren_stand(a, self.vocab, self.today, self.instellingen.cadans_maanden),
            geef_door=self.geef_door_link(
                issue_url("geef-het-door.yml", f"Geef het door: {a.naam} ({a.id})", aanbod=a.id)
            ),
            mail=self.mail_link(a),
            praktijken=self.kaart.praktijken_bij(a.id),
            unknown=self.unknowns(a),
            jaar=self.vocab.newest_year(a.bronnen),
            json=published("aanbod", a.id),  # the open data of this offer (kaart.export.opendata)
        )

    def template(self, name: str) -> jinja2.Template:
        """A page template from overrides/pagina/: Markdown, so no HTML autoescape; the filters escape."""
        if self._templates is None:
            self._templates = jinja2.Environment(
                loader=jinja2.FileSystemLoader(self.project.root / "overrides" / "pagina"),
                autoescape=False,  # Markdown, not HTML: `inline` and `block` escape every value
                undefined=jinja2.StrictUndefined,
                trim_blocks=True,
                lstrip_blocks=True,
                keep_trailing_newline=True,
            )
            self._templates.filters.update(inline=inline, block=block, yaml_str=yaml_str, first_sentence=first_sentence)
            self._templates.globals.update(ONBEKEND=ONBEKEND, offer_list_item=offer_list_item)
        return self._templates.get_template(name)

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
            if (
                feit == "schooltype"
                and not waarden[feit]
                and a.situatie
                and not set(a.situatie) & set(SITUATIES_MET_SCHOOLTYPE)
            ):
                continue  # not at school: a school type does not apply, so it is not 'unknown' either
            bron = a.doelgroep_bronnen.get(feit)
            if waarden[feit] is None:
                cell = ONBEKEND
            elif bron:
                cell = (
                    f"{inline(waarden[feit])} · {self.bron_kort(a.doelgroep_bron[feit])} · "
                    f"“{inline(bron.get('citaat'))}”"
                )
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

    def contact_actions(self, contact: dict, fallback: bool) -> str:
        buttons = []
        if contact.get("telefoon"):
            number = re.sub(r"[^0-9+]", "", contact["telefoon"])
            buttons.append(
                f"[Bel {inline(contact['telefoon'])}](tel:{number}){{ .md-button .md-button--primary .kaart-actie }}"
            )
        if contact.get("email") and safe_url(f"mailto:{contact['email']}"):
            buttons.append(
                f"[Mail {inline(contact['email'])}]({safe_url('mailto:' + contact['email'])})"
                "{ .md-button .kaart-actie }"
            )
        if contact.get("website") and safe_url(contact["website"]):
            buttons.append(f"[Naar de website]({safe_url(contact['website'])}){{ .md-button .kaart-actie }}")
        if buttons:
            return " ".join(buttons) + "\n{ .kaart-acties }"
        if fallback:
            return (
                "Er staan geen telefoonnummer, e-mail of website in de bron. "
                "Vraag je mentor, je klantmanager bij de gemeente of een jongerenwerker om je op weg te helpen.\n"
                "{ .kaart-geen-contact }"
            )
        return ""

    def contact_list(self, contact: dict, bronnen: dict | None = None) -> list[str]:
        """Each contact value with its own source: the passage, or the provider's dated confirmation."""
        bronnen = bronnen or {}
        out = []
        for veld, label in (("telefoon", "Telefoon"), ("email", "E-mail"), ("website", "Website"), ("adres", "Adres")):
            value = contact.get(veld)
            if not value:
                continue
            shown = link(value, value) if veld == "website" else inline(value)
            bron = bronnen.get(veld)
            herkomst = ""
            if bron is not None and bron.bevestigd:
                herkomst = f" (bevestigd door de aanbieder op {inline(bron.bevestigd)})"
            elif bron is not None:
                herkomst = f" (bron: {self.bron_kort(bron)})"
            out.append(f"- {label}: {shown}{herkomst}")
        return out

    def geef_door_link(self, url: str) -> str:
        return f"[{GEEF_DOOR}]({safe_url(url)}){{ .kaart-geef-door }}"

    def mail_link(self, a: Aanbod) -> str:
        """Next to the GitHub form: a mail to the redactie with the answer block, for everyone without an account."""
        email = self.instellingen.redactie_email
        if not email:  # no address set: the build warned once (kaart.instellingen), no link
            return ""
        href = safe_url(mail_href(self.project, self.kaart, a, email, self.today, self.instellingen.cadans_maanden))
        return f" · [Geen GitHub? Mail de redactie]({href}){{ .kaart-mail-redactie }}" if href else ""

    def aanbieders_text(self, a: Aanbod) -> str:
        """Every provider the source names, each linked to its organisation page."""
        names = []
        for org_id in a.aanbieders or (a.aanbieder,):
            org = self.kaart.organisaties.get(org_id)
            names.append(f"[{inline(org.naam if org else org_id)}](../organisaties/{org_id}.md)")
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]

    def home_markdown(self, markdown: str) -> str:
        """The hand-written home page with the sentence about the age of the sources in place of HOME_MARKER."""
        zin = f"{inline(actualiteit.homezin(self.kaart, self.vocab))}\n{{ .kaart-actualiteit }}"
        return markdown.replace(HOME_MARKER, zin)

    def organisatie_page(self, org: Organisatie) -> str:
        """The organisation's page from overrides/pagina/organisatie.md."""
        return self.template("organisatie.md").render(
            org=org,
            r=self,
            geef_door=self.geef_door_link(
                issue_url("geef-het-door.yml", f"Geef het door: {org.naam} ({org.id})", organisatie=org.id)
            ),
            nieuw_aanbod=safe_url(issue_url("nieuw-aanbod.yml", "Nieuw aanbod: ", organisatie=org.id)),
            aanbod=self.kaart.aanbod_van(org.id),
        )

    def organisaties_index(self) -> str:
        lines = [
            "---",
            "title: Organisaties",
            "---",
            "",
            "# Organisaties",
            "",
            "Alle organisaties met aanbod in de kaart, met het aantal aanbiedingen.",
            "",
        ]
        for org in sorted(self.kaart.organisaties.values(), key=lambda o: o.naam.lower()):
            lines.append(f"- [{inline(org.naam)}]({org.id}.md) ({len(self.kaart.aanbod_van(org.id))})")
        return "\n".join(lines) + "\n"

    def a_tot_z(self) -> str:
        lines = [
            "---",
            "title: Aanbod A-Z",
            "---",
            "",
            "# Aanbod A-Z",
            "",
            f"Alle {len(self.kaart.aanbod)} aanbiedingen op alfabet. Zoek je voor een bepaalde jongere? "
            "Gebruik de [wegwijzer](../wegwijzer/index.md).",
            "",
        ]
        groups: dict[str, list[Aanbod]] = defaultdict(list)
        for a in self.kaart.gesorteerd():
            letter = a.naam[:1].upper()
            groups[letter if letter.isalpha() else "#"].append(a)
        for letter in sorted(groups):
            lines += [f"## {letter}", ""] + [offer_list_item(a, "") for a in groups[letter]] + [""]
        return "\n".join(lines)

    def overzicht_index(self) -> str:
        lines = [
            "---",
            "title: Overzicht",
            "---",
            "",
            "# Overzicht van het aanbod",
            "",
            "Bekijk het aanbod per fase of per leefgebied, of [alles op alfabet](../aanbod/index.md).",
            "",
            "## Per fase",
            "",
        ]
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
        lines = [
            "---",
            f"title: {yaml_str(f'{what}: {term.label}')}",
            "---",
            "",
            f"# {what}: {inline(term.label)}",
            "",
            inline(term.uitleg),
            "",
            f"{len(offers)} aanbiedingen.",
            "",
        ]
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
