"""Freshness as a state: bevestigd, bevestiging verlopen, nooit bevestigd, with a fixed "today"."""

from __future__ import annotations

import datetime as dt

from kaart import actualiteit
from kaart.check.checker import check_project
from kaart.instellingen import Instellingen
from kaart.pages import bevestigingen
from kaart.pages.site import SiteRenderer
from kaart.project import Project
from support.redactie_fixtures import base_record, kaart, make_project

TODAY = dt.date(2026, 6, 1)


def _records():
    return [
        base_record("recent", laatst_gecontroleerd="2026-03-01"),
        base_record("oud", laatst_gecontroleerd="2025-01-15"),
        base_record("nooit"),
        base_record("bijna", bronnen=[{"titel": "Testbron", "jaar": 2025}, {"bevestigd": "2025-06-20", "door": "x"}]),
        base_record("gestopt-aanbod", status="gestopt"),
        base_record("landelijk", werkgebied={"landelijk": True}),
    ]


def _kaart(tmp_path):
    project = Project(make_project(tmp_path / "p", _records()))
    result, kaart_ = check_project(project, TODAY)
    assert result.ok, result.problems
    return project, kaart_


def test_each_offer_has_one_of_three_states(tmp_path):
    _, k = _kaart(tmp_path)
    staat = {i: actualiteit.staat(a, TODAY) for i, a in k.aanbod.items()}
    assert staat["recent"] == actualiteit.Staat("bevestigd", dt.date(2026, 3, 1), dt.date(2027, 3, 1))
    assert staat["oud"].naam == "bevestiging verlopen" and staat["oud"].verloopt_op == dt.date(2026, 1, 15)
    assert staat["nooit"] == actualiteit.Staat("nooit bevestigd")
    assert staat["bijna"].naam == "bevestigd" and staat["bijna"].binnen(TODAY)  # runs out on 2026-06-20
    assert not staat["recent"].binnen(TODAY)
    # a confirmation holds up to and including the day one cadence later
    assert actualiteit.staat(k.aanbod["oud"], dt.date(2026, 1, 15)).naam == "bevestigd"
    assert actualiteit.staat(k.aanbod["oud"], dt.date(2026, 1, 16)).naam == "bevestiging verlopen"
    # the cadence decides: with 24 months the old confirmation still holds
    assert actualiteit.staat(k.aanbod["oud"], TODAY, 24).naam == "bevestigd"
    assert actualiteit.plus_maanden(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)


def test_pages_and_cards_say_the_state_in_words(tmp_path):
    project, k = _kaart(tmp_path)
    renderer = SiteRenderer(k, project, TODAY, Instellingen(redactie_email=None))
    page = {i: renderer.aanbod_page(k.aanbod[i]) for i in ("recent", "oud", "nooit")}
    assert "Volgens een bron uit 2025 · bevestigd door de aanbieder op 2026-03-01\n" in page["recent"]
    assert "De bevestiging geldt tot en met 2027-03-01." in page["recent"]
    assert (
        "Volgens een bron uit 2025 · bevestiging verlopen: laatst bevestigd door de aanbieder op 2025-01-15\n"
        in page["oud"]
    )
    assert "De bevestiging is verlopen: de aanbieder bevestigt elke 12 maanden" in page["oud"]
    assert "Dat is lang geleden: vraag na of het nog zo is." in page["oud"]  # the youth line
    assert "Volgens een bron uit 2025 · nooit bevestigd door de aanbieder\n" in page["nooit"]
    # the cards of the wegwijzer and the youth route read the same line (kaart.pages.finder)
    assert actualiteit.regel(k.aanbod["oud"], project.vocab, TODAY).endswith("op 2025-01-15")
    longer = SiteRenderer(k, project, TODAY, Instellingen(cadans_maanden=24)).aanbod_page(k.aanbod["oud"])
    assert "bevestiging verlopen" not in longer and "De bevestiging geldt tot en met 2027-01-15." in longer


def test_overview_counts_per_provider_and_gemeente(tmp_path):
    project, k = _kaart(tmp_path)
    (row,) = bevestigingen.per_aanbieder(k, TODAY)
    # five offers that did not stop; confirmed within 12 months: recent and bijna
    assert row == bevestigingen.Telling("org-a", "Organisatie A", 5, 2, dt.date(2025, 1, 15), 2, 1, 1)
    assert row.aandeel == 40
    gemeenten = {r.id: r for r in bevestigingen.per_gemeente(project, k, TODAY)}
    assert gemeenten["almere"].aanbod == 5  # four for almere and the landelijk one
    assert all(r.aanbod == 1 and r.nooit == 1 for g, r in gemeenten.items() if g != "almere")
    section = bevestigingen.overzicht(project, k, TODAY, 12)
    counts = (
        "5 aanbod · 2 bevestigd binnen de termijn (40%) · oudste bevestiging 2025-01-15 · 2 nooit bevestigd · "
        "1 verlopen · 1 verloopt binnen een maand"
    )
    assert f"- [Organisatie A](verzoek/org-a.md): {counts}" in section
    assert f"- **Almere**: {counts}" in section


def test_kaart_rapport_verzoeken_lists_the_requests_to_send_now(tmp_path):
    root = make_project(tmp_path / "p", _records())
    proc = kaart("rapport", "--verzoeken", "--datum", TODAY.isoformat(), cwd=root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.splitlines() == [
        "Stand van 2026-06-01 (bevestigen elke 12 maanden): 1 verzoek aan een organisatie, over 4 aanbiedingen.",
        "",
        "kaart verzoek org-a   # Organisatie A",
        "  bijna: bevestiging verloopt op 2026-06-20",
        "  landelijk: nooit bevestigd door de aanbieder",
        "  nooit: nooit bevestigd door de aanbieder",
        "  oud: bevestiging verlopen: laatst bevestigd door de aanbieder op 2025-01-15",
    ]
    # the cadence is the site setting
    (root / "mkdocs.yml").write_text("extra:\n  redactie:\n    cadans_maanden: 24\n", encoding="utf-8")
    proc = kaart("rapport", "--verzoeken", "--datum", TODAY.isoformat(), cwd=root)
    assert "bevestigen elke 24 maanden" in proc.stdout and "  oud:" not in proc.stdout


def test_the_redactie_page_carries_the_overview_with_the_site_cadence():
    from kaart.build import prepare_site
    from support import ROOT

    prepared = prepare_site(Project(ROOT), TODAY, Instellingen(redactie_email=None, cadans_maanden=6))
    page = prepared.output.pages["redactie/index.md"].markdown
    assert "## Bevestigd door de aanbieders { #bevestigingen }" in page
    assert "Een aanbieder bevestigt zijn aanbod elke 6 maanden." in page
    assert "### Per aanbieder" in page and "### Per gemeente" in page
    assert "- **Almere**: " in page
    assert "## Meer dan 6 maanden geleden gecontroleerd { #verouderd }" in page  # the werklijst follows it too


def test_wrong_settings_are_named_once_and_fall_back():
    s = Instellingen.uit_extra({"redactie": {"email": "redactie at example", "cadans_maanden": "jaarlijks"}})
    assert s.redactie_email is None and s.cadans_maanden == 12
    assert [str(p.bericht) for p in s.problemen] == [
        "'redactie at example' is geen e-mailadres; de link 'Mail de redactie' staat niet op de site",
        "'jaarlijks' is geen aantal maanden; de kaart rekent met 12",
    ]
