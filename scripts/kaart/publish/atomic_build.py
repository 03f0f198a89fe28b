"""`kaart build`: build the site into a fresh folder and swap it in only on success.

Safety rules, in the order they apply:

1. The target is checked before anything is written. It may not be the project folder, a folder
   above it, or lie in one of the project's own folders (`aanbod/`, `content/`, ...). It may
   only be replaced if it is absent, empty, or carries `MARKER` (a site kaart built before).
   Anything else is refused with a Dutch message (exit status 2) and nothing is touched.
2. mkdocs builds into `.<naam>-nieuw-*` beside the target (same file system, so the swap is a
   rename). It runs in its own process group and gets SIGKILL when `kaart build` dies, so a
   killed build leaves no orphan. Leftover `.<naam>-nieuw-*` / `.<naam>-oud-*` folders of a
   killed build are removed by the next build, under a lock on the parent folder.
3. On success: `MARKER` is written, modes become 755 (folders) and 644 (files), and the new
   folder is exchanged with the old one in one step (`renameat2(RENAME_EXCHANGE)`), so the
   target never goes missing. Where the kernel or file system cannot exchange, two renames are
   used; then the target is missing for the moment between them.
4. On failure the old site stays byte for byte as it was.

mkdocs runs as a subprocess: this package does not import it.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from kaart.project import Project
from kaart.publish.target import PROTECTED, system_folder
from kaart.records.loading import _why

MARKER = ".kaart-site"
MARKER_TEXT = "Deze map is gebouwd door `kaart build`; een volgende `kaart build` mag hem vervangen.\n"

_LEVEL = re.compile(r"^(DEBUG|INFO|WARNING|ERROR|CRITICAL)\s+-\s+(.*)$")
_ABORT = re.compile(r"^Aborted with (?:(\d+) warnings? in strict mode|an? \w+)!?$")  # mkdocs' English last line
_OUR_HEADING = "De site is niet gebouwd: los eerst deze problemen op."  # kaart.build.BuildError
_OUR_WARNING = re.compile(r"^\S+:\d+: waarschuwing: ")


class SiteDirError(Exception):
    """The target folder may not be replaced; the message says why and what to do."""


@dataclass
class BuildOutcome:
    ok: bool
    output: str  # the report: Dutch checker messages and mkdocs' own warnings, without INFO lines
    site_dir: Path
    result: str = ""  # one line: built, or why not
    warnings: int = 0
    removed: list[Path] = field(default_factory=list)  # stale folders of earlier builds


# -- 1. the target -----------------------------------------------------------------------------
def check_site_dir(project: Project, site_dir: Path) -> Path:
    """The absolute target folder, or SiteDirError when replacing it could lose anything."""
    given = Path(os.path.abspath(site_dir))
    target = given.resolve()  # a link to aanbod/ is aanbod/
    root = project.root.resolve()
    if target == root or target in root.parents:
        what = "de projectmap zelf" if target == root else "een map boven het project"
        raise SiteDirError(
            f"--site-dir {site_dir}: dat is {what} ({target}); kaart build zou het project "
            "overschrijven. Kies een eigen map, bijvoorbeeld --site-dir site."
        )
    system = system_folder(target)
    if system:
        raise SiteDirError(
            f"--site-dir {site_dir}: dat is {system} ({target}); daar bouwt kaart build nooit een site. "
            "Kies een eigen map, bijvoorbeeld --site-dir site."
        )
    for part in PROTECTED:
        folder = root / part
        if target == folder or folder in target.parents:
            where = "is" if target == folder else "ligt in"
            raise SiteDirError(
                f"--site-dir {site_dir}: {where} {part}/ van het project; daar bouwt kaart build "
                "nooit een site. Kies een eigen map, bijvoorbeeld --site-dir site."
            )
    if given.is_symlink():
        raise SiteDirError(
            f"--site-dir {site_dir}: dit is een snelkoppeling (naar {os.readlink(given)}); kaart build "
            "vervangt alleen een echte map. Kies de map zelf of een nieuwe map."
        )
    if target.exists():
        if not target.is_dir():
            raise SiteDirError(f"--site-dir {site_dir}: {target} bestaat al en is geen map. Kies een andere map.")
        if not (target / MARKER).is_file() and any(target.iterdir()):
            raise SiteDirError(
                f"--site-dir {site_dir}: {target} bestaat al en is niet door kaart build gemaakt "
                f"(het bestand {MARKER} ontbreekt), dus kaart build vervangt hem niet. Kies een lege "
                "of nieuwe map, of haal deze map zelf weg als je zeker weet dat hij weg mag."
            )
    return target


# -- 2. the lock, the leftovers and the mkdocs child -------------------------------------------
@contextlib.contextmanager
def _locked(folder: Path):
    """One kaart build at a time per parent folder (flock on the folder itself: nothing to clean up)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def remove_stale(target: Path) -> list[Path]:
    """Delete the temp folders a killed or crashed earlier build left beside `target` (hold the lock)."""
    removed = []
    for pattern in (f".{target.name}-nieuw-*", f".{target.name}-oud-*"):
        for path in sorted(target.parent.glob(pattern)):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path)
    return removed


_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int):
    """preexec_fn for the mkdocs child: the kernel kills it when `kaart build` dies, even by SIGKILL."""

    def setup():
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # not Linux: the process group and the handlers below still stop it on Ctrl-C/SIGTERM
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(1)

    return setup


@contextlib.contextmanager
def _sigterm_raises():
    """SIGTERM/SIGHUP end `kaart build` like Ctrl-C does, so its cleanup (kill mkdocs, remove temp) runs."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _run_mkdocs(command: list[str], cwd: Path) -> tuple[int, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONIOENCODING="utf-8")
    # one stream, so warnings, errors and the abort line keep the order mkdocs printed them in
    proc = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=env,
        cwd=cwd,
        process_group=0,
        preexec_fn=_die_with_parent(os.getpid()),
    )
    try:
        output, _ = proc.communicate()
    except BaseException:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        raise
    return proc.returncode, output


# -- 3. the swap --------------------------------------------------------------------------------
def set_modes(folder: Path) -> None:
    """755 for folders, 644 for files: a web server running as another user can read the site."""
    os.chmod(folder, 0o755)
    for here, dirs, files in os.walk(folder):
        for name in dirs:
            path = os.path.join(here, name)
            if not os.path.islink(path):
                os.chmod(path, 0o755)
        for name in files:
            path = os.path.join(here, name)
            if not os.path.islink(path):
                os.chmod(path, 0o644)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2); False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def swap_in(new: Path, target: Path) -> None:
    """Put `new` at `target`. Afterwards `new` holds the previous site (or nothing); the caller deletes it."""
    if not target.exists():
        new.rename(target)
    elif not _exchange(new, target):
        old = target.with_name(f".{target.name}-oud-{os.getpid()}")
        target.rename(old)  # the window: from here until the next line, target is missing
        new.rename(target)
        old.rename(new)


# -- the report ---------------------------------------------------------------------------------
@dataclass
class Report:
    lines: list[str]  # what to show, in mkdocs' order
    warnings: int = 0
    strict_abort: bool = False  # mkdocs stopped because --strict counts warnings as errors
    checker_failed: bool = False  # the records have errors (kaart.build.BuildError)


def report(output: str) -> Report:
    """mkdocs' output without its INFO lines (and their continuation lines).

    The checker's Dutch messages are shown as they are; mkdocs' own warnings and errors get a
    Dutch label, so none is hidden.
    """
    records: list[tuple[str | None, list[str]]] = []
    result = Report([])
    for line in output.splitlines():
        abort = _ABORT.match(line.strip())
        if abort:
            result.strict_abort = result.strict_abort or abort.group(1) is not None
            continue
        match = _LEVEL.match(line)
        if match:
            records.append((match.group(1), [match.group(2)]))
        elif records:
            records[-1][1].append(line)
        elif line.strip():
            records.append((None, [line]))
    for level, text in records:
        while text and not text[-1].strip():
            text.pop()
        if level in ("DEBUG", "INFO") or not text:
            continue
        if level == "WARNING":
            result.warnings += 1
            if not _OUR_WARNING.match(text[0]):
                text[0] = f"waarschuwing van mkdocs: {text[0]}"
        elif level in ("ERROR", "CRITICAL"):
            if text[0] == _OUR_HEADING:
                result.checker_failed = True
                text = text[1:]
            else:
                text[0] = f"fout van mkdocs: {text[0]}"
        result.lines.extend(text)
    return result


def result_line(ok: bool, target: Path, existed: bool, returncode: int, found: Report) -> str:
    if ok:
        return f"De site is gebouwd in {target}."
    unchanged = f"{target} is niet veranderd." if existed else f"{target} is niet aangemaakt."
    if found.checker_failed:
        return f"De site is niet gebouwd: los eerst de fouten hierboven op. {unchanged}"
    if found.strict_abort:
        count = (
            "1 waarschuwing hierboven telt"
            if found.warnings == 1
            else f"{found.warnings} waarschuwingen hierboven tellen"
        )
        return f"De site is niet gebouwd: kaart build bouwt streng (--strict), dus {count} als fout. {unchanged}"
    return f"De site is niet gebouwd (mkdocs stopte met code {returncode}). {unchanged}"


# -- kaart build ----------------------------------------------------------------------------------
def build_atomic(project: Project, site_dir: Path | None = None, strict: bool = True) -> BuildOutcome:
    """Build the site into `site_dir` (default: site/ in the project). Raises SiteDirError before
    touching anything when the folder may not be replaced."""
    target = check_site_dir(project, site_dir or project.root / "site")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SiteDirError(
            f"--site-dir {site_dir}: de map {target.parent} kan niet worden gemaakt ({_why(exc)})."
        ) from None
    existed = target.exists()
    with _sigterm_raises(), _locked(target.parent):
        removed = remove_stale(target)
        try:
            tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}-nieuw-", dir=target.parent))
        except OSError as exc:  # /proc, a read-only mount: named before mkdocs starts
            raise SiteDirError(
                f"--site-dir {site_dir}: in de map {target.parent} kan geen site worden gemaakt ({_why(exc)}). "
                "Kies een map waarin je mag schrijven, bijvoorbeeld --site-dir site."
            ) from None
        try:
            command = [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "--clean",
                "-f",
                str(project.root / "mkdocs.yml"),
                "-d",
                str(tmp),
            ]
            if strict:
                command.append("--strict")
            try:
                returncode, output = _run_mkdocs(command, project.root)
            except OSError as exc:
                return BuildOutcome(
                    False,
                    "",
                    target,
                    f"De site is niet gebouwd: mkdocs kon niet worden gestart ({_why(exc)}).",
                    removed=removed,
                )
            found = report(output)
            ok = returncode == 0 and (tmp / "index.html").is_file()
            if ok:
                (tmp / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
                set_modes(tmp)
                swap_in(tmp, target)
            line = result_line(ok, target, existed, returncode, found)
            return BuildOutcome(ok, "\n".join(found.lines), target, line, found.warnings, removed)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)  # the failed build, or the previous site after the swap
