"""Everything the site build needs, prepared without any site generator.

`prepare_site` is the whole build as one pipeline, read top to bottom:

    load     records.load_records      every file in aanbod/ read once
    check    checking.check_records    schema, rules, jongerentaal; gives the typed records
    pages    site, glossary, rapport, dekking: overviews, glossary, werklijst, dekking
    finder   finder.add_finder         data/wegwijzer.json, /wegwijzer/, /jongeren/
    exports  opendata.publish          data/kaart.json, CSV, HSDS lists (kaart.export.tables); per record
                                       data/aanbod/<id>.json, data/hsds/services/<uuid>.json; schemas/, datapackage.json
    search   search.search_files       assets/zoekindex/ (it indexes the pages above too), while
             site, verzoek             the offer, organisation and verification pages are made

The mkdocs hook hands the result to mkdocs; `kaart genereer` writes it to disk
(kaart/genereer.py) for any generator.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import multiprocessing
import os
import pickle
import signal
import tempfile
from dataclasses import dataclass

from kaart.check.checker import check_records
from kaart.check.reporting import render
from kaart.export.opendata import publish
from kaart.instellingen import Instellingen
from kaart.model import Kaart
from kaart.pages.bevestigingen import overzicht
from kaart.pages.dekking import dekking_page
from kaart.pages.finder import add_finder
from kaart.pages.glossary import abbreviations, forget_glossary, glossary_page, load_glossary
from kaart.pages.rapport import build_warnings, rapport, redactie_page
from kaart.pages.site import GeneratedPage, SiteOutput, SiteRenderer, settings_problems
from kaart.pages.verzoek import verzoek_lijst, verzoek_pages
from kaart.project import Project
from kaart.publish.offline import add_offline
from kaart.records.gate import missing_problems
from kaart.records.load import Records, jobs, load_records
from kaart.result import CheckResult
from kaart.search.documents import search_skips_page
from kaart.search.index import search_files, weigh_known


class BuildError(Exception):
    """The records have errors; the message is the full `kaart check` report."""


@dataclass
class PreparedSite:
    result: CheckResult
    kaart: Kaart
    output: SiteOutput
    abbreviations: dict[str, str]
    renderer: SiteRenderer
    records: Records | None = None

    def page_markdown(self, src_uri: str, markdown: str) -> str:
        """A hand-written page as the site shows it: the home page gets the age of the sources,
        good-practice pages their related offers (the hook and `kaart genereer` both call this)."""
        if src_uri == "index.md":
            return self.renderer.home_markdown(markdown)
        if src_uri.startswith("lerende-netwerken/praktijken/") and src_uri.endswith(".md"):
            return markdown + self.renderer.praktijk_footer(src_uri.rsplit("/", 1)[-1][: -len(".md")])
        return markdown


def prepare_site(
    project: Project, today: dt.date | None = None, instellingen: Instellingen | None = None
) -> PreparedSite:
    """`instellingen`: the hook passes mkdocs' `extra`; without it they are read from mkdocs.yml."""
    today = today or dt.date.today()
    forget_glossary()  # read once per build: by the check below, and its pages use that read
    instellingen = instellingen or Instellingen.lees(project.root)
    # load
    records = load_records(project)
    # check: a build stops on any error, with the same messages as `kaart check`
    result = check_records(records, today)
    begrippen, _ = load_glossary(project)  # its page and every tooltip; its problems are in `result` (check/content.py)
    result.extend(missing_problems(project.root))  # the theme blocks and finder shells a build needs
    result.extend(settings_problems())  # KAART_REPO_URL, KAART_EDIT_URI, KAART_SITE_URL: a bad one stops the build
    if not result.ok:
        raise BuildError("De site is niet gebouwd: los eerst deze problemen op.\n" + render(result))
    kaart = records.kaart
    cadans = instellingen.cadans_maanden
    # stale records: a warning, so only --strict fails
    result.extend(build_warnings(kaart, today, project, records, cadans))
    result.extend(instellingen.problemen)  # e.g. no redactie address: no mail link, said once
    # Everything loaded so far lives until the build ends: the garbage collector need not scan it
    # at every collection (over a second at 5,000 offers), here and in the forked children.
    with _frozen_heap(), _stopped_on_error() as lanes:
        # With thousands of offers the work runs on every core, in forked children that inherit the
        # records (nothing is read again): the open data, and the search index, which makes and
        # weighs the documents of the records and content/ first and then waits for the pages.
        n = len(records.aanbod)
        exports = lanes(_Background(lambda: publish(project, kaart, records, instellingen.site_url or ""), n))
        search = lanes(_Background(lambda receive: _search_index(kaart, project, receive), n, receives=True))
        # pages: first those the search index reads, the overviews, glossary, werklijst and dekking
        renderer = SiteRenderer(kaart, project, today, instellingen)
        output = renderer.render_overviews()
        output.pages["woordenlijst.md"] = GeneratedPage(glossary_page(begrippen, project), "content/woordenlijst.yml")
        output.pages["redactie/index.md"] = GeneratedPage(
            redactie_page(
                project,
                rapport(project, kaart, today, cadans_maanden=cadans),
                len(kaart.aanbod),
                today,
                cadans_maanden=cadans,
            )
            + overzicht(project, kaart, today, cadans)
            + verzoek_lijst(kaart)
        )
        output.pages["dekking/index.md"] = GeneratedPage(dekking_page(project, kaart))
        # finder
        add_finder(output, kaart, project)
        # search: every page it reads exists now ...
        search.send(dict(output.pages))
        # ... and while it makes the index, this process makes the pages it never reads: one per offer and
        # per organisation (each record is a document of its own) and the verification sheets
        records_pages = renderer.render_records().pages
        sheets = {path: GeneratedPage(markdown) for path, markdown in verzoek_pages(project, kaart).items()}
        unread = [src for src in [*records_pages, *sheets] if not search_skips_page(src, kaart)]
        if unread:  # a page made after the index started would be missing from it: a mistake in this list
            raise RuntimeError(f"de zoekindex mist pagina's die later gemaakt zijn: {unread[:5]}")
        # in the order of SiteRenderer.render: the record pages, the overviews ..., each sheet after the werklijst
        werklijst = list(output.pages).index("redactie/index.md") + 1
        early = list(output.pages.items())
        output.pages = {**records_pages, **dict(early[:werklijst]), **sheets, **dict(early[werklijst:])}
        # exports
        output.files.update(exports.result())
        output.files.update(search.result())
        add_offline(output, project, today)  # Mijn lijst, offline page, manifest, worker (last: hashes all)
        return PreparedSite(result, kaart, output, abbreviations(begrippen), renderer, records)


def _search_index(kaart: Kaart, project: Project, receive) -> dict[str, bytes]:
    weighed = weigh_known(kaart, project)  # the records and content/: no generated page needed
    return search_files(kaart, project, receive(), weighed)


@contextlib.contextmanager
def _stopped_on_error():
    """Yields `lanes(background)`, which registers a child; when the build fails, every child still running is stopped."""
    started: list[_Background] = []

    def lanes(background: _Background) -> _Background:
        started.append(background)
        return background

    try:
        yield lanes
    except BaseException:
        for background in started:
            background.cancel()
        raise


@contextlib.contextmanager
def _frozen_heap():
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()  # `mkdocs serve` builds again in this process: the old records may go then


class _Background:
    """Run `work` in a forked child when there are many records (else right here); `result()` waits for it.

    The child inherits everything loaded so far, so nothing is read again.  It writes its
    result to an unnamed temporary file (never blocks, even if nobody collects it) and
    exits; an exception in the child is raised again by `result()`.

    With `receives`, `work(receive)` may wait, with `receive()`, for one value the parent hands
    over later with `send(value)`: the child starts on what it can do without it.  `cancel()`
    stops a child whose result is no longer wanted (the build failed).
    """

    def __init__(self, work, n_records: int, receives: bool = False):
        self.pid = None
        self._work = None
        if jobs(n_records) < 2 or "fork" not in multiprocessing.get_all_start_methods():
            if receives:
                self._work = work  # right here: runs when send() gives it the value
            else:
                self._value = work()
            return
        self._file = tempfile.TemporaryFile()
        if receives:
            self._inbox = tempfile.TemporaryFile()
            self._ready_r, self._ready_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: compute, write, leave without running the parent's cleanup
            try:
                try:
                    if receives:
                        os.close(self._ready_w)
                        outcome = (True, work(self._receive))
                    else:
                        outcome = (True, work())
                except BaseException as exc:  # noqa: BLE001 - handed to the parent
                    outcome = (False, exc)
                pickle.dump(outcome, self._file, protocol=pickle.HIGHEST_PROTOCOL)
                self._file.flush()
            finally:
                os._exit(0)
        self.pid = pid
        if receives:
            os.close(self._ready_r)

    def _receive(self):
        """In the child: wait until the parent has written the value (one byte on the pipe), then read it."""
        if not os.read(self._ready_r, 1):
            raise RuntimeError("de build stopte voordat dit deel zijn gegevens kreeg")
        self._inbox.seek(0)
        return pickle.load(self._inbox)

    def send(self, value) -> None:
        if self._work is not None:
            work, self._work = self._work, None
            self._value = work(lambda: value)
            return
        pickle.dump(value, self._inbox, protocol=pickle.HIGHEST_PROTOCOL)
        self._inbox.flush()
        os.write(self._ready_w, b"1")
        os.close(self._ready_w)
        self._inbox.close()  # the child has its own descriptor

    def cancel(self) -> None:
        if self.pid is None:
            return
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        self.pid = None
        self._file.close()
        if getattr(self, "_inbox", None) is not None and not self._inbox.closed:  # never sent: close our ends too
            os.close(self._ready_w)
            self._inbox.close()

    def result(self):
        if self.pid is None:
            return self._value
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        self._file.seek(0)
        try:
            ok, value = pickle.load(self._file)
        except EOFError:
            ok, value = False, RuntimeError(f"een deel van de build stopte zonder resultaat (status {status})")
        finally:
            self._file.close()
        if not ok:
            raise value
        self._value = value
        return value
