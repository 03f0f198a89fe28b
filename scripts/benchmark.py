#!/usr/bin/env python3
"""Benchmark the kaart at N synthetic offers (default 100, 1,000 and 5,000).

For each N: copy the project to a temporary directory, add N synthetic but
realistic offers (Dutch text of realistic length, varied gemeenten, ages and
needs) and measure

- `kaart check` time, and the check in one process with jsonschema-rs as the yes/no
  check (as kaart check runs) and with jsonschema alone;
- our own build work (kaart.build.prepare_site: load, check, pages, finder, exports, search index);
- the whole `mkdocs build` with our hook against a plain mkdocs-material build of the same
  Markdown (no project code, material's own search): K adjacent pairs (--herhaal, default 3),
  the ratio is the median of the K ratios; with 1,000 and 5,000 both measured, how the build
  time grows between them (linear: 5x);
- the preview's rebuild (what `mkdocs serve` does after a save) after a one-line change to one
  record, at N and on the real site (33 offers);
- peak memory (max RSS) of the build;
- gzip bytes on the first view of the home page and an offer page, everything included
  (Debian's Chromium via Playwright, the same launch arguments as the tests);
- gzip bytes of the first search query;
- finder data size (data/wegwijzer.json) and filter time (scripts/bench_wegwijzer.py, if present);
- Lighthouse 12.2.3 (npm, pinned; mobile: simulated slow 4G and a 4x slower CPU) performance
  scores of the real site's home page, an offer page, /jongeren/ and /wegwijzer/, served with gzip:
  the median of five runs per page (installed under node_modules/.lighthouse-12.2.3/).

The figures, with the machine's load, go into scripts/METINGEN.md.

Usage:  python scripts/benchmark.py [--n 100 --n 1000] [--herhaal 3] [--keep] [--no-browser] [--no-lighthouse]
        [--alleen-lighthouse]
Prints Markdown tables and writes them to benchmark-results/ (gitignored).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import http.server
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

from kaart.project import Project

ROOT = Path(__file__).resolve().parents[1]
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
]
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")

# -- synthetic records ----------------------------------------------------------

NAAM_A = [
    "Jongeren",
    "Start",
    "Kans",
    "Werk",
    "Route",
    "Stap",
    "Perspectief",
    "Talent",
    "Toekomst",
    "Match",
    "Leer",
    "Doe",
]
NAAM_B = [
    "loket",
    "punt",
    "traject",
    "coach",
    "werkplaats",
    "academie",
    "team",
    "project",
    "huis",
    "lab",
    "netwerk",
    "plein",
]
ZIN_WAT = [
    "Je krijgt een vaste coach. Samen kijk je naar werk, school of een goede dagbesteding.",
    "Je werkt een paar dagen per week mee in een echt bedrijf. Zo leer je wat bij je past.",
    "Je maakt samen met een jongerenwerker een plan. Het gaat over geld, wonen en je toekomst.",
    "Je volgt een korte opleiding. Tegelijk doe je werkervaring op bij een werkgever in de buurt.",
    "Een maatje helpt je op weg. Hij of zij gaat mee naar afspraken als je dat spannend vindt.",
]
ZIN_VOOR = [
    "Ben je {lo} tot {hi} jaar en zit je thuis zonder school of werk? Dan is het voor jou.",
    "Heb je geen diploma en wil je wel verder? Dan kan het iets voor je zijn.",
    "Heb je schulden of problemen thuis? Weet je niet waar je moet beginnen? Dan is het voor jou.",
]
ZIN_KRIJG = [
    "Je krijgt hulp bij solliciteren. Ook na de start belt je coach je nog.",
    "Je krijgt een plek om te leren en iemand die met je meedenkt.",
    "Je krijgt hulp met je geld en je papieren, en daarna met werk of school.",
]
ZIN_BEGIN = [
    "Vraag je mentor, je klantmanager of een jongerenwerker om je aan te melden.",
    "Kom langs op het spreekuur of vraag een professional om je aan te melden.",
]
ZIN_BESCHRIJVING = [
    "Het traject richt zich op jongeren die geen startkwalificatie hebben en niet bij school of werk in beeld zijn.",
    "Een vaste begeleider houdt contact met de jongere, de school, de werkgever en de gemeente.",
    "De begeleiding duurt in de regel enkele maanden en wordt afgestemd op wat de jongere nodig heeft.",
    "Waar nodig wordt schuldhulpverlening, zorg of hulp bij wonen ingezet, zodat de jongere kan blijven leren of "
    "werken.",
    "Werkgevers in de regio bieden leerwerkplekken aan; de jobcoach begeleidt de jongere op de werkvloer.",
    "Na de start op school of in werk is er nazorg, zodat een terugval snel wordt opgemerkt.",
    "Het aanbod is onderdeel van de regionale aanpak voortijdig schoolverlaten en werkt samen met het RMC.",
    "Jongeren met een beperking, tienermoeders en statushouders krijgen extra aandacht bij de intake.",
    "De aanpak bestaat uit een intake, een persoonlijk plan, een periode van oefenen en een warme overdracht.",
    "Professionals kunnen een jongere aanmelden na een kort overleg met de coördinator van het traject.",
]
TREFWOORDEN = [
    "jobcoach",
    "schulden",
    "maatje",
    "stage",
    "werkervaring",
    "leerwerkplek",
    "nazorg",
    "entree",
    "startkwalificatie",
    "uitkering",
    "wonen",
    "zorg",
    "taal",
    "buddy",
    "tienermoeder",
    "verslaving",
]


def _vocab(project_root: Path) -> dict[str, list[str]]:
    data = json.loads((project_root / "schemas" / "vocabulaires.schema.json").read_text(encoding="utf-8"))["$defs"]
    return {name: [o["const"] for o in d["oneOf"]] for name, d in data.items()}


def _yaml_list(values) -> str:
    return "[" + ", ".join(values) + "]"


def generate(project_root: Path, n: int, seed: int = 16_27) -> None:
    """Write n offers and n/10 organisations as bench-*.yml into project_root/aanbod/."""
    rnd = random.Random(seed)
    rnd_situatie = random.Random(seed + 1)  # its own stream: the other fields stay as they were before situatie existed
    v = _vocab(project_root)
    orgs = max(1, n // 10)
    org_dir = project_root / "aanbod" / "organisaties"
    for i in range(orgs):
        org_id = f"bench-org-{i:04d}"
        naam = (
            f"{rnd.choice(NAAM_A)}{rnd.choice(NAAM_B)} {rnd.choice(['Noord', 'Zuid', 'Oost', 'West', 'Centrum'])} {i}"
        )
        (org_dir / f"{org_id}.yml").write_text(
            f"id: {org_id}\nnaam: {naam}\nbeschrijving: Synthetische organisatie voor de benchmark, met aanbod voor "
            f"jongeren van 16 tot 27 jaar.\n"
            f"bronnen:\n  - document: {rnd.choice(v['document'])}\n",
            encoding="utf-8",
        )
    for i in range(n):
        lo = rnd.choice([15, 16, 16, 17, 18, 18, 21, 23])
        hi = rnd.choice([a for a in (18, 21, 23, 25, 27, 27) if a > lo] or [27])
        gemeenten = rnd.sample(v["gemeente"], rnd.choice([1, 1, 2, 3]))
        helpt = rnd.sample(v["helpt_bij"], rnd.choice([1, 2, 3]))
        fase = rnd.sample(v["fase"], rnd.choice([1, 1, 2]))
        kenmerken = rnd.sample(v["kenmerk"], rnd.choice([0, 1, 2]))
        beschrijving = " ".join(rnd.sample(ZIN_BESCHRIJVING, rnd.choice([4, 5, 6, 7])))
        offer_id = f"bench-{i:05d}"
        lines = [
            f"id: {offer_id}",
            f"naam: {rnd.choice(NAAM_A)}{rnd.choice(NAAM_B)} {gemeenten[0].replace('-', ' ').title()} {i}",
            f"aanbieder: bench-org-{i % orgs:04d}",  # every organisation has offers
            "status: beschreven",
            f"soort: {rnd.choice(v['soort'])}",
            f"fase: {_yaml_list(fase)}",
            f"helpt_bij: {_yaml_list(helpt)}",
            "voor: [jongeren, professionals]",
            "doelgroep:",
            f"  leeftijd: {{min: {lo}, max: {hi}}}",
            f"  startkwalificatie: {rnd.choice(v['startkwalificatie'])}",
        ]
        situatie = rnd_situatie.sample(v["situatie"], rnd_situatie.choice([0, 1, 1, 2]))
        schooltype = (
            rnd_situatie.sample(v["schooltype"], rnd_situatie.choice([1, 2]))
            if set(situatie) & {"op-school", "dreigt-uit-te-vallen"}
            else []
        )
        for name, values in (("situatie", situatie), ("schooltype", schooltype), ("kenmerken", kenmerken)):
            if values:
                lines.append(f"  {name}: {_yaml_list(values)}")
        # kaart check wants the source's words for every doelgroep fact
        lines.append("  bronnen:")
        for feit in ["leeftijd", "startkwalificatie"] + [
            n for n, vals in (("situatie", situatie), ("schooltype", schooltype), ("kenmerken", kenmerken)) if vals
        ]:
            lines.append(
                f'    {feit}: {{document: verwey-jonker-almere-2016, onderdeel: Tabel 3, citaat: "synthetisch citaat"}}'
            )
        lines += [
            "werkgebied:",
            f"  gemeenten: {_yaml_list(gemeenten)}",
            "jongerentaal:",
            f"  wat_is_het: {rnd.choice(ZIN_WAT)}",
            f"  is_het_voor_mij: {json.dumps(rnd.choice(ZIN_VOOR).format(lo=lo, hi=hi), ensure_ascii=False)}",
            f"  wat_krijg_je: {rnd.choice(ZIN_KRIJG)}",
            f"  hoe_begin_je: {rnd.choice(ZIN_BEGIN)}",
            f"beschrijving: {json.dumps(beschrijving, ensure_ascii=False)}",
            "nazorg:",
            f"  geboden: {rnd.choice(['true', 'false'])}",
            "bronnen:",
            f"  - document: {rnd.choice(v['document'])}",
            f"trefwoorden: {_yaml_list(rnd.sample(TREFWOORDEN, 3))}",
        ]
        (project_root / "aanbod" / f"{offer_id}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def make_copy(dest: Path, n: int) -> Path:
    Project(ROOT).copy_to(dest)
    generate(dest, n)
    return dest


# -- measuring ------------------------------------------------------------------

_MEASURE = """
import resource, subprocess, sys, time
t = time.perf_counter()
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)
sys.stderr.write(r.stderr[-3000:])
"""


def timed(cmd: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time (s) and peak RSS (KB) of one command, measured in a wrapper process of its own."""
    proc = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], cwd=cwd, env=ENV, capture_output=True, text=True)
    seconds, rss, rc = proc.stdout.split()
    if rc != "0":
        raise SystemExit(f"{' '.join(cmd)} mislukte:\n{proc.stderr}")
    return float(seconds), int(rss)


_PREPARE = """
import json, sys, time
from pathlib import Path
from kaart.project import Project
from kaart.check.checker import check_project
from kaart.build import prepare_site
from kaart.search.index import search_files
project = Project(Path(sys.argv[1]))
t0 = time.perf_counter(); check_project(project); t1 = time.perf_counter()
prepared = prepare_site(project); t2 = time.perf_counter()
search_files(prepared.kaart, project, prepared.output.pages); t3 = time.perf_counter()
docs = Path(sys.argv[2])
for src, page in prepared.output.pages.items():
    target = docs / src
    if not target.exists():  # hand-written pages win, as in the hook
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
print(json.dumps({"check": t1 - t0, "prepare": t2 - t1, "search": t3 - t2}))
"""


_CHECK_VARIANTS = """
import json, sys, time
from pathlib import Path
from kaart.check import schema
from kaart.check.checker import check_project
from kaart.project import Project
out = {}
for name in ("jsonschema-rs", "jsonschema"):
    if name == "jsonschema":  # every record through jsonschema, as without the yes/no check
        schema.RecordSchema.is_valid = lambda self, data: False
    t = time.perf_counter()
    result, _ = check_project(Project(Path(sys.argv[1])))
    out[name] = time.perf_counter() - t
    assert result.ok
print(json.dumps(out))
"""

# What `mkdocs serve` does after a save: the whole build again, in the same process.
_REBUILD = """
import json, sys, tempfile, time
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
root, record = Path(sys.argv[1]), Path(sys.argv[2])
with tempfile.TemporaryDirectory() as site:
    build(load_config(config_file=str(root / "mkdocs.yml"), site_dir=site))  # the first build of the preview
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("\\nnaam: ", "\\nnaam: Gewijzigd ", 1), encoding="utf-8")
    t = time.perf_counter()
    build(load_config(config_file=str(root / "mkdocs.yml"), site_dir=site), dirty=False)
    seconds = time.perf_counter() - t
    record.write_text(text, encoding="utf-8")
print(json.dumps(seconds))
"""


def rebuild_s(project_root: Path, record: Path) -> float:
    """Seconds for the preview's rebuild after a one-line change (the name) to one record."""
    proc = subprocess.run(
        [sys.executable, "-c", _REBUILD, str(project_root), str(record)], capture_output=True, text=True, env=ENV
    )
    if proc.returncode:
        raise SystemExit(proc.stderr)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def plain_config(project: Path, docs: Path) -> Path:
    """A minimal mkdocs.yml: material, same nav and Markdown extensions, no project code."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor(
        "!ENV",
        lambda loader, node: (
            (loader.construct_sequence(node) or [""])[-1] if isinstance(node, yaml.SequenceNode) else ""
        ),
    )
    ours = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    plain = {
        "site_name": ours["site_name"],
        "docs_dir": str(docs),
        "use_directory_urls": True,
        "theme": {"name": "material", "language": "nl", "font": False},
        "markdown_extensions": ours.get("markdown_extensions", []),
        "nav": ours["nav"],
        "exclude_docs": "*.yml\n",
        "plugins": ["search"],
    }
    path = project / "mkdocs-plain.yml"
    path.write_text(yaml.safe_dump(plain, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def transfer(browser, base: str, site: Path, path: str, query: str | None = None) -> tuple[int, int | None]:
    """gzip bytes of everything the first view of `path` loads, and of a first search query typed there."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, service_workers="block")
    page = context.new_page()
    urls: list[str] = []
    page.on("requestfinished", lambda r: urls.append(r.url))
    page.goto(base + path, wait_until="networkidle")
    page.wait_for_timeout(300)

    def size(items):
        total = 0
        for url in set(items):
            local = urlsplit(url).path
            file = site / local.lstrip("/")
            if file.is_dir():
                file = file / "index.html"
            if file.is_file():
                total += gz(file)
        return total

    first = size(urls)
    search = None
    if query is not None and page.query_selector("#kaart-zoek-invoer"):
        before = len(urls)
        page.type("#kaart-zoek-invoer", query)
        page.wait_for_function("q => document.documentElement.dataset.kaartZoekVraag === q", arg=query, timeout=30_000)
        page.wait_for_load_state("networkidle")
        search = size(urls[before:])
    context.close()
    return first, search


# -- Lighthouse (mobile) on the real site, served with gzip --------------------------

LIGHTHOUSE_VERSION = "12.2.3"
LIGHTHOUSE_PAGES = [
    ("home", "/"),
    ("aanbod", "/aanbod/learn2work/"),
    ("jongeren", "/jongeren/"),
    ("wegwijzer", "/wegwijzer/"),
]
_COMPRESSIBLE = (".html", ".js", ".css", ".json", ".svg", ".xml", ".txt", ".csv")


class _GzipHandler(_Quiet):
    """Static files as a production server sends them: text gzip-compressed (nginx gzip on; see CONTRIBUTING.md)."""

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and (path / "index.html").is_file() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if not (path.is_file() and path.suffix in _COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def lighthouse_bin() -> Path:
    """node_modules/.bin/lighthouse at the pinned version, installed with npm when missing."""
    # A prefix of its own: `npm install --no-save` removes every package it did not install itself, and
    # scripts/test.sh keeps vnu-jar in node_modules/.
    prefix = ROOT / "node_modules" / f".lighthouse-{LIGHTHOUSE_VERSION}"
    package = prefix / "node_modules" / "lighthouse" / "package.json"
    if not package.is_file():
        prefix.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "npm",
                "install",
                "--prefix",
                str(prefix),
                "--no-save",
                "--no-audit",
                "--no-fund",
                "--ignore-scripts",
                "--loglevel=error",
                f"lighthouse@{LIGHTHOUSE_VERSION}",
            ],
            cwd=prefix,
            check=True,
        )
    return prefix / "node_modules" / ".bin" / "lighthouse"


LIGHTHOUSE_RUNS = 5  # Lighthouse's own advice: one run varies by several points, report the median of five


def _lighthouse_once(binary: Path, url: str) -> dict:
    proc = subprocess.run(
        [
            str(binary),
            url,
            "--only-categories=performance",
            "--output=json",
            "--output-path=stdout",
            "--quiet",
            "--chrome-flags=" + " ".join(["--headless=new", *CHROMIUM_ARGS[1:]]),
        ],
        capture_output=True,
        text=True,
        env=dict(ENV, CHROME_PATH=CHROMIUM),
        timeout=300,
    )
    if proc.returncode:
        return {"error": (proc.stderr or proc.stdout).strip().splitlines()[-1:]}
    report = json.loads(proc.stdout)
    audits = report["audits"]
    return {
        "score": round(100 * report["categories"]["performance"]["score"]),
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "fcp_ms": audits["first-contentful-paint"]["numericValue"],
    }


def lighthouse(site: Path, runs: int = LIGHTHOUSE_RUNS) -> dict[str, dict]:
    """Per page of LIGHTHOUSE_PAGES: the median of `runs` runs of mobile performance (0-100), total
    blocking time, LCP and FCP (ms), and the lowest and highest score.  The pages take turns, so a
    busy moment on the machine does not fall on one page only."""
    binary = lighthouse_bin()
    handler = functools.partial(_GzipHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    results: dict[str, list[dict]] = {name: [] for name, _ in LIGHTHOUSE_PAGES}
    try:
        for _ in range(runs):
            for name, path in LIGHTHOUSE_PAGES:
                results[name].append(_lighthouse_once(binary, base + path))
    finally:
        server.shutdown()
    out = {}
    for name, path in LIGHTHOUSE_PAGES:
        good = [r for r in results[name] if "error" not in r]
        errors = [r for r in results[name] if "error" in r]
        if errors:
            out[name] = {"path": path, "error": errors[0]["error"]}
            continue
        scores = [r["score"] for r in good]
        out[name] = {
            "path": path,
            "runs": len(good),
            "score": statistics.median_low(scores),
            "min": min(scores),
            "max": max(scores),
            **{k: statistics.median(r[k] for r in good) for k in ("tbt_ms", "lcp_ms", "fcp_ms")},
        }
    return out


def lighthouse_table(scores: dict[str, dict]) -> str:
    lines = [
        "| pagina | Lighthouse mobiel: prestaties (mediaan; laagste–hoogste) | total blocking time (ms) "
        "| LCP (ms) | FCP (ms) |",
        "|---|---|---|---|---|",
    ]
    for r in scores.values():
        if "error" in r:
            lines.append(f"| `{r['path']}` | fout: {' '.join(r['error'])} | | | |")
        else:
            lines.append(
                f"| `{r['path']}` | {r['score']} ({r['min']}–{r['max']}, {r['runs']} keer) | {r['tbt_ms']:.0f} | "
                f"{r['lcp_ms']:.0f} | {r['fcp_ms']:.0f} |"
            )
    return "\n".join(lines)


def lighthouse_real_site() -> dict[str, dict]:
    """Build the project itself (not a synthetic copy) and measure it with Lighthouse."""
    with tempfile.TemporaryDirectory(prefix="kaart-lighthouse-") as tmp:
        site = Path(tmp) / "site"
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
            cwd=ROOT,
            env=ENV,
            check=True,
        )
        return lighthouse(site)


def finder_filter_ms(site: Path, n: int) -> str:
    """Median / p95 ms per filter change, from scripts/bench_wegwijzer.py (its own Chromium, so a subprocess)."""
    if not (ROOT / "scripts" / "bench_wegwijzer.py").is_file():
        return "n/a"
    code = (
        "import json, sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); import bench_wegwijzer as b; "
        "r = b.measure(offers=int(sys.argv[2]), site=Path(sys.argv[3]), runs_count=1); "
        "print(json.dumps([r['median_ms'], r['p95_ms']]))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(ROOT / "scripts"), str(n), str(site)],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=900,
    )
    if proc.returncode:  # another engineer's script: report, do not stop the benchmark
        return "fout"
    median, p95 = json.loads(proc.stdout.strip().splitlines()[-1])
    return f"{median:.1f} / {p95:.1f}"


def finder_real() -> str:
    """The wegwijzer on the real records: first-render long tasks at 4x CPU throttling and the count in
    Past / Past misschien / Valt af per fixed situation (scripts/bench_wegwijzer.py, its own Chromium)."""
    if not (ROOT / "scripts" / "bench_wegwijzer.py").is_file():
        return ""
    code = "import sys; sys.path.insert(0, sys.argv[1]); import bench_wegwijzer as b; b.print_real(b.real_report())"
    proc = subprocess.run(
        [sys.executable, "-c", code, str(ROOT / "scripts")], capture_output=True, text=True, env=ENV, timeout=900
    )
    if proc.returncode:  # another engineer's script: report, do not stop the benchmark
        return "\nWegwijzer op de echte gegevens: fout bij het meten.\n"
    return "\nWegwijzer op de echte gegevens:\n\n```\n" + proc.stdout.strip() + "\n```\n"


def run(n: int, keep: bool, browser, repeats: int = 3) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix=f"kaart-bench-{n}-"))
    try:
        project = make_copy(tmp / "project", n)
        row: dict = {"n": n}
        docs = tmp / "plain-docs"
        shutil.copytree(project / "content", docs)
        # `kaart check` and our own work, measured as adjacent pairs `repeats` times: on a shared
        # machine one pair can differ by a third from the next, the ratio within a pair much less.
        pairs = []
        for _ in range(repeats):
            check_s, _ = timed([sys.executable, "-m", "kaart.cli.main", "--root", str(project), "check"], project)
            proc = subprocess.run(
                [sys.executable, "-c", _PREPARE, str(project), str(docs)], capture_output=True, text=True, env=ENV
            )
            if proc.returncode:
                raise SystemExit(proc.stderr)
            pairs.append((check_s, json.loads(proc.stdout.strip().splitlines()[-1])))
        row["pairs"] = [[round(c, 3), round(o["prepare"], 3)] for c, o in pairs]
        row["check_s"] = statistics.median(c for c, _ in pairs)
        row["own_prepare_s"] = statistics.median(o["prepare"] for _, o in pairs)
        row["own_search_s"] = statistics.median(o["search"] for _, o in pairs)
        proc = subprocess.run(
            [sys.executable, "-c", _CHECK_VARIANTS, str(project)], capture_output=True, text=True, env=ENV
        )
        if proc.returncode:
            raise SystemExit(proc.stderr)
        variants = json.loads(proc.stdout.strip().splitlines()[-1])
        row["check_rs_s"], row["check_jsonschema_s"] = variants["jsonschema-rs"], variants["jsonschema"]
        # the whole build, ours and plain mkdocs-material, as adjacent pairs: the ratio within a pair
        # varies much less on a shared machine than either time
        out, plain_out = tmp / "site", tmp / "plain-site"
        cfg = plain_config(project, docs)
        builds = []
        for _ in range(repeats):
            for site in (out, plain_out):
                shutil.rmtree(site, ignore_errors=True)
            ours = timed(
                [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(out)],
                project,
            )
            plain = timed(
                [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(cfg), "-d", str(plain_out)], project
            )
            builds.append((ours, plain))
        row["build_pairs"] = [[round(o[0], 1), round(p[0], 1)] for o, p in builds]
        row["build_s"] = statistics.median(o[0] for o, _ in builds)
        row["build_rss_kb"] = max(o[1] for o, _ in builds)
        row["plain_s"] = statistics.median(p[0] for _, p in builds)
        row["plain_rss_kb"] = max(p[1] for _, p in builds)
        row["ratio"] = statistics.median(o[0] / p[0] for o, p in builds)
        row["render_s"] = row["build_s"] - row["own_prepare_s"]
        row["rebuild_s"] = rebuild_s(project, project / "aanbod" / "bench-00001.yml")
        finder = out / "data" / "wegwijzer.json"
        row["finder_kb"] = gz(finder) / 1000 if finder.is_file() else None
        index = out / "assets" / "zoekindex"
        row["index_kb"] = sum(gz(p) for p in index.iterdir()) / 1000
        plain_index = plain_out / "search" / "search_index.json"
        row["plain_index_kb"] = gz(plain_index) / 1000 if plain_index.is_file() else None
        if browser is not None:
            server, base = serve(out)
            try:
                row["home_kb"], row["search_kb"] = [
                    x / 1000 for x in transfer(browser, base, out, "/", "schulden jobcoach")
                ]
                row["offer_kb"], _ = transfer(browser, base, out, "/aanbod/bench-00001/")
                row["offer_kb"] /= 1000
            finally:
                server.shutdown()
            server, base = serve(plain_out)
            try:
                plain_home, _ = transfer(browser, base, plain_out, "/")
                row["plain_home_kb"] = plain_home / 1000
            finally:
                server.shutdown()
        row["filter_ms"] = finder_filter_ms(out, n) if browser is not None else None
        return row
    finally:
        if keep:
            print(f"bewaard: {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def table(rows: list[dict]) -> str:
    def f(value, fmt="{:.1f}"):
        return "n/a" if value is None else (fmt.format(value) if isinstance(value, (int, float)) else str(value))

    head = (
        "| N | kaart check (s) | check in-proces: jsonschema-rs / alleen jsonschema (s) | eigen werk (s) "
        "| build totaal (s) | kale mkdocs-material (s) | verhouding (mediaan van paren) | herbouw preview (s) "
        "| piekgeheugen (MB) | eerste bezoek home (KB gz) | eerste bezoek aanbod (KB gz) | eerste zoekvraag (KB gz) "
        "| zoekindex totaal (KB gz) | wegwijzer-data (KB gz) | filter mediaan / p95 (ms) "
        "| material: eerste bezoek / zoekindex (KB gz) |"
    )
    lines = [head, "|" + "|".join("---" for _ in range(head.count("|") - 1)) + "|"]
    for r in rows:
        cells = [
            str(r["n"]),
            f(r["check_s"], "{:.2f}"),
            f"{f(r['check_rs_s'], '{:.2f}')} / {f(r['check_jsonschema_s'], '{:.2f}')}",
            f(r["own_prepare_s"]),
            f(r["build_s"]),
            f(r["plain_s"]),
            f(r["ratio"], "{:.2f}"),
            f(r["rebuild_s"]),
            f(r["build_rss_kb"] / 1024, "{:.0f}"),
            f(r.get("home_kb")),
            f(r.get("offer_kb")),
            f(r.get("search_kb")),
            f(r["index_kb"], "{:.0f}"),
            f(r["finder_kb"]),
            f(r.get("filter_ms")),
            f"{f(r.get('plain_home_kb'), '{:.0f}')} / {f(r['plain_index_kb'], '{:.0f}')}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(
        "Paren (onze build, kale mkdocs-material) in s: " + "; ".join(f"N={r['n']}: {r['build_pairs']}" for r in rows)
    )
    by_n = {r["n"]: r for r in rows}
    if 1000 in by_n and 5000 in by_n:
        growth = by_n[5000]["build_s"] / by_n[1000]["build_s"]
        lines.append(f"Groei van de build van 1.000 naar 5.000 aanbiedingen: {growth:.2f}x (lineair: 5x).")
    return "\n".join(lines)


def real_rebuild() -> str:
    """The preview's rebuild on the real site (a copy), after a one-line change to one record."""
    with tempfile.TemporaryDirectory(prefix="kaart-herbouw-") as tmp:
        project = Project(ROOT).copy_to(Path(tmp) / "project")
        records = project.aanbod_files()
        seconds = rebuild_s(project.root, records[0])
    return f"Herbouw van de preview op de echte site ({len(records)} aanbiedingen): {seconds:.1f} s."


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"belasting van de machine (load average 1/5/15 min) bij het einde: {one:.1f} / {five:.1f} / {fifteen:.1f}"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, {platform.system()}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--n", type=int, action="append", help="aantal aanbiedingen (herhaalbaar); standaard 100, 1000 en 5000"
    )
    parser.add_argument("--keep", action="store_true", help="laat de tijdelijke kopieën staan")
    parser.add_argument(
        "--herhaal",
        type=int,
        default=3,
        metavar="K",
        help="meet kaart check en eigen werk K keer na elkaar (standaard 3); de tabel geeft de medianen",
    )
    parser.add_argument("--no-browser", action="store_true", help="sla de metingen in Chromium over")
    parser.add_argument("--no-lighthouse", action="store_true", help="sla Lighthouse over")
    parser.add_argument("--alleen-lighthouse", action="store_true", help="meet alleen Lighthouse op de echte site")
    args = parser.parse_args(argv)
    if args.alleen_lighthouse:
        scores = lighthouse_real_site()
        text = (
            f"Lighthouse {LIGHTHOUSE_VERSION} {dt.datetime.now().isoformat(timespec='minutes')} op {machine()}.\n\n"
            + lighthouse_table(scores)
            + "\n"
        )
        print(text)
        _write_results(text, scores)
        return 0
    sizes = args.n or [100, 1000, 5000]
    rows = []
    pw = browser = None
    if not args.no_browser and Path(CHROMIUM).exists():
        from playwright.sync_api import sync_playwright

        pw = sync_playwright().start()
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    try:
        for n in sizes:
            print(f"N = {n} …", file=sys.stderr)
            rows.append(run(n, args.keep, browser, max(1, args.herhaal)))
    finally:
        if browser:
            browser.close()
            pw.stop()
    text = (
        f"Benchmark {dt.datetime.now().isoformat(timespec='minutes')} op {machine()}; {load()}.\n\n"
        + table(rows)
        + "\n\n"
        + real_rebuild()
        + "\n"
    )
    if browser is not None:
        text += finder_real()
    if not args.no_browser and not args.no_lighthouse and Path(CHROMIUM).exists():
        text += (
            f"\nLighthouse {LIGHTHOUSE_VERSION}, de echte site met gzip:\n\n"
            + lighthouse_table(lighthouse_real_site())
            + "\n"
        )
    print(text)
    _write_results(text, rows)
    return 0


def _write_results(text: str, data) -> None:
    out_dir = ROOT / "benchmark-results"
    out_dir.mkdir(exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
    (out_dir / f"benchmark-{stamp}.md").write_text(text, encoding="utf-8")
    (out_dir / f"benchmark-{stamp}.json").write_text(json.dumps(data, indent=1), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
