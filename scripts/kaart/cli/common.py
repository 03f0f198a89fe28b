"""What every command shares: which project it works on, and the records only when they pass the check."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

from kaart.check.checker import check_records
from kaart.check.reporting import render, shown
from kaart.model import Kaart
from kaart.project import Project
from kaart.records.load import Records, load_records

# a path is shown whole up to this length (a deep temporary folder included); longer is someone's paste
PATH_SHOWN = 400


def project_of(args) -> Project:
    """`--root DIR`, else the project around the working directory; a --root that is no project stops here."""
    given = getattr(args, "root", None)
    if not given:
        return Project.find()
    root, named = Path(given), f"--root {shown(given, PATH_SHOWN)}"
    if not root.is_dir():
        _stop(f"{named}: die map bestaat niet; geef de map van het project (met aanbod/ en schemas/)")
    missing = [part for part in ("aanbod", "schemas/vocabulaires.schema.json") if not (root / part).exists()]
    if missing:
        _stop(
            f"{named}: dit is geen project van de sociale kaart ({' en '.join(missing)} ontbreekt); "
            "geef de map waarin aanbod/ en schemas/ staan"
        )
    return Project(root.resolve())


def _stop(message: str) -> NoReturn:
    print(f"kaart: {message}", file=sys.stderr)
    raise SystemExit(2)


def checked_records(project: Project, command: str) -> Records | None:
    """For a command that needs valid records: the loaded records, or None after printing the problems."""
    records = load_records(project)
    result = check_records(records)
    if not result.ok:
        print(render(result))
        print(f"kaart {command}: los eerst de fouten hierboven op.")
        return None
    return records


def checked_kaart(project: Project, command: str) -> Kaart | None:
    records = checked_records(project, command)
    return records.kaart if records is not None else None
