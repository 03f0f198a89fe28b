"""The editors' preview (`mkdocs serve`): a broken record shows the `kaart check` messages in the browser."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import pytest

from support.hardening import copy_project


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_preview(root) -> tuple[subprocess.Popen, int]:
    """`mkdocs serve` on a random free port; another port if someone took that one in between."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    for attempt in range(3):
        port = _free_port()
        log = root.parent / f"serve-{attempt}.log"  # a file, not a pipe: a full pipe would block the server
        with open(log, "w") as out:
            server = subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                cwd=root,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=out,
                process_group=0,
            )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and server.poll() is None:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    return server, port
            time.sleep(0.2)
        _stop(server)
        error = log.read_text(encoding="utf-8", errors="replace")
        if "Address already in use" not in error:
            raise AssertionError(f"mkdocs serve did not start:\n{error}")
    raise AssertionError("no free port for mkdocs serve")


def _stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


@pytest.mark.browser
def test_preview_lists_the_check_messages_and_recovers_when_fixed(tmp_path, desktop):
    root = copy_project(tmp_path / "proj")
    record = root / "aanbod" / "learn2work.yml"
    good = record.read_text(encoding="utf-8")
    record.write_text(good.replace("\nnaam:", "\nnaam: [kapot", 1), encoding="utf-8")
    check = subprocess.run(
        [sys.executable, "-m", "kaart.cli.main", "--root", str(root), "check"], capture_output=True, text=True
    )
    assert check.returncode == 1
    *messages, count = check.stdout.splitlines()

    server, port = _start_preview(root)
    try:
        page = desktop.page
        # any address, not only the home page: the request is answered at once, not held until a fix
        page.goto(f"http://127.0.0.1:{port}/aanbod/learn2work/", timeout=30000)
        assert page.locator("h1").inner_text() == "De site is niet gebouwd"
        assert page.locator("#kaart-meldingen li").all_inner_texts() == messages
        assert any(m.startswith("aanbod/learn2work.yml:") for m in messages)
        assert count in page.locator("main").inner_text()

        record.write_text(good, encoding="utf-8")  # the editor fixes the record; the page reloads itself
        page.wait_for_selector("article h1", timeout=120000)
        assert "Learn2Work" in page.locator("article h1").inner_text()
        assert page.locator("#kaart-meldingen").count() == 0

        # and the preview reloads by itself on the next change (mkdocs' live reload is not blocked)
        record.write_text(good.replace("\nnaam: Learn2Work", "\nnaam: Learn2Work Proef", 1), encoding="utf-8")
        # null-safe: while live reload swaps the page there is a moment without an article heading
        page.wait_for_function(
            "() => (document.querySelector('article h1')?.innerText || '').includes('Learn2Work Proef')", timeout=120000
        )
    finally:
        _stop(server)


def test_error_page_shows_hostile_values_as_text():
    """The preview has no CSP (mkdocs injects an inline script), so a value echoed in a message must stay text."""
    from kaart.publish.preview import error_page, preview_report

    report = (
        "De site is niet gebouwd: los eerst deze problemen op.\n"
        "aanbod/x.yml:3: naam: HTML is niet toegestaan: '<script>alert(1)</script>' [tekst-html]\n"
        "1 fout, 0 waarschuwingen in 1 bestanden."
    )
    page = error_page(report)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<li><code>aanbod/x.yml:3: naam: HTML is niet toegestaan:" in page
    assert "<p>1 fout, 0 waarschuwingen in 1 bestanden.</p>" in page
    crash = error_page(preview_report(KeyError("<img src=x onerror=alert(1)>")))
    assert "<img" not in crash and "interne fout" in crash
