"""The gate for everything a build reads besides aanbod/: content/, overrides/ and schemas/.

mkdocs copies every file of content/ and overrides/ into the site as it finds it, following
symbolic links; schemas/ is published at /schemas/. A link there could publish any file of the
build machine (/etc/passwd, /proc/self/environ with CI's secrets). So these folders hold no
symbolic links at all: a link inside the project is never needed (copy the file), and refusing
every link is a rule an editor can check by eye. The walk itself never follows a link.

Besides links the gate refuses what would hang or crash the build later, before mkdocs opens
anything: a named pipe (FIFO), socket or device (opening a FIFO waits for a writer forever), a
text file that is not UTF-8, and a file larger than its kind needs (`LIMITS`). Nothing here
opens a file that is not regular: the kind is read with lstat, and text is read with
O_NONBLOCK, so a file swapped for a FIFO in between cannot block either.

The praktijk pages and the glossary have their own reader with the same checks (and a
message that fits them), so only links are judged here for those.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from kaart.records.loading import NotRegular, getal, read_regular, special_kind, why_unreadable
from kaart.result import Problem

# The folders whose files end up on the site as they are (aanbod/ has its own gate in loading.py).
PUBLISHED_FOLDERS = ("content", "overrides", "schemas")

# Files that mkdocs, the theme or a browser reads as text: they must be UTF-8.
TEXT_SUFFIXES = frozenset({".md", ".yml", ".yaml", ".json", ".css", ".js", ".html", ".svg", ".txt", ".csv", ".xml"})
KB, MB = 1024, 1024 * 1024
# Per kind of file: (largest size, what fits). The largest file of each kind today is a tenth or less.
LIMITS = {
    ".md": (256 * KB, "een pagina past in een paar tientallen KB; splits de pagina"),
    ".yml": (256 * KB, "een YAML-bestand van de site past in een paar tientallen KB"),
    ".json": (512 * KB, "een schema past in een paar tientallen KB"),
    ".js": (512 * KB, "een script van de site past in een paar tientallen KB; splits het of laat de bibliotheek weg"),
    ".css": (512 * KB, "een stijlblad past in een paar tientallen KB"),
    ".html": (256 * KB, "een sjabloon past in een paar KB"),
    ".svg": (1 * MB, "verklein de afbeelding"),
}
OTHER_LIMIT = (5 * MB, "verklein het bestand (een foto voor het web is een paar honderd KB)")

# Read by their own reader (records/loading.load_file), with messages that name the kind of file.
OWN_READER = ("content/woordenlijst.yml", "schemas/jargon.yml")
OWN_READER_FOLDERS = ("content/lerende-netwerken/praktijken/",)


def link_problems(root: Path) -> list[Problem]:
    """Every refused entry below the published folders (the name is kept: `kaart check` has always called it)."""
    return published_problems(root)


def published_problems(root: Path) -> list[Problem]:
    """Every symbolic link, special file, non-UTF-8 text file and too large file below the published folders."""
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
                rel = path.relative_to(root).as_posix()
                if path.is_symlink():
                    problems.append(_refusal(rel, "dit bestand" if name in filenames else "deze map"))
                    dirnames[:] = [d for d in dirnames if d != name]
                elif name in filenames:
                    problems.extend(_file_problems(path, rel))
    return problems


def _file_problems(path: Path, rel: str) -> list[Problem]:
    def refuse(bericht: str, oplossing: str, regel: str, line: int = 1) -> list[Problem]:
        return [Problem(rel, line, "", bericht, oplossing, regel)]

    if rel in OWN_READER or (rel.startswith(OWN_READER_FOLDERS) and rel.endswith(".md")):
        return []
    try:
        info = os.lstat(path)
    except OSError as exc:
        return refuse(
            f"bestand kan niet worden gelezen ({why_unreadable(exc)})", "controleer of het leesbaar is", "bestand-lezen"
        )
    if not stat.S_ISREG(info.st_mode):
        return refuse(
            f"dit is geen gewoon bestand maar {special_kind(info.st_mode)}",
            "haal het weg; op de site horen alleen gewone bestanden",
            "bestand-soort",
        )
    suffix = path.suffix.lower()
    limit, hint = LIMITS.get(suffix, OTHER_LIMIT)
    if info.st_size > limit:
        return refuse(
            f"bestand is te groot ({getal(info.st_size)} bytes, maximaal {getal(limit)} bytes)",
            hint,
            "bestand-grootte",
        )
    if suffix not in TEXT_SUFFIXES:
        return []
    try:
        raw = read_regular(path, limit)
    except NotRegular as special:  # swapped for a FIFO after lstat
        return refuse(
            f"dit is geen gewoon bestand maar {special.kind}",
            "haal het weg; op de site horen alleen gewone bestanden",
            "bestand-soort",
        )
    except OSError as exc:
        return refuse(
            f"bestand kan niet worden gelezen ({why_unreadable(exc)})", "controleer of het leesbaar is", "bestand-lezen"
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return refuse(
            "tekst is als UTF-16 opgeslagen",
            "sla het bestand op als UTF-8 (in de meeste editors: 'Opslaan met codering')",
            "bestand-codering",
        )
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return refuse(
            "tekst is niet in UTF-8 opgeslagen",
            "sla het bestand op als UTF-8 (in de meeste editors: 'Opslaan met codering')",
            "bestand-codering",
            raw[: exc.start].count(b"\n") + 1,
        )
    return []


def _refusal(rel: str, what: str) -> Problem:
    return Problem(
        rel,
        1,
        "",
        f"{what} is een snelkoppeling (symlink); de site publiceert niets via een snelkoppeling",
        "vervang de snelkoppeling door een gewoon bestand (of map) met de inhoud die op de site hoort",
        "bestand-symlink",
    )


# Files a site build cannot do without (kaart check works on the records alone and needs none of them): the theme
# blocks, the finder page shells (pages/finder.py) and the offer and organisation page templates (pages/site.py).
REQUIRED = (
    "overrides/main.html",
    "overrides/finder/wegwijzer.html",
    "overrides/finder/jongeren.html",
    "overrides/pagina/aanbod.md",
    "overrides/pagina/organisatie.md",
)


def missing_problems(root: Path) -> list[Problem]:
    """The required files that are missing, named before a build gets as far as needing them."""
    return [
        Problem(
            rel,
            1,
            "",
            "dit bestand ontbreekt; de site kan niet zonder",
            "zet het terug uit de git-geschiedenis (git checkout -- " + rel + ")",
            "bestand-ontbreekt",
        )
        for rel in REQUIRED
        if not (root / rel).is_symlink() and not (root / rel).exists()
    ]
