"""The `kaart` command: check, taal, rapport, nieuw, export."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .project import Project


def _project(args) -> Project:
    return Project(Path(args.root).resolve()) if args.root else Project.find()


def cmd_check(args) -> int:
    from .checking import check_project
    from .reporting import render

    result, _ = check_project(_project(args))
    if not args.strict_warnings:
        pass
    print(render(result, args.format))
    failed = not result.ok or (args.strict_warnings and result.warnings)
    return 1 if failed else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kaart", description="Sociale kaart 16-27: aanbod controleren, rapporteren en exporteren.")
    parser.add_argument("--root", help="map van het project (standaard: de map waarin je staat)")
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="controleer alle bestanden in aanbod/ en meld elke fout met bestand en regel")
    check.add_argument("--format", choices=["text", "github"], default="text",
                       help="github: ::error-regels voor annotaties in een pull request")
    check.add_argument("--strict", dest="strict_warnings", action="store_true", help="ook waarschuwingen laten falen")
    check.set_defaults(func=cmd_check)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "root", None) is None and hasattr(args, "root_sub"):
        args.root = args.root_sub
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
