"""Where the parts of the project live on disk."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .vocab import Vocabularies

PACKAGE_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Project:
    root: Path

    @classmethod
    def find(cls, start: Path | None = None) -> "Project":
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

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def aanbod_files(self) -> list[Path]:
        return sorted(p for p in self.aanbod_dir.glob("*.y*ml") if not p.name.startswith("_"))

    def organisatie_files(self) -> list[Path]:
        return sorted(p for p in self.organisaties_dir.glob("*.y*ml") if not p.name.startswith("_"))

    def praktijk_files(self) -> list[Path]:
        return sorted((self.content_dir / "lerende-netwerken" / "praktijken").glob("*.md"))
