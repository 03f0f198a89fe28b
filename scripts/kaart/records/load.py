"""Read once: every record file of a build, loaded one time.

`load_records` is the first stage of a build (see kaart/build.py).  It runs the
loader (kaart/records/loading.py: safety checks, YAML with line numbers) over
every file in aanbod/ and aanbod/organisaties/ and keeps what each later stage
needs: the raw mappings as the editors wrote them (open-data export), the
key -> line maps (messages and build warnings) and the loader's problems.  The
check stage adds the typed records (`kaart`).  After this stage no module
reads aanbod/ again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kaart.model import Kaart
from kaart.project import Project
from kaart.records.loading import Listing, LoadedFile, load_file


@dataclass
class Records:
    """The loaded record files of one project, keyed by project-relative path (in listing order)."""

    project: Project
    organisaties: dict[str, LoadedFile] = field(default_factory=dict)
    aanbod: dict[str, LoadedFile] = field(default_factory=dict)
    kaart: Kaart | None = None  # the typed records, set by the check stage (only records without errors)
    # what the listing of each folder refused or ignored: the check stage reports it
    listings: tuple[Listing, ...] = ()

    def get(self, path: Path) -> LoadedFile | None:
        rel = self.project.rel(path)
        return self.aanbod.get(rel) or self.organisaties.get(rel)

    def raw(self, rel: str):
        """A record's data exactly as written in YAML."""
        return (self.aanbod.get(rel) or self.organisaties[rel]).data

    def line_of(self, rel: str, path: tuple) -> int:
        loaded = self.aanbod.get(rel) or self.organisaties.get(rel)
        return loaded.line_of(path) if loaded else 1


def load_one(project: Project, path: Path) -> LoadedFile:
    """One record file through the loader; symlinks may only point inside aanbod/."""
    return load_file(path, project.rel(path), allowed_dir=project.aanbod_dir)


def load_records(project: Project) -> Records:
    """Load every organisation and offer file once."""
    organisaties, aanbod = project.organisatie_listing(), project.aanbod_listing()
    records = Records(project, listings=(aanbod, organisaties))
    records.organisaties = {f.rel: f for f in (load_one(project, p) for p in organisaties.records)}
    records.aanbod = {f.rel: f for f in (load_one(project, p) for p in aanbod.records)}
    return records
