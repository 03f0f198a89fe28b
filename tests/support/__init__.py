"""What the tests share: where the project and the seeds are, the browser's settings, and helpers
(support.browser, support.hardening, support.page_types, support.redactie_fixtures, support.situaties)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The five source documents, beside the checkout in the team's workspace; a clone elsewhere has none,
# and only the comparisons of records with the seed texts need them (they skip without).
SEEDS = ROOT.parent / "shared" / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds is not beside the checkout")
CHROMIUM = os.environ.get("KAART_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # no throttled timers when the machine is busy (two xdist workers share two cores with Chromium)
    "--disable-background-timer-throttling",
    "--disable-renderer-backgrounding",
    "--disable-backgrounding-occluded-windows",
]
PHONE = {"width": 360, "height": 740}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]  # axe-core rules for WCAG 2.1 A and AA
DESKTOP = {"width": 1280, "height": 900}
CI = os.environ.get("CI", "").lower() == "true"


def build_site(root: Path, dest: Path, *extra: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    # No -q: it silences warnings before --strict can count them, so strict would never fail.
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(dest), *extra],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
    )


def checked_records(project, today=None):
    """A project's records loaded and checked as a build does: the Records, with the typed `kaart`."""
    from kaart.check.checker import check_records
    from kaart.records.load import load_records

    records = load_records(project)
    check_records(records, today)
    return records
