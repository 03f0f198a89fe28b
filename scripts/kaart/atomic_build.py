"""`kaart build`: build the site into a temporary directory and swap it in only on success.

A failing build (bad record, broken link with --strict, crash) leaves the
previous output untouched, so a deploy never publishes half a site.  mkdocs
runs as a subprocess: this package does not import it.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .project import Project


@dataclass
class BuildOutcome:
    ok: bool
    output: str  # what mkdocs printed (errors are in Dutch when they come from the checker)
    site_dir: Path


def build_atomic(project: Project, site_dir: Path | None = None, strict: bool = True) -> BuildOutcome:
    site_dir = (site_dir or project.root / "site").resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    # next to the target: same file system, so the swap is a rename, not a copy
    tmp = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-nieuw-", dir=site_dir.parent))
    command = [sys.executable, "-m", "mkdocs", "build", "--clean", "-f", str(project.root / "mkdocs.yml"), "-d", str(tmp)]
    if strict:
        command.append("--strict")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    try:
        proc = subprocess.run(command, capture_output=True, text=True, env=env, cwd=project.root)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        return BuildOutcome(False, f"mkdocs kon niet worden gestart: {exc}", site_dir)
    output = (proc.stdout + proc.stderr).strip()
    if proc.returncode != 0 or not (tmp / "index.html").is_file():
        shutil.rmtree(tmp, ignore_errors=True)
        return BuildOutcome(False, output, site_dir)
    old = None
    if site_dir.exists():
        old = site_dir.with_name(f".{site_dir.name}-oud-{os.getpid()}")
        shutil.rmtree(old, ignore_errors=True)
        site_dir.rename(old)
    tmp.rename(site_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return BuildOutcome(True, output, site_dir)
