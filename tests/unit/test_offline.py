"""kaart.publish.offline: one version per build content, the worker's list of files, the pages it adds."""

from __future__ import annotations

import datetime as dt
import json

from kaart.pages.site import GeneratedPage, SiteOutput
from kaart.project import Project
from kaart.publish.offline import add_offline, build_version, datum, precache_list
from support import ROOT


def _output() -> SiteOutput:
    return SiteOutput(pages={"a/index.md": GeneratedPage("# A")}, files={"data/wegwijzer.json": b"{}"})


def test_the_version_follows_the_content_not_the_day():
    project = Project(ROOT)
    first, later = _output(), _output()
    add_offline(first, project, dt.date(2026, 1, 5))
    add_offline(later, project, dt.date(2026, 3, 9))
    version = json.loads(first.files["data/offline.json"])["versie"]
    assert json.loads(later.files["data/offline.json"]) == {"versie": version, "gebouwd": "2026-03-09"}
    assert f'"{version}"' in first.files["sw.js"].decode()  # the worker carries its build's version
    assert "5 januari 2026" in first.pages["offline/index.md"].markdown  # the offline page says when
    changed = _output()
    changed.files["data/wegwijzer.json"] = b'{"aanbod":[]}'
    assert build_version(changed, project) != version


def test_every_file_the_worker_caches_is_in_the_built_site(built_site):
    for path in precache_list(Project(ROOT)):
        target = built_site / path / "index.html" if path.endswith("/") else built_site / path
        assert target.is_file(), path
    assert (built_site / "sw.js").is_file() and (built_site / "manifest.webmanifest").is_file()
    manifest = json.loads((built_site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["icons"][0]["src"] == "assets/favicon.svg" and manifest["theme_color"]


def test_dutch_date():
    assert datum(dt.date(2026, 12, 6)) == "6 december 2026"
