"""`kaart genereer DIR`: the complete docs tree on disk, for any site generator.

The mkdocs hook hands the same prepared output to mkdocs as virtual files; this
writes it instead, so mkdocs without our hook, or Zensical (which runs no mkdocs
hooks), can build it:

    DIR/docs/        content/ plus every generated page and data file
    DIR/overrides/   the theme blocks (a copy of overrides/)
    DIR/mkdocs.yml   ours, without the hook, with the glossary tooltips and with
                     the generator's own search off (kaart.search.index replaces it)

Afterwards `kaart nabewerk SITE` adds the Content-Security-Policy to every built page.
The tree is written only into a new or empty folder outside the project (kaart.publish.target):
nothing is overwritten or deleted.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from kaart.build import PreparedSite
from kaart.project import Project
from kaart.publish.target import TargetError, output_folder

DOCS = "docs"


class GenereerError(Exception):
    """DIR cannot be used; the message says why and what to do."""


def check_target(project: Project, target: Path) -> Path:
    """A new or empty folder outside the project (not even tests/ or scripts/), else GenereerError."""
    try:
        return output_folder(project, target, anywhere=True, example=str(project.root.resolve().parent / "gegenereerd"))
    except TargetError as exc:
        raise GenereerError(str(exc)) from None


def write_tree(prepared: PreparedSite, project: Project, target: Path) -> Path:
    """Write the docs tree, the overrides and a hook-free mkdocs.yml into `target` (new or empty)."""
    target = check_target(project, target)
    docs = target / DOCS
    shutil.copytree(project.content_dir, docs, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
    for path in sorted(docs.rglob("*.md")):  # hand-written pages as the site shows them (good-practice footers)
        src = path.relative_to(docs).as_posix()
        text = path.read_text(encoding="utf-8")
        shown = prepared.page_markdown(src, text)
        if shown != text:
            path.write_text(shown, encoding="utf-8")
    for src, page in prepared.output.pages.items():
        path = docs / src
        if path.exists():  # a hand-written page in content/ wins over a generated one, as in the hook
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.markdown, encoding="utf-8")
    for dest, data in prepared.output.files.items():
        path = docs / dest
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    overrides = project.root / "overrides"
    if overrides.is_dir():
        shutil.copytree(overrides, target / "overrides")
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    (target / "mkdocs.yml").write_text(generator_config(config, prepared.abbreviations), encoding="utf-8")
    return target


_DROPPED = ("hooks", "watch", "plugins")  # our hook; the preview's watch list; replaced below


def generator_config(text: str, abbreviations: dict[str, str]) -> str:
    """Our mkdocs.yml for the written tree, edited as text so `!ENV` and the comments stay as they are."""
    out: list[str] = []
    skipping = False
    for line in text.splitlines():
        if line[:1] not in ("", " ", "\t", "#", "-"):  # a top-level key
            key = line.split(":", 1)[0].strip()
            skipping = key in _DROPPED
            if key == "docs_dir":
                line = f"docs_dir: {DOCS}"
        if skipping:
            continue
        if line.strip() == "- abbr":
            # what the hook puts into the config: the woordenlijst as tooltips on every page (JSON is YAML)
            line = (
                line.replace("- abbr", "- abbr:")
                + "\n"
                + " " * (line.index("-") + 4)
                + "glossary: "
                + json.dumps(abbreviations, ensure_ascii=False, sort_keys=True)
            )
        out.append(line)
    out += [
        "",
        "# The generator's own search stays off: kaart.search.index wrote assets/zoekindex/ and zoeken.js uses it.",
        "plugins:",
        "  - material/search:",
        "      enabled: false",
        "",
    ]
    return "\n".join(out)
