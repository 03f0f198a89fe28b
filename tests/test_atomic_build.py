"""`kaart build`: a failing build leaves the previous site exactly as it was."""
from __future__ import annotations

import subprocess
import sys

from hardening import copy_project


def _kaart(root, *args):
    return subprocess.run([sys.executable, "-m", "kaart.cli", "--root", str(root), *args], capture_output=True, text=True)


def _snapshot(site):
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_failed_build_keeps_previous_site(tmp_path):
    root = copy_project(tmp_path / "proj")
    site = tmp_path / "uit" / "site"

    first = _kaart(root, "build", "--site-dir", str(site))
    assert first.returncode == 0, first.stdout + first.stderr
    assert (site / "index.html").is_file()
    before = _snapshot(site)

    record = next(p for p in sorted((root / "aanbod").glob("*.yml")))
    record.write_text(record.read_text(encoding="utf-8").replace("\nnaam:", "\nnaam: [kapot", 1), encoding="utf-8")
    second = _kaart(root, "build", "--site-dir", str(site))
    assert second.returncode == 1
    assert "Traceback" not in second.stderr
    assert f"aanbod/{record.name}:" in second.stderr  # the editor sees which file is wrong
    assert "niet veranderd" in second.stderr
    assert _snapshot(site) == before
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"], "no half-built directories are left behind"


def test_successful_build_replaces_previous_site(tmp_path):
    root = copy_project(tmp_path / "proj")
    site = tmp_path / "site"
    site.mkdir()
    (site / "oud.html").write_text("vorige versie", encoding="utf-8")
    proc = _kaart(root, "build", "--site-dir", str(site))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (site / "index.html").is_file() and not (site / "oud.html").exists()
    assert sorted(p.name for p in site.parent.iterdir()) == ["proj", "site"]
