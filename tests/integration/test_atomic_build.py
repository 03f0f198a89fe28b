"""`kaart build`: never replaces what it did not build, swaps in one step, and leaves nothing behind."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support.hardening import copy_project

MARKER = ".kaart-site"


def _kaart(root, *args, cwd=None, **options):
    return subprocess.run(
        [sys.executable, "-m", "kaart.cli.main", "--root", str(root), *args],
        capture_output=True,
        text=True,
        cwd=cwd or root,
        **options,
    )


def _snapshot(folder: Path) -> dict:
    """Every path under `folder` with its bytes (files) or link target, and its mode."""
    out = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        info = path.lstat()
        if path.is_symlink():
            out[rel] = ("link", os.readlink(path))
        elif path.is_file():
            out[rel] = ("file", path.read_bytes(), stat.S_IMODE(info.st_mode))
        else:
            out[rel] = ("dir", stat.S_IMODE(info.st_mode))
    return out


def test_failed_build_keeps_previous_site_byte_for_byte(tmp_path):
    root = copy_project(tmp_path / "proj")
    site = tmp_path / "uit" / "site"

    first = _kaart(root, "build", "--site-dir", str(site), umask=0o077)  # even a strict umask gives 755/644
    assert first.returncode == 0, first.stdout + first.stderr
    assert first.stdout.splitlines() == [f"De site is gebouwd in {site}."], "no INFO noise, one result line"
    assert (site / "index.html").is_file() and (site / MARKER).is_file()
    before = _snapshot(site)
    modes = {kind: {entry[-1] for entry in before.values() if entry[0] == kind} for kind in ("file", "dir")}
    assert modes == {"file": {0o644}, "dir": {0o755}}, "a web server running as another user can read the site"
    assert stat.S_IMODE(site.stat().st_mode) == 0o755

    record = next(p for p in sorted((root / "aanbod").glob("*.yml")))
    record.write_text(record.read_text(encoding="utf-8").replace("\nnaam:", "\nnaam: [kapot", 1), encoding="utf-8")
    second = _kaart(root, "build", "--site-dir", str(site))
    assert second.returncode == 1
    assert "Traceback" not in second.stderr
    lines = second.stderr.splitlines()
    # the Dutch report first (file:line messages, then the checker's count), then one line of result
    assert lines[0].startswith(f"aanbod/{record.name}:")
    assert lines[-2].endswith("bestanden.") and "fout" in lines[-2]
    assert lines[-1] == f"De site is niet gebouwd: los eerst de fouten hierboven op. {site} is niet veranderd."
    assert not [line for line in lines if line.startswith(("INFO", "ERROR", "Aborted"))]
    assert _snapshot(site) == before
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"], "no half-built directories are left behind"


def test_strict_warning_comes_before_the_result_and_is_not_hidden(tmp_path):
    """The nav INFO list is gone, but a real mkdocs warning (a dead link) still shows and fails the build."""
    root = copy_project(tmp_path / "proj")
    page = root / "content" / "aanpak" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[kapot](bestaat-niet.md)\n", encoding="utf-8")
    proc = _kaart(root, "build", "--site-dir", str(tmp_path / "site"))
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr.splitlines() == [
        "waarschuwing van mkdocs: Doc file 'aanpak/index.md' contains a link 'bestaat-niet.md', but the target "
        "'aanpak/bestaat-niet.md' is not found among documentation files.",
        f"De site is niet gebouwd: kaart build bouwt streng (--strict), dus 1 waarschuwing hierboven telt als fout. "
        f"{tmp_path / 'site'} is niet aangemaakt.",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["proj"]


@pytest.mark.parametrize(
    "given",
    [
        "aanbod",
        "content",
        "schemas",
        ".",
        "..",
        "aanbod/organisaties",
        "content/aanpak",
        "koppeling-naar-aanbod",
        "koppeling-naar-site",
        "eigen-map",
    ],
)
def test_site_dir_never_replaces_a_project_folder_or_a_foreign_one(tmp_path, given):
    root = copy_project(tmp_path / "proj")
    (root / "koppeling-naar-aanbod").symlink_to(root / "aanbod")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / MARKER).write_text("gebouwd", encoding="utf-8")
    (root / "koppeling-naar-site").symlink_to(tmp_path / "site")
    (root / "eigen-map").mkdir()
    (root / "eigen-map" / "notities.txt").write_text("niet van kaart", encoding="utf-8")
    before = _snapshot(tmp_path)
    proc = _kaart(root, "build", "--site-dir", given)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert proc.stdout == "" and "Traceback" not in proc.stderr
    [line] = proc.stderr.splitlines()
    assert line.startswith(f"De site is niet gebouwd: --site-dir {given}: ")
    assert "Kies" in line  # says what to do instead
    assert _snapshot(tmp_path) == before, "nothing was deleted, moved or added"


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has exited; only its exit status waits to be collected


@pytest.fixture(scope="module")
def slow_proj(tmp_path_factory):
    """A project with 400 extra pages: mkdocs is busy for seconds, so a build can be stopped halfway
    and an orphaned mkdocs would still be running well after its parent died."""
    proj = copy_project(tmp_path_factory.mktemp("traag") / "proj")
    extra = proj / "content" / "proef"
    extra.mkdir()
    for i in range(400):
        (extra / f"pagina-{i}.md").write_text(f"# Proefpagina {i}\n\nTekst.\n", encoding="utf-8")
    return proj


def _previous_site(tmp_path: Path) -> tuple[Path, dict]:
    site = tmp_path / "site"
    site.mkdir()
    (site / MARKER).write_text("gebouwd door kaart build", encoding="utf-8")
    (site / "index.html").write_text("<p>de vorige site</p>", encoding="utf-8")
    return site, _snapshot(site)


def _start_and_catch_halfway(proj: Path, site: Path) -> tuple[subprocess.Popen, list[int]]:
    build = subprocess.Popen(
        [sys.executable, "-m", "kaart.cli.main", "--root", str(proj), "build", "--site-dir", str(site)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    children, deadline = [], time.monotonic() + 60
    while time.monotonic() < deadline and build.poll() is None:
        temp = next(site.parent.glob(".site-nieuw-*"), None)
        if temp is not None and (temp / "assets").is_dir():  # mkdocs is writing the new site
            children = _children(build.pid)
            break
        time.sleep(0.005)
    assert build.poll() is None and children, "the build ended before it could be stopped halfway"
    return build, children


def _wait_until_gone(children: list[int], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while any(_alive(c) for c in children) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not any(_alive(c) for c in children)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_sigkill_halfway_leaves_no_mkdocs_and_the_next_build_cleans_up(slow_proj, tmp_path):
    site, before = _previous_site(tmp_path)
    build, children = _start_and_catch_halfway(slow_proj, site)
    assert [os.getpgid(c) for c in children] == children, "mkdocs runs in its own process group"
    os.kill(build.pid, signal.SIGKILL)
    build.wait()
    # the kernel kills the child at once (PR_SET_PDEATHSIG), not when it is done
    assert _wait_until_gone(children, 1), "mkdocs kept running after kaart build was killed"
    assert _snapshot(site) == before, "the old site is intact"
    assert list(tmp_path.glob(".site-nieuw-*")), "the killed build left its half-written folder"

    records = _snapshot(slow_proj / "aanbod")
    (tmp_path / ".site-nieuw-val").symlink_to(slow_proj / "aanbod")  # a link is never followed by the cleanup
    again = _kaart(slow_proj, "build", "--site-dir", str(site))
    assert again.returncode == 0, again.stdout + again.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site-nieuw-val", "site"], (
        "the next build removed the leftovers"
    )
    assert _snapshot(slow_proj / "aanbod") == records
    assert (site / "proef" / "pagina-399" / "index.html").is_file()
    assert "de vorige site" not in (site / "index.html").read_text(encoding="utf-8"), "a site kaart built is replaced"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_sigterm_halfway_stops_mkdocs_and_cleans_up_at_once(slow_proj, tmp_path):
    site, before = _previous_site(tmp_path)
    build, children = _start_and_catch_halfway(slow_proj, site)
    build.send_signal(signal.SIGTERM)
    assert build.wait(timeout=30) == 128 + signal.SIGTERM
    assert build.stderr.read().splitlines() == [
        "De site is niet gebouwd: de build is afgebroken; de vorige site is niet veranderd."
    ]
    assert _wait_until_gone(children, 1)
    assert _snapshot(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"], "no temp folder left behind"


def test_an_absent_empty_or_kaart_built_folder_may_be_used(tmp_path, project):
    from kaart.publish.atomic_build import check_site_dir

    (tmp_path / "leeg").mkdir()
    (tmp_path / "gebouwd").mkdir()
    (tmp_path / "gebouwd" / MARKER).write_text("gebouwd", encoding="utf-8")
    (tmp_path / "gebouwd" / "index.html").write_text("<p>site</p>", encoding="utf-8")
    for name in ("nieuw", "leeg", "gebouwd", "nieuw/diep/site"):
        assert check_site_dir(project, tmp_path / name) == tmp_path / name
