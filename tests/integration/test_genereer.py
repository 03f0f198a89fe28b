"""`kaart genereer`: the docs tree on disk builds without our hook (plain mkdocs, Zensical) into the same site."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kaart.publish.security import inline_script_hashes, secure_html, secure_site
from support import ROOT
from support.browser import open_finder_page
from support.server import serve

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def kaart(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kaart.cli.main", "--root", str(ROOT), *args],
        capture_output=True,
        text=True,
        env=ENV,
        cwd=cwd,
    )


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("genereer") / "tree"
    proc = kaart("genereer", str(target))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return target


def build_plain(tree: Path, dest: Path) -> Path:
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(tree / "mkdocs.yml"), "-d", str(dest)],
        capture_output=True,
        text=True,
        env=ENV,
        cwd=tree,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    proc = kaart("nabewerk", str(dest))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return dest


@pytest.fixture(scope="module")
def plain_site(tree, tmp_path_factory) -> Path:
    return build_plain(tree, tmp_path_factory.mktemp("plain") / "site")


def assert_site_is_ours(site: Path, project):
    """Every offer page exists, carries our CSP (every inline theme script by hash, no other host) and
    our search box."""
    for aanbod_id in sorted(p.stem for p in project.aanbod_files()):
        page = site / "aanbod" / aanbod_id / "index.html"
        assert page.is_file(), f"aanbod/{aanbod_id}/ is missing"
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        policy = CSP_META.search(html)
        assert policy, f"{page.relative_to(site)} has no Content-Security-Policy"
        assert "'unsafe-inline'" not in policy.group(1) and not re.search(r"https?:|\*", policy.group(1))
        for digest in inline_script_hashes(html):
            assert digest in policy.group(1), f"{page.relative_to(site)}: inline theme script not allowed"
        if page.parent.parent.name == "aanbod":
            assert 'id="kaart-zoek-invoer"' in html, f"{page.relative_to(site)} has no search box"
            assert "search_index.json" not in html and not (site / "search" / "search_index.json").exists()


def test_the_tree_has_content_generated_pages_data_and_no_hook(tree, project):
    docs = tree / "docs"
    for path in (project.content_dir).rglob("*"):
        assert (docs / path.relative_to(project.content_dir)).exists(), path  # all of content/
    for aanbod_id in (p.stem for p in project.aanbod_files()):
        assert (docs / "aanbod" / f"{aanbod_id}.md").is_file()
    for name in (
        "data/kaart.json",
        "data/wegwijzer.json",
        "assets/zoekindex/manifest.json",
        "wegwijzer/index.md",
        "redactie/index.md",
        "woordenlijst.md",
    ):
        assert (docs / name).is_file(), name
    config = (tree / "mkdocs.yml").read_text(encoding="utf-8")
    assert "hooks:" not in config and "mkdocs_hook" not in config
    assert "glossary:" in config  # the tooltips the hook adds
    # good-practice pages carry their related offers, as the hook adds them
    praktijken = sorted((docs / "lerende-netwerken" / "praktijken").glob("*.md"))
    assert any("## Verwant aanbod in de kaart" in p.read_text(encoding="utf-8") for p in praktijken)


def test_plain_mkdocs_build_of_the_tree_is_the_hook_build(plain_site, built_site, project):
    assert_site_is_ours(plain_site, project)
    ours = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file()}
    theirs = {p.relative_to(plain_site).as_posix() for p in plain_site.rglob("*") if p.is_file()}
    assert ours == theirs
    for name in ("data/kaart.json", "data/wegwijzer.json", "assets/zoekindex/manifest.json"):
        assert (plain_site / name).read_bytes() == (built_site / name).read_bytes(), name


@pytest.mark.browser
def test_finder_works_on_the_plain_build_without_other_hosts(plain_site, desktop):
    server = serve(plain_site)
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        desktop.page.add_init_script(
            "window.__violations = []; document.addEventListener('securitypolicyviolation', "
            "e => window.__violations.push(e.violatedDirective));"
        )
        ids = open_finder_page(
            desktop, f"{base}/wegwijzer/?leeftijd=24&startkwalificatie=nee&zoekt=werk&gemeente=almere"
        )
        assert {"intowork", "learn2work"} <= set(ids)
        assert desktop.page.evaluate("window.__violations") == []
        desktop.page.goto(f"{base}/aanbod/learn2work/")
        desktop.page.fill("#kaart-zoek-invoer", "jobcoach")
        desktop.page.wait_for_selector("html[data-kaart-zoek='klaar']", timeout=10000)
        assert not desktop.foreign_requests and not desktop.console_errors
    finally:
        server.shutdown()


@pytest.mark.skipif(
    importlib.util.find_spec("zensical") is None,
    reason="zensical is not installed (pip install -e '.[zensical]'; zensical 0.1.x needs zensical-ui from PyPI)",
)
def test_zensical_builds_the_tree(tree, tmp_path, project):
    site = tmp_path / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "zensical", "build", "-f", str(tree / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        env=ENV,
        cwd=tree,
    )
    if proc.returncode and "-d" in proc.stderr:  # older releases take the folder from site_dir only
        shutil.rmtree(site, ignore_errors=True)
        proc = subprocess.run(
            [sys.executable, "-m", "zensical", "build", "-f", str(tree / "mkdocs.yml")],
            capture_output=True,
            text=True,
            env=ENV,
            cwd=tree,
        )
        site = tree / "site"
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert kaart("nabewerk", str(site)).returncode == 0
    assert_site_is_ours(site, project)


def test_genereer_never_writes_into_a_project_or_a_full_folder(tmp_path):
    full = tmp_path / "vol"
    full.mkdir()
    (full / "mijn-bestand.txt").write_text("blijft staan", encoding="utf-8")
    for target in (full, ROOT, ROOT / "content", ROOT / "aanbod"):
        before = sorted(p.name for p in target.iterdir())
        proc = kaart("genereer", str(target))
        assert proc.returncode == 1 and "Traceback" not in proc.stdout + proc.stderr
        assert "kies een nieuwe" in proc.stdout
        assert sorted(p.name for p in target.iterdir()) == before
    assert (full / "mijn-bestand.txt").read_text(encoding="utf-8") == "blijft staan"


def test_nabewerk_hashes_theme_scripts_never_content_and_can_run_twice(tmp_path):
    page = (
        '<html><head><meta charset="utf-8"><script>var theme = 1</script></head><body>'
        '<article class="md-content__inner md-typeset"><p>x</p><script>alert(1)</script></article>'
        "<script>var end = 2</script></body></html>"
    )
    once = secure_html(page)
    policy = CSP_META.search(once).group(1)
    assert all(h in policy for h in inline_script_hashes(page.replace("<script>alert(1)</script>", "")))
    assert inline_script_hashes("<script>alert(1)</script>")[0] not in policy
    assert secure_html(once) == once
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(page, encoding="utf-8")
    assert secure_site(tmp_path) == 1 and secure_site(tmp_path) == 0
    assert kaart("nabewerk", str(tmp_path / "leeg")).returncode == 1
