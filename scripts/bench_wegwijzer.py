"""Benchmark: how long does one change in the wegwijzer take with 5,000 offers?

Generates synthetic offers in the format of data/wegwijzer.json, opens the real
/wegwijzer/ page in headless Chromium (Debian's /usr/bin/chromium) with that
data, and times each change: matching + rendering + layout, in the page itself.
Budget: one frame (16 ms) per change.

    python3 scripts/bench_wegwijzer.py [--offers 5000] [--changes 80] [--site DIR]

Importable: `measure(offers=5000)` returns the numbers as a dict.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("KAART_CHROMIUM", "/usr/bin/chromium")
BUDGET_MS = 16.0


def synthetic_data(real: dict, offers: int, seed: int = 16) -> dict:
    """`offers` made-up offers with the real vocabularies, fields filled like real records (often unknown)."""
    rng = random.Random(seed)
    labels = real["labels"]
    gemeenten, helpt_bij, kenmerken = list(labels["gemeente"]), list(labels["helpt_bij"]), list(labels["kenmerk"])
    words = "coach werk school geld wonen stage traject maatje diploma jobcoach begeleiding buurt sport zorg".split()
    out = []
    for i in range(offers):
        offer = {
            "id": f"proef-{i:05d}", "naam": f"Proefaanbod {i} {rng.choice(words)}", "aanbieder": f"Organisatie {i % 300}",
            "pagina": f"aanbod/proef-{i:05d}/", "kort": " ".join(rng.choices(words, k=12)) + ".",
            "status": rng.choices(["actief", "gestopt", "onbekend"], [90, 5, 5])[0],
            "soort": rng.choice(list(labels["soort"])), "helpt_bij": rng.sample(helpt_bij, rng.randint(1, 3)),
            "voor": rng.choice([["jongeren"], ["jongeren", "scholen"], ["professionals"]]),
            "jongerentaal": {k: " ".join(rng.choices(words, k=15)) + "." for k in ("wat_is_het", "is_het_voor_mij", "wat_krijg_je", "hoe_begin_je")},
        }
        if rng.random() < 0.05:
            offer["landelijk"] = True
        else:
            offer["gemeenten"] = rng.sample(gemeenten, rng.randint(1, 4))
        if rng.random() < 0.4:
            low = rng.randint(14, 20)
            offer["leeftijd"] = rng.choice([{"min": low}, {"max": low + 6}, {"min": low, "max": low + 7}])
        if rng.random() < 0.5:
            offer["startkwalificatie"] = rng.choice(["zonder", "met", "beide"])
        if rng.random() < 0.5:
            offer["kenmerken"] = rng.sample(kenmerken, rng.randint(1, 3))
        if rng.random() < 0.3:
            offer["trefwoorden"] = rng.sample(words, 3)
        out.append(offer)
    return {**real, "aanbod": out}


def _states(real: dict, changes: int, seed: int = 27) -> list[dict]:
    rng = random.Random(seed)
    labels = real["labels"]
    states = []
    for _ in range(changes):
        states.append({
            "leeftijd": rng.choice([None, rng.randint(15, 27)]),
            "startkwalificatie": rng.choice([None, "ja", "nee"]),
            "zoekt": rng.sample(list(labels["helpt_bij"]), rng.randint(0, 2)),
            "gemeente": rng.choice([None] + list(labels["gemeente"])),
            "kenmerk": rng.sample(list(labels["kenmerk"]), rng.randint(0, 2)),
            "q": rng.choice(["", "", "", "coach", "werk stage"]),
            "gestopt": False, "weergave": None,
        })
    return states


def _build(dest: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(dest)],
                          capture_output=True, text=True, env=env, cwd=ROOT)
    if proc.returncode:
        raise SystemExit(f"De site kon niet gebouwd worden:\n{proc.stdout}\n{proc.stderr}")


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def measure(offers: int = 5000, changes: int = 80, site: Path | None = None, runs_count: int = 3) -> dict:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site_dir = Path(site) if site else Path(tmp) / "site"
        if not site:
            _build(site_dir)
        real = json.loads((site_dir / "data" / "wegwijzer.json").read_text(encoding="utf-8"))
        body = json.dumps(synthetic_data(real, offers))
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site_dir))
        handler.log_message = lambda *args: None
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
                states = _states(real, changes)
                runs = []
                # Each run is a fresh page (no cached cards); per change the fastest of the runs
                # counts, which filters out other processes on a shared machine.
                for _ in range(runs_count):
                    page = browser.new_page(viewport={"width": 1280, "height": 900})
                    page.route("**/data/wegwijzer.json", lambda route: route.fulfill(status=200, content_type="application/json", body=body))
                    page.goto(f"http://127.0.0.1:{server.server_address[1]}/wegwijzer/")
                    page.wait_for_selector("html[data-kaart-finder=klaar]", timeout=30000)
                    runs.append(page.evaluate("""(states) => {
                        const data = window.KaartFinder.data();
                        const total = [], filter = [];
                        for (const s of states) {
                            let t0 = performance.now();
                            window.KaartMatching.match(data, s, {uitleg: false});
                            filter.push(performance.now() - t0);
                            t0 = performance.now();
                            window.KaartFinder.setState(s);      // match + render, as on a real change
                            document.body.offsetHeight;          // include style and layout of the new list
                            total.push(performance.now() - t0);
                        }
                        return {total, filter};
                    }""", states))
                    shown = page.evaluate("document.querySelectorAll('[data-aanbod-id]').length")
                    page.close()
                browser.close()
        finally:
            server.shutdown()
    warm = 3  # the first changes warm up the JIT
    timings = [min(run["total"][i] for run in runs) for i in range(warm, changes)]
    filtering = [min(run["filter"][i] for run in runs) for i in range(warm, changes)]
    return {
        "offers": offers, "changes": len(timings), "runs": runs_count,
        "filter_median_ms": round(statistics.median(filtering), 2), "filter_p95_ms": round(_percentile(filtering, 95), 2),
        "median_ms": round(statistics.median(timings), 2), "p95_ms": round(_percentile(timings, 95), 2),
        "max_ms": round(max(timings), 2), "budget_ms": BUDGET_MS, "last_rendered": shown,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Meet de wegwijzer: filtertijd per wijziging met veel aanbod.")
    parser.add_argument("--offers", type=int, default=5000)
    parser.add_argument("--changes", type=int, default=80)
    parser.add_argument("--site", type=Path, help="al gebouwde site (anders wordt hij gebouwd)")
    args = parser.parse_args(argv)
    r = measure(args.offers, args.changes, args.site)
    print(f"wegwijzer: {r['offers']} aanbiedingen, {r['changes']} wijzigingen (snelste van {r['runs']} keer)")
    print(f"  filteren:                        mediaan {r['filter_median_ms']} ms, 95e percentiel {r['filter_p95_ms']} ms")
    print(f"  filteren + tonen + opmaak:       mediaan {r['median_ms']} ms, 95e percentiel {r['p95_ms']} ms, max {r['max_ms']} ms")
    print(f"  budget: {r['budget_ms']:.0f} ms (een beeld) per wijziging, voor het 95e percentiel van filteren + tonen")
    return 0 if r["p95_ms"] <= BUDGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
