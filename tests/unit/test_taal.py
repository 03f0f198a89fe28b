"""The language check of the jongerentaal texts (`kaart taal`, also part of `kaart check`)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from kaart.check.checker import check_project
from kaart.check.reporting import format_text
from kaart.check.taal import MAX_ZIN_WOORDEN, load_taallijst, taal_rapport
from kaart.project import Project
from support import ROOT

SIMPEL = {
    "wat_is_het": "Je krijgt een coach. Samen kijk je wat je wilt.",
    "is_het_voor_mij": "Heb je geen werk en geen school? Dan is het voor jou.",
    "wat_krijg_je": "Je praat elke week met je coach. Je zoekt samen werk.",
    "hoe_begin_je": "Vraag je mentor of je klantmanager bij de gemeente.",
}
AMBTELIJK = (
    "In het kader van de Participatiewet wordt in samenwerking met ketenpartners een integraal "
    "re-integratietraject aangeboden ter bevordering van de duurzame arbeidsparticipatie van de doelgroep."
)


def _record(jongerentaal: dict) -> str:
    lines = [
        "id: proef",
        "naam: Proef",
        "aanbieder: de-schoor",
        "status: beschreven",
        "soort: traject",
        "fase: [begeleiding]",
        "helpt_bij: [werk]",
        "voor: [jongeren]",
        "werkgebied:",
        "  gemeenten: [almere]",
        "jongerentaal:",
    ]
    lines += [f"  {k}: {v}" for k, v in jongerentaal.items()]
    lines += [
        "beschrijving: Een aanbod dat alleen bestaat om de controle van de jongerentaal te testen. Het staat niet op "
        "de site.",
        "bronnen:",
        "  - document: handreiking-2017",
    ]
    return "\n".join(lines) + "\n"


@pytest.fixture
def kopie(tmp_path) -> Project:
    """A project with the real schemas and one organisation, and only our test offer."""
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    (tmp_path / "aanbod" / "organisaties").mkdir(parents=True)
    shutil.copy(ROOT / "aanbod" / "organisaties" / "de-schoor.yml", tmp_path / "aanbod" / "organisaties")
    return Project(tmp_path)


def _taal_messages(project: Project) -> list[str]:
    result, _ = check_project(project)
    return [format_text(p) for p in result.sorted() if p.regel.startswith("taal-")]


def test_simple_text_passes(kopie):
    (kopie.aanbod_dir / "proef.yml").write_text(_record(SIMPEL), encoding="utf-8")
    assert _taal_messages(kopie) == []


def test_bureaucratic_text_fails_with_file_line_field_and_plain_alternative(kopie):
    (kopie.aanbod_dir / "proef.yml").write_text(_record(dict(SIMPEL, wat_is_het=AMBTELIJK)), encoding="utf-8")
    messages = _taal_messages(kopie)
    veld = "aanbod/proef.yml:12: jongerentaal.wat_is_het:"
    assert messages == [
        f"{veld} vakwoord 'Participatiewet' — schrijf in gewone woorden, bijvoorbeeld: "
        "de regels voor een uitkering en hulp bij werk van de gemeente [taal-vakwoord]",
        f"{veld} vakwoord 'arbeidsparticipatie' — schrijf in gewone woorden, bijvoorbeeld: werken [taal-vakwoord]",
        f"{veld} vakwoord 'doelgroep' — schrijf in gewone woorden, bijvoorbeeld: jongeren zoals jij [taal-vakwoord]",
        f"{veld} vakwoord 'integraal' — schrijf in gewone woorden, bijvoorbeeld: alles tegelijk [taal-vakwoord]",
        f"{veld} vakwoord 'ketenpartners' — schrijf in gewone woorden, bijvoorbeeld: organisaties die samenwerken "
        f"[taal-vakwoord]",
        f"{veld} vakwoord 're-integratietraject' — schrijf in gewone woorden, bijvoorbeeld: "
        "hulp om (weer) aan het werk te gaan [taal-vakwoord]",
        f"{veld} zin van 24 woorden (maximaal 15): 'In het kader van de …' — "
        "knip de zin in tweeën: één boodschap per zin [taal-zinslengte]",
    ]
    # together the four texts are still readable enough; this one on its own is not
    _, result = taal_rapport(kopie, tekst=AMBTELIJK)
    assert (
        "<tekst>:1: waarschuwing: moeilijk te lezen (leesgemak -2, minimaal 60) — "
        "gebruik kortere zinnen en kortere woorden [taal-leesgemak]" in [format_text(p) for p in result.problems]
    )


def test_long_words_warn_unless_known_or_part_of_the_name(kopie):
    text = "Je krijgt hulp bij je arbeidsmarktoriëntatie. Vraag het aan de leerplichtambtenaar."
    (kopie.aanbod_dir / "proef.yml").write_text(_record(dict(SIMPEL, wat_krijg_je=text)), encoding="utf-8")
    result, _ = check_project(kopie)
    taal = [p for p in result.problems if p.regel.startswith("taal-")]
    assert [p.message() for p in taal] == [
        "jongerentaal.wat_krijg_je: vakwoord 'arbeidsmarktoriëntatie' — schrijf in gewone woorden, "
        "bijvoorbeeld: werk of banen",
    ]
    text = "Je krijgt hulp bij je zelfstandigheidstraining. Vraag het aan de leerplichtambtenaar."
    (kopie.aanbod_dir / "proef.yml").write_text(_record(dict(SIMPEL, wat_krijg_je=text)), encoding="utf-8")
    result, _ = check_project(kopie)
    taal = [p for p in result.problems if p.regel.startswith("taal-")]
    assert [(p.ernst, p.message()) for p in taal] == [
        (
            "waarschuwing",
            "jongerentaal.wat_krijg_je: lang woord 'zelfstandigheidstraining' (24 letters, maximaal 16) — "
            "gebruik een korter woord of zeg het in een paar gewone woorden",
        )
    ]
    assert result.ok  # a long word warns; it does not block `kaart check`


def test_sentence_of_exactly_the_maximum_passes_and_one_more_fails(kopie):
    words = ["Je"] + ["gaat"] * (MAX_ZIN_WOORDEN - 1)
    ok = " ".join(words) + "."
    (kopie.aanbod_dir / "proef.yml").write_text(_record(dict(SIMPEL, wat_krijg_je=ok)), encoding="utf-8")
    assert not [p for p in check_project(kopie)[0].problems if p.regel == "taal-zinslengte"]
    (kopie.aanbod_dir / "proef.yml").write_text(
        _record(dict(SIMPEL, wat_krijg_je=ok[:-1] + " werk.")), encoding="utf-8"
    )
    assert [p.bericht for p in check_project(kopie)[0].problems if p.regel == "taal-zinslengte"] == [
        f"zin van {MAX_ZIN_WOORDEN + 1} woorden (maximaal {MAX_ZIN_WOORDEN}): 'Je gaat gaat gaat gaat …'"
    ]


def test_short_abbreviations_only_count_as_a_whole_word(kopie):
    text = "Het RMC belt je. Je krijgt een bol met ijs."
    (kopie.aanbod_dir / "proef.yml").write_text(_record(dict(SIMPEL, wat_krijg_je=text)), encoding="utf-8")
    found = [p.bericht for p in check_project(kopie)[0].problems if p.regel == "taal-vakwoord"]
    assert found == ["vakwoord 'RMC'", "vakwoord 'bol'"]
    text = "Je krijgt een bolletje wol en een bbq-pakket."
    (kopie.aanbod_dir / "proef.yml").write_text(_record(dict(SIMPEL, wat_krijg_je=text)), encoding="utf-8")
    assert [p for p in check_project(kopie)[0].problems if p.regel == "taal-vakwoord"] == []


def test_jargon_list_has_forty_words_each_with_a_plain_alternative():
    taallijst, problems = load_taallijst(ROOT / "schemas" / "jargon.yml")
    assert problems == []
    assert len(taallijst.vakwoorden) >= 40
    for woord in ("startkwalificatie", "traject", "uitstroom", "participatiewet", "RMC", "leerbaarheid"):
        assert woord in {v.woord for v in taallijst.vakwoorden}
    for v in taallijst.vakwoorden:  # the alternative itself must not be jargon
        assert not any(other.matches(w) for other in taallijst.vakwoorden for w in v.zeg.split()), v


def test_broken_jargon_list_is_a_clear_problem_not_a_traceback(kopie):
    (kopie.schemas_dir / "jargon.yml").write_text("vakwoorden:\n  - {woord: traject}\n", encoding="utf-8")
    result, _ = check_project(kopie)
    assert [format_text(p) for p in result.problems if p.regel == "taal-jargonlijst"] == [
        "schemas/jargon.yml:2: vakwoorden[0]: vakwoord zonder `woord` of `zeg` — "
        "schrijf: - {woord: vakwoord, zeg: gewoon alternatief} [taal-jargonlijst]"
    ]


def test_every_real_record_passes_the_language_check(project):
    text, result = taal_rapport(project)
    assert result.problems == [], text


def test_kaart_taal_command_reports_and_fails_on_jargon(kopie):
    (kopie.aanbod_dir / "proef.yml").write_text(
        _record(dict(SIMPEL, hoe_begin_je="Meld je bij het RMC.")), encoding="utf-8"
    )
    proc = subprocess.run(
        [sys.executable, "-m", "kaart.cli.main", "--root", str(kopie.root), "taal"], capture_output=True, text=True
    )
    assert proc.returncode == 1
    assert (
        "aanbod/proef.yml:15: jongerentaal.hoe_begin_je: vakwoord 'RMC' — schrijf in gewone woorden, "
        "bijvoorbeeld: het team van de gemeente dat jongeren zonder diploma helpt [taal-vakwoord]" in proc.stdout
    )
    assert "Traceback" not in proc.stderr


def test_leesgemak_is_flesch_douma_as_textstat_computes_it(project):
    """kaart.check.taal computes the score itself (fast); it must stay equal to textstat's for Dutch."""
    import textstat
    import yaml

    from kaart.check.taal import VELDEN, leesgemak

    textstat.set_lang("nl")
    texts = [
        "Teneinde de participatie van de doelgroep te bevorderen, wordt een integraal traject aangeboden.",
        "Je krijgt een coach. Samen kijk je wat je wilt. Het kost niets.",
    ]
    for path in project.aanbod_files():
        jt = yaml.safe_load(path.read_text(encoding="utf-8"))["jongerentaal"]
        texts.append(" ".join(jt[v] for v in VELDEN))
    for text in texts:
        assert leesgemak(text) == pytest.approx(textstat.flesch_reading_ease(text), abs=0.01), text
