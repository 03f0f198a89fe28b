"""Where the parts of the project live on disk."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from kaart.records.loading import Listing, list_records
from kaart.vocab import Vocabularies

PACKAGE_ROOT = Path(__file__).resolve().parents[2]
# What a site build reads; the benchmark and the tests build copies of these.
BUILD_PARTS = ("aanbod", "schemas", "content", "overrides", "mkdocs.yml", "scripts/mkdocs_hook.py", "CONTRIBUTING.md")


@dataclass(frozen=True)
class Project:
    root: Path

    @classmethod
    def find(cls, start: Path | None = None) -> Project:
        """The project containing `start` (default: the working directory), else this checkout."""
        here = (start or Path.cwd()).resolve()
        for candidate in (here, *here.parents):
            if (candidate / "aanbod").is_dir() and (candidate / "schemas" / "vocabulaires.schema.json").is_file():
                return cls(candidate)
        return cls(PACKAGE_ROOT)

    @property
    def aanbod_dir(self) -> Path:
        return self.root / "aanbod"

    @property
    def organisaties_dir(self) -> Path:
        return self.aanbod_dir / "organisaties"

    @property
    def schemas_dir(self) -> Path:
        return self.root / "schemas"

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @cached_property
    def vocab(self) -> Vocabularies:
        return Vocabularies(self.schemas_dir / "vocabulaires.schema.json")

    def copy_to(self, dest: Path) -> Project:
        """A copy of everything a build needs, e.g. for a benchmark or a test that breaks a record."""
        for part in BUILD_PARTS:
            src, target = self.root / part, dest / part
            target.parent.mkdir(parents=True, exist_ok=True)
            if src.is_dir():
                shutil.copytree(src, target, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
            elif src.exists():
                shutil.copy2(src, target)
        return Project(dest)

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def aanbod_listing(self) -> Listing:
        """Every entry of aanbod/: records to read, refused files with a message, ignored ones
        (kaart.records.loading.list_records)."""
        return list_records(self.aanbod_dir, self.rel, folders=("organisaties",))

    def organisatie_listing(self) -> Listing:
        return list_records(self.organisaties_dir, self.rel)

    def aanbod_files(self) -> list[Path]:
        return self.aanbod_listing().records

    def organisatie_files(self) -> list[Path]:
        return self.organisatie_listing().records

    def praktijk_files(self) -> list[Path]:
        return sorted((self.content_dir / "lerende-netwerken" / "praktijken").glob("*.md"))
