"""kaart bevestig edits the record's text block by block: comments, order and layout elsewhere stay."""

from __future__ import annotations

import yaml

from kaart.records.bevestig import wijzig_tekst

ORDER = ["id", "status", "contact", "bronnen", "laatst_gecontroleerd", "trefwoorden"]
BRON = {"bevestigd": "2026-03-01", "door": "teamleider"}


def _edit(text: str, change) -> tuple[str, dict]:
    data = yaml.safe_load(text)
    keys = change(data)
    return wijzig_tekst(text, data, keys, ORDER, BRON if "bronnen" in keys else None), data


def test_a_new_source_goes_below_the_others_and_the_rest_is_untouched():
    text = (
        "# bovenaan\nid: x\nstatus: beschreven  # nog niet gevraagd\nbronnen:\n"
        "  - {document: verwey-jonker-almere-2016, onderdeel: Tabel 2}\n\n# over de trefwoorden\ntrefwoorden: [a, b]\n"
    )

    def change(d):
        d["status"] = "bevestigd"
        d["bronnen"].append(BRON)
        d["laatst_gecontroleerd"] = "2026-03-01"
        return ["status", "bronnen", "laatst_gecontroleerd"]

    out, data = _edit(text, change)
    assert yaml.safe_load(out) == data
    assert out == (
        "# bovenaan\nid: x\nstatus: bevestigd\nbronnen:\n"
        "  - {document: verwey-jonker-almere-2016, onderdeel: Tabel 2}\n"
        "  - bevestigd: '2026-03-01'\n    door: teamleider\n"
        "laatst_gecontroleerd: '2026-03-01'\n\n# over de trefwoorden\ntrefwoorden: [a, b]\n"
    )


def test_a_flow_list_of_sources_is_rewritten_whole_and_a_new_block_takes_its_schema_place():
    text = "id: x\nbronnen: [{titel: A, jaar: 2020}]\ntrefwoorden: [a]\n"

    def change(d):
        d["bronnen"].append(BRON)
        d["contact"] = {"telefoon": "0000 000000", "bronnen": {"telefoon": BRON}}
        return ["contact", "bronnen"]

    out, data = _edit(text, change)
    assert yaml.safe_load(out) == data
    assert list(yaml.safe_load(out)) == ["id", "contact", "bronnen", "trefwoorden"]
    assert out.endswith("trefwoorden: [a]\n")
