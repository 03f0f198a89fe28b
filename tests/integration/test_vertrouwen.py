"""Issue 13, trust: how old each fact is, who provides it, and the provider's way in ("Geef het door").

Built-site tests read the real pages; record tests use a small fixture project so
the exact messages an editor sees are pinned down.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from kaart.check.checker import check_project
from kaart.check.reporting import format_text
from kaart.export.tables import export_files
from kaart.pages.site import SiteRenderer
from kaart.project import Project
from support.redactie_fixtures import ROOT, base_record, make_project

FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"
GEEF_DOOR = "Klopt er iets niet of is er nieuws? Geef het door"


def html(built_site: Path, url_path: str) -> str:
    return (built_site / url_path / "index.html").read_text(encoding="utf-8")


def article(page: str) -> str:
    return page.split("<article", 1)[1].split("</article>", 1)[0]


def record_yaml(record_id: str) -> dict:
    return yaml.safe_load((ROOT / "aanbod" / f"{record_id}.yml").read_text(encoding="utf-8"))


def document_years() -> dict[str, int]:
    vocab = json.loads((ROOT / "schemas" / "vocabulaires.schema.json").read_text(encoding="utf-8"))
    return {o["const"]: o["x-jaar"] for o in vocab["$defs"]["document"]["oneOf"]}


@pytest.fixture(scope="module")
def real():
    project = Project(ROOT)
    result, kaart = check_project(project)
    assert result.ok, [format_text(p) for p in result.errors]
    return project, kaart


# -- 1. the age of the information -------------------------------------------------
def test_no_record_says_it_exists_today_on_a_source_alone():
    """`actief` read as 'it exists today'; a record is beschreven until the provider confirms it."""
    for path in sorted((ROOT / "aanbod").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data["status"] in ("beschreven", "bevestigd", "gestopt"), path.name
        if data["status"] == "bevestigd":
            assert data.get("laatst_gecontroleerd") or any("bevestigd" in b for b in data["bronnen"]), path.name


def test_every_offer_page_says_how_old_its_information_is_right_under_the_title(built_site, real):
    _, kaart = real
    years = document_years()
    for aanbod in kaart.aanbod.values():
        text = article(html(built_site, f"aanbod/{aanbod.id}"))
        data = record_yaml(aanbod.id)
        newest = max(years[b["document"]] if "document" in b else b.get("jaar", 0) for b in data["bronnen"])
        line = f'<p class="kaart-actualiteit">Volgens een bron uit {newest} · nooit bevestigd door de aanbieder</p>'
        assert line in text, aanbod.id
        # near the title: after the h1, before the youth summary and everything for professionals
        assert text.index("</h1>") < text.index(line) < text.index("In het kort, voor jou"), aanbod.id
        # and in the youth summary, in youth words
        youth = text.split('<div class="admonition jongeren">', 1)[1].split("</div>", 1)[0]
        assert (
            f'<p class="kaart-actualiteit">Deze informatie is van {newest}. Vraag na of het nog bestaat.</p>' in youth
        ), aanbod.id


def test_home_page_says_in_one_sentence_how_old_the_sources_are_and_names_itself_once(built_site):
    page = html(built_site, "")
    assert re.findall(r"<title>(.*?)</title>", page) == ["Sociale kaart 16-27"]
    years = document_years()
    used = [
        years[b["document"]] if "document" in b else b["jaar"]
        for path in (ROOT / "aanbod").glob("*.yml")
        for b in yaml.safe_load(path.read_text(encoding="utf-8"))["bronnen"]
        if "document" in b or "jaar" in b
    ]
    sentence = re.search(r'<p class="kaart-actualiteit">(De bronnen van dit aanbod zijn uit [^<]*)</p>', page)
    assert sentence, "the home page must say how old the sources are"
    assert f"uit {min(used)} tot en met {max(used)}" in sentence.group(1)
    assert "<!-- kaart:bronleeftijd -->" not in page


def test_a_dated_confirmation_shows_on_the_page_instead_of_not_yet_confirmed(tmp_path):
    record = base_record(
        "bevestigd-aanbod",
        status="bevestigd",
        bronnen=[
            {"titel": "Testbron", "jaar": 2016},
            {"bevestigd": "2026-03-01", "door": "teamleider, per e-mail aan de redactie"},
        ],
        contact={
            "telefoon": "036 123 45 67",
            "bronnen": {"telefoon": {"bevestigd": "2026-03-01", "door": "receptie, per telefoon"}},
        },
    )
    project = Project(make_project(tmp_path, [record]))
    result, kaart = check_project(project)
    assert result.ok, [format_text(p) for p in result.errors]
    page = SiteRenderer(kaart, project).aanbod_page(kaart.aanbod["bevestigd-aanbod"])
    assert "Volgens een bron uit 2016 · bevestigd door de aanbieder op 2026-03-01\n{ .kaart-actualiteit }" in page
    assert "- Telefoon: 036 123 45 67 (bevestigd door de aanbieder op 2026-03-01)" in page
    assert "Bevestigd door de aanbieder op 2026-03-01 (teamleider, per e-mail aan de redactie)" in page
    assert "nog niet bevestigd" not in page


def test_status_bevestigd_without_a_date_is_refused(tmp_path):
    project = Project(make_project(tmp_path, [base_record("zonder-datum", status="bevestigd")]))
    result, _ = check_project(project)
    assert [format_text(p) for p in result.errors] == [
        "aanbod/zonder-datum.yml:4: status: status 'bevestigd' zonder datum van de bevestiging — voeg onder `bronnen` een bron "
        "`bevestigd: \"JJJJ-MM-DD\"` (met `door`) toe, of zet de status op 'beschreven' zolang de aanbieder het niet heeft "
        "bevestigd [status-bevestigd]"
    ]


# -- 5. every contact value carries its own source ---------------------------------
CONTACT_ZONDER_BRON = (
    "aanbod/met-telefoon.yml:{line}: contact.telefoon: contactgegeven zonder eigen bron — voeg `contact.bronnen.telefoon` toe "
    'met de passage waar het staat (document en onderdeel) of met `bevestigd: "JJJJ-MM-DD"` als de aanbieder het heeft '
    "bevestigd; staat het nergens, haal het dan weg [contact-bron]"
)


def test_a_contact_value_sourced_by_a_dated_confirmation_passes_kaart_check(tmp_path):
    record = base_record(
        "met-telefoon",
        contact={"telefoon": "036 123 45 67", "bronnen": {"telefoon": {"bevestigd": "2026-03-01", "door": "receptie"}}},
    )
    project = make_project(tmp_path, [record])
    proc = subprocess.run(
        [sys.executable, "-m", "kaart.cli.main", "--root", str(project), "check"], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout
    assert "Alles in orde" in proc.stdout


def test_the_same_contact_value_without_its_own_source_fails_even_with_other_sources(tmp_path):
    record = base_record("met-telefoon", contact={"telefoon": "036 123 45 67"})
    assert record["bronnen"], "the record has sources; they do not count for a contact value"
    project = make_project(tmp_path, [record])
    proc = subprocess.run(
        [sys.executable, "-m", "kaart.cli.main", "--root", str(project), "check"], capture_output=True, text=True
    )
    assert proc.returncode == 1
    line = next(
        i
        for i, text in enumerate((project / "aanbod" / "met-telefoon.yml").read_text().splitlines(), 1)
        if text.strip().startswith("telefoon:")
    )
    assert proc.stdout.splitlines()[0] == CONTACT_ZONDER_BRON.format(line=line)


def test_a_source_for_a_contact_value_that_is_not_there_is_refused(tmp_path):
    record = base_record(
        "met-telefoon",
        contact={
            "website": "https://example.org/",
            "bronnen": {
                "website": {"titel": "Folder"},
                "email": {"bevestigd": "2026-03-01", "door": "receptie, per telefoon"},
            },
        },
    )
    result, _ = check_project(Project(make_project(tmp_path, [record])))
    assert [p.message() for p in result.errors] == [
        "contact.bronnen.email: bron voor een contactgegeven dat er niet is (`contact.email` ontbreekt) — "
        "vul `contact.email` in of haal deze bron weg"
    ]


def test_a_confirmation_in_the_future_is_refused(tmp_path):
    record = base_record("toekomst", bronnen=[{"bevestigd": "2999-01-01", "door": "receptie, per telefoon"}])
    result, _ = check_project(Project(make_project(tmp_path, [record])))
    assert [p.message() for p in result.errors] == [
        "bronnen[0].bevestigd: datum 2999-01-01 ligt in de toekomst — vul de datum in waarop de aanbieder het echt heeft bevestigd"
    ]


def test_every_contact_value_on_the_site_has_its_own_source(real):
    _, kaart = real
    for item in list(kaart.aanbod.values()) + list(kaart.organisaties.values()):
        assert set(item.contact) <= set(item.contact_bronnen), item.id


# -- 5. the verification sheet per organisation -------------------------------------
def expected_unknowns(data: dict) -> list[str]:
    """What a record leaves open, read straight from its YAML."""
    doelgroep, toegang = data.get("doelgroep", {}), data.get("toegang", {})
    checks = [
        ("leeftijd", "leeftijd" not in doelgroep),
        ("situatie van de jongere", not doelgroep.get("situatie")),
        ("startkwalificatie", "startkwalificatie" not in doelgroep),
        ("aanmelden", "aanmelden" not in toegang and "uitleg" not in toegang),
        ("kosten", "kosten" not in toegang),
        ("nazorg", "geboden" not in data.get("nazorg", {})),
        ("contact", not data.get("contact")),
    ]
    return [label for label, missing in checks if missing]


def offers_of(org_id: str) -> dict[str, dict]:
    out = {}
    for path in sorted((ROOT / "aanbod").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        providers = data["aanbieder"] if isinstance(data["aanbieder"], list) else [data["aanbieder"]]
        if org_id in providers:
            out[data["id"]] = data
    return out


def sheet_sections(sheet: str) -> dict[str, str]:
    """Per offer (by its 'Op de kaart: aanbod/<id>/' line) the text of its part of the sheet."""
    parts = re.split(r"^## \d+\. ", sheet, flags=re.MULTILINE)[1:]
    return {re.search(r"Op de kaart: `aanbod/([a-z0-9-]+)/`", part).group(1): part for part in parts}


def test_kaart_verzoek_learn2work_lists_every_unknown_field_of_the_organisations_offers():
    proc = subprocess.run(
        [sys.executable, "-m", "kaart.cli.main", "verzoek", "learn2work"], capture_output=True, text=True, cwd=ROOT
    )
    assert proc.returncode == 0, proc.stderr
    sheet = proc.stdout
    assert sheet.startswith("# Controleverzoek: De Schoor\n")
    sections = sheet_sections(sheet)
    offers = offers_of("de-schoor")
    assert set(sections) == set(offers)
    for record_id, data in offers.items():
        unknown = sections[record_id].split("**Wat we niet weten**", 1)[1].split("**Vragen**", 1)[0]
        listed = re.findall(r"^- (.+)$", unknown, flags=re.MULTILINE)
        assert listed == expected_unknowns(data), record_id
        questions = re.findall(r"^\d+\. (.+)$", sections[record_id].split("**Vragen**", 1)[1], flags=re.MULTILINE)
        assert len(questions) == 2 + len(listed), (
            "a question for every unknown field, after 'does it exist' and 'is it right'"
        )
        assert data["naam"] in sheet and "nooit bevestigd door de aanbieder" in sections[record_id]


def test_kaart_verzoek_with_an_unknown_id_suggests_the_closest_one():
    proc = subprocess.run(
        [sys.executable, "-m", "kaart.cli.main", "verzoek", "de-schor"], capture_output=True, text=True, cwd=ROOT
    )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.strip() == (
        "kaart verzoek: geen organisatie of aanbod met id 'de-schor' — bedoelde je 'de-schoor'? "
        "geef het id van een bestand in aanbod/organisaties/ of aanbod/"
    )


def test_every_organisation_has_a_printable_sheet_under_redactie(built_site, real):
    _, kaart = real
    index = html(built_site, "redactie")
    for org in kaart.organisaties.values():
        assert f'href="verzoek/{org.id}/"' in index
        page = article(html(built_site, f"redactie/verzoek/{org.id}"))
        assert "Controleverzoek" in page and "Wat we niet weten" in page
        for aanbod in kaart.aanbod_van(org.id):
            assert f"<code>aanbod/{aanbod.id}/</code>" in page


# -- 5. Geef het door ----------------------------------------------------------------
class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._href = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href, self._text = dict(attrs).get("href"), ""

    def handle_data(self, data):
        if self._href is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((self._text.strip(), self._href))
            self._href = None


def geef_door_links(page: str) -> list[str]:
    parser = _Links()
    parser.feed(article(page))
    return [href for text, href in parser.links if text == GEEF_DOOR]


def issue_form(url: str) -> tuple[dict, dict]:
    """The issue form a new-issue URL opens, and the fields it fills in."""
    parts = urlsplit(url)
    assert parts.scheme == "https" and parts.path.endswith("/issues/new"), url
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    form = yaml.safe_load((FORMS / query["template"]).read_text(encoding="utf-8"))
    return form, query


def test_every_offer_and_organisation_page_links_to_the_issue_form_with_its_id(built_site, real):
    _, kaart = real
    for kind, key, ids in (("aanbod", "aanbod", kaart.aanbod), ("organisaties", "organisatie", kaart.organisaties)):
        for record_id in ids:
            links = geef_door_links(html(built_site, f"{kind}/{record_id}"))
            assert len(links) == 1, (kind, record_id)
            form, query = issue_form(links[0])
            assert query["template"] == "geef-het-door.yml"
            assert query[key] == record_id
            assert key in {field.get("id") for field in form["body"]}, "the prefilled field must exist in the form"


def test_the_repository_of_the_link_is_configurable_like_the_edit_link(real, monkeypatch):
    project, kaart = real
    monkeypatch.setenv("KAART_EDIT_URI", "https://github.com/voorbeeld/kaart/edit/main/content/")
    page = SiteRenderer(kaart, project).aanbod_page(kaart.aanbod["learn2work"])
    assert "](https://github.com/voorbeeld/kaart/issues/new?template=geef-het-door.yml&" in page
    monkeypatch.setenv("KAART_REPO_URL", "https://github.com/ander/repo")
    page = SiteRenderer(kaart, project).aanbod_page(kaart.aanbod["learn2work"])
    assert "](https://github.com/ander/repo/issues/new?template=geef-het-door.yml&" in page
    monkeypatch.setenv("KAART_REPO_URL", "javascript:alert(1)")
    assert "javascript:" not in SiteRenderer(kaart, project).aanbod_page(kaart.aanbod["learn2work"])


ISSUE_FORM_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}


@pytest.mark.parametrize("path", sorted(FORMS.glob("*.yml")), ids=lambda p: p.name)
def test_issue_forms_have_the_keys_github_requires(path):
    form = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(form["name"], str) and form["name"]
    assert isinstance(form["description"], str) and form["description"]
    assert isinstance(form["body"], list) and form["body"]
    ids = []
    for field in form["body"]:
        assert field["type"] in ISSUE_FORM_TYPES, field
        if field["type"] == "markdown":
            assert field["attributes"]["value"]
            continue
        assert re.fullmatch(r"[A-Za-z0-9_-]+", field["id"]), field
        ids.append(field["id"])
        assert field["attributes"]["label"]
        if field["type"] == "dropdown":
            assert field["attributes"]["options"]
    assert len(ids) == len(set(ids)), "ids must be unique"
    assert any(f["type"] != "markdown" for f in form["body"]), "GitHub needs at least one field that is not markdown"


def test_issue_forms_validate_against_githubs_issue_forms_schema():
    try:
        import check_jsonschema  # noqa: F401
    except ImportError:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("check-jsonschema is not installed (pip install -e '.[test]')")
        pytest.skip("check-jsonschema is not installed")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-issue-forms",
            *map(str, sorted(FORMS.glob("*.yml"))),
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.browser
def test_offer_page_shows_the_age_line_and_its_link_opens_the_issue_form(phone, site_url):
    page = phone.page
    page.goto(site_url + "/aanbod/learn2work/")
    line = page.locator(".kaart-actualiteit")
    line = line.first
    assert line.inner_text() == "Volgens een bron uit 2016 · nooit bevestigd door de aanbieder"
    assert line.is_visible()
    # above the fold on a phone, before the youth summary
    assert line.bounding_box()["y"] < page.locator(".admonition.jongeren").bounding_box()["y"]
    assert line.bounding_box()["y"] < 740
    assert phone.foreign_requests == [], "only a link: nothing is loaded from another host before the click"
    with page.expect_request(lambda r: "/issues/new" in r.url) as request:
        page.get_by_role("link", name=GEEF_DOOR).click()
    form, query = issue_form(request.value.url)
    assert query["template"] == "geef-het-door.yml" and query["aanbod"] == "learn2work"
    assert form["name"] == "Geef een wijziging door"


# -- 3. several providers --------------------------------------------------------------
SEVERAL = {  # record: the providers its source row names, in the source's order
    "entree-gedifferentieerd": [
        "mind-at-work",
        "praktijkonderwijs-almere",
        "eduvier",
    ],  # "Mind at Work, Pro en Eduvier"
    "jobcoaches": ["gemeente-almere", "mind-at-work"],  # "Gemeente + Mind at Work"
    "gelijkschalige-meldnorm": ["scholen-almere", "gemeente-almere"],  # "Scholen & leerplicht/RMC"
}


def test_a_record_names_every_provider_its_source_names(real):
    _, kaart = real
    for record_id, providers in SEVERAL.items():
        aanbod = kaart.aanbod[record_id]
        assert list(aanbod.aanbieders) == providers
        assert aanbod.aanbieder == providers[0]


def test_every_organisation_page_lists_the_offers_it_provides_together_with_others(built_site, real):
    _, kaart = real
    for record_id, providers in SEVERAL.items():
        offer = html(built_site, f"aanbod/{record_id}")
        meta = re.search(r'<p class="kaart-meta">(.*?)</p>', offer).group(1)
        for org_id in providers:
            assert f'href="../../aanbod/{record_id}/"' in html(built_site, f"organisaties/{org_id}"), (
                org_id,
                record_id,
            )
            assert f'href="../../organisaties/{org_id}/"' in meta


def test_exports_keep_every_provider(real):
    project, kaart = real
    files = export_files(project, kaart)
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(files["data/aanbod.csv"].decode("utf-8-sig")))}
    assert rows["entree-gedifferentieerd"]["aanbieder"] == "mind-at-work; praktijkonderwijs-almere; eduvier"
    assert rows["learn2work"]["aanbieder"] == "de-schoor"
    data = json.loads(files["data/kaart.json"])
    assert {r["id"]: r["aanbieder"] for r in data["aanbod"]}["jobcoaches"] == ["gemeente-almere", "mind-at-work"]
    services = {s["x_id"]: s for s in json.loads(files["data/hsds/services.json"])["contents"]}
    organizations = {o["x_id"]: o for o in json.loads(files["data/hsds/organizations.json"])["contents"]}
    service = services["gelijkschalige-meldnorm"]
    assert service["organization_id"] == organizations["scholen-almere"]["id"]
    assert service["x_organization_ids"] == [
        organizations["scholen-almere"]["id"],
        organizations["gemeente-almere"]["id"],
    ]
    assert service["id"] in organizations["gemeente-almere"]["x_services"]


def test_an_unknown_provider_in_a_list_is_named_with_its_position(tmp_path):
    record = base_record("twee", aanbieder=["org-a", "org-b"])
    result, _ = check_project(Project(make_project(tmp_path, [record])))
    assert [p.message() for p in result.errors] == [
        "aanbieder[1]: onbekende organisatie 'org-b' — bedoelde je 'org-a'? maak aanbod/organisaties/<id>.yml aan of gebruik een bestaand id"
    ]


# -- 6. papercuts on generated pages --------------------------------------------------
def test_the_bewerken_button_opens_a_real_file_or_is_not_there(built_site):
    wrong, checked = [], 0
    for page in built_site.rglob("index.html"):
        for href in re.findall(
            r'<a href="([^"]+)" title="[^"]*" class="md-content__button md-icon" rel="edit"',
            page.read_text(encoding="utf-8"),
        ):
            checked += 1
            target = href.split("/edit/main/content/", 1)[1]
            if not (ROOT / "content" / target).resolve().is_file():
                wrong.append((page.relative_to(built_site).as_posix(), href))
    assert wrong == []
    assert checked > len(list((ROOT / "aanbod").glob("*.yml"))), "every offer page keeps its Bewerken button"
    assert 'rel="edit"' not in html(built_site, "overzicht")


def test_the_voor_wie_table_has_no_empty_header_row(built_site):
    page = html(built_site, "aanbod/learn2work")
    table = page.split('id="voor-wie"', 1)[1].split("</table>", 1)[0]
    headers = re.findall(r"<th[^>]*>(.*?)</th>", table)
    assert headers and all(h.strip() for h in headers)


def test_a_required_field_is_never_told_to_go_away(tmp_path):
    schema = json.loads((ROOT / "schemas" / "aanbod.schema.json").read_text(encoding="utf-8"))
    empty = {"string": "", "array": []}
    records = []
    for name in schema["required"]:
        kind = schema["properties"][name].get("type", "string")
        kind = kind[0] if isinstance(kind, list) else kind
        if kind in empty:
            records.append(base_record(f"leeg-{name.replace('_', '-')}", **{name: empty[kind]}))
        records.append(base_record(f"null-{name.replace('_', '-')}", **{name: None}))
    result, _ = check_project(Project(make_project(tmp_path, records)))
    told = [format_text(p) for p in result.errors if p.veld in schema["required"]]
    assert len(told) >= len(schema["required"]), told
    assert [t for t in told if "haal" in t and "weg" in t] == []
    optional = base_record("leeg-optioneel", toelichting="")
    result, _ = check_project(Project(make_project(tmp_path / "b", [optional])))
    assert [p.oplossing for p in result.errors] == [
        "vul het veld in of haal het weg, bijvoorbeeld: Contactgegevens staan niet in de bron."
    ]
