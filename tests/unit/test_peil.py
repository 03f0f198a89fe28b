"""One cadence for every place that says how fresh an offer is: the offer page, the finder cards, the search
snippets (and the HSDS alert and the verification sheet, from the same Peil) follow the site's setting."""

from __future__ import annotations

import datetime as dt
import json

from kaart.build import prepare_site
from kaart.instellingen import Instellingen
from kaart.project import Project


def test_a_confirmation_within_the_sites_cadence_is_fresh_everywhere(tmp_path):
    from support.hardening import copy_project

    root = copy_project(tmp_path / "proj")
    record = root / "aanbod" / "learn2work.yml"
    text = record.read_text(encoding="utf-8")
    # a dated confirmation by the provider, 20 months before the build's day (fictional, in a temp copy)
    text = text.replace("\nbronnen:\n", '\nbronnen:\n  - bevestigd: "2025-04-01"\n    door: Testaanbieder\n', 1)
    record.write_text(text.replace("status: beschreven", "status: bevestigd"), encoding="utf-8")
    day = dt.date(2026, 12, 6)
    yearly = prepare_site(Project(root), day, Instellingen(cadans_maanden=12))
    biyearly = prepare_site(Project(root), day, Instellingen(cadans_maanden=24))

    def places(prepared) -> list[str]:
        """The offer page, the finder data (cards) and the search snippets."""
        return [
            prepared.output.pages["aanbod/learn2work.md"].markdown,
            prepared.output.files["data/wegwijzer.json"].decode("utf-8"),
            next(  # the search snippet's state line of this offer
                entry[4]
                for k, v in prepared.output.files.items()
                if "zoekindex/d-" in k
                for entry in json.loads(v)
                if entry[0].startswith("aanbod/learn2work")
            ),
        ]

    for text in places(yearly):
        assert "bevestiging verlopen: laatst bevestigd door de aanbieder op 2025-04-01" in text
    for text in places(biyearly):
        assert "bevestigd door de aanbieder op 2025-04-01" in text
        assert "bevestiging verlopen" not in text
