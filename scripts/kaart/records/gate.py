"""The gate for the folders a build publishes from besides aanbod/: content/, overrides/ and schemas/.

mkdocs copies every file of content/ and overrides/ into the site as it finds it, following
symbolic links; schemas/ is published at /schemas/. A link there could publish any file of the
build machine (/etc/passwd, /proc/self/environ with CI's secrets). So these folders hold no
symbolic links at all: a link inside the project is never needed (copy the file), and refusing
every link is a rule an editor can check by eye. The walk itself never follows a link.
"""

from __future__ import annotations

import os
from pathlib import Path

from kaart.result import Problem

# The folders whose files end up on the site as they are (aanbod/ has its own gate in loading.py).
PUBLISHED_FOLDERS = ("content", "overrides", "schemas")


def link_problems(root: Path) -> list[Problem]:
    """Every symbolic link below the published folders, as a refusal naming the file and the fix."""
    problems = []
    for folder in PUBLISHED_FOLDERS:
        top = root / folder
        if top.is_symlink():
            problems.append(_refusal(folder, "deze map"))
            continue
        for dirpath, dirnames, filenames in os.walk(top):  # followlinks=False: a linked folder is not entered
            here = Path(dirpath)
            for name in sorted([*dirnames, *filenames]):
                path = here / name
                if path.is_symlink():
                    problems.append(
                        _refusal(path.relative_to(root).as_posix(), "dit bestand" if name in filenames else "deze map")
                    )
    return problems


def _refusal(rel: str, what: str) -> Problem:
    return Problem(
        rel,
        1,
        "",
        f"{what} is een snelkoppeling (symlink); de site publiceert niets via een snelkoppeling",
        "vervang de snelkoppeling door een gewoon bestand (of map) met de inhoud die op de site hoort",
        "bestand-symlink",
    )
