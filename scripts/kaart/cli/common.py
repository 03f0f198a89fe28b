"""What every command shares: which project it works on, and the records only when they pass the check."""

from __future__ import annotations

from pathlib import Path

from kaart.check.checker import check_records
from kaart.check.reporting import render
from kaart.model import Kaart
from kaart.project import Project
from kaart.records.load import Records, load_records


def project_of(args) -> Project:
    """`--root DIR`, else the project around the working directory."""
    return Project(Path(args.root).resolve()) if getattr(args, "root", None) else Project.find()


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
