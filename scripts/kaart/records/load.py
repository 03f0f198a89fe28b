"""Read once: every record file of a build, loaded one time.

`load_records` is the first stage of a build (see kaart/build.py).  It runs the
existing loader (kaart/loading.py: safety checks, YAML with line numbers) over
every file in aanbod/ and aanbod/organisaties/ and keeps what each later stage
needs: the raw mappings as the editors wrote them (open-data export), the
key -> line maps (messages and build warnings) and the loader's problems.  The
check stage adds the typed records (`kaart`).  After this stage no module
reads aanbod/ again.
"""

from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass, field
from pathlib import Path

from kaart.model import Kaart
from kaart.project import Project
from kaart.records.loading import LoadedFile, load_file

PARALLEL_FROM = 400  # files; below this, starting worker processes costs more than it saves


@dataclass
class Records:
    """The loaded record files of one project, keyed by project-relative path (in listing order)."""

    project: Project
    organisaties: dict[str, LoadedFile] = field(default_factory=dict)
    aanbod: dict[str, LoadedFile] = field(default_factory=dict)
    kaart: Kaart | None = None  # the typed records, set by the check stage (only records without errors)

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
    """Load every offer and organisation file once (in parallel when there are thousands)."""
    org_paths = project.organisatie_files()
    aanbod_paths = project.aanbod_files()
    loaded = _load_all(project, org_paths + aanbod_paths)
    records = Records(project)
    records.organisaties = {f.rel: f for f in loaded[: len(org_paths)]}
    records.aanbod = {f.rel: f for f in loaded[len(org_paths) :]}
    return records


def jobs(n_files: int) -> int:
    """Worker processes for n files: KAART_JOBS if set, else one per core from PARALLEL_FROM files."""
    configured = os.environ.get("KAART_JOBS")
    if configured and configured.isdigit():
        return int(configured)
    if n_files < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return min(os.cpu_count() or 1, 8)


def _load_all(project: Project, paths: list[Path]) -> list[LoadedFile]:
    n = jobs(len(paths))
    if n < 2:
        return [load_one(project, p) for p in paths]
    global _PROJECT
    _PROJECT = project
    try:
        with multiprocessing.get_context("fork").Pool(n) as pool:
            return pool.map(_load_in_worker, paths, chunksize=max(1, len(paths) // (n * 8)))
    finally:
        _PROJECT = None


_PROJECT: Project | None = None


def _load_in_worker(path: Path) -> LoadedFile:
    return load_one(_PROJECT, path)
