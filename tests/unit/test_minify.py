"""Mobile speed, as far as a test can say it: our own JS and CSS are served minified and nothing of
ours blocks rendering.

Lighthouse scores are measured by scripts/benchmark.py, not here.
"""

from __future__ import annotations

import re

from kaart.publish.minify import minify, own_assets
from support.page_types import page_paths


def test_own_js_and_css_are_minified_in_the_built_site(built_site, project):
    assets = own_assets(project)
    assert {"assets/javascripts/zoeken.js", "stylesheets/kaart.css"} <= set(assets)
    for rel in assets:
        source = (project.content_dir / rel).read_text(encoding="utf-8")
        built = (built_site / rel).read_text(encoding="utf-8")
        assert built == minify(rel, source), f"{rel} is not the minified source"
        assert len(built) < 0.85 * len(source), f"{rel}: {len(built)} of {len(source)} bytes"
        assert not re.search(r"^\s*(//|/\*[^!])", built, re.M), f"{rel} still has comments"


def test_minified_javascript_keeps_regular_expressions_and_strings():
    source = 'var WORD = /[\\p{L}\\p{N}]+/gu; // a comment\nvar s = "a // not a comment";\n/* block */ x = a / b / c;\n'
    small = minify("x.js", source)
    assert "/[\\p{L}\\p{N}]+/gu" in small and '"a // not a comment"' in small and "a/b/c" in small
    assert "comment\n" not in small and "block" not in small


def test_nothing_of_ours_blocks_rendering(built_site):
    for path in page_paths(built_site):
        html = (built_site / path.strip("/") / ("" if path.endswith(".html") else "index.html")).read_text(
            encoding="utf-8"
        )
        for tag in re.findall(r"<script\b[^>]*\bsrc=[^>]*>", html):
            if "bundle." in tag:  # the theme's bundle, at the end of <body>
                continue
            assert re.search(r"\b(defer|async)\b", tag), f"{path}: {tag} blocks rendering"
