"""Every button and link on the finder pages can be read in its normal state: at least 4.5:1
between the computed text colour and the background behind it (issue 19: "Toon het aanbod"
was white on transparent, invisible until hovered, and axe did not catch it).

The colours are taken from the browser (getComputedStyle), walking up to the first opaque
background, so a transparent button over a white page counts as white.
"""

from __future__ import annotations

import pytest

from support.browser import open_finder_page

pytestmark = pytest.mark.browser

# For each visible button and link: its text, its colour and the colour behind it, composited.
# An element with opacity 0 (the theme's heading anchors, shown on hover) is not there in the normal state.
COLOURS = """els => els.filter(e => e.offsetParent !== null && e.getClientRects().length && e.textContent.trim()
    && getComputedStyle(e).opacity !== "0")
  .map(e => {
    const parse = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return [0, 0, 0, 0];
      const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
    const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3])).concat([1]);
    const layers = [];
    for (let n = e; n; n = n.parentElement) {
      const bg = parse(getComputedStyle(n).backgroundColor);
      if (bg[3] > 0) layers.push(bg);
      if (bg[3] >= 1) break;
    }
    let back = [255, 255, 255, 1];
    for (let i = layers.length - 1; i >= 0; i--) back = over(layers[i], back);
    const fore = over(parse(getComputedStyle(e).color), back);
    return {text: e.textContent.trim().slice(0, 40), tag: e.tagName, id: e.id, fore, back};
  })"""


def luminance(rgb) -> float:
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_contrast_formula():
    assert round(contrast((255, 255, 255), (0, 0, 0)), 1) == 21.0
    assert contrast((255, 255, 255), (255, 255, 255)) == 1.0
    assert round(contrast((255, 255, 255), (0, 87, 92)), 1) >= 4.5  # the site's primary colour


@pytest.mark.parametrize(
    "path",
    [
        "wegwijzer/?leeftijd=24&startkwalificatie=nee&zoekt=werk&gemeente=almere",  # with the question shown
        "wegwijzer/?situatie=uitkering&startkwalificatie=ja",  # Past, Past misschien and Valt af
        "wegwijzer/?zoekt=wonen&gemeente=almere",  # the dead-end block
        "jongeren/?zoekt=werk&gemeente=almere",
        "jongeren/",
    ],
)
def test_every_button_and_link_is_readable_in_its_normal_state(any_viewport, site_url, path):
    page = any_viewport.page
    open_finder_page(any_viewport, f"{site_url}/{path}")
    for details in page.locator("#kaart-kolom details, #kaart-uitkomst details").all():
        if details.is_visible() and details.get_attribute("open") is None:
            details.locator("> summary").click()
    page.mouse.move(0, 0)  # nothing hovered
    if "wegwijzer" in path:
        page.locator("#kaart-vragen").evaluate("d => { d.open = true; }")
    shown = page.locator("a, button").evaluate_all(COLOURS)
    assert len(shown) > 10
    texts = {s["text"] for s in shown}
    assert ("Toon het aanbod" in texts) if "wegwijzer" in path else ("Laat zien wat er is" in texts)
    low = [
        (s["text"], s["id"], round(contrast(s["fore"], s["back"]), 2))
        for s in shown
        if contrast(s["fore"], s["back"]) < 4.5
    ]
    assert low == [], low
