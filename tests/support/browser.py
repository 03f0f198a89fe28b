"""Helpers for the browser tests: a page that records errors and foreign requests; what the finder shows."""

from __future__ import annotations

from urllib.parse import urlsplit


class PageSession:
    """A browser page that records console errors and every request to another host (aborted)."""

    def __init__(self, context):
        self.context = context
        self.page = context.new_page()
        self.console_errors: list[str] = []
        self.foreign_requests: list[str] = []
        self.page.on("console", lambda msg: self.console_errors.append(msg.text) if msg.type == "error" else None)
        self.page.on("pageerror", lambda exc: self.console_errors.append(str(exc)))
        self.context.route("**/*", self._route)

    def _route(self, route):
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            self.foreign_requests.append(route.request.url)
            route.abort()


def open_session(browser, viewport, **options):
    context = browser.new_context(viewport=viewport, locale="nl-NL", service_workers="block", **options)
    session = PageSession(context)
    return session


def result_ids(page, selector: str = "#kaart-resultaten") -> list[str]:
    """The data-aanbod-id of every result shown by the wegwijzer or the youth entry, in ranked order."""
    return page.eval_on_selector_all(f"{selector} [data-aanbod-id]", "els => els.map(e => e.dataset.aanbodId)")


def open_finder_page(session, url: str) -> list[str]:
    """Open /wegwijzer/ or /jongeren/ (with a query) and wait until finder.js has shown the results."""
    session.page.goto(url)
    session.page.wait_for_selector("html[data-kaart-finder=klaar]", timeout=10000)
    return result_ids(session.page)


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")
