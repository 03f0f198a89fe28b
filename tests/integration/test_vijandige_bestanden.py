"""Hostile files in a pull request: each gives a clear Dutch error with file and line, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from support.hardening import ROOT as ROOT_DIR
from support.hardening import copy_project

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
    "een-megabyte": (
        "groot.yml",
        lambda root: _record(root).encode() + b"toelichting: " + b"x" * 1_048_576 + b"\n",
        "te groot (meer dan 65.536 bytes, maximaal 65.536 bytes)",
        1,
    ),
    "binair": (
        "plaatje.yml",
        lambda root: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(256),
        "geen tekstbestand",
        1,
    ),
    "utf-16": ("utf16.yml", lambda root: _record(root).encode("utf-16"), "UTF-16", 1),
    "latin-1": ("latin1.yml", lambda root: ("id: latin1\nnaam: Café\n").encode("latin-1"), "UTF-8", 2),
    "diep-genest": ("diep.yml", lambda root: ("a: " + "[" * 20000 + "]" * 20000 + "\n").encode(), "genest", 1),
    "meer-documenten": (
        "twee.yml",
        lambda root: (_record(root) + "---\n" + _record(root)).encode(),
        "tweede document",
        None,
    ),
    "python-tag": ("tag.yml", lambda root: b"id: !!python/object/apply:os.system ['echo hoi']\n", "label", 1),
    # control characters in naam broke the page's front matter; now refused at their own line
    "nul-in-naam": (
        "nul.yml",
        lambda root: _record_as(root, "nul", naam="naam: Learn\x00Work").encode(),
        "onzichtbaar stuurteken U+0000 (NUL) op positie 12",
        3,
    ),
    "del-in-naam": (
        "del.yml",
        lambda root: _record_as(root, "del", naam="naam: Learn\x7fWork").encode(),
        "onzichtbaar stuurteken U+007F (DEL) op positie 12",
        3,
    ),
    "esc-in-naam": (
        "esc.yml",
        lambda root: _record_as(root, "esc", naam="naam: Learn\x1b[2KWork").encode(),
        "onzichtbaar stuurteken U+001B (ESC) op positie 12",
        3,
    ),
}


def _check(root) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kaart.cli.main", "--root", str(root), "check"],
        capture_output=True,
        text=True,
        timeout=60,
    )


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
    assert any(l.startswith("aanbod/via-map.yml:1:") and "snelkoppeling" in l for l in proc.stdout.splitlines()), (
        proc.stdout[-2000:]
    )


def test_unreadable_praktijk_page_gives_clear_error(root):
    page = root / "content" / "lerende-netwerken" / "praktijken" / "kapot.md"
    page.write_bytes("---\ntitle: Caf\xe9\n---\n".encode("latin-1"))
    proc = _check(root)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert any(
        l.startswith("content/lerende-netwerken/praktijken/kapot.md:") and "UTF-8" in l
        for l in proc.stdout.splitlines()
    ), proc.stdout[-2000:]


# -- issue 12: the loader gate, top-level values, messages -------------------------------


def _lines(proc) -> list[str]:
    return proc.stdout.splitlines()


def _record_as(root, new_id: str, **replace) -> str:
    """learn2work's text with another id and some lines replaced (`naam="naam: yes"`)."""
    out = []
    for line in _record(root).splitlines():
        key = line.split(":", 1)[0]
        if key == "id":
            line = f"id: {new_id}"
        elif key in replace:
            line = replace.pop(key)
        out.append(line)
    return "\n".join(out + list(replace.values())) + "\n"


def _n_files(root) -> int:
    """How many records and organisations the project has (the check's summary counts them)."""
    return len(list((root / "aanbod").glob("*.yml"))) + len(list((root / "aanbod" / "organisaties").glob("*.yml")))


def test_every_entry_of_aanbod_is_read_refused_or_named(root):
    aanbod = root / "aanbod"
    files = _n_files(root)  # before the refused entries are added: they are not counted as checked
    for name in ("Groot.YML", "klein.Yaml", "lang.yaml", "notitie.yml.txt", "_concept.yml", "organisaties/Org.YML"):
        (aanbod / name).write_text(_record_as(root, "x"), encoding="utf-8")
    (aanbod / "submap").mkdir()
    (aanbod / "submap" / "verstopt.yml").write_text(_record_as(root, "verstopt"), encoding="utf-8")
    (aanbod / "map.yml").mkdir()
    os.mkfifo(aanbod / "pijp.yml")  # a named pipe: opening it for reading used to wait forever
    os.mkfifo(aanbod / "organisaties" / "pijp.yml")
    (aanbod / ".gitkeep").write_text("", encoding="utf-8")
    (aanbod / "learn2work.yml~").write_text(_record(root), encoding="utf-8")
    proc = _check(root)  # times out (and fails) if anything blocks on the pipes
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    mine = [l for l in _lines(proc) if not l.startswith("aanbod/organisaties/") or "Org.YML" in l or "pijp" in l]
    expected = [
        "aanbod/Groot.YML:1: alleen bestanden die op .yml eindigen (kleine letters) worden gelezen — hernoem het "
        "bestand naar groot.yml [bestand-naam]",
        "aanbod/_concept.yml:1: een bestandsnaam die met _ begint wordt niet gelezen — hernoem het bestand naar "
        "concept.yml (en maak het id 'concept'), of haal het weg [bestand-naam]",
        "aanbod/klein.Yaml:1: alleen bestanden die op .yml eindigen (kleine letters) worden gelezen — hernoem het "
        "bestand naar klein.yml [bestand-naam]",
        "aanbod/lang.yaml:1: alleen bestanden die op .yml eindigen (kleine letters) worden gelezen — hernoem het "
        "bestand naar lang.yml [bestand-naam]",
        "aanbod/map.yml:1: dit is een map met de naam van een aanbod, geen bestand — haal de map weg of hernoem haar; "
        "een aanbod is één bestand map.yml [bestand-soort]",
        "aanbod/notitie.yml.txt:1: alleen bestanden die op .yml eindigen (kleine letters) worden gelezen — hernoem het "
        "bestand naar notitie.yml [bestand-naam]",
        "aanbod/organisaties/Org.YML:1: alleen bestanden die op .yml eindigen (kleine letters) worden gelezen — "
        "hernoem het bestand naar org.yml [bestand-naam]",
        "aanbod/organisaties/pijp.yml:1: dit is geen gewoon bestand maar een named pipe (FIFO) — haal het weg; een "
        "aanbod is een gewoon tekstbestand [bestand-soort]",
        "aanbod/pijp.yml:1: dit is geen gewoon bestand maar een named pipe (FIFO) — haal het weg; een aanbod is een "
        "gewoon tekstbestand [bestand-soort]",
        "aanbod/submap:1: bestanden in een submap worden niet gelezen — zet elk aanbod direct in aanbod/ (organisaties "
        "in aanbod/organisaties/) [bestand-submap]",
    ]
    assert mine[:-1] == expected
    assert mine[-1] == (
        f"10 fouten, 0 waarschuwingen in {files} bestanden. Niet gelezen: aanbod/.gitkeep (verborgen bestand), "
        "aanbod/learn2work.yml~ (reservekopie van een editor)."
    )


def test_ignored_files_are_named_even_when_all_is_well(root):
    (root / "aanbod" / ".gitkeep").write_text("", encoding="utf-8")
    proc = _check(root)
    assert proc.returncode == 0
    assert (
        _lines(proc)[-1]
        == f"Alles in orde: {_n_files(root)} bestanden gecontroleerd. Niet gelezen: aanbod/.gitkeep (verborgen "
        f"bestand)."
    )


def test_reading_a_named_pipe_never_blocks(tmp_path):
    import threading

    from kaart.records.loading import load_file

    pipe = tmp_path / "pijp.yml"
    os.mkfifo(pipe)
    link = tmp_path / "via-link.yml"
    link.symlink_to(pipe)
    results = []
    worker = threading.Thread(
        target=lambda: results.extend(load_file(p, p.name, allowed_dir=tmp_path) for p in (pipe, link)), daemon=True
    )
    worker.start()
    worker.join(10)
    assert not worker.is_alive(), "load_file waited for a writer on the named pipe"
    assert [[p.message() for p in r.problems] for r in results] == [
        ["dit is geen gewoon bestand maar een named pipe (FIFO) — haal het weg; een aanbod is een gewoon tekstbestand"]
    ] * 2


def test_files_that_are_no_mapping_get_a_message_with_the_right_template(root):
    aanbod = root / "aanbod"
    for name, text in (
        ("leeg-null.yml", "null\n"),
        ("leeg-tilde.yml", "~\n"),
        ("leeg-streep.yml", "---\n"),
        ("lijst.yml", "- id: lijst\n"),
        ("organisaties/leeg.yml", ""),
        ("organisaties/null.yml", "# leeg\nnull\n"),
    ):
        (aanbod / name).write_text(text, encoding="utf-8")
    proc = _check(root)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    offer = "kopieer het sjabloon schemas/aanbod.sjabloon.yml of gebruik `kaart nieuw`"
    org = "kopieer het sjabloon schemas/organisatie.sjabloon.yml"
    assert [
        l
        for l in _lines(proc)
        if l.startswith(("aanbod/leeg", "aanbod/lijst", "aanbod/organisaties/leeg", "aanbod/organisaties/null"))
    ] == [
        f"aanbod/leeg-null.yml:1: bestand is leeg — {offer} [bestand-leeg]",
        f"aanbod/leeg-streep.yml:1: bestand is leeg — {offer} [bestand-leeg]",
        f"aanbod/leeg-tilde.yml:1: bestand is leeg — {offer} [bestand-leeg]",
        f"aanbod/lijst.yml:1: het bestand moet velden bevatten (veldnaam: waarde), geen lijst — {offer} "
        f"[bestand-opbouw]",
        f"aanbod/organisaties/leeg.yml:1: bestand is leeg — {org} [bestand-leeg]",
        f"aanbod/organisaties/null.yml:2: bestand is leeg — {org} [bestand-leeg]",
    ]


def test_organisation_template_filled_in_passes_the_check(root):
    text = (root / "schemas" / "organisatie.sjabloon.yml").read_text(encoding="utf-8")
    values = {
        "id": "nieuwe-organisatie",
        "naam": "Nieuwe Organisatie",
        "beschrijving": "Een organisatie uit de bron.",
        "gemeenten": "almere",
        "website": "https://www.example.org/",
        "document": "verwey-jonker-almere-2016",
        "onderdeel": "Tabel 3",
    }
    for key, value in values.items():
        text = text.replace(f"«{key}»", value)
    text = text.replace("#? ", "").replace("../../schemas/", "../../schemas/")
    (root / "aanbod" / "organisaties" / "nieuwe-organisatie.yml").write_text(text, encoding="utf-8")
    proc = _check(root)
    assert proc.returncode == 0, proc.stdout[-2000:]
    assert [l for l in _lines(proc) if "nieuwe-organisatie" in l] == [
        "aanbod/organisaties/nieuwe-organisatie.yml:1: waarschuwing: organisatie 'nieuwe-organisatie' heeft geen "
        "aanbod — "
        "verwijs vanuit een aanbod naar deze organisatie of haal het bestand weg [organisatie-ongebruikt]"
    ]


def test_too_big_names_the_real_size(root):
    record = _record(root).encode()
    (root / "aanbod" / "net-te-groot.yml").write_bytes(record + b"#" * (65_537 - len(record) - 1) + b"\n")
    assert (root / "aanbod" / "net-te-groot.yml").stat().st_size == 65_537
    (root / "aanbod" / "veel-te-groot.yml").write_bytes(record + b"#" * 1_048_576 + b"\n")
    lines = _lines(_check(root))
    fix = "een aanbod past in een paar KB; kort de beschrijving in of splits het aanbod [bestand-grootte]"
    assert f"aanbod/net-te-groot.yml:1: bestand is te groot (65.537 bytes, maximaal 65.536 bytes) — {fix}" in lines
    assert (
        f"aanbod/veel-te-groot.yml:1: bestand is te groot (meer dan 65.536 bytes, maximaal 65.536 bytes) — {fix}"
        in lines
    )


def test_invalid_file_name_gets_a_valid_id_suggestion(root):
    (root / "aanbod" / "learn 2 work.yml").write_text(_record_as(root, "learn 2 work"), encoding="utf-8")
    lines = [l for l in _lines(_check(root)) if l.startswith("aanbod/learn 2 work.yml:")]
    assert lines == [
        "aanbod/learn 2 work.yml:2: id: 'learn 2 work' heeft niet de goede vorm — gebruik kleine letters, cijfers en "
        "streepjes, "
        "zoals de bestandsnaam, bijvoorbeeld: learn-2-work [schema-vorm]",
        "aanbod/learn 2 work.yml:2: id: de bestandsnaam 'learn 2 work' is geen geldig id — "
        "hernoem het bestand naar learn-2-work.yml en maak het id 'learn-2-work' [id-bestandsnaam]",
    ]


def test_reserved_organisation_id_is_refused(root):
    org = (
        (root / "aanbod" / "organisaties" / "de-schoor.yml")
        .read_text(encoding="utf-8")
        .replace("id: de-schoor", "id: index")
    )
    (root / "aanbod" / "organisaties" / "index.yml").write_text(org, encoding="utf-8")
    lines = [
        l for l in _lines(_check(root)) if l.startswith("aanbod/organisaties/index.yml:") and "[id-gereserveerd]" in l
    ]
    assert lines == [
        "aanbod/organisaties/index.yml:2: id: id 'index' is gereserveerd: de site maakt zelf organisaties/index/ "
        "(de lijst met alle organisaties) — kies een ander id, bijvoorbeeld 'index-organisatie', en hernoem het "
        "bestand naar "
        "index-organisatie.yml [id-gereserveerd]"
    ]


def test_reserved_ids_are_every_name_the_site_generates_next_to_records(project):
    from kaart.build import prepare_site
    from kaart.check.rules import RESERVED_IDS

    site = prepare_site(project)
    records = {"aanbod": set(site.kaart.aanbod), "organisaties": set(site.kaart.organisaties)}
    for folder, ids in records.items():
        generated = {
            page.split("/")[1].removesuffix(".md")
            for page in list(site.output.pages) + list(site.output.files)
            if page.startswith(folder + "/") and page.count("/") >= 1
        }
        assert generated - ids <= set(RESERVED_IDS[folder]), f"{folder}/: the site makes pages an id could overwrite"
        assert "index" in generated


def test_yaml_1_1_surprises_keep_what_the_editor_typed(tmp_path):
    from kaart.records.loading import load_file

    path = tmp_path / "x.yml"
    path.write_text(
        "telefoon: 0201234567\nduur: 1:20:30\nnaam: 12:30\nja: yes\nuit: off\ndatum: 2026-01-01\necht: true\n",
        encoding="utf-8",
    )
    assert load_file(path, "aanbod/x.yml").data == {
        "telefoon": 201234567,
        "duur": "1:20:30",
        "naam": "12:30",
        "ja": "yes",
        "uit": "off",
        "datum": "2026-01-01",
        "echt": True,
    }


def test_text_fields_get_the_text_as_typed(root):
    from kaart.check.checker import check_project
    from kaart.project import Project

    (root / "aanbod" / "learn2work.yml").write_text(
        _record_as(
            root,
            "learn2work",
            naam="naam: 12:30",
            toelichting="toelichting: yes",
            contact="contact:\n  telefoon: 0201234567\n  bronnen:\n    telefoon: {document: verwey-jonker-almere-2016, "
            "onderdeel: Tabel 3}",
        ),
        encoding="utf-8",
    )
    result, kaart = check_project(Project(root))
    assert not [p for p in result.errors if p.file == "aanbod/learn2work.yml"], result.errors
    offer = kaart.aanbod["learn2work"]
    assert (offer.naam, offer.toelichting, offer.contact["telefoon"]) == ("12:30", "yes", "0201234567")


def test_control_characters_are_escaped_when_printed(root):
    (root / "aanbod" / "ansi.yml").write_text(
        _record_as(root, "ansi", aanbieder='aanbieder: "de-schoor\\e[2K\\e[1A"'), encoding="utf-8"
    )
    proc = _check(root)
    assert "\x1b" not in proc.stdout
    esc = "(let op: teken 10 is het onzichtbare U+001B (ESC); teken 14 is het onzichtbare U+001B (ESC))"
    assert (
        f"aanbod/ansi.yml:4: aanbieder: onbekende organisatie 'de-schoor\\x1b[2K\\x1b[1A' {esc} — bedoelde je "
        f"'de-schoor'? "
        "maak aanbod/organisaties/<id>.yml aan of gebruik een bestaand id [verwijzing]"
    ) in _lines(proc)
    assert (
        "aanbod/ansi.yml:4: aanbieder: onzichtbaar stuurteken U+001B (ESC) in de waarde — "
        "haal de code (zoals \\e of \\x1b) weg tussen de aanhalingstekens [tekst-stuurteken]"
    ) in _lines(proc)


def test_github_format_cannot_be_forged_by_a_file_name(root):
    (root / "aanbod" / "x\n::error file=nep.yml::nep.yml").write_text(_record_as(root, "x"), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "kaart.cli.main", "--root", str(root), "check", "--format", "github"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    annotations = [l for l in _lines(proc) if l.startswith("::")]
    assert annotations and all(l.startswith(("::error file=aanbod/", "::warning file=aanbod/")) for l in annotations)
    assert not any(l.startswith("::error file=nep.yml") for l in _lines(proc))  # no forged annotation
    assert (
        "::error file=aanbod/x%0A%3A%3Aerror file=nep.yml%3A%3Anep.yml,line=2,title=kaart check%3A id-bestandsnaam::"
        "id: de bestandsnaam 'x%0A::error file=nep.yml::nep' is geen geldig id (let op: teken 2 is het onzichtbare "
        "U+000A (LF)) — "
        "hernoem het bestand naar x-error-file-nep-yml-nep.yml en maak het id 'x-error-file-nep-yml-nep'"
    ) in annotations


def test_finder_url_with_500_unknown_parameters_gives_one_note():
    import json
    import shutil

    if shutil.which("node") is None and os.environ.get("CI", "").lower() != "true":
        pytest.skip("node is not installed")
    script = (
        "const m = require(process.argv[1]);"
        "const data = {labels: {gemeente: {almere: 'Almere'}, helpt_bij: {}, kenmerk: {}}};"
        "let q = '?leeftijd=x'; for (let i = 0; i < 500; i++) q += '&p' + i + '=1';"
        "console.log(JSON.stringify([m.parseQuery(q, data).notes, m.parseQuery('?foo=1', data).notes]));"
    )
    matching = ROOT_DIR / "content" / "assets" / "javascripts" / "matching.js"
    out = subprocess.run(["node", "-e", script, str(matching)], capture_output=True, text=True, timeout=60, check=True)
    many, one = json.loads(out.stdout)
    assert many == [
        "500 onbekende parameters genegeerd (\u2018p0\u2019, \u2018p1\u2019, \u2018p2\u2019 en nog 497)",
        "leeftijd \u2018x\u2019 is geen geheel getal van 0 tot 100 en is genegeerd",
    ]
    assert one == ["onbekende parameter \u2018foo\u2019 genegeerd"]


def test_devices_and_sockets_are_refused_without_opening_them(tmp_path):
    import socket

    from kaart.records.loading import list_records

    (tmp_path / "apparaat.yml").symlink_to("/dev/zero")  # reading it would never end
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tmp_path / "stopcontact.yml"))
    try:
        listing = list_records(tmp_path, lambda p: p.relative_to(tmp_path.parent).as_posix())
    finally:
        server.close()
    assert listing.records == []
    assert [(p.file, p.message(), p.regel) for p in listing.problems] == [
        (
            f"{tmp_path.name}/apparaat.yml",
            "dit is geen gewoon bestand maar een apparaatbestand — haal het weg; een aanbod is een gewoon tekstbestand",
            "bestand-soort",
        ),
        (
            f"{tmp_path.name}/stopcontact.yml",
            "dit is geen gewoon bestand maar een socket — haal het weg; een aanbod is een gewoon tekstbestand",
            "bestand-soort",
        ),
    ]


def test_broken_symlink_gets_a_dutch_reason(root):
    (root / "aanbod" / "weg.yml").symlink_to(root / "aanbod" / "bestaat-niet.yml")
    assert (
        "aanbod/weg.yml:1: bestand kan niet worden gelezen (het bestaat niet (een snelkoppeling naar niets?)) — "
        "controleer of het bestand bestaat en leesbaar is [bestand-lezen]"
    ) in _lines(_check(root))


def test_id_of_a_hand_written_page_next_to_the_records_is_reserved(root):
    (root / "content" / "aanbod").mkdir()
    (root / "content" / "aanbod" / "uitleg.md").write_text("# Uitleg\n", encoding="utf-8")
    (root / "aanbod" / "uitleg.yml").write_text(_record_as(root, "uitleg"), encoding="utf-8")
    assert [l for l in _lines(_check(root)) if "[id-gereserveerd]" in l] == [
        "aanbod/uitleg.yml:2: id: id 'uitleg' is gereserveerd: de site maakt zelf aanbod/uitleg/ (de pagina "
        "content/aanbod/uitleg) — "
        "kies een ander id, bijvoorbeeld 'uitleg-aanbod', en hernoem het bestand naar uitleg-aanbod.yml "
        "[id-gereserveerd]"
    ]


# A link in content/, overrides/ or schemas/ would publish a file of the build machine: mkdocs copies what it
# points at. The machine's passwd file and the build's own environment (with a marker standing in for a CI
# secret) must never reach the site, and check and build both say which link to replace.
LEAK_MARKER = "KAART_GEHEIM_MARKER_7f3a"


@pytest.mark.parametrize(
    "target, where",
    [
        ("/etc/passwd", "content/assets/passwd.txt"),
        ("/proc/self/environ", "content/assets/env.txt"),
        ("/etc/passwd", "content/gelinkt.md"),
        ("/etc", "content/machine"),
        ("/etc/passwd", "overrides/passwd.txt"),
        ("/etc/passwd", "schemas/passwd.json"),
    ],
)
def test_link_in_published_folder_leaks_nothing(root, tmp_path, target, where):
    (root / where).symlink_to(target)
    what = "deze map" if os.path.isdir(target) else "dit bestand"
    expected = (
        f"{where}:1: {what} is een snelkoppeling (symlink); de site publiceert niets via een snelkoppeling"
        " — vervang de snelkoppeling door een gewoon bestand (of map) met de inhoud die op de site hoort "
        "[bestand-symlink]"
    )
    check = _check(root)
    assert check.returncode == 1 and expected in check.stdout, check.stdout + check.stderr

    site = tmp_path / "site"
    env = {**os.environ, LEAK_MARKER: "geheim-uit-ci"}
    build = subprocess.run(
        [sys.executable, "-m", "kaart.cli.main", "--root", str(root), "build", "--site-dir", str(site)],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert build.returncode == 1 and expected in build.stdout + build.stderr, build.stdout + build.stderr
    assert "Traceback" not in build.stdout + build.stderr
    leaked = [
        p
        for p in tmp_path.rglob("*")
        if p.is_file()
        and not p.is_symlink()
        and (b"root:x:0:0" in p.read_bytes() or b"geheim-uit-ci" in p.read_bytes())
    ]
    assert not leaked and not site.exists(), leaked
