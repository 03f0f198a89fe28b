"""XSS payloads in records: refused by the checker, and inert even if the checker were bypassed."""

from __future__ import annotations

import functools
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml

from kaart.check.checker import Checker
from kaart.project import Project
from kaart.records.loading import LoadedFile, parse_text
from support.hardening import (
    ROOT,
    XSS_PAYLOADS,
    copy_project,
    dotted,
    dump_yaml,
    load_yaml,
    poisoned_kaart,
    set_path,
    text_fields,
)

PROJECT = Project(ROOT)
CONTROL_TEXT = "Gewone tekst zonder opmaak."


@functools.cache
def _schema(name: str) -> dict:
    return json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))


@functools.cache
def _record(kind: str) -> tuple[Path, dict]:
    """The real record with the most fields filled in: payloads land next to realistic data."""
    files = PROJECT.aanbod_files() if kind == "aanbod" else PROJECT.organisatie_files()
    path = max(files, key=lambda p: len(dump_yaml(load_yaml(p))))
    return path, load_yaml(path)


def _control(schema: dict, path: tuple, record: dict) -> str:
    """A valid value for the field: the record's own, else the schema's example, else plain text."""
    current = record
    for part in path:
        try:
            current = current[part]
        except (KeyError, IndexError, TypeError):
            current = None
            break
    if isinstance(current, str):
        return current
    node = schema
    for part in path:  # find the field's own schema for a valid example value
        if isinstance(part, int):
            node = node.get("items", {})
        else:
            props = node.get("properties") or {}
            for branch in node.get("oneOf", []):
                props = {**branch.get("properties", {}), **props}
            node = props.get(part, {})
    examples = node.get("examples") or []
    return examples[0] if examples and isinstance(examples[0], str) else CONTROL_TEXT


def _problems(checker: Checker, kind: str, path: Path, data: dict):
    rel = PROJECT.rel(path)
    loaded = parse_text(dump_yaml(data), LoadedFile(path, rel))
    validator = checker.aanbod_validator if kind == "aanbod" else checker.organisatie_validator
    return loaded.problems + checker.check_record(loaded, validator)


def _cases():
    for kind in ("aanbod", "organisatie"):
        for field in text_fields(_schema(kind)):
            yield pytest.param(kind, field, id=f"{kind}-{dotted(field)}")


@pytest.fixture(scope="module")
def checker():
    return Checker(PROJECT)


def test_every_text_field_is_covered():
    fields = {dotted(f) for f in text_fields(_schema("aanbod"))}
    # a sanity check on the schema walk: free text, nested text and list items are all there
    assert {"naam", "beschrijving", "jongerentaal.wat_is_het", "trefwoorden[0]", "bronnen[0].titel"} <= fields


@pytest.mark.parametrize("kind,field", list(_cases()))
def test_checker_refuses_every_payload_in_every_text_field(checker, kind, field):
    path, record = _record(kind)
    veld = dotted(field)
    if field[0] == "contact" and len(field) == 2:  # a contact value needs its own source, or the control fails for that
        record = set_path(
            record, ("contact", "bronnen", field[1]), {"bevestigd": "2026-01-01", "door": "receptie, per telefoon"}
        )
    control = [
        p
        for p in _problems(checker, kind, path, set_path(record, field, _control(_schema(kind), field, record)))
        if p.is_error and p.veld == veld
    ]
    assert not control, f"the control value is already refused, the test proves nothing: {control}"

    accepted = []
    for name, payload in XSS_PAYLOADS.items():
        problems = [
            p for p in _problems(checker, kind, path, set_path(record, field, payload)) if p.is_error and p.veld == veld
        ]
        if not problems:
            accepted.append(name)
        for p in problems:
            assert p.file == PROJECT.rel(path) and p.line >= 1 and p.bericht and p.oplossing
    assert not accepted, f"the checker accepts these payloads in {veld}: {accepted}"


def test_kaart_check_reports_payload_with_file_line_and_field(tmp_path):
    root = copy_project(tmp_path / "proj")
    target = root / "aanbod" / "learn2work.yml"
    record = load_yaml(target)
    record["toelichting"] = XSS_PAYLOADS["img-onerror"]
    target.write_text(dump_yaml(record), encoding="utf-8")
    line = next(
        i
        for i, text in enumerate(target.read_text(encoding="utf-8").splitlines(), 1)
        if text.startswith("toelichting:")
    )
    proc = subprocess.run(
        [sys.executable, "-m", "kaart.cli.main", "--root", str(root), "check"], capture_output=True, text=True
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert f"aanbod/learn2work.yml:{line}: toelichting: HTML is niet toegestaan" in proc.stdout


# -- bypass the checker: what the renderer itself lets through ----------------


def _mkdocs_markdown() -> markdown.Markdown:
    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    names, configs = [], {}
    for ext in config.get("markdown_extensions", []):
        if isinstance(ext, dict):
            ((name, options),) = ext.items()
            names.append(name)
            configs[name] = options or {}
        else:
            names.append(ext)
    return markdown.Markdown(extensions=names, extension_configs=configs)


class _Unsafe(HTMLParser):
    """Collects every script element, event handler and script-capable URL in an HTML fragment."""

    URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed", "base", "form", "meta", "style", "svg", "math"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            if name == "style":
                self.found.append(f"{tag} style=")
            if name in self.URL_ATTRS and value is not None:
                cleaned = re.sub(r"[\x00-\x20]", "", value).lower()
                if re.match(r"(javascript|vbscript|data|file|blob):", cleaned):
                    self.found.append(f"{tag} {name}={value}")


def unsafe_html(html: str) -> list[str]:
    parser = _Unsafe()
    parser.feed(html)
    parser.close()
    return parser.found


@functools.cache
@pytest.mark.parametrize("payload", list(XSS_PAYLOADS), ids=list(XSS_PAYLOADS))
def test_renderer_output_is_inert_even_without_checker(payload):
    from kaart.pages.site import SiteRenderer

    kaart = poisoned_kaart(XSS_PAYLOADS[payload])
    assert kaart.aanbod, "no offers to poison"
    output = SiteRenderer(kaart, PROJECT).render()
    md = _mkdocs_markdown()
    for name, page in output.pages.items():
        body = page.markdown
        if body.startswith("---\n"):  # front matter is read by mkdocs, not rendered as Markdown
            front, body = body[4:].split("\n---\n", 1)
            # the theme writes title and description into HTML unescaped (no Jinja autoescape)
            for key, value in (yaml.safe_load(front) or {}).items():
                assert not re.search(r"[<>\"]", str(value)), (
                    f"{payload} can break out of the HTML in {name}: {key}={value!r}"
                )
        html = md.reset().convert(body)
        found = unsafe_html(html)
        assert not found, f"{payload} is live in {name}: {found}"


@pytest.mark.browser
def test_no_payload_runs_in_the_browser(built_site, tmp_path, desktop):
    """Every payload, rendered without the checker into a real offer page, stays text in Chromium."""
    import shutil

    from kaart.pages.site import SiteRenderer
    from support.server import serve

    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    template = next(p for p in sorted((site / "aanbod").glob("*/index.html"))).read_text(encoding="utf-8")
    md = _mkdocs_markdown()
    for name, payload in XSS_PAYLOADS.items():
        kaart = poisoned_kaart(payload)
        offer = next(iter(kaart.aanbod.values()))
        body = SiteRenderer(kaart, PROJECT).aanbod_page(offer).split("\n---\n", 1)[1]
        html = re.sub(
            r"(<article\b[^>]*>).*?(</article>)",
            lambda m, body=body: m.group(1) + md.reset().convert(body) + m.group(2),
            template,
            count=1,
            flags=re.DOTALL,
        )
        (site / "aanbod" / f"xss-{name}").mkdir()
        (site / "aanbod" / f"xss-{name}" / "index.html").write_text(html, encoding="utf-8")
    server = serve(site)
    page = desktop.page
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        for name in XSS_PAYLOADS:
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/aanbod/xss-{name}/")
            page.wait_for_load_state("networkidle")
            # fire the events an injected handler would wait for, and follow any script: link
            page.evaluate("""() => { for (const el of document.querySelectorAll('article *')) {
                for (const type of ['mouseover', 'focus', 'click']) {
                    if (el.tagName === 'A' && type === 'click' && !/^(javascript|vbscript|data):/i.test(el.getAttribute('href') || '')) continue;
                    el.dispatchEvent(new MouseEvent(type, {bubbles: true, cancelable: true}));
                } } }""")
            page.wait_for_timeout(50)
            assert page.evaluate("window.__xss") is None, f"{name} ran"
            assert page.locator("article").inner_text().strip(), f"{name}: the page has no text"
        assert not dialogs
    finally:
        server.shutdown()


# Block Markdown in a text field could dress a record up as the site itself: an official-looking red
# warning box, an extra heading, a rule or a table. kaart check refuses it (kaart.check.textpolicy); the
# renderer neutralises it too, so nothing unchecked can change the shape of a page.
SPOOF_PAYLOADS = {
    "meldingsblok": '!!! danger "Bel 0900-1234567"\n    Uw uitkering stopt.',
    "uitklapblok": '??? note "Belangrijk"\n    Tekst.',
    "kop": "# Officiële mededeling",
    "kop-onderstreept": "Officiële mededeling\n===",
    "lijn": "---",
    "lijn-sterren": "* * *",
    "tabel": "| a | b |\n|---|---|\n| c | d |",
    "tabel-zonder-randen": "a | b\n--|--\nc | d",
    "definitie": "Term\n: uitleg",
    "codeblok": "```\ncode\n```",
}
_SHAPE = re.compile(r'<h[1-6][ >]|<hr|<table|<dl|<pre|<details|class="admonition')


def _shape(md, page: str) -> list[str]:
    body = page.split("\n---\n", 1)[1] if page.startswith("---\n") else page  # front matter is mkdocs' own
    return sorted(_SHAPE.findall(md.reset().convert(body)))


@pytest.mark.parametrize("payload", list(SPOOF_PAYLOADS), ids=list(SPOOF_PAYLOADS))
def test_block_markdown_in_a_text_field_does_not_change_the_page(payload):
    from kaart.pages.site import SiteRenderer

    md = _mkdocs_markdown()
    plain = SiteRenderer(poisoned_kaart("Gewone tekst"), PROJECT).render().pages
    spoofed = SiteRenderer(poisoned_kaart(SPOOF_PAYLOADS[payload]), PROJECT).render().pages
    for name, page in spoofed.items():
        assert _shape(md, page.markdown) == _shape(md, plain[name].markdown), f"{payload} changes the shape of {name}"
