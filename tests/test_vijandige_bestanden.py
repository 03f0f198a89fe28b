"""Hostile files in a pull request: each gives a clear Dutch error with file and line, never a traceback."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from hardening import copy_project

LEARN2WORK = "learn2work.yml"


def _bomb() -> bytes:
    # billion laughs: 9 levels of 9 aliases would be 9^9 values if expanded
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        refs = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return ("\n".join(lines) + "\n").encode()


def _record(root) -> str:
    return (root / "aanbod" / LEARN2WORK).read_text(encoding="utf-8")


CASES = {
    # name: (file name, bytes from the real record text, expected words in the message, expected line)
    "yaml-bom": ("bom.yml", lambda root: _bomb(), "ankers", 2),
    "een-megabyte": ("groot.yml", lambda root: _record(root).encode() + b"toelichting: " + b"x" * 1_048_576 + b"\n", "te groot", 1),
    "binair": ("plaatje.yml", lambda root: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(256), "geen tekstbestand", 1),
    "utf-16": ("utf16.yml", lambda root: _record(root).encode("utf-16"), "UTF-16", 1),
    "latin-1": ("latin1.yml", lambda root: ("id: latin1\nnaam: Café\n").encode("latin-1"), "UTF-8", 2),
    "diep-genest": ("diep.yml", lambda root: ("a: " + "[" * 20000 + "]" * 20000 + "\n").encode(), "genest", 1),
    "meer-documenten": ("twee.yml", lambda root: (_record(root) + "---\n" + _record(root)).encode(), "tweede document", None),
    "python-tag": ("tag.yml", lambda root: b"id: !!python/object/apply:os.system ['echo hoi']\n", "label", 1),
}


def _check(root) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kaart.cli", "--root", str(root), "check"],
                          capture_output=True, text=True, timeout=60)


@pytest.fixture
def root(tmp_path):
    return copy_project(tmp_path / "proj")


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_hostile_file_gives_clear_error(root, case):
    name, make, words, line = CASES[case]
    (root / "aanbod" / name).write_bytes(make(root))
    proc = _check(root)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    lines = [l for l in proc.stdout.splitlines() if l.startswith(f"aanbod/{name}:")]
    assert lines, proc.stdout[-2000:]
    assert any(words in l for l in lines), lines
    if line is not None:
        assert any(l.startswith(f"aanbod/{name}:{line}:") for l in lines), lines
    assert "fout" in proc.stdout.splitlines()[-1]  # the summary counts the error


def test_symlink_out_of_aanbod_is_refused(root, tmp_path):
    secret = tmp_path / "geheim.yml"
    secret.write_text("id: geheim\nnaam: Dit staat buiten het project\n", encoding="utf-8")
    (root / "aanbod" / "link.yml").symlink_to(secret)
    (root / "aanbod" / "organisaties" / "link-org.yml").symlink_to(secret)
    proc = _check(root)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    for rel in ("aanbod/link.yml:1:", "aanbod/organisaties/link-org.yml:1:"):
        assert any(l.startswith(rel) and "snelkoppeling" in l for l in proc.stdout.splitlines()), proc.stdout[-2000:]
    assert "Dit staat buiten het project" not in proc.stdout  # nothing of the target is read or shown


def test_symlinked_aanbod_folder_is_refused(root, tmp_path):
    outside = tmp_path / "elders"
    outside.mkdir()
    (outside / "x.yml").write_text("id: x\n", encoding="utf-8")
    (root / "aanbod" / "map").symlink_to(outside, target_is_directory=True)
    (root / "aanbod" / "via-map.yml").symlink_to(root / "aanbod" / "map" / "x.yml")
    proc = _check(root)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert any(l.startswith("aanbod/via-map.yml:1:") and "snelkoppeling" in l for l in proc.stdout.splitlines()), proc.stdout[-2000:]


def test_unreadable_praktijk_page_gives_clear_error(root):
    page = root / "content" / "lerende-netwerken" / "praktijken" / "kapot.md"
    page.write_bytes("---\ntitle: Caf\xe9\n---\n".encode("latin-1"))
    proc = _check(root)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert any(l.startswith("content/lerende-netwerken/praktijken/kapot.md:") and "UTF-8" in l
               for l in proc.stdout.splitlines()), proc.stdout[-2000:]
