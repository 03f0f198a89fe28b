"""The provider loop: "Mail de redactie" with the answer block, and `kaart bevestig` writing the answer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import unquote

import yaml

from kaart.check.checker import check_project
from kaart.instellingen import Instellingen
from kaart.pages.site import SiteRenderer
from kaart.project import Project
from kaart.records.bevestig import BEGIN, EINDE
from support.redactie_fixtures import base_record, kaart, make_project

TODAY = "2026-06-01"


def _project(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "p", [base_record("coach-a")])
    path = root / "aanbod" / "coach-a.yml"
    # a comment an editor wrote: bevestig edits the text, so it stays
    path.write_text("# bron gecontroleerd door de redactie\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    return root


def _answer(*lines: str, aanbod: str = "coach-a") -> str:
    return "\n".join(
        [
            "Beste redactie, hierbij ons antwoord.",
            BEGIN,
            f"aanbod: {aanbod}",
            *lines,
            "ingevuld door (organisatie en functie): Organisatie A, teamleider",
            "datum (JJJJ-MM-DD): 2026-03-01",
            EINDE,
            "",
        ]
    )


def _bevestig(root: Path, answer: str, *extra: str):
    (root / "antwoord.txt").write_text(answer, encoding="utf-8")
    return kaart("bevestig", "antwoord.txt", "--datum", TODAY, *extra, cwd=root)


def _record(root: Path) -> dict:
    return yaml.safe_load((root / "aanbod" / "coach-a.yml").read_text(encoding="utf-8"))


def _page(root: Path) -> str:
    result, kaart_ = check_project(Project(root), dt.date.fromisoformat(TODAY))
    assert result.ok, result.problems
    return SiteRenderer(kaart_, Project(root), dt.date.fromisoformat(TODAY)).aanbod_page(kaart_.aanbod["coach-a"])


def test_klopt_without_changes_confirms_the_offer_as_it_stands(tmp_path):
    root = _project(tmp_path)
    before = (root / "aanbod" / "coach-a.yml").read_text(encoding="utf-8")
    proc = _bevestig(root, _answer("bestaat nog (ja / nee, gestopt op JJJJ-MM-DD): ja", "klopt alles: ja"), "--ja")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "bevestigd zoals het er staat" in proc.stdout
    record = _record(root)
    assert record["status"] == "bevestigd"
    assert record["laatst_gecontroleerd"] == "2026-03-01"
    assert record["bronnen"][-1] == {"bevestigd": "2026-03-01", "door": "Organisatie A, teamleider"}
    assert record["jongerentaal"] == base_record("coach-a")["jongerentaal"]  # nothing else changed
    after = (root / "aanbod" / "coach-a.yml").read_text(encoding="utf-8")
    assert after.startswith("# bron gecontroleerd door de redactie\n")
    assert after.startswith(before.split("status:")[0])  # the lines before the first change are untouched
    assert "Bevestigd door de aanbieder op 2026-03-01 (Organisatie A, teamleider)" in _page(root)


def test_a_new_phone_number_gets_its_own_dated_source_and_shows_on_the_page(tmp_path):
    root = _project(tmp_path)
    proc = _bevestig(root, _answer("klopt alles: nee", "telefoon: 0000 000000"), "--ja")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "+  telefoon: 0000 000000" in proc.stdout  # the diff was shown
    record = _record(root)
    assert record["contact"]["telefoon"] == "0000 000000"
    assert record["contact"]["bronnen"]["telefoon"] == {"bevestigd": "2026-03-01", "door": "Organisatie A, teamleider"}
    assert record["bronnen"][-1]["onderdeel"] == "antwoord op het controleverzoek: telefoon"
    page = _page(root)
    assert "0000 000000" in page and "Laatst bevestigd door de aanbieder op 2026-03-01" in page


def test_an_invalid_email_gets_the_checkers_message_and_nothing_is_written(tmp_path):
    root = _project(tmp_path)
    before = (root / "aanbod" / "coach-a.yml").read_text(encoding="utf-8")
    proc = _bevestig(root, _answer("e-mail: info@@example"), "--ja")
    assert proc.returncode == 1
    line = next(n for n, text in enumerate(proc.stdout.splitlines()) if "contact.email" in text)
    assert proc.stdout.splitlines()[line].startswith("aanbod/coach-a.yml:")
    assert (
        "contact.email: 'info@@example' heeft niet de goede vorm — schrijf een e-mailadres zoals naam@organisatie.nl"
        in proc.stdout
    )
    assert "er is niets geschreven" in proc.stdout
    assert (root / "aanbod" / "coach-a.yml").read_text(encoding="utf-8") == before
    assert "Traceback" not in proc.stderr


def test_a_stopped_offer_gets_status_gestopt_with_the_date(tmp_path):
    root = _project(tmp_path)
    proc = _bevestig(root, _answer("bestaat nog: nee, gestopt op 2026-01-31"), "--ja")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    record = _record(root)
    assert record["status"] == "gestopt"
    assert record["bronnen"][-1]["onderdeel"] == "gestopt op 2026-01-31"
    page = _page(root)
    assert '!!! warning "Gestopt"' in page
    assert "Bevestigd door de aanbieder op 2026-03-01 (Organisatie A, teamleider): gestopt op 2026-01-31" in page


def test_answers_that_cannot_be_read_say_where_and_write_nothing(tmp_path):
    root = _project(tmp_path)
    before = (root / "aanbod" / "coach-a.yml").read_text(encoding="utf-8")
    proc = _bevestig(root, _answer("leeftijd: jong", aanbod="coach-b"), "--ja")
    assert proc.returncode == 1
    assert "antwoord.txt:3: aanbod 'coach-b' bestaat niet in aanbod/" in proc.stdout
    proc = _bevestig(root, _answer("leeftijd: jong"), "--ja")
    assert (
        "antwoord.txt:4: 'jong' is geen leeftijd — schrijf bijvoorbeeld '16 tot en met 23' of 'vanaf 18'" in proc.stdout
    )
    proc = _bevestig(root, _answer("bestaat nog: ja", "klopt alles: nee", "opmerking: de kosten zijn anders"), "--ja")
    assert "antwoord.txt:5: de aanbieder zegt dat niet alles klopt, maar geeft geen nieuwe waarde" in proc.stdout
    proc = _bevestig(root, "geen blok hier\n", "--ja")
    assert f"antwoord.txt:1: geen antwoord gevonden — het blok begint met '{BEGIN}'" in proc.stdout
    assert (root / "aanbod" / "coach-a.yml").read_text(encoding="utf-8") == before


def test_without_ja_from_standard_input_it_only_shows_the_diff(tmp_path):
    root = _project(tmp_path)
    before = (root / "aanbod" / "coach-a.yml").read_text(encoding="utf-8")
    proc = kaart("bevestig", "--datum", TODAY, cwd=root, stdin=_answer("klopt alles: ja"))
    assert proc.returncode == 1
    assert "+status: bevestigd" in proc.stdout and "bevestig met --ja" in proc.stdout
    assert (root / "aanbod" / "coach-a.yml").read_text(encoding="utf-8") == before


def test_the_mail_link_carries_address_subject_and_the_answer_block_that_bevestig_reads(tmp_path):
    root = _project(tmp_path)
    result, kaart_ = check_project(Project(root))
    renderer = SiteRenderer(kaart_, Project(root), instellingen=Instellingen(redactie_email="redactie@example.org"))
    page = renderer.aanbod_page(kaart_.aanbod["coach-a"])
    href = page.split("[Geen GitHub? Mail de redactie](", 1)[1].split(")", 1)[0]
    assert href.startswith("mailto:redactie@example.org?subject=Geef%20het%20door%3A%20Coach%20A%20%28coach-a%29&body=")
    body = unquote(href.split("&body=", 1)[1])
    assert "Wat de kaart niet weet: leeftijd," in body
    assert body.endswith(EINDE) and "aanbod: coach-a" in body
    # the provider fills in the block as it arrives and the editor runs bevestig on the mail
    filled = body.replace("klopt alles (ja / nee):", "klopt alles: ja")
    filled = filled.replace("ingevuld door (organisatie en functie):", "ingevuld door: teamleider")
    proc = _bevestig(root, "\n".join("> " + line for line in filled.splitlines()), "--ja")  # quoted in a reply
    assert proc.returncode == 0, proc.stdout
    assert _record(root)["status"] == "bevestigd"


def test_without_an_address_the_build_warns_once_and_shows_no_mail_link(tmp_path, monkeypatch):
    monkeypatch.delenv("KAART_REDACTIE_EMAIL", raising=False)
    root = _project(tmp_path)
    (root / "mkdocs.yml").write_text("extra:\n  redactie:\n    email: !ENV KAART_REDACTIE_EMAIL\n", encoding="utf-8")
    instellingen = Instellingen.lees(root)
    assert instellingen.redactie_email is None
    assert [p.veld for p in instellingen.problemen] == ["extra.redactie.email"]
    result, kaart_ = check_project(Project(root))
    page = SiteRenderer(kaart_, Project(root), instellingen=instellingen).aanbod_page(kaart_.aanbod["coach-a"])
    assert "mailto:" not in page and "Geef het door" in page
    monkeypatch.setenv("KAART_REDACTIE_EMAIL", "redactie@example.org")
    assert Instellingen.lees(root).redactie_email == "redactie@example.org"
    assert Instellingen.lees(root).problemen == ()


def test_kaart_verzoek_carries_the_answer_block_per_offer(tmp_path):
    root = _project(tmp_path)
    proc = kaart("verzoek", "org-a", cwd=root)
    assert proc.returncode == 0, proc.stderr
    blocks = [part.split("\n```", 1)[0] for part in proc.stdout.split("```text\n")[1:]]
    assert [b.splitlines()[1] for b in blocks] == ["organisatie: org-a", "aanbod: coach-a"]
    assert all(b.startswith(BEGIN) and b.endswith(EINDE) for b in blocks)


def test_an_answer_about_the_organisation_adds_its_contact_with_a_dated_source(tmp_path):
    root = _project(tmp_path)
    answer = "\n".join(
        [
            BEGIN,
            "organisatie: org-a",
            "website: https://example.org/",
            "ingevuld door (organisatie en functie): Organisatie A, secretariaat",
            "datum: 2026-03-01",
            EINDE,
        ]
    )
    proc = _bevestig(root, answer, "--ja")
    assert proc.returncode == 0, proc.stdout
    org = yaml.safe_load((root / "aanbod" / "organisaties" / "org-a.yml").read_text(encoding="utf-8"))
    assert org["contact"] == {
        "website": "https://example.org/",
        "bronnen": {"website": {"bevestigd": "2026-03-01", "door": "Organisatie A, secretariaat"}},
    }
    assert org["bronnen"][-1]["onderdeel"] == "antwoord op het controleverzoek: website"
    assert kaart("check", cwd=root).returncode == 0


def test_situatie_from_the_answer_maps_onto_the_list_with_the_answer_as_its_source(tmp_path):
    root = _project(tmp_path)
    proc = _bevestig(root, _answer("situatie: gestopt met school, Uitkering"), "--ja")
    assert proc.returncode == 0, proc.stdout
    doelgroep = _record(root)["doelgroep"]
    assert doelgroep["situatie"] == ["gestopt", "uitkering"]
    assert doelgroep["bronnen"]["situatie"] == {
        "titel": "Antwoord van de aanbieder op het controleverzoek",
        "jaar": 2026,
        "onderdeel": "Organisatie A, teamleider, 2026-03-01",
        "citaat": "gestopt met school, Uitkering",
    }
    proc = _bevestig(root, _answer("situatie: thuiszitter"), "--ja")
    assert "antwoord.txt:4: 'thuiszitter' staat niet in de lijst 'situatie'" in proc.stdout


def test_every_mail_link_of_the_real_kaart_fits_a_mail_program():
    """Some mail programs cut a mailto: link after about 2,000 characters: the answer block would be lost."""
    from kaart.build import prepare_site
    from support import ROOT

    prepared = prepare_site(Project(ROOT), instellingen=Instellingen(redactie_email="redactie@example.org"))
    lengths = {}
    for path, page in prepared.output.pages.items():
        if path.startswith("aanbod/") and "Mail de redactie" in page.markdown:
            href = page.markdown.split("[Geen GitHub? Mail de redactie](", 1)[1].split(")", 1)[0]
            lengths[path] = len(href)
            assert unquote(href).endswith(EINDE), path
    assert len(lengths) == len(prepared.kaart.aanbod)
    assert max(lengths.values()) < 2000, max(lengths.items(), key=lambda kv: kv[1])


def _interactive(root: Path, answer: str, reply: str):
    """`kaart bevestig antwoord.txt` at a terminal: standard input is a pseudo-terminal that types `reply`."""
    import os
    import subprocess
    import sys

    (root / "antwoord.txt").write_text(answer, encoding="utf-8")
    master, slave = os.openpty()
    try:
        os.write(master, reply.encode())
        return subprocess.run(
            [sys.executable, "-m", "kaart.cli.main", "bevestig", "antwoord.txt", "--datum", TODAY],
            stdin=slave,
            capture_output=True,
            text=True,
            cwd=root,
            env=dict(os.environ, PYTHONIOENCODING="utf-8"),
            timeout=60,
        )
    finally:
        os.close(master)
        os.close(slave)


def test_at_a_terminal_it_asks_before_writing(tmp_path):
    root = _project(tmp_path)
    before = (root / "aanbod" / "coach-a.yml").read_text(encoding="utf-8")
    proc = _interactive(root, _answer("klopt alles: ja"), "n\n")
    assert "Deze wijzigingen schrijven? [j/N]" in proc.stdout and "Niets geschreven." in proc.stdout
    assert (root / "aanbod" / "coach-a.yml").read_text(encoding="utf-8") == before
    proc = _interactive(root, _answer("klopt alles: ja"), "j\n")
    assert proc.returncode == 0 and "Geschreven: aanbod/coach-a.yml" in proc.stdout
    assert _record(root)["status"] == "bevestigd"
