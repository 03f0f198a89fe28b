"""The finder page shells are Jinja templates (overrides/finder/): values are escaped, and the
wegwijzer's shell stays one raw HTML block for Markdown (a blank line would end it)."""

from __future__ import annotations

from kaart.check.checker import check_project
from kaart.pages.finder import _shell, jongeren_page, wegwijzer_page


def test_labels_are_escaped(project):
    html = _shell(project, "jongeren", wensen=[("werk", '<b onclick="x">Werk</b>')], gemeenten=[], situaties=[])
    assert "<b onclick" not in html and "&lt;b onclick=&#34;x&#34;&gt;Werk&lt;/b&gt;" in html


def test_shells_are_whole_html_blocks_with_every_control(project):
    _, kaart = check_project(project)
    ww = wegwijzer_page(kaart, project)
    block = ww[ww.index('<div class="kaart-wegwijzer">') : ww.index("<noscript>")]
    assert "\n\n" not in block.strip(), "een lege regel beeindigt het HTML-blok"
    for control in (
        'id="kaart-beslisvraag"',
        'id="kaart-contact-noot"',
        'id="kaart-leeftijd-noot"',
        "Hoe de volgorde werkt",
    ):
        assert control in block, control
    assert block.count('name="gemeente"') == 1 and block.count('<option value="almere">Almere</option>') == 1
    jo = jongeren_page(kaart, project)
    assert 'id="jo-situatie-uitleg"' in jo and "Nog één vraag: wat doe je nu?" in jo
    assert "{{" not in ww + jo and "{%" not in ww + jo
