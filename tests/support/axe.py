"""axe-core in the browser, the same way for every page type: WCAG 2.1 A and AA, on the page as it settles."""

from __future__ import annotations

from support import WCAG_TAGS

# Every finite animation or transition has ended.  Material fades its back-to-top button in when the page
# scrolls up (a click on a disclosure scrolls it into view); axe measured the half-faded colours.
_SETTLED = """() => document.getAnimations().every(
    a => a.playState !== 'running' || a.effect.getComputedTiming().iterations === Infinity)"""


def axe_violations(page) -> list[str]:
    """axe's violations on the page, one line each: rule (impact): help -> the first targets."""
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_function(_SETTLED, timeout=5000)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    return [
        f"{v['id']} ({v.get('impact')}): {v['help']} -> {[n['target'] for n in v['nodes'][:4]]}"
        for v in results.response["violations"]
    ]
