"""The editors' commands: nieuw, velden, rapport, verzoek and export.

The editor pages of the site (/redactie/, the verification sheets, /dekking/) are stages of
`kaart.build.prepare_site`; these commands print or write the same things on their own.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import sys
from pathlib import Path

from kaart.check.reporting import shown
from kaart.cli import nieuw, velden
from kaart.cli.common import checked_kaart, checked_records, project_of
from kaart.export.opendata import publish
from kaart.instellingen import Instellingen
from kaart.pages import bevestigingen, rapport
from kaart.pages.verzoek import Blad, find_organisaties
from kaart.publish.target import TargetError, output_folder
from kaart.records.loading import _why

EXPORT_MARKER = ".kaart-export"
EXPORT_MARKER_TEXT = "Deze map is geschreven door `kaart export`; een volgende `kaart export` mag erin schrijven.\n"


def _datum(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{value}' is geen datum — schrijf JJJJ-MM-DD, bijvoorbeeld 2026-03-01"
        ) from None


def _jaren(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"'{value}' is geen aantal jaren — schrijf een heel getal, bijvoorbeeld 5")
    return n


def add_commands(sub) -> None:
    """Register the editor commands on the `kaart` parser."""
    p = sub.add_parser(
        "nieuw", help="maak een nieuw aanbod uit het sjabloon (vraagt wat er niet als optie is meegegeven)"
    )
    nieuw.add_arguments(p)
    p.set_defaults(func=lambda args: nieuw.run(args, project_of(args)))

    p = sub.add_parser("velden", help="werk de veldenlijst in CONTRIBUTING.md bij uit de schema's")
    p.add_argument(
        "--controleer", action="store_true", help="niets schrijven; faal als CONTRIBUTING.md niet bijgewerkt is"
    )
    p.set_defaults(func=lambda args: velden.run(args, project_of(args)))

    p = sub.add_parser(
        "rapport",
        help="werklijst: welk aanbod is niet of lang geleden gecontroleerd, mist contact of heeft oude bronnen",
    )
    p.add_argument(
        "--bron-jaren",
        type=_jaren,
        default=rapport.DEFAULT_BRON_JAREN,
        metavar="N",
        help=f"bronnen ouder dan N jaar melden (standaard {rapport.DEFAULT_BRON_JAREN})",
    )
    p.add_argument(
        "--datum", type=_datum, metavar="JJJJ-MM-DD", help="rapport alsof het deze datum is (standaard vandaag)"
    )
    p.add_argument(
        "--verzoeken",
        action="store_true",
        help="alleen de controleverzoeken die nu weg moeten: per organisatie het aanbod dat nooit is bevestigd, "
        "waarvan de bevestiging verlopen is of binnen een maand verloopt",
    )
    p.set_defaults(func=cmd_rapport)

    p = sub.add_parser(
        "verzoek",
        help="controleverzoek voor een aanbieder: wat de kaart zegt, wat onbekend is en de vragen (om te printen of te mailen)",
    )
    p.add_argument(
        "organisatie",
        help="id van de organisatie (aanbod/organisaties/<id>.yml) of van een aanbod, bijvoorbeeld de-schoor of learn2work",
    )
    p.set_defaults(func=cmd_verzoek)

    p = sub.add_parser("export", help="schrijf de open data (JSON, CSV, HSDS 3.0) naar een map")
    p.add_argument(
        "map",
        help=f"doelmap, bijvoorbeeld export/: een nieuwe of lege map, of een die kaart export eerder schreef ({EXPORT_MARKER}); nooit een map van het project",
    )
    p.set_defaults(func=cmd_export)


def cmd_rapport(args) -> int:
    project = project_of(args)
    kaart = checked_kaart(project, "rapport")
    if kaart is None:
        return 1
    today = args.datum or dt.date.today()
    cadans = Instellingen.lees(project.root).cadans_maanden  # extra.redactie.cadans_maanden, as the site uses it
    if args.verzoeken:
        print(bevestigingen.format_verzoeken(bevestigingen.verzoeken(kaart, today, cadans), today, cadans))
        return 0
    regels = rapport.rapport(project, kaart, today, args.bron_jaren, cadans)
    print(rapport.format_table(regels, len(kaart.aanbod), args.bron_jaren, cadans))
    return 0


def cmd_verzoek(args) -> int:
    project = project_of(args)
    kaart = checked_kaart(project, "verzoek")
    if kaart is None:
        return 1
    orgs = find_organisaties(kaart, args.organisatie)
    if orgs is None:
        known = sorted(set(kaart.organisaties) | set(kaart.aanbod))
        close = (
            difflib.get_close_matches(args.organisatie, known, n=1, cutoff=0.6) if len(args.organisatie) < 200 else []
        )
        hint = f"bedoelde je '{close[0]}'? " if close else ""
        print(
            f"kaart verzoek: geen organisatie of aanbod met id '{shown(args.organisatie)}' — {hint}"
            "geef het id van een bestand in aanbod/organisaties/ of aanbod/",
            file=sys.stderr,
        )
        return 2
    print("\n\n".join(Blad(project, kaart, org).markdown() for org in orgs), end="")
    return 0


def cmd_export(args) -> int:
    """`kaart export`: kaart.json, CSV and the HSDS lists, plus the files per record, the schemas and datapackage.json."""
    project = project_of(args)
    records = checked_records(project, "export")
    if records is None:
        return 1
    try:  # before anything is written: a new or empty folder, or one an earlier export wrote
        target = output_folder(project, Path(args.map), marker=EXPORT_MARKER, example="export/")
    except TargetError as exc:
        print(f"kaart export: {exc}", file=sys.stderr)
        return 2
    files = publish(project, records.kaart, records)
    try:
        target.mkdir(parents=True, exist_ok=True)
        (target / EXPORT_MARKER).write_text(EXPORT_MARKER_TEXT, encoding="utf-8")
        for rel, content in files.items():
            path = target / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
            print(f"Geschreven: {path}")
    except OSError as exc:
        print(
            f"kaart export: {target}: kan niet schrijven ({_why(exc)}); kies een map waarin je mag schrijven",
            file=sys.stderr,
        )
        return 1
    return 0
