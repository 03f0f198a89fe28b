"""Coverage report (/dekking/): is there een passend en dekkend aanbod?

A matrix of helpt_bij x age band x gemeente with the number of active offers.
An offer counts in a cell when it has not stopped (`gestopt`), its werkgebied covers the
gemeente (landelijk covers all) and its age range overlaps the band.  An offer
whose age is not in the source counts in every band: the report must not call a
cell empty because a source left the age out.  The page says so.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from kaart.model import Aanbod, Kaart
from kaart.project import Project

LEEFTIJDSBANDEN: tuple[tuple[int, int], ...] = ((16, 17), (18, 22), (23, 27))
FINDER = "../wegwijzer/"  # relative to /dekking/; the finder reads leeftijd, zoekt and gemeente


@dataclass(frozen=True)
class Cel:
    gemeente: str
    helpt_bij: str
    band: tuple[int, int]
    aanbod: tuple[str, ...]  # ids

    @property
    def aantal(self) -> int:
        return len(self.aanbod)


def band_label(band: tuple[int, int]) -> str:
    return f"{band[0]}-{band[1]}"


def overlaps(a: Aanbod, band: tuple[int, int]) -> bool:
    low = a.leeftijd_min if a.leeftijd_min is not None else 0
    high = a.leeftijd_max if a.leeftijd_max is not None else 200
    return low <= band[1] and high >= band[0]


def actief(kaart: Kaart) -> list[Aanbod]:
    return [a for a in kaart.gesorteerd() if a.status != "gestopt"]


def matrix(project: Project, kaart: Kaart) -> dict[tuple[str, str, tuple[int, int]], Cel]:
    offers = actief(kaart)
    # each offer's gemeenten once, not once per gemeente (17 x 5,000 lookups at 5,000 offers)
    covered = [(a, project.vocab.gemeenten_in(a.werkgebied)) for a in offers]
    cells = {}
    for gemeente in project.vocab["gemeente"].ids:
        local = [a for a, gemeenten in covered if gemeenten is None or gemeente in gemeenten]
        for helpt_bij in project.vocab["helpt_bij"].ids:
            for band in LEEFTIJDSBANDEN:
                ids = tuple(a.id for a in local if helpt_bij in a.helpt_bij and overlaps(a, band))
                cells[(gemeente, helpt_bij, band)] = Cel(gemeente, helpt_bij, band, ids)
    return cells


def nazorg_per_behoefte(project: Project, kaart: Kaart) -> dict[str, dict[str, int]]:
    """Per helpt_bij: active offers in total, with nazorg, without, and unknown."""
    out = {}
    for helpt_bij in project.vocab["helpt_bij"].ids:
        offers = [a for a in actief(kaart) if helpt_bij in a.helpt_bij]
        out[helpt_bij] = {
            "totaal": len(offers),
            "ja": sum(1 for a in offers if a.nazorg is True),
            "nee": sum(1 for a in offers if a.nazorg is False),
            "onbekend": sum(1 for a in offers if a.nazorg is None),
        }
    return out


def finder_link(gemeente: str, helpt_bij: str, band: tuple[int, int]) -> str:
    # The finder takes one age; the youngest age of the band is the natural question
    # ("what is there for a 16-year-old?"). Documented on the page.
    return f"{FINDER}?leeftijd={band[0]}&zoekt={helpt_bij}&gemeente={gemeente}"


def dekking_page(project: Project, kaart: Kaart) -> str:
    vocab = project.vocab
    esc = lambda s: html.escape(str(s), quote=True)
    cells = matrix(project, kaart)
    n_actief = len(actief(kaart))
    empty = sum(1 for c in cells.values() if not c.aantal)
    lines = [
        "---",
        "title: Dekking van het aanbod",
        "description: Per gemeente, leefgebied en leeftijd het aantal aanbiedingen dat niet gestopt is, met de lege "
        "plekken.",
        "---",
        "",
        "# Dekking van het aanbod",
        "",
        "Is er een *passend en dekkend aanbod* voor jongeren van 16 tot 27 jaar? Per gemeente staat hieronder "
        "hoeveel aanbiedingen (niet gestopt) er zijn per leefgebied (helpt bij) en leeftijd. "
        f"Er zijn {n_actief} aanbiedingen die niet gestopt zijn; {empty} van de {len(cells)} vakjes zijn leeg.",
        "",
        "**Zo lees je het.** Een vakje met **0 — leeg** betekent: in deze kaart staat voor die gemeente, dat "
        "leefgebied en die "
        "leeftijd geen aanbod dat niet gestopt is. Dat kan een gat in het aanbod zijn, of aanbod dat nog niet in de "
        "kaart staat. "
        "Elk getal is een link naar de [wegwijzer](../wegwijzer/index.md) met die gemeente, dat leefgebied en "
        "de jongste leeftijd van de groep.",
        "",
        "**Hoe er geteld wordt.** Al het aanbod telt, behalve wat gestopt is (ook wat de aanbieder nog niet heeft "
        "bevestigd). Aanbod voor een regio of heel Nederland telt in "
        "elke gemeente van dat gebied. Aanbod telt in een leeftijdsgroep als de leeftijd uit de bron overlapt met de "
        "groep. "
        "Staat de leeftijd niet in de bron, dan telt het aanbod in alle groepen: de wegwijzer kan dan meer of minder "
        "tonen "
        "dan hier staat.",
        "",
        "## Gemeenten",
        "",
    ]
    lines += [f"- [{esc(g.label)}](#{g.id})" for g in vocab["gemeente"]]
    lines += [
        "",
        "## Nazorg per leefgebied",
        "",
        "Loopt de steun door als de jongere op school of werk begint? Per leefgebied het aantal aanbiedingen (niet "
        "gestopt) "
        "en hoeveel daarvan volgens de bron wel of geen nazorg bieden. *Onbekend*: de bron zegt het niet.",
        "",
        '<div class="kaart-dekking">',
        '<table class="kaart-dekking-tabel kaart-dekking-nazorg"><caption>Nazorg bij het aanbod dat niet gestopt is, '
        "per leefgebied</caption>",
        '<thead><tr><th scope="col">Helpt bij</th><th scope="col">Actief</th><th scope="col">Met nazorg</th>'
        '<th scope="col">Zonder nazorg</th><th scope="col">Onbekend</th></tr></thead><tbody>',
    ]
    for helpt_bij, n in nazorg_per_behoefte(project, kaart).items():
        lines.append(
            f'<tr><th scope="row">{esc(vocab["helpt_bij"].label(helpt_bij))}</th><td>{n["totaal"]}</td>'
            f"<td>{n['ja']}</td><td>{n['nee']}</td><td>{n['onbekend']}</td></tr>"
        )
    lines += ["</tbody></table>", "</div>"]
    lines.append("")
    for gemeente in vocab["gemeente"]:
        leeg = sum(1 for (g, _, _), c in cells.items() if g == gemeente.id and not c.aantal)
        lines += [
            f"## {esc(gemeente.label)} {{ #{gemeente.id} }}",
            "",
            f"{leeg} lege vakjes." if leeg else "Geen lege vakjes.",
            "",
            '<div class="kaart-dekking">',
            f'<table class="kaart-dekking-tabel"><caption>Actieve aanbiedingen in {esc(gemeente.label)} '
            "per leefgebied en leeftijd</caption>",
            '<thead><tr><th scope="col">Helpt bij</th>'
            + "".join(f'<th scope="col">{band_label(b)} jaar</th>' for b in LEEFTIJDSBANDEN)
            + "</tr></thead><tbody>",
        ]
        for helpt_bij in vocab["helpt_bij"]:
            row = f'<tr><th scope="row">{esc(helpt_bij.label)}</th>'
            for band in LEEFTIJDSBANDEN:
                cel = cells[(gemeente.id, helpt_bij.id, band)]
                href = esc(finder_link(gemeente.id, helpt_bij.id, band))
                if cel.aantal:
                    row += f'<td><a href="{href}">{cel.aantal}</a></td>'
                else:  # marked by text and a border pattern, not by colour alone
                    row += f'<td class="kaart-dekking-leeg"><a href="{href}">0 — leeg</a></td>'
            lines.append(row + "</tr>")
        lines += ["</tbody></table>", "</div>", ""]
    return "\n".join(lines)
