"""Editor and open-data parts of the `kaart` command and the site.

`add_commands` registers nieuw, velden, rapport, verzoek and export on the CLI. The editor pages of the
site (/redactie/, the verification sheets, /dekking/) are stages of `kaart.build.prepare_site`.
"""

from __future__ import annotations

import argparse
import datetime as dt

from kaart.project import Project


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


def add_commands(sub, project_of) -> None:
    """Register the editor commands; `project_of(args)` gives the Project."""
    from kaart.cli import nieuw, velden
    from kaart.pages import rapport, verzoek

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
    p.set_defaults(func=lambda args: rapport.run(args, project_of(args)))

    p = sub.add_parser(
        "verzoek",
        help="controleverzoek voor een aanbieder: wat de kaart zegt, wat onbekend is en de vragen (om te printen of te mailen)",
    )
    p.add_argument(
        "organisatie",
        help="id van de organisatie (aanbod/organisaties/<id>.yml) of van een aanbod, bijvoorbeeld de-schoor of learn2work",
    )
    p.set_defaults(func=lambda args: verzoek.run(args, project_of(args)))

    p = sub.add_parser("export", help="schrijf de open data (JSON, CSV, HSDS 3.0) naar een map")
    p.add_argument("map", help="doelmap, bijvoorbeeld export/")
    p.set_defaults(func=lambda args: _export(args, project_of(args)))


def _export(args, project: Project) -> int:
    """`kaart export`: the files of kaart.export.tables plus those of kaart.export.opendata (per record, schemas, datapackage)."""
    from kaart.export import opendata
    from kaart.export import tables as export

    args.files = lambda records: opendata.publish(project, records.kaart, records)
    return export.run(args, project)
