"""The provider loop on the editor's side: `kaart bevestig` turns a provider's answer into record changes.

verzoek (kaart verzoek, or "Mail de redactie" on an offer page) → the provider answers → bevestig.
What an answer changes is worked out in kaart.records.bevestig; here the file is read, the
result is checked like `kaart check` in a copy of the project, shown as a diff, and written
only after a yes.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

from kaart.check.checker import check_project
from kaart.check.reporting import format_text, render
from kaart.cli.common import project_of
from kaart.project import Project
from kaart.records import bevestig
from kaart.records.loading import load_file


def add_commands(sub) -> None:
    p = sub.add_parser(
        "bevestig",
        help="verwerk het antwoord van een aanbieder (het ingevulde antwoordblok) in het aanbod, met datum en bron",
    )
    p.add_argument(
        "antwoord",
        nargs="?",
        default="-",
        help="bestand met het ingevulde antwoordblok (geplakt uit de e-mail); zonder bestand of met - : standaardinvoer",
    )
    p.add_argument("--ja", action="store_true", help="niet vragen: schrijf de wijzigingen meteen (voor scripts)")
    p.add_argument("--datum", metavar="JJJJ-MM-DD", help="doe alsof het vandaag deze datum is; standaard vandaag")
    p.set_defaults(func=cmd_bevestig)


def cmd_bevestig(args) -> int:
    project = project_of(args)
    try:
        vandaag = dt.date.fromisoformat(args.datum) if args.datum else dt.date.today()
    except ValueError:
        print(f"kaart bevestig: '{args.datum}' is geen datum — schrijf JJJJ-MM-DD", file=sys.stderr)
        return 2
    if args.antwoord == "-":
        naam, tekst = "standaardinvoer", sys.stdin.read()
    else:
        path = Path(args.antwoord)
        try:
            naam, tekst = args.antwoord, path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            print(f"kaart bevestig: kan {args.antwoord} niet lezen ({getattr(exc, 'strerror', None) or exc})")
            return 2
    antwoorden, meldingen = bevestig.lees_antwoorden(tekst, naam)
    volgorde = {
        naam: list(json.loads((project.schemas_dir / f"{naam}.schema.json").read_text(encoding="utf-8"))["properties"])
        for naam in ("aanbod", "organisatie")
    }
    nieuwe_teksten: dict[Path, tuple[str, str]] = {}  # file -> (old, new)
    uitleg: list[str] = []
    for antwoord in antwoorden:
        soort = "organisatie" if antwoord.organisatie else "aanbod"
        folder = project.organisaties_dir if antwoord.organisatie else project.aanbod_dir
        path = folder / f"{antwoord.aanbod}.yml"
        if not path.is_file() or path in nieuwe_teksten:
            fout = "staat twee keer in het antwoord" if path in nieuwe_teksten else "bestaat niet in aanbod/"
            meldingen.append(
                bevestig.Melding(
                    naam,
                    antwoord.regels.get("aanbod", 1),
                    f"{soort} '{antwoord.aanbod}' {fout} — zet het id uit het controleverzoek achter '{soort}:'",
                )
            )
            continue
        rel = project.rel(path)
        loaded = load_file(path, rel)
        if loaded.problems or not isinstance(loaded.data, dict):
            print(render_problems(loaded.problems) or f"{rel}: geen aanbod")
            print("kaart bevestig: los eerst de fouten in het aanbod op (kaart check). Er is niets geschreven.")
            return 1
        if antwoord.organisatie:
            w = bevestig.wijziging_organisatie(antwoord, loaded.data, naam, vandaag)
        else:
            w = bevestig.wijziging(antwoord, loaded.data, naam, vandaag, project.vocab)
        meldingen += w.meldingen
        oud = path.read_text(encoding="utf-8")
        nieuwe_teksten[path] = (oud, bevestig.wijzig_tekst(oud, w.data, w.velden, volgorde[soort], w.nieuw_bron))
        uitleg += [f"{rel}: {regel}" for regel in w.uitleg]
        if "opmerking" in antwoord.waarden:
            uitleg.append(f"{rel}: opmerking van de aanbieder (niet verwerkt): {antwoord.waarden['opmerking']}")
    if meldingen:
        print("\n".join(str(m) for m in meldingen))
        print("kaart bevestig: er is niets geschreven; verbeter het antwoord en probeer opnieuw.")
        return 1
    fouten = _check_in_copy(project, {p: new for p, (_, new) in nieuwe_teksten.items()}, vandaag)
    if fouten:
        print(fouten)
        print(
            "kaart bevestig: met dit antwoord klopt het aanbod niet meer (de regelnummers zijn die van het aanbod "
            "zoals het met dit antwoord zou worden); er is niets geschreven."
        )
        return 1
    for path, (oud, new) in nieuwe_teksten.items():
        rel = project.rel(path)
        sys.stdout.writelines(difflib.unified_diff(oud.splitlines(True), new.splitlines(True), rel, rel))
    print("\n".join(uitleg))
    if not args.ja:
        if args.antwoord == "-" or not sys.stdin.isatty():
            print("kaart bevestig: niets geschreven — bevestig met --ja om deze wijzigingen te schrijven.")
            return 1
        if input("Deze wijzigingen schrijven? [j/N] ").strip().lower() not in ("j", "ja", "y", "yes"):
            print("Niets geschreven.")
            return 1
    for path, (_, new) in nieuwe_teksten.items():
        tmp = path.with_name(f".{path.name}.bevestig")
        tmp.write_text(new, encoding="utf-8")
        os.replace(tmp, path)  # the record is the old or the new text, never half of one
        print(f"Geschreven: {project.rel(path)}")
    return 0


def render_problems(problems) -> str:
    return "\n".join(format_text(p) for p in problems)


def _check_in_copy(project: Project, nieuwe: dict[Path, str], vandaag: dt.date) -> str:
    """`kaart check` on a copy of the project with the new texts: its report when anything fails, else ''."""
    with tempfile.TemporaryDirectory(prefix="kaart-bevestig-") as tmp:
        root = Path(tmp)
        for part in ("aanbod", "schemas", "content"):
            if (project.root / part).is_dir():
                shutil.copytree(project.root / part, root / part, symlinks=True)
        for path, text in nieuwe.items():
            (root / path.relative_to(project.root)).write_text(text, encoding="utf-8")
        result, _ = check_project(Project(root), vandaag)
    return "" if result.ok else render(result)
