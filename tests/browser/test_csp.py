"""Content-Security-Policy: the theme's own scripts run, nothing injected into content does."""

from __future__ import annotations

import re
import shutil

import pytest

from kaart.publish.security import inline_script_hashes, script_hash, secure_html
from support.page_types import page_paths
from support.server import serve

CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')
WATCH_VIOLATIONS = (
    "window.__violations = [];"
    "document.addEventListener('securitypolicyviolation', e => "
    "window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || '')));"
)


def test_content_scripts_are_never_hashed():
    theme = "<script>var theme = 1</script>"
    content = "<p>hoi</p><script>window.__xss = 1</script>"
    article = f'<article class="md-content__inner md-typeset">{content}</article>'  # the theme's page content
    after = "<script>var after = 1</script>"
    html = f'<html><head><meta charset="utf-8">{theme}</head><body>{article}{after}</body></html>'
    out = secure_html(html)
    policy = CSP_META.search(out).group(1)
    assert script_hash("var theme = 1") in policy and script_hash("var after = 1") in policy
    assert script_hash("window.__xss = 1") not in policy
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    assert out.index("Content-Security-Policy") < out.index("<script>")  # before every script it must govern


def test_json_config_is_not_a_script():
    assert inline_script_hashes('<script id="__config" type="application/json">{"a": 1}</script>') == []


def test_every_built_page_has_a_strict_csp(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        match = CSP_META.search(html)
        assert match, f"{page.relative_to(built_site)} has no Content-Security-Policy"
        policy = dict((part.strip().split(" ", 1) + [""])[:2] for part in match.group(1).split(";"))
        assert policy["default-src"] == "'self'"
        assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
        assert policy["object-src"] == "'none'" and policy["base-uri"] == "'self'"
        assert not re.search(r"https?:|\*", match.group(1)), "no other host may be allowed"
        # every executable inline script of the theme is allowed by its hash, so the theme keeps working
        for digest in inline_script_hashes(html):
            assert digest in policy["script-src"], f"{page.relative_to(built_site)}: inline theme script not allowed"


@pytest.mark.browser
def test_no_csp_violation_on_any_page_type(built_site, site_url, any_viewport):
    page = any_viewport.page
    page.add_init_script(WATCH_VIOLATIONS)
    for path in page_paths(built_site):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        violations = page.evaluate("window.__violations")
        assert violations == [], f"{path}: {violations}"
        assert page.evaluate("typeof window.__md_get") == "function", f"{path}: the theme's inline script did not run"
    assert not [e for e in any_viewport.console_errors if "Content Security Policy" in e]


@pytest.mark.browser
def test_script_injected_into_content_is_blocked(built_site, tmp_path, desktop):
    """Even if HTML got into a page's content, the browser refuses to run it."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    offer = next(p for p in sorted((site / "aanbod").glob("*/index.html")))
    html = offer.read_text(encoding="utf-8")
    injected = (
        '<script>window.__xss = 1</script><img src="x" onerror="window.__xss = 2">'
        '<a id="xss-link" href="#" onclick="window.__xss = 3">klik</a>'
    )
    html, n = re.subn(r"(<article\b[^>]*>)", lambda m: m.group(1) + injected, html, count=1)
    assert n == 1
    offer.write_text(html, encoding="utf-8")
    server = serve(site)
    try:
        dialogs = []
        page = desktop.page
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.add_init_script(WATCH_VIOLATIONS)
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/aanbod/{offer.parent.name}/")
        page.wait_for_load_state("networkidle")
        page.click("#xss-link")
        page.wait_for_timeout(200)
        assert page.evaluate("window.__xss") is None
        assert not dialogs
        violations = page.evaluate("window.__violations")
        assert any(v.startswith("script-src") for v in violations), violations
        assert page.evaluate("typeof window.__md_get") == "function"  # while the theme still runs
    finally:
        server.shutdown()
