"""The good-practice pages (content/lerende-netwerken/praktijken/*.md): their front matter checked.

A page names the offers it relates to (`verwant_aanbod`) and its themes (`thema`); both must
exist.  The site then lists the related offers under the page (kaart.pages.site).
"""

from __future__ import annotations

from pathlib import Path

from kaart.check.rules import check_reference
from kaart.model import Praktijk
from kaart.project import Project
from kaart.records.loading import LoadedFile, load_file, parse_text
from kaart.result import Problem


def load_praktijk(path: Path, project: Project, aanbod_ids: set) -> tuple[Praktijk | None, list[Problem]]:
    """A good-practice page's front matter (title, regio, thema, verwant_aanbod), or the problems with it."""
    rel = project.rel(path)
    loaded = load_file(path, rel, allowed_dir=project.content_dir, parse=False)  # size, binary, encoding, symlink
    if loaded.problems:
        return None, loaded.problems
    text = loaded.data
    if not text.startswith("---\n"):
        return None, [
            Problem(
                rel,
                1,
                "",
                "voorpagina (front matter) ontbreekt",
                "begin met ---, dan title, regio, bron, thema en verwant_aanbod, en weer ---",
                "praktijk",
            )
        ]
    end = text.find("\n---", 4)
    block = text[4:end] if end > 0 else ""
    loaded = parse_text(block, LoadedFile(path, rel))
    problems = [Problem(p.file, p.line + 1, p.veld, p.bericht, p.oplossing, p.regel, p.ernst) for p in loaded.problems]
    data = loaded.data if isinstance(loaded.data, dict) else {}
    for key in ("verwant_aanbod", "thema"):
        if key in data and not (isinstance(data[key], list) and all(isinstance(v, str) for v in data[key])):
            problems.append(
                Problem(
                    rel,
                    loaded.line_of((key,)) + 1,
                    key,
                    "moet een lijst met ids zijn",
                    f"schrijf bijvoorbeeld `{key}: [learn2work]`"
                    if key == "verwant_aanbod"
                    else f"schrijf bijvoorbeeld `{key}: [werk]`",
                    "praktijk",
                )
            )
            data = {**data, key: []}
    for i, ref in enumerate(data.get("verwant_aanbod") or []):
        for p in check_reference(loaded, ("verwant_aanbod", i), ref, aanbod_ids, "onbekend aanbod", "aanbod/<id>.yml"):
            problems.append(Problem(p.file, p.line + 1, p.veld, p.bericht, p.oplossing, p.regel))
    for i, thema in enumerate(data.get("thema") or []):
        if thema not in project.vocab["helpt_bij"]:
            problems.append(
                Problem(
                    rel,
                    loaded.line_of(("thema", i)) + 1,
                    f"thema[{i}]",
                    f"onbekend thema '{thema}'",
                    f"kies uit: {', '.join(project.vocab['helpt_bij'].ids)}",
                    "vocabulaire-helpt_bij",
                )
            )
    if "title" not in data:
        problems.append(Problem(rel, 2, "title", "verplicht veld ontbreekt", "voeg `title:` toe", "praktijk"))
    if any(p.is_error for p in problems):
        return None, problems
    return Praktijk(
        path.stem,
        str(data["title"]),
        str(data.get("regio", "")),
        tuple(data.get("verwant_aanbod") or ()),
        tuple(data.get("thema") or ()),
        rel,
    ), problems
