"""Where a command may write: the rules every writing command shares (build, genereer, export, nabewerk).

- never into the project folder, a folder above it, or one of the project's own folders;
- never into a system folder (/, /proc, /sys, /dev, /etc, the home folder itself);
- a folder is filled only when it is new, empty, or carries the command's marker file (written
  there by the same command before), so nothing of anyone else is overwritten;
- a target that exists but is no folder (a file, a FIFO, /dev/null) is named, never opened.

Every refusal is a `TargetError` with a Dutch message naming the target and what to do instead.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from kaart.project import Project
from kaart.records.loading import _NotRegular, _read_regular, _why, special_kind

# The project's own folders: nothing is ever written into them by a command that makes output.
PROTECTED = ("aanbod", "content", "schemas", "overrides", "scripts", "tests", ".git", ".github", ".ci")
SYSTEM = ("/proc", "/sys", "/dev", "/etc", "/boot", "/bin", "/sbin", "/lib", "/usr")


class TargetError(Exception):
    """The target may not be written; the message says why and what to do."""


def system_folder(target: Path) -> str | None:
    """Why `target` (absolute, resolved) is a system folder, or None."""
    if target == Path(target.anchor):
        return "de hoofdmap van het systeem"
    if target == Path.home().resolve():
        return "je thuismap"
    for folder in SYSTEM:
        if target == Path(folder) or Path(folder) in target.parents:
            return "een plek van het systeem"
    return None


def project_part(project: Project, target: Path, anywhere: bool = False) -> str | None:
    """Why `target` (absolute, resolved) belongs to the project, or None.

    With `anywhere`, every folder inside the project counts, not only its own folders.
    """
    root = project.root.resolve()
    if target == root:
        return "de projectmap zelf"
    if target in root.parents:
        return "een map boven het project"
    for part in PROTECTED:
        folder = root / part
        if target == folder or folder in target.parents:
            return f"{'de map' if target == folder else 'een map in'} {part}/ van het project"
    if anywhere and root in target.parents:
        return "een map in het project"
    return None


def not_a_folder(target: Path) -> str | None:
    """What `target` is when it exists but is no folder ("een bestand", "een named pipe (FIFO)"), else None."""
    try:
        mode = os.stat(target).st_mode  # stat, not open: a FIFO or device is never opened
    except OSError:
        return None
    if stat.S_ISDIR(mode):
        return None
    return "een bestand" if stat.S_ISREG(mode) else special_kind(mode)


def output_folder(
    project: Project, given: Path, marker: str | None = None, anywhere: bool = False, example: str = "../export"
) -> Path:
    """The absolute folder a command may fill, or TargetError.

    It may not be a system folder or belong to the project (see `project_part`); when it exists
    it must be a folder that is empty or holds `marker`.
    """
    target = Path(os.path.abspath(given)).resolve()
    why = system_folder(target) or project_part(project, target, anywhere)
    if why:
        return _refuse(example, given, f"dat is {why} ({target})")
    if os.path.islink(os.path.abspath(given)):
        return _refuse(example, given, f"dit is een snelkoppeling (naar {os.readlink(os.path.abspath(given))})")
    kind = not_a_folder(target)
    if kind:
        return _refuse(example, given, f"{target} bestaat al en is geen map maar {kind}")
    if target.is_dir():
        try:
            empty = not any(target.iterdir())
        except OSError:
            return _refuse(example, given, f"{target} kan niet worden gelezen")
        if not empty and not (marker and (target / marker).is_file()):
            return _refuse(
                example,
                given,
                f"{target} bestaat al en is niet leeg"
                + (f" (en het bestand {marker} ontbreekt: deze opdracht maakte de map niet)" if marker else ""),
            )
        link = None if empty else _first_link(target)
        if link:  # the files are written again: never through a link to somewhere else
            return _refuse(
                example, given, f"{link} is een snelkoppeling (symlink); daar wordt nooit doorheen geschreven"
            )
    else:
        parent = target.parent
        if not parent.is_dir() or not os.access(parent, os.W_OK | os.X_OK):
            return _refuse(example, given, f"de map {parent} bestaat niet of je mag er niet in schrijven")
    return target


def _first_link(folder: Path) -> str | None:
    for dirpath, dirnames, filenames in os.walk(folder):  # never follows a link
        for name in sorted([*dirnames, *filenames]):
            if os.path.islink(os.path.join(dirpath, name)):
                return Path(dirpath, name).relative_to(folder).as_posix()
    return None


def _refuse(example: str, given: Path, why: str) -> Path:
    raise TargetError(f"{given}: {why}; kies een nieuwe of lege map, bijvoorbeeld {example}.")


_GENERATOR = re.compile(rb'<meta\s+name="generator"\s+content="(?:mkdocs|zensical)', re.IGNORECASE)


def built_site(given: Path, marker: str) -> list[Path]:
    """The HTML pages of a site folder that `kaart build` (with `marker`) or mkdocs/Zensical made, or TargetError.

    Checked before anything is written: no symbolic link anywhere in the folder (the step would
    write through it), every `*.html` a regular UTF-8 file (a FIFO would hang the step), `_headers`
    absent or a regular file.
    """
    site = Path(os.path.abspath(given))

    def refuse(why: str, fix: str = "bouw de site opnieuw en draai deze stap dan") -> list[Path]:
        raise TargetError(f"{given}: {why}; {fix}.")

    if os.path.islink(site):
        refuse("dit is een snelkoppeling", "geef de map zelf")
    index = site / "index.html"
    if not site.is_dir() or not index.is_file() or index.is_symlink():
        refuse(
            "dit is geen gebouwde site (index.html ontbreekt)",
            f"bouw eerst, bijvoorbeeld met mkdocs build -d {given}",
        )
    try:
        head = _read_regular(index, 64 * 1024)[: 64 * 1024]
    except (OSError, _NotRegular):
        head = b""
    if not (site / marker).is_file() and not _GENERATOR.search(head):
        refuse(
            "deze map is niet door kaart build, mkdocs of Zensical gebouwd (geen generator in index.html)",
            "geef de map die mkdocs build of zensical build maakte",
        )
    pages = []
    for dirpath, dirnames, filenames in os.walk(site):  # never follows a link
        here = Path(dirpath)
        for name in sorted([*dirnames, *filenames]):
            path = here / name
            rel = path.relative_to(site).as_posix()
            if path.is_symlink():
                refuse(f"{rel} is een snelkoppeling (symlink); deze stap schrijft nooit via een snelkoppeling")
            if name == "_headers" and name in dirnames:
                refuse("_headers is een map; daar hoort het bestand _headers te staan", "haal de map weg")
            if not name.endswith(".html"):
                continue
            mode = os.lstat(path).st_mode
            if not stat.S_ISREG(mode):
                refuse(f"{rel} is geen gewoon bestand maar {special_kind(mode)}", "haal het weg")
            try:
                _read_regular(path, 16 * 1024 * 1024).decode("utf-8")
            except _NotRegular as special:
                refuse(f"{rel} is geen gewoon bestand maar {special.kind}", "haal het weg")
            except UnicodeDecodeError:
                refuse(f"{rel} is geen UTF-8-tekst", "sla de pagina op als UTF-8 of bouw de site opnieuw")
            except OSError as exc:
                refuse(f"{rel} kan niet worden gelezen ({_why(exc)})")
            pages.append(path)
    headers = site / "_headers"
    if headers.exists() and not headers.is_file():
        refuse("_headers bestaat en is geen gewoon bestand", "haal het weg")
    return sorted(pages)
