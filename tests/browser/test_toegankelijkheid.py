"""Accessibility: axe-core (WCAG 2.1 A + AA) finds nothing on any page type, on a phone and a desktop.

Also checks what axe cannot: lang="nl", a visible focus ring and keyboard-only use.
"""

from __future__ import annotations

import pytest

from support.axe import axe_violations

pytestmark = pytest.mark.browser

YOUTH_ANSWERS = "?zoekt=werk&leeftijd=20&gemeente=almere"

# One page of every kind a visitor meets; results pages are opened with answers filled in.
PAGE_TYPES = {
    "home": "/",
    "jongeren": "/jongeren/",
    "jongeren-resultaten": "/jongeren/" + YOUTH_ANSWERS,
    "jongeren-uitleg": "/jongeren/18-worden/",
    "aanbod": "/aanbod/learn2work/",
    "organisatie": "/organisaties/de-schoor/",
    "controleverzoek": "/redactie/verzoek/de-schoor/",
    "wegwijzer": "/wegwijzer/" + YOUTH_ANSWERS,
    "kennis": "/aanpak/voorwaarden/",
    "woordenlijst": "/woordenlijst/",
}


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_axe_finds_no_wcag_violations(any_viewport, site_url, name):
    page = any_viewport.page
    page.goto(site_url + PAGE_TYPES[name], wait_until="networkidle")
    if name.endswith("resultaten") or name == "wegwijzer":
        # the results are rendered by script; check them, not an empty page
        page.wait_for_selector("#kaart-resultaten a[href*='aanbod/']", timeout=5000)
    violations = axe_violations(page)
    assert violations == [], f"{name} op {any_viewport.viewport_name}:\n" + "\n".join(violations)


def test_language_is_dutch(desktop, site_url):
    for path in ("/", "/jongeren/", "/aanbod/learn2work/"):
        desktop.page.goto(site_url + path)
        assert desktop.page.get_attribute("html", "lang") == "nl", path


def _focus_outline(page) -> tuple[str, float]:
    return page.evaluate("""() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        return [style.outlineStyle, parseFloat(style.outlineWidth) || 0];
    }""")


def test_keyboard_reaches_content_with_visible_focus(desktop, site_url):
    """Tab from the top: the skip link comes first and jumps to the content; every focused element shows a ring."""
    page = desktop.page
    page.goto(site_url + "/jongeren/18-worden/")
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.getAttribute('href')")
    assert first and first.startswith("#"), "de eerste Tab moet naar 'Naar inhoud' gaan"
    style, width = _focus_outline(page)
    assert style != "none" and width >= 2, "focus op de skiplink is niet zichtbaar"
    page.keyboard.press("Enter")
    focused_tags = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => {
            const el = document.activeElement;
            return {tag: el.tagName, inMain: !!el.closest('main, article, .md-content'),
                    visible: el.getBoundingClientRect().width > 0};
        }""")
        if info["tag"] == "BODY":
            continue
        style, width = _focus_outline(page)
        assert style != "none" and width >= 2, f"geen zichtbare focus op {info}"
        focused_tags.add(info["tag"])
        if info["inMain"] and info["tag"] == "A":
            break
    else:
        pytest.fail("met Tab kom je niet bij een link in de inhoud")


def test_youth_route_works_with_keyboard_only(phone, site_url):
    """The youth entry can be answered and its results opened without a mouse or touch."""
    page = phone.page
    page.goto(site_url + "/jongeren/" + YOUTH_ANSWERS)
    page.wait_for_selector("#kaart-resultaten a[href*='aanbod/']", timeout=5000)
    link = page.locator("#kaart-resultaten a[href*='aanbod/']").first
    link.focus()
    href = link.get_attribute("href")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.rstrip("/").endswith(href.rstrip("/").rsplit("/", 1)[-1])
    assert page.locator("h1").count() == 1
