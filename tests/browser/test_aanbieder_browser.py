"""'Geen GitHub? Mail de redactie' on an offer page in a real browser: address, subject and the answer block."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from kaart.records.bevestig import BEGIN, EINDE

pytestmark = pytest.mark.browser


def test_offer_page_mails_the_redactie_with_the_answer_block(phone, site_url):
    page = phone.page
    page.goto(site_url + "/aanbod/learn2work/")
    link = page.get_by_role("link", name="Geen GitHub? Mail de redactie")
    href = link.get_attribute("href")
    parts = urlsplit(href)
    assert parts.scheme == "mailto" and unquote(parts.path) == "redactie@example.org"  # conftest's fictional address
    query = parse_qs(parts.query)
    assert query["subject"] == ["Geef het door: Learn2Work (learn2work)"]
    body = query["body"][0]
    assert "Over Learn2Work (learn2work) op de Sociale kaart 16-27." in body
    assert "Wat de kaart nu zegt:" in body and "Wat de kaart niet weet:" in body
    block = body[body.index(BEGIN) :]
    assert block.endswith(EINDE)
    lines = block.splitlines()
    assert lines[1] == "aanbod: learn2work"
    assert "bestaat nog (ja / nee, gestopt op JJJJ-MM-DD):" in lines
    assert "ingevuld door (organisatie en functie):" in lines
    # next to the GitHub form, which stays
    assert page.get_by_role("link", name="Klopt er iets niet of is er nieuws? Geef het door").count() == 1
    assert phone.console_errors == []
