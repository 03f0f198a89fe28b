"""`kaart verzoek <organisatie>` and /redactie/verzoek/<id>/: a verification sheet for one provider.

Everything the kaart says about the organisation's offers, what is not known,
and the questions that would close those gaps.  Plain Markdown, so the same
text prints from the site and pastes into an e-mail.  What the provider
answers goes into the record as a source `bevestigd: "JJJJ-MM-DD"`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from kaart import actualiteit
from kaart.model import Aanbod, Kaart, Organisatie
from kaart.project import Project
from kaart.records.bevestig import antwoordblok, organisatieblok
from kaart.text import inline, leeftijd_text, yaml_str

# a field the kaart has no value for: the sheet asks the provider to fill it in
GEEN_GEGEVEN = "niet bekend"


@dataclass(frozen=True)
class Gat:
    """One thing the kaart does not know about an offer, and the question that asks for it."""

    label: str
    ontbreekt: Callable[[Aanbod], bool]
    vraag: str


GATEN = (
    Gat(
        "leeftijd",
        lambda a: a.leeftijd_min is None and a.leeftijd_max is None,
        "Voor welke leeftijd is het aanbod (van … tot en met … jaar)?",
    ),
    Gat(
        "situatie van de jongere",
        lambda a: not getattr(a, "situatie", ()),
        "Voor jongeren in welke situatie is het: op school, dreigt uit te vallen, gestopt met school, met een "
        "uitkering, met werk?",
    ),
    Gat(
        "startkwalificatie",
        lambda a: not a.startkwalificatie,
        "Is het voor jongeren zonder startkwalificatie, met, of allebei?",
    ),
    Gat(
        "aanmelden",
        lambda a: not a.aanmelden and not a.aanmelden_uitleg,
        "Hoe komt een jongere binnen: meldt de jongere zich zelf aan, of meldt iemand anders aan (wie)?",
    ),
    Gat("kosten", lambda a: not a.kosten, "Kost het de jongere iets?"),
    Gat("nazorg", lambda a: a.nazorg is None, "Is er nazorg na afloop, en zo ja welke?"),
    Gat(
        "contact",
        lambda a: not a.contact,
        "Welk telefoonnummer, e-mailadres, website of adres mogen wij op de kaart zetten voor jongeren en "
        "professionals?",
    ),
)


def gaten(a: Aanbod) -> list[Gat]:
    return [g for g in GATEN if g.ontbreekt(a)]


def find_organisaties(kaart: Kaart, wanted: str) -> list[Organisatie] | None:
    """The organisation with this id, or the providers of the offer with this id; None if neither exists."""
    if wanted in kaart.organisaties:
        return [kaart.organisaties[wanted]]
    if wanted in kaart.aanbod:
        return [kaart.organisaties[o] for o in kaart.aanbod[wanted].aanbieders if o in kaart.organisaties]
    return None


class Blad:
    """The verification sheet of one organisation."""

    def __init__(self, project: Project, kaart: Kaart, org: Organisatie):
        self.vocab = project.vocab
        self.kaart = kaart
        self.org = org

    def label(self, vocab: str, value: str) -> str:
        return self.vocab[vocab].label(value)

    def labels(self, vocab: str, values) -> str:
        return ", ".join(self.label(vocab, v) for v in values)

    def werkgebied(self, werkgebied: dict) -> str:
        parts = (
            (["heel Nederland"] if werkgebied.get("landelijk") else [])
            + [self.label("regio", r) for r in werkgebied.get("regio", [])]
            + [self.label("gemeente", g) for g in werkgebied.get("gemeenten", [])]
        )
        return ", ".join(parts) or GEEN_GEGEVEN

    def bron(self, bron) -> str:
        if bron.bevestigd:
            return f"bevestigd door de aanbieder op {bron.bevestigd}"
        text, jaar = self.vocab.title_and_year(bron)
        return text + (f", {bron.onderdeel}" if bron.onderdeel else "") + (f" ({jaar})" if jaar else "")

    def contact(self, contact: dict, bronnen: dict) -> str:
        if not contact:
            return GEEN_GEGEVEN
        return "; ".join(
            f"{veld} {value}" + (f" ({self.bron(bronnen[veld])})" if veld in bronnen else "")
            for veld, value in contact.items()
        )

    def aanbod(self, a: Aanbod, nummer: int) -> list[str]:
        providers = [self.kaart.organisaties[o].naam if o in self.kaart.organisaties else o for o in a.aanbieders]
        situatie = getattr(a, "situatie", ())
        feiten = [
            ("Stand", actualiteit.stand(a, self.vocab, self.kaart.peil.vandaag, self.kaart.peil.cadans_maanden)),
            ("Status op de kaart", self.label("status", a.status)),
            ("Aanbieder", " en ".join(providers)),
            ("Soort", self.label("soort", a.soort)),
            ("Werkgebied", self.werkgebied(a.werkgebied)),
            ("Bedoeld voor", self.labels("voor", a.voor)),
            ("Helpt bij", self.labels("helpt_bij", a.helpt_bij)),
            ("Leeftijd", leeftijd_text(a.leeftijd_min, a.leeftijd_max) or GEEN_GEGEVEN),
            (
                "Situatie van de jongere",
                (self.labels("situatie", situatie) if "situatie" in self.vocab.names() else ", ".join(situatie))
                if situatie
                else GEEN_GEGEVEN,
            ),
            (
                "Startkwalificatie",
                self.label("startkwalificatie", a.startkwalificatie) if a.startkwalificatie else GEEN_GEGEVEN,
            ),
            ("Voorwaarden", a.voorwaarden or GEEN_GEGEVEN),
            (
                "Aanmelden",
                "; ".join(filter(None, [self.labels("aanmeldroute", a.aanmelden), a.aanmelden_uitleg])) or GEEN_GEGEVEN,
            ),
            ("Kosten", a.kosten or GEEN_GEGEVEN),
            (
                "Nazorg",
                GEEN_GEGEVEN
                if a.nazorg is None
                else ("ja" if a.nazorg else "nee") + (f" — {a.nazorg_uitleg}" if a.nazorg_uitleg else ""),
            ),
            ("Contact", self.contact(a.contact, a.contact_bronnen)),
            ("Bronnen", "; ".join(self.bron(b) for b in a.bronnen)),
        ]
        lines = [
            f"## {nummer}. {inline(a.naam)}",
            "",
            f"Op de kaart: `aanbod/{a.id}/`",
            "",
            "**Wat de kaart nu zegt**",
            "",
        ]
        lines += [f"- {naam}: {inline(waarde)}" for naam, waarde in feiten]
        lines += ["", f"Beschrijving: {inline(' '.join(a.beschrijving.split()))}", ""]
        open_ = gaten(a)
        lines += ["**Wat we niet weten**", ""]
        lines += [f"- {g.label}" for g in open_] or ["- alles wat de kaart vraagt staat in een bron"]
        lines += [
            "",
            "**Vragen**",
            "",
            "1. Bestaat dit aanbod nu nog zo? (ja / nee, gestopt sinds … / anders, namelijk …)",
            "2. Klopt wat hierboven staat? Wat moet anders?",
        ]
        lines += [f"{i}. {g.vraag}" for i, g in enumerate(open_, 3)]
        lines += [
            "",
            "**Uw antwoord** (vul in of verbeter achter de dubbele punt; wat klopt laat u staan; "
            "de redactie verwerkt het met `kaart bevestig`)",
            "",
            "```text",
            antwoordblok(a),
            "```",
        ]
        return lines + [""]

    def markdown(self) -> str:
        org = self.org
        offers = self.kaart.aanbod_van(org.id)
        jaren = sorted({j for a in offers for j in [actualiteit.bronjaar(a, self.vocab)] if j})
        periode = (
            f"uit {jaren[0]}"
            if len(jaren) == 1
            else (f"uit {jaren[0]} tot en met {jaren[-1]}" if jaren else "zonder jaartal")
        )
        lines = [
            f"# Controleverzoek: {inline(org.naam)}",
            "",
            f"De Sociale kaart 16-27 beschrijft {len(offers)} {'aanbod' if len(offers) == 1 else 'aanbiedingen'} van "
            f"{inline(org.naam)}, met bronnen {periode}. Wij willen alleen tonen wat klopt. "
            "Wilt u per aanbod laten weten of het nog bestaat, of het klopt, en de vragen beantwoorden? "
            'Wat u bevestigt, zetten wij met de datum op de kaart: "bevestigd door de aanbieder op …".',
            "",
            "Antwoorden kan per e-mail aan wie u dit stuurde, of op de pagina van het aanbod via "
            '"Klopt er iets niet of is er nieuws? Geef het door" (ook zonder GitHub: "Mail de redactie"). '
            "Het snelst is het antwoordblok onder elk aanbod: vul het in of verbeter het, laat staan wat klopt, "
            "en stuur het terug. Noem bij uw antwoord uw functie; schrijf geen gegevens van jongeren.",
            "",
            f"Organisatie: {inline(org.naam)} (`organisaties/{org.id}/`) · werkgebied: "
            f"{inline(self.werkgebied(org.werkgebied))} · "
            f"contact op de kaart: {inline(self.contact(org.contact, org.contact_bronnen))}",
            "",
        ]
        if not org.contact:
            lines += [
                "Vraag over de organisatie: welk algemeen telefoonnummer, e-mailadres of welke website mogen wij "
                "vermelden?",
                "",
            ]
        lines += ["```text", organisatieblok(org.id, org.contact), "```", ""]
        for nummer, a in enumerate(offers, 1):
            lines += self.aanbod(a, nummer)
        lines += ["Ingevuld door (organisatie en functie): …", "", "Datum: …", ""]
        return "\n".join(lines)


def verzoek_pages(project: Project, kaart: Kaart) -> dict[str, str]:
    """Markdown per organisation for /redactie/verzoek/<id>/, and the list for the redactie page."""
    pages = {}
    for org in sorted(kaart.organisaties.values(), key=lambda o: o.naam.lower()):
        body = Blad(project, kaart, org).markdown()
        pages[f"redactie/verzoek/{org.id}.md"] = (
            f"---\ntitle: {yaml_str('Controleverzoek ' + org.naam)}\n---\n\n" + body
        )
    return pages


def verzoek_lijst(kaart: Kaart) -> str:
    lines = [
        "",
        "## Controleverzoeken per organisatie { #controleverzoeken }",
        "",
        "Per organisatie een blad met alles wat de kaart over haar aanbod zegt, wat we niet weten en de vragen. "
        "Print het of plak het in een e-mail; in de terminal: `kaart verzoek <organisatie>`.",
        "",
    ]
    for org in sorted(kaart.organisaties.values(), key=lambda o: o.naam.lower()):
        lines.append(f"- [{inline(org.naam)}](verzoek/{org.id}.md) ({len(kaart.aanbod_van(org.id))})")
    return "\n".join(lines) + "\n"


def mail_onderwerp(a: Aanbod) -> str:
    return f"Geef het door: {a.naam} ({a.id})"


def mail_tekst(
    project: Project, kaart: Kaart, a: Aanbod, vandaag=None, cadans_maanden: int = actualiteit.DEFAULT_CADANS_MAANDEN
) -> str:
    """The body of "Mail de redactie": what the kaart says, what it does not know, the questions
    and the answer block (its fields are the questions of `kaart verzoek`), short enough for a mailto:
    link (under 2,000 characters, the limit of some mail programs; plain text, no Markdown)."""
    blad = Blad(project, kaart, kaart.organisaties.get(a.aanbieder) or Organisatie(a.aanbieder, a.aanbieder, "", ()))
    open_ = gaten(a)
    lines = [
        "Beste redactie,",
        "",
        f"Over {a.naam} ({a.id}) op de Sociale kaart 16-27.",
        "",
        "Wat de kaart nu zegt:",
        f"- {actualiteit.stand(a, blad.vocab, vandaag, cadans_maanden)}",
        f"- Aanbieder: {kaart.aanbieder_namen(a)}",
        f"- Werkgebied: {blad.werkgebied(a.werkgebied)}",
        f"- Leeftijd: {leeftijd_text(a.leeftijd_min, a.leeftijd_max) or GEEN_GEGEVEN}",
        f"- Contact: {blad.contact(a.contact, {})}",
        "",
        "Wat de kaart niet weet: " + (", ".join(g.label for g in open_) or "niets van wat de kaart vraagt") + ".",
        "",
        "Bestaat het nog zo, klopt het, en kunt u aanvullen wat de kaart niet weet? "
        "Vul in of verbeter achter de dubbele punt; laat staan wat klopt. Geen gegevens van jongeren.",
        "",
        antwoordblok(a),
    ]
    return "\n".join(lines)


def mail_href(project: Project, kaart: Kaart, a: Aanbod, email: str, vandaag=None, cadans_maanden: int = 12) -> str:
    """mailto: with subject and body, encoded so a mail program opens them as written (RFC 6068)."""
    body = mail_tekst(project, kaart, a, vandaag, cadans_maanden)
    return f"mailto:{email}?subject={quote(mail_onderwerp(a), safe='')}&body={quote(body, safe='')}"
