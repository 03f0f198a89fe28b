"""Hostile input outside aanbod/: content/, the glossary, the settings and every command that writes.

Each case is asserted against its exact Dutch message; none may hang (every run has a timeout),
print a traceback or write anywhere it should not.
"""

from __future__ import annotations

import hashlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from support.hardening import copy_project

FIFO_MESSAGE = (
    "content/pijp.md:1: dit is geen gewoon bestand maar een named pipe (FIFO) — haal het weg; op de site horen "
    "alleen gewone bestanden [bestand-soort]"
)
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONIOENCODING="utf-8")


def kaart(root: Path | None, *args: str, timeout: int = 120, cwd: Path | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "kaart.cli.main", *(["--root", str(root)] if root else []), *args]
    return subprocess.run(
        command, capture_output=True, text=True, timeout=timeout, env=ENV, cwd=cwd, stdin=subprocess.DEVNULL
    )


def output(proc: subprocess.CompletedProcess) -> str:
    text = proc.stdout + proc.stderr
    assert "Traceback" not in text, text
    return text


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def root(tmp_path):
    return copy_project(tmp_path / "proj")


# -- the gate: content/ ------------------------------------------------------------------------
def test_a_fifo_in_content_stops_check_build_and_genereer_with_a_message(root, tmp_path):
    os.mkfifo(root / "content" / "pijp.md")
    check = kaart(root, "check", timeout=60)
    assert check.returncode == 1 and FIFO_MESSAGE in output(check).splitlines()
    build = kaart(root, "build", "--site-dir", str(tmp_path / "site"), timeout=120)
    assert build.returncode == 1 and FIFO_MESSAGE in output(build).splitlines()
    assert not (tmp_path / "site").exists()
    genereer = kaart(root, "genereer", str(tmp_path / "boom"), timeout=120)
    assert genereer.returncode == 1 and FIFO_MESSAGE in output(genereer).splitlines()
    assert not (tmp_path / "boom").exists()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_fifo_in_content_never_hangs_the_preview(root):
    os.mkfifo(root / "content" / "pijp.md")
    port = _free_port()
    with open(root.parent / "serve.log", "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=root,
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=log,
            process_group=0,
        )
    try:
        deadline, page = time.monotonic() + 90, None
        while time.monotonic() < deadline and server.poll() is None and page is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
                    page = response.read().decode("utf-8")
            except OSError:
                time.sleep(0.3)
        assert page is not None, (root.parent / "serve.log").read_text(encoding="utf-8", errors="replace")
        assert "De site is niet gebouwd" in page
        assert "content/pijp.md:1: dit is geen gewoon bestand maar een named pipe (FIFO)" in page
        (root / "content" / "pijp.md").unlink()  # fixed: the next rebuild shows the real site again
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and "De site is niet gebouwd" in page:
            time.sleep(1)
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as response:
                    page = response.read().decode("utf-8")
            except OSError:
                pass
        assert "De site is niet gebouwd" not in page and "Sociale kaart" in page
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()


BROKEN_FILES = {
    # name: (bytes, expected line)
    "content/latin.md": (
        "# Café\n\nTekst in Latin-1: café\n".encode("latin-1"),
        "content/latin.md:1: tekst is niet in UTF-8 opgeslagen — sla het bestand op als UTF-8 (in de meeste editors: "
        "'Opslaan met codering') [bestand-codering]",
    ),
    "content/utf16.md": (
        "# Kop\n".encode("utf-16"),
        "content/utf16.md:1: tekst is als UTF-16 opgeslagen — sla het bestand op als UTF-8 (in de meeste editors: "
        "'Opslaan met codering') [bestand-codering]",
    ),
    "overrides/main.css": (
        b"body { color: red }\n/* \xff */\n",
        "overrides/main.css:2: tekst is niet in UTF-8 opgeslagen — sla het bestand op als UTF-8 (in de meeste "
        "editors: 'Opslaan met codering') [bestand-codering]",
    ),
    "content/assets/groot.js": (
        b"//" + b"x" * (512 * 1024),
        "content/assets/groot.js:1: bestand is te groot (524.290 bytes, maximaal 524.288 bytes) — een script van de "
        "site past in een paar tientallen KB; splits het of laat de bibliotheek weg [bestand-grootte]",
    ),
}


@pytest.mark.parametrize("name", list(BROKEN_FILES))
def test_a_broken_file_in_a_published_folder_is_named(root, name):
    data, expected = BROKEN_FILES[name]
    (root / name).write_bytes(data)
    check = kaart(root, "check", timeout=60)
    assert check.returncode == 1 and expected in output(check).splitlines()


@pytest.mark.parametrize("target", ["bestaat-niet.md", "lus.md"])
def test_a_dangling_or_looping_link_in_content_is_refused(root, target):
    (root / "content" / target).symlink_to(root / "content" / target if target == "lus.md" else "nergens.md")
    check = kaart(root, "check", timeout=60)
    assert check.returncode == 1
    assert (
        f"content/{target}:1: dit bestand is een snelkoppeling (symlink); de site publiceert niets via een "
        "snelkoppeling — vervang de snelkoppeling door een gewoon bestand (of map) met de inhoud die op de site "
        "hoort [bestand-symlink]"
    ) in output(check).splitlines()


# -- the text policy for pages --------------------------------------------------------------------
HTML_FIX = (
    "schrijf Markdown; alleen <a>, <br>, <div>, <em>, <h2>, <h3>, <li>, <ol>, <p>, <section>, <span>, <strong>, "
    "<ul> met class, id, role, hidden, title en aria-… zijn toegestaan (zie CONTRIBUTING.md, Pagina's in content/)"
)
LINK_FIX = (
    "link alleen naar https://, mailto:, tel: of een pagina van de site (zie CONTRIBUTING.md, Pagina's in content/)"
)
HOSTILE_PAGE = """\
---
title: Boos
---

# Boos

<script>window.__xss = 1</script>

<img src=x onerror="window.__xss = 1">

<a href="javascript:window.__xss=1">klik</a> en <iframe src="https://example.org"></iframe>

[klik](JaVaScRiPt:alert(1)) en ![foto](https://example.org/foto.png)

<div class="kaart-deur" onclick="alert(1)" markdown>tekst</div>

`<script>` in code is tekst, net als <!-- <script> --> een opmerking.

[1]: data:text/html,hoi

Tekst { onclick="x" }
"""
HOSTILE_PAGE_MESSAGES = [
    f"7: HTML-element <script> is niet toegestaan op een pagina — {HTML_FIX}",
    f"9: HTML-element <img> is niet toegestaan op een pagina — {HTML_FIX}",
    f"11: link naar een javascript:-adres — {LINK_FIX}",
    f"11: HTML-element <iframe> is niet toegestaan op een pagina — {HTML_FIX}",
    f"13: link naar een javascript:-adres — {LINK_FIX}",
    "13: afbeelding van buiten de site (https://example.org/foto.png) — zet de afbeelding in content/assets/ en "
    "verwijs ernaar met een relatief pad, zoals ../assets/plaatje.png",
    f"15: attribuut onclick= op <div> is niet toegestaan op een pagina — {HTML_FIX}",
    f"19: link naar een data:-adres — {LINK_FIX}",
    '21: attribuutlijst {onclick="x"} zet meer dan een klasse of id — gebruik in { } alleen .klasse of #id',
]


@pytest.mark.parametrize("where", ["content/boos.md", "content/lerende-netwerken/praktijken/boos.md"])
def test_raw_html_and_unsafe_links_in_a_page_are_refused(root, where):
    from kaart.check.content import text_problems

    (root / where).write_text(HOSTILE_PAGE, encoding="utf-8")
    problems = text_problems(HOSTILE_PAGE, where)
    assert sorted(f"{p.line}: {p.message()}" for p in problems) == sorted(HOSTILE_PAGE_MESSAGES)
    check = kaart(root, "check", timeout=60)
    lines = output(check).splitlines()
    assert check.returncode == 1
    assert all(
        any(line.startswith(f"{where}:{m.split(': ', 1)[0]}: {m.split(': ', 1)[1]}") for line in lines)
        for m in HOSTILE_PAGE_MESSAGES
    ), lines


def test_our_own_pages_pass_the_page_policy(project):
    from kaart.check.content import content_problems

    assert content_problems(project) == []


def test_a_refused_build_leaves_the_old_site_byte_identical(root, tmp_path):
    site = tmp_path / "site"
    first = kaart(root, "build", "--site-dir", str(site), timeout=300)
    assert first.returncode == 0, output(first)
    before = tree_digest(site)
    (root / "content" / "boos.md").write_text(HOSTILE_PAGE, encoding="utf-8")
    refused = kaart(root, "build", "--site-dir", str(site), timeout=300)
    assert refused.returncode == 1 and "HTML-element <script> is niet toegestaan" in output(refused)
    assert tree_digest(site) == before


# -- the glossary ---------------------------------------------------------------------------------
GLOSSARY_CASES = {
    "lege-term": (
        '- term: ""\n  uitleg: Leeg.\n',
        "content/woordenlijst.yml:1: [0].term: de term is leeg of heeft minder dan twee tekens — schrijf de "
        "afkorting of het begrip als tekst, bijvoorbeeld `term: RMC` [woordenlijst]",
    ),
    "spatie": (
        '- term: " "\n  uitleg: Een spatie.\n',
        "content/woordenlijst.yml:1: [0].term: de term is leeg of heeft minder dan twee tekens — schrijf de "
        "afkorting of het begrip als tekst, bijvoorbeeld `term: RMC` [woordenlijst]",
    ),
    "spaties-om-term": (
        '- term: " RMC "\n  uitleg: Een punt.\n',
        "content/woordenlijst.yml:1: [0].term: de term begint of eindigt met een spatie — haal de spaties aan het "
        "begin en eind weg [woordenlijst]",
    ),
    "voluit-lijst": (
        "- term: AB\n  voluit: [a, b]\n  uitleg: Twee.\n",
        "content/woordenlijst.yml:2: [0].voluit: `voluit` moet tekst zijn, niet een lijst — schrijf de afkorting "
        "voluit als één tekst, of laat het veld weg [woordenlijst]",
    ),
    "elke-woordgrens": (
        '- term: "--"\n  uitleg: Streepjes.\n',
        "content/woordenlijst.yml:1: [0].term: de term '--' heeft geen letter of cijfer — schrijf de afkorting of "
        "het begrip zelf [woordenlijst]",
    ),
    "dubbel-gevouwen": (
        '- term: RMC\n  uitleg: Een.\n- term: "RMC\\u200b"\n  uitleg: Twee.\n',
        "content/woordenlijst.yml:3: [1].term: 'RMC\\u200b' staat er al in (regel 1) — voeg de uitleg samen in één "
        "begrip [woordenlijst]",
    ),
    "onbekende-bron": (
        "- term: RMC\n  uitleg: Een punt.\n  bron: bestaat-niet\n",
        "content/woordenlijst.yml:3: [0].bron: onbekend brondocument 'bestaat-niet' — gebruik het id van een "
        "document uit schemas/vocabulaires.schema.json (document), of laat het veld weg [woordenlijst]",
    ),
    "leeg-bestand": (
        "",
        "content/woordenlijst.yml:1: bestand is leeg — begin elk begrip met '- term:' en geef het een 'uitleg:' "
        "(zie CONTRIBUTING.md, Woordenlijst) [bestand-leeg]",
    ),
    "lege-lijst": (
        "[]\n",
        "content/woordenlijst.yml:1: de woordenlijst is leeg — begin elk begrip met '- term:' en geef het een "
        "'uitleg:' (zie CONTRIBUTING.md, Woordenlijst) [woordenlijst]",
    ),
    "te-groot": (
        "- term: RMC\n  uitleg: " + "x" * (256 * 1024) + "\n",
        "content/woordenlijst.yml:1: bestand is te groot (meer dan 262.144 bytes, maximaal 262.144 bytes) — de "
        "woordenlijst past in een paar tientallen KB; kort lange uitleg in [bestand-grootte]",
    ),
}


@pytest.mark.parametrize("case", list(GLOSSARY_CASES))
def test_a_broken_glossary_is_refused_by_check_and_build(root, tmp_path, case):
    text, expected = GLOSSARY_CASES[case]
    (root / "content" / "woordenlijst.yml").write_text(text, encoding="utf-8")
    check = kaart(root, "check", timeout=60)
    lines = output(check).splitlines()
    assert check.returncode == 1 and expected in lines, lines
    assert [line for line in lines if line.startswith("content/woordenlijst.yml")] == [expected]


def test_the_real_glossary_matches_its_schema(project):
    from kaart.pages.glossary import load_glossary

    begrippen, problems = load_glossary(project)
    assert problems == [] and len(begrippen) > 100


# -- commands that write --------------------------------------------------------------------------
def test_export_never_writes_into_the_project_or_a_special_file(root, tmp_path):
    fifo = tmp_path / "pijp"
    os.mkfifo(fifo)
    (tmp_path / "bestand").write_text("blijft\n", encoding="utf-8")
    cases = {
        "aanbod": f"dat is de map aanbod/ van het project ({root / 'aanbod'})",
        ".": f"dat is de projectmap zelf ({root})",
        "content": f"dat is de map content/ van het project ({root / 'content'})",
        "schemas": f"dat is de map schemas/ van het project ({root / 'schemas'})",
        str(tmp_path / "bestand"): f"{tmp_path / 'bestand'} bestaat al en is geen map maar een bestand",
        str(fifo): f"{fifo} bestaat al en is geen map maar een named pipe (FIFO)",
        "/dev/null": "dat is een plek van het systeem (/dev/null)",
    }
    before = tree_digest(root)
    for target, why in cases.items():
        proc = kaart(root, "export", target, cwd=root, timeout=60)
        assert proc.returncode == 2
        assert output(proc).splitlines() == [
            f"kaart export: {target}: {why}; kies een nieuwe of lege map, bijvoorbeeld export/."
        ]
    assert tree_digest(root) == before


def test_export_writes_a_new_folder_and_again_only_its_own(root, tmp_path):
    target = tmp_path / "uit"
    first = kaart(root, "export", str(target), timeout=120)
    assert first.returncode == 0, output(first)
    assert (target / ".kaart-export").is_file() and (target / "data" / "kaart.json").is_file()
    assert kaart(root, "export", str(target), timeout=120).returncode == 0  # its own folder: written again
    foreign = tmp_path / "vreemd"
    foreign.mkdir()
    (foreign / "mijn.txt").write_text("blijft\n", encoding="utf-8")
    proc = kaart(root, "export", str(foreign), timeout=60)
    assert proc.returncode == 2 and output(proc).splitlines() == [
        f"kaart export: {foreign}: {foreign} bestaat al en is niet leeg (en het bestand .kaart-export ontbreekt: "
        "deze opdracht maakte de map niet); kies een nieuwe of lege map, bijvoorbeeld export/."
    ]
    assert sorted(p.name for p in foreign.iterdir()) == ["mijn.txt"]


@pytest.mark.parametrize(
    "target, why",
    [
        ("tests/uit", "dat is een map in tests/ van het project ({root}/tests/uit)"),
        ("scripts/kaart/uit", "dat is een map in scripts/ van het project ({root}/scripts/kaart/uit)"),
        ("gegenereerd", "dat is een map in het project ({root}/gegenereerd)"),
        ("/", "dat is de hoofdmap van het systeem (/)"),
    ],
)
def test_genereer_never_writes_inside_the_project_or_the_system(root, target, why):
    proc = kaart(root, "genereer", target, cwd=root, timeout=60)
    assert proc.returncode == 1
    assert output(proc).splitlines() == [
        f"{target}: {why.format(root=root)}; kies een nieuwe of lege map, bijvoorbeeld {root.parent / 'gegenereerd'}."
    ]


def test_build_into_a_system_folder_is_named(root):
    proc = kaart(root, "build", "--site-dir", "/proc/kaart-site", timeout=60)
    assert proc.returncode == 2
    assert output(proc).strip() == (
        "De site is niet gebouwd: --site-dir /proc/kaart-site: dat is een plek van het systeem (/proc/kaart-site); "
        "daar bouwt kaart build nooit een site. Kies een eigen map, bijvoorbeeld --site-dir site."
    )


def test_nieuw_refuses_a_reserved_id_before_writing(root):
    from support.redactie_fixtures import NIEUW_FLAGS

    flags = [v.replace("org-a", "de-schoor") for v in NIEUW_FLAGS]
    proc = kaart(root, "nieuw", "--id", "index", *flags, "--landelijk", "--geen-vragen", timeout=60)
    assert proc.returncode == 2
    assert output(proc).strip() == (
        "kaart nieuw: id 'index' is gereserveerd: de site maakt zelf aanbod/index/ (de A-Z-lijst van al het aanbod)"
        " — kies een ander --id"
    )
    assert not (root / "aanbod" / "index.yml").exists()


# -- nabewerk ------------------------------------------------------------------------------------
MKDOCS_PAGE = (
    '<html><head><meta charset="utf-8"><meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.1">'
    "</head><body><p>x</p></body></html>"
)


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(MKDOCS_PAGE, encoding="utf-8")
    return site


def test_nabewerk_refuses_a_folder_no_generator_made(tmp_path):
    site = tmp_path / "eigen"
    site.mkdir()
    own = "<html><head></head><body><script>mijn()</script></body></html>"
    (site / "index.html").write_text(own, encoding="utf-8")
    proc = kaart(None, "nabewerk", str(site), timeout=60)
    assert proc.returncode == 1 and output(proc).strip() == (
        f"kaart nabewerk: {site}: deze map is niet door kaart build, mkdocs of Zensical gebouwd (geen generator in "
        "index.html); geef de map die mkdocs build of zensical build maakte."
    )
    assert (site / "index.html").read_text(encoding="utf-8") == own and not (site / "_headers").exists()


def _link_out(site: Path, tmp_path: Path) -> None:
    outside = tmp_path / "buiten.html"
    outside.write_text(MKDOCS_PAGE, encoding="utf-8")
    (site / "buiten.html").symlink_to(outside)


def _latin(site: Path, tmp_path: Path) -> None:
    (site / "oud.html").write_bytes("<p>café</p>".encode("latin-1"))


def _folder(site: Path, tmp_path: Path) -> None:
    (site / "x.html").mkdir()


def _headers_folder(site: Path, tmp_path: Path) -> None:
    (site / "_headers").mkdir()


def _fifo(site: Path, tmp_path: Path) -> None:
    os.mkfifo(site / "pijp.html")


NABEWERK_CASES = {
    "symlink": (
        _link_out,
        "buiten.html is een snelkoppeling (symlink); deze stap schrijft nooit via een snelkoppeling; bouw de site "
        "opnieuw en draai deze stap dan.",
    ),
    "latin-1": (_latin, "oud.html is geen UTF-8-tekst; sla de pagina op als UTF-8 of bouw de site opnieuw."),
    "map-x.html": (_folder, "x.html is geen gewoon bestand maar een map; haal het weg."),
    "_headers-map": (
        _headers_folder,
        "_headers is een map; daar hoort het bestand _headers te staan; haal de map weg.",
    ),
    "fifo": (_fifo, "pijp.html is geen gewoon bestand maar een named pipe (FIFO); haal het weg."),
}


@pytest.mark.parametrize("case", list(NABEWERK_CASES))
def test_nabewerk_checks_the_whole_site_before_writing(tmp_path, case):
    make, why = NABEWERK_CASES[case]
    site = _site(tmp_path)
    make(site, tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    proc = kaart(None, "nabewerk", str(site), timeout=60)
    assert proc.returncode == 1
    assert output(proc).strip() == f"kaart nabewerk: {site}: {why}"
    assert (site / "index.html").read_text(encoding="utf-8") == MKDOCS_PAGE  # nothing written
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == before


def test_nabewerk_secures_a_site_mkdocs_made(tmp_path):
    site = _site(tmp_path)
    proc = kaart(None, "nabewerk", str(site), timeout=60)
    assert proc.returncode == 0, output(proc)
    assert "Content-Security-Policy" in (site / "index.html").read_text(encoding="utf-8")


# -- settings --------------------------------------------------------------------------------------
def test_a_javascript_repository_address_stops_kaart_build(root, tmp_path):
    bad = "https://x/)[klik](javascript:alert(1)"
    proc = subprocess.run(
        [sys.executable, "-m", "kaart.cli.main", "--root", str(root), "build", "--site-dir", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        timeout=120,
        env={**ENV, "KAART_REPO_URL": bad},
    )
    assert proc.returncode == 1
    assert (
        f"KAART_REPO_URL: '{bad}' is geen volledig https://-adres zonder spaties, aanhalingstekens, haakjes of andere "
        "tekens die een link kunnen breken; de site wordt niet gebouwd — zet KAART_REPO_URL op een gewoon adres, "
        "bijvoorbeeld https://github.com/organisatie/sociale-kaart, of laat de instelling weg [omgeving]"
    ) in output(proc).splitlines()
    assert not (tmp_path / "site").exists()


def test_a_javascript_edit_uri_stops_a_plain_mkdocs_build(root, tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=root,
        env={**ENV, "KAART_EDIT_URI": "javascript:alert(1)//"},
    )
    assert proc.returncode != 0
    assert "KAART_EDIT_URI: 'javascript:alert(1)//' is geen volledig https://-adres" in proc.stdout + proc.stderr
    assert not (tmp_path / "site" / "index.html").exists()


# -- the finder ----------------------------------------------------------------------------------
def test_a_finder_link_repeating_a_bad_value_2000_times_gives_one_note():
    import json
    import shutil

    from support import ROOT

    if shutil.which("node") is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("node is not installed (apt-get install -y nodejs)")
        pytest.skip("node is not installed")
    script = (
        "const m = require(process.argv[1]);"
        "const data = {labels: {gemeente: {almere: 'Almere'}, helpt_bij: {}, kenmerk: {}}};"
        "const same = '?' + Array(2000).fill('leeftijd=x').join('&');"
        "const other = '?' + Array.from({length: 2000}, (_, i) => 'leeftijd=x' + i).join('&');"
        "console.log(JSON.stringify([m.parseQuery(same, data).notes, m.parseQuery(other, data).notes]));"
    )
    matching = ROOT / "content" / "assets" / "javascripts" / "matching.js"
    out = subprocess.run(["node", "-e", script, str(matching)], capture_output=True, text=True, timeout=60, check=True)
    same, other = json.loads(out.stdout)
    assert same == ["leeftijd \u2018x\u2019 is geen geheel getal van 0 tot 100 en is genegeerd"]
    assert len(other) == 11 and other[-1] == "1990 andere meldingen niet getoond"


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "---\ntitle: Boos\n\n# Kop\n",
            "content/kapot.md:1: de voorpagina (front matter) begint met --- maar wordt nergens afgesloten — zet na "
            "de laatste veldregel een regel met alleen --- [pagina-voorpagina]",
        ),
        (
            "---\ntitle: [kapot\n---\n\n# Kop\n",
            "content/kapot.md:2: YAML-fout: de lijst die hier met [ begint, is niet gesloten met ] (of zet de tekst "
            "tussen aanhalingstekens) — controleer inspringen, dubbele punten en aanhalingstekens op deze regel en "
            "de regel erboven [yaml-syntax]",
        ),
    ],
    ids=["niet-afgesloten", "kapotte-yaml"],
)
def test_broken_front_matter_of_a_page_is_named(root, text, expected):
    (root / "content" / "kapot.md").write_text(text, encoding="utf-8")
    check = kaart(root, "check", timeout=60)
    assert check.returncode == 1 and expected in output(check).splitlines()


def test_a_javascript_site_url_is_named_in_dutch_before_mkdocs_starts(root, tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "kaart.cli.main", "--root", str(root), "build", "--site-dir", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        timeout=120,
        env={**ENV, "KAART_SITE_URL": "javascript:alert(1)"},
    )
    assert proc.returncode == 1
    assert output(proc).splitlines() == [
        "KAART_SITE_URL: 'javascript:alert(1)' is geen volledig http(s)://-adres zonder spaties, aanhalingstekens, "
        "haakjes of andere tekens die een link kunnen breken; de site wordt niet gebouwd — zet KAART_SITE_URL op een "
        "gewoon adres, bijvoorbeeld https://kaart.example.org/, of laat de instelling weg [omgeving]",
        "De site is niet gebouwd: los eerst de instelling hierboven op.",
    ]
    assert not (tmp_path / "site").exists()


def test_a_schema_replaced_by_a_fifo_is_named_never_a_hang(root, tmp_path):
    schema = root / "schemas" / "aanbod.schema.json"
    schema.unlink()
    os.mkfifo(schema)
    message = (
        "schemas/aanbod.schema.json: dit is geen gewoon bestand maar een named pipe (FIFO) — zet het bestand terug "
        "uit de repository (git checkout -- schemas/aanbod.schema.json)"
    )
    check = kaart(root, "check", timeout=60)
    assert check.returncode == 1 and output(check).splitlines() == [f"kaart check: {message}"]
    build = kaart(root, "build", "--site-dir", str(tmp_path / "site"), timeout=120)
    assert build.returncode == 1 and message in output(build)
    assert not (tmp_path / "site").exists()


def test_a_stray_backtick_does_not_hide_html_in_the_next_paragraph():
    from kaart.check.content import text_problems

    text = "Een ` los.\n\n<script>window.__xss = 1</script>\n\nNog een ` hier.\n"
    assert [f"{p.line}: {p.message()}" for p in text_problems(text, "content/a.md")] == [
        f"3: HTML-element <script> is niet toegestaan op een pagina — {HTML_FIX}"
    ]
    assert text_problems("Code `<script>` is tekst.\n", "content/a.md") == []


def test_an_export_never_carries_a_contact_value_the_check_refuses(root, tmp_path):
    from support import ROOT

    hostile = (ROOT / "tests" / "example-files" / "negative" / "contact-tekens.yml").read_text(encoding="utf-8")
    (root / "aanbod" / "contact-tekens.yml").write_text(hostile, encoding="utf-8")
    proc = kaart(root, "export", str(tmp_path / "uit"), timeout=120)
    text = output(proc)
    assert proc.returncode == 1 and "kaart export: los eerst de fouten hierboven op." in text
    assert (
        "aanbod/contact-tekens.yml:20: contact.website: 'https://example.org/\"onmouseover=\"alert(1)' heeft niet"
        in text
    )
    assert not (tmp_path / "uit").exists()


def test_velden_never_writes_through_a_link(root, tmp_path):
    outside = tmp_path / "elders.md"
    outside.write_bytes((root / "CONTRIBUTING.md").read_bytes())
    before = outside.read_bytes()
    (root / "CONTRIBUTING.md").unlink()
    (root / "CONTRIBUTING.md").symlink_to(outside)
    proc = kaart(root, "velden", timeout=60)
    assert proc.returncode == 2 and output(proc).strip() == (
        "kaart velden: CONTRIBUTING.md is een snelkoppeling (symlink); kaart velden schrijft er niet doorheen — "
        "vervang hem door het bestand zelf"
    )
    assert outside.read_bytes() == before


def test_nieuw_never_writes_through_a_dangling_link(root, tmp_path):
    from support.redactie_fixtures import NIEUW_FLAGS

    outside = tmp_path / "buiten.yml"
    (root / "aanbod" / "via-link.yml").symlink_to(outside)
    flags = [v.replace("org-a", "de-schoor") for v in NIEUW_FLAGS]
    proc = kaart(
        root,
        "nieuw",
        "--id",
        "via-link",
        *flags,
        "--landelijk",
        "--bron-document",
        "verwey-jonker-almere-2016",
        "--bron-onderdeel",
        "§2",
        "--geen-vragen",
        timeout=60,
    )
    assert proc.returncode == 2, output(proc)
    assert "kaart nieuw: aanbod/via-link.yml bestaat al — kies een ander --id of pas dat bestand aan" in output(proc)
    assert not outside.exists()


def test_export_never_writes_through_a_link_in_its_own_folder(root, tmp_path):
    target = tmp_path / "uit"
    assert kaart(root, "export", str(target), timeout=120).returncode == 0
    outside = tmp_path / "buiten.json"
    outside.write_text("blijft\n", encoding="utf-8")
    (target / "data" / "kaart.json").unlink()
    (target / "data" / "kaart.json").symlink_to(outside)
    proc = kaart(root, "export", str(target), timeout=120)
    assert proc.returncode == 2 and output(proc).strip() == (
        f"kaart export: {target}: data/kaart.json is een snelkoppeling (symlink); daar wordt nooit doorheen "
        "geschreven; kies een nieuwe of lege map, bijvoorbeeld export/."
    )
    assert outside.read_text(encoding="utf-8") == "blijft\n"


def test_a_fifo_glossary_is_named_as_the_glossary(root):
    glossary = root / "content" / "woordenlijst.yml"
    glossary.unlink()
    os.mkfifo(glossary)
    check = kaart(root, "check", timeout=60)
    assert check.returncode == 1
    assert (
        "content/woordenlijst.yml:1: dit is geen gewoon bestand maar een named pipe (FIFO) — haal het weg; de "
        "woordenlijst is een gewoon tekstbestand [bestand-soort]"
    ) in output(check).splitlines()


@pytest.mark.parametrize("template", ["overrides/finder/jongeren.html", "overrides/pagina/aanbod.md"])
def test_a_missing_page_template_is_named_not_a_traceback(tmp_path, template):
    """The finder page shells (overrides/finder/) and the record pages (overrides/pagina/) are templates;
    without one the build names it."""
    from kaart.build import BuildError, prepare_site
    from kaart.project import Project
    from support.hardening import copy_project

    root = copy_project(tmp_path / "proj")
    (root / template).unlink()
    with pytest.raises(BuildError) as refused:
        prepare_site(Project(root))
    assert (
        f"{template}:1: dit bestand ontbreekt; de site kan niet zonder — zet het terug uit de "
        f"git-geschiedenis (git checkout -- {template}) [bestand-ontbreekt]"
    ) in str(refused.value)
