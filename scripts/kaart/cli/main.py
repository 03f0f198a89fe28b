"""The `kaart` command: check, taal, build, genereer, nabewerk, rapport, nieuw, velden, export."""

from __future__ import annotations

import sys
from pathlib import Path

from kaart.build import BuildError, prepare_site
from kaart.check.checker import check_project
from kaart.check.reporting import format_text, render
from kaart.check.taal import taal_rapport
from kaart.cli import aanbieder, importeer
from kaart.cli.common import project_of as _project
from kaart.cli.parser import DutchParser
from kaart.cli.redactie import add_commands
from kaart.pages.site import settings_problems
from kaart.publish.atomic_build import MARKER, SiteDirError, build_atomic
from kaart.publish.genereer import DOCS, GenereerError, check_target, write_tree
from kaart.publish.headers import write_headers
from kaart.publish.security import secure_site
from kaart.publish.target import TargetError, built_site
from kaart.records.loading import _why
from kaart.result import ProjectFileError


def cmd_check(args) -> int:
    result, _ = check_project(_project(args))
    print(render(result, args.format))
    failed = not result.ok or (args.strict_warnings and result.warnings)
    return 1 if failed else 0


def cmd_taal(args) -> int:
    project = _project(args)
    paths = [Path(f).resolve() for f in args.bestanden] or None
    text, result = taal_rapport(project, paths, args.tekst)
    print(text)
    return 1 if not result.ok or (args.strict_warnings and result.warnings) else 0


def cmd_build(args) -> int:
    project = _project(args)
    bad_settings = settings_problems()
    if bad_settings:  # before mkdocs starts: it would stop on a bad KAART_SITE_URL with its own English text
        for problem in bad_settings:
            print(format_text(problem), file=sys.stderr)
        print("De site is niet gebouwd: los eerst de instelling hierboven op.", file=sys.stderr)
        return 1
    try:
        outcome = build_atomic(project, Path(args.site_dir) if args.site_dir else None)
    except SiteDirError as exc:
        print(f"De site is niet gebouwd: {exc}", file=sys.stderr)
        return 2
    except (KeyboardInterrupt, SystemExit) as exc:  # Ctrl-C, SIGTERM: mkdocs is stopped, the temp folder gone
        print("De site is niet gebouwd: de build is afgebroken; de vorige site is niet veranderd.", file=sys.stderr)
        return 130 if isinstance(exc, KeyboardInterrupt) else exc.code
    stream = sys.stdout if outcome.ok else sys.stderr
    if outcome.output:  # the report first (Dutch checker messages, mkdocs warnings), then one result line
        print(outcome.output, file=stream)
    print(outcome.result, file=stream)
    return 0 if outcome.ok else 1


def cmd_genereer(args) -> int:
    project = _project(args)
    try:
        check_target(project, Path(args.map))
        prepared = prepare_site(project)
    except (GenereerError, BuildError) as exc:
        print(exc)
        return 1
    for problem in prepared.result.warnings:
        print(format_text(problem))
    try:
        target = write_tree(prepared, project, Path(args.map))
    except OSError as exc:
        print(f"{args.map}: kan niet schrijven ({_why(exc)}) — kies een map waarin je mag schrijven")
        return 1
    print(
        f"Geschreven: {target / DOCS} ({len(prepared.output.pages)} gemaakte pagina's, "
        f"{len(prepared.output.files)} databestanden) en {target / 'mkdocs.yml'}."
    )
    print(f"Bouwen: mkdocs build -f {target / 'mkdocs.yml'} -d SITE   (of: zensical build -f …)")
    print("Daarna: kaart nabewerk SITE   (Content-Security-Policy op elke pagina)")
    return 0


def cmd_nabewerk(args) -> int:
    site = Path(args.site)
    try:
        built_site(site, MARKER)  # before anything is written: a site that mkdocs made, no link, no FIFO
    except TargetError as exc:
        print(f"kaart nabewerk: {exc}")
        return 1
    print(f"Content-Security-Policy toegevoegd aan {secure_site(site)} pagina's in {site}.")
    print(f"Geschreven: {write_headers(site)}")  # what the hook writes after a build: _headers for the static host
    return 0


def build_parser() -> DutchParser:
    parser = DutchParser(
        prog="kaart", description="Sociale kaart 16-27: aanbod controleren, rapporteren en exporteren."
    )
    parser.add_argument("--root", metavar="MAP", help="map van het project (standaard: de map waarin je staat)")
    sub = parser.add_subparsers(dest="command", required=True, title="opdrachten", metavar="OPDRACHT")

    check = sub.add_parser("check", help="controleer alle bestanden in aanbod/ en meld elke fout met bestand en regel")
    check.add_argument(
        "--format",
        choices=["text", "github"],
        default="text",
        help="github: ::error-regels voor annotaties in een pull request",
    )
    check.add_argument("--strict", dest="strict_warnings", action="store_true", help="ook waarschuwingen laten falen")
    check.set_defaults(func=cmd_check)

    taal = sub.add_parser(
        "taal", help="controleer de jongerentaal: korte zinnen, korte woorden, geen vakwoorden, leesgemak"
    )
    taal.add_argument("bestanden", nargs="*", help="alleen deze aanbod-bestanden (standaard: alle)")
    taal.add_argument("--tekst", help="controleer deze losse tekst in plaats van de bestanden")
    taal.add_argument("--strict", dest="strict_warnings", action="store_true", help="ook waarschuwingen laten falen")
    taal.set_defaults(func=cmd_taal)
    build = sub.add_parser("build", help="bouw de site; alleen als het lukt vervangt hij de vorige versie")
    build.add_argument(
        "--site-dir",
        metavar="MAP",
        help="map voor de site (standaard: site/ in het project); alleen een lege map of "
        "een eerdere site van kaart build wordt vervangen, nooit aanbod/, content/, "
        "schemas/ of de projectmap",
    )
    build.set_defaults(func=cmd_build)
    genereer = sub.add_parser(
        "genereer",
        help="schrijf de volledige docs-map (content/ plus alle gemaakte pagina's en data) "
        "met een mkdocs.yml zonder hook, voor mkdocs of Zensical",
    )
    genereer.add_argument("map", help="nieuwe of lege map buiten het project, bijvoorbeeld ../gegenereerd")
    genereer.set_defaults(func=cmd_genereer)
    nabewerk = sub.add_parser(
        "nabewerk", help="zet de Content-Security-Policy op elke pagina van een gebouwde site-map en schrijf _headers"
    )
    nabewerk.add_argument("site", help="de map die mkdocs of Zensical bouwde, bijvoorbeeld site/")
    nabewerk.set_defaults(func=cmd_nabewerk)
    add_commands(sub)  # nieuw, velden, rapport, verzoek, export (cli/redactie.py)
    aanbieder.add_commands(sub)  # bevestig (cli/aanbieder.py): the provider's answer into the record
    importeer.add_commands(sub)  # importeer (cli/importeer.py): a region's own list as records
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "root", None) is None and hasattr(args, "root_sub"):
        args.root = args.root_sub
    try:
        return args.func(args)
    except ProjectFileError as exc:  # a schema the tools need is a FIFO or unreadable: named, never a hang
        print(f"kaart {args.command}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
