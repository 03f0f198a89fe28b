"""Interactive `kaart nieuw` on a real terminal (pty): each answer is checked when typed, and asked again.

One typo must not throw away twenty answers, and no message names an option the
editor never typed.  Also: the --geen-vragen example in CONTRIBUTING.md works.
"""

from __future__ import annotations

import os
import re
import select
import shlex
import subprocess
import sys
import time

import pytest
import yaml

from support.redactie_fixtures import ROOT, kaart, make_project

pty = pytest.importorskip("pty")  # POSIX only

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


class Terminal:
    """`kaart nieuw` on a pseudo-terminal: wait for a question, type an answer."""

    def __init__(self, *args: str, cwd):
        self.master, slave = pty.openpty()
        env = dict(os.environ, PYTHONIOENCODING="utf-8", TERM="dumb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kaart.cli.main", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=cwd,
            env=env,
            close_fds=True,
        )
        os.close(slave)
        self.output = ""

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.master, 4096)
        except OSError:  # the program ended and closed the terminal
            return False
        self.output += ANSI.sub("", data.decode("utf-8", errors="replace")).replace("\r\n", "\n")
        return bool(data)

    def expect(self, text: str, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        start = len(self.output)
        while text not in self.output[start:] and text not in self.output[-len(text) - 200 :]:
            if time.monotonic() > deadline or (not self._read(0.2) and self.proc.poll() is not None):
                raise AssertionError(f"{text!r} did not appear; output so far:\n{self.output}")

    def answer(self, question: str, text: str) -> None:
        self.expect(question)
        os.write(self.master, text.encode("utf-8") + b"\r")

    def finish(self, timeout: float = 60) -> int:
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < deadline:
            self._read(0.2)
        while self._read(0.1):
            pass
        if self.proc.poll() is None:
            self.proc.kill()
            raise AssertionError(f"kaart nieuw did not finish:\n{self.output}")
        os.close(self.master)
        return self.proc.returncode


# (question, what the editor types, what kaart nieuw must answer before the next question)
DIALOOG = [
    ("Naam van het aanbod", "Proef Terminal", None),
    ("Id (kleine letters", "", None),
    (
        "Id van de organisatie",
        "org-b",
        "onbekende organisatie 'org-b' — bedoelde je 'org-a'?",
    ),  # a typo: only org-a exists
    ("Id van de organisatie", "org-a", None),
    ("Status", "beschreven", None),
    ("Soort hulp", "coaching", None),
    ("Fase(n)", "begeleiding", None),
    ("Helpt bij", "werk", None),
    ("Voor wie", "jongeren", None),
    ("Gemeenten", "almeer", "onbekende waarde 'almeer' — bedoelde je 'almere'?"),
    ("Gemeenten", "almere", None),
    ("Regio's", "", None),
    ("Wat is het?", "Een coach helpt je op weg naar werk.", None),
    ("Is het voor mij?", "Heb je geen werk? Dan is het voor jou.", None),
    ("Wat krijg je?", "Je krijgt een coach.", None),
    ("Hoe begin je?", "Vraag je mentor of je mee mag doen.", None),
    ("Beschrijving voor professionals", "Coaching naar werk voor jongeren zonder werk, voor deze test.", None),
    ("Brondocument", "verwey-jonker-almere-2016", None),
    ("Tabel, paragraaf of kader", "Tabel 3", None),
] + [
    (question, "", None)
    for question in (
        "Leeftijd vanaf",
        "Leeftijd tot en met",
        "Startkwalificatie, als",
        "Situatie van de",
        "Schooltype",
        "Kenmerken",
        "Website",
        "Telefoon",
        "E-mail",
    )
]


def test_a_wrong_gemeente_is_explained_and_asked_again_and_the_record_comes_out_valid(tmp_path):
    project = make_project(tmp_path, [])
    term = Terminal("--root", str(project), "nieuw", cwd=project)
    for question, answer, then in DIALOOG:
        term.answer(question, answer)
        if then:
            term.expect(then)
    assert term.finish() == 0, term.output
    assert "is in orde" in term.output
    assert not re.search(r"--[a-z]", term.output), "no message names an option the editor never typed"
    data = yaml.safe_load((project / "aanbod" / "proef-terminal.yml").read_text(encoding="utf-8"))
    assert data["aanbieder"] == "org-a"
    assert data["werkgebied"] == {"gemeenten": ["almere"]}
    assert kaart("--root", str(project), "check").returncode == 0


def test_an_empty_werkgebied_is_asked_again_instead_of_failing_at_the_end(tmp_path):
    project = make_project(tmp_path, [])
    answers = [
        "Leeg Gebied",
        "",
        "org-a",
        "beschreven",
        "coaching",
        "begeleiding",
        "werk",
        "jongeren",
        "",
        "",  # no gemeente, no regio: asked again
        "flevoland",
        "Een coach helpt je.",
        "Heb je geen werk? Dan is het voor jou.",
        "Je krijgt een coach.",
        "Vraag je mentor.",
        "Coaching naar werk voor jongeren, voor deze test.",
        "",
        "Folder",
        "",
        "",
        "",
        "",
        "",
        "",
    ]
    proc = kaart("--root", str(project), "nieuw", stdin="\n".join(answers) + "\n")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Geef minstens één gemeente of regio" in proc.stdout
    data = yaml.safe_load((project / "aanbod" / "leeg-gebied.yml").read_text(encoding="utf-8"))
    assert data["werkgebied"] == {"regio": ["flevoland"]}
    assert data["bronnen"] == [{"titel": "Folder"}]


def contributing_example() -> list[str]:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    block = re.search(r"```bash\n(kaart nieuw --geen-vragen .*?)\n```", text, re.DOTALL)
    assert block, "CONTRIBUTING.md shows a `kaart nieuw --geen-vragen` example"
    return shlex.split(block.group(1).replace("\\\n", " "))


def test_the_geen_vragen_example_in_contributing_writes_a_valid_file(tmp_path):
    args = contributing_example()
    assert args[:3] == ["kaart", "nieuw", "--geen-vragen"]
    project = make_project(tmp_path, [])
    (project / "aanbod" / "organisaties" / "de-schoor.yml").write_text(
        (ROOT / "aanbod" / "organisaties" / "de-schoor.yml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    proc = kaart("--root", str(project), *args[1:])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "is in orde" in proc.stdout
    assert kaart("--root", str(project), "check").returncode == 0
