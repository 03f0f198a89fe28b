"""`kaart importeer`: a region's own list (CSV, .xlsx, an HSDS 3.0 feed) as records in aanbod/.

Rows become records in kaart.records.importeer; here the files are read, the records checked by
`kaart check` in a copy of the project, and only the rows that pass are written: first into a
folder next to aanbod/, then each file moved into place, so no half-written record remains.
An existing record is never overwritten; `--bijwerken` changes only the fields that differ and
shows the diff.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

from kaart.check.checker import check_project
from kaart.check.reporting import format_text
from kaart.cli.common import project_of
from kaart.export.tables import AANBOD_COLUMNS, ORGANISATIE_COLUMNS
from kaart.project import Project
from kaart.records import importeer as imp
from kaart.records.bevestig import wijzig_tekst
from kaart.records.loading import load_file

HEADER = "# yaml-language-server: $schema=../{up}schemas/{schema}.schema.json\n"


def add_commands(sub) -> None:
    p = sub.add_parser(
        "importeer",
        help="lees aanbod in uit een eigen lijst: CSV of .xlsx in de kolommen van aanbod.csv, of een HSDS 3.0-feed",
    )
    p.add_argument(
        "bestanden",
        nargs="+",
        help="CSV of .xlsx met de kolommen van aanbod.csv (en eventueel organisaties.csv), "
        "HSDS-JSON (services.json, organizations.json, een service), de map van een HSDS-feed, "
        "of het datapakket van een HSDS-feed (datapackage.json met services.csv ...)",
    )
    p.add_argument(
        "--bijwerken",
        action="store_true",
        help="bestaand aanbod bijwerken: alleen velden die verschillen, met een diff (zonder deze optie blijft "
        "bestaand aanbod ongemoeid)",
    )
    p.add_argument(
        "--datum", metavar="JJJJ-MM-DD", help="datum van de import, in de bron van elk record; standaard vandaag"
    )
    p.set_defaults(func=cmd_importeer)


# -- reading the files ---------------------------------------------------------------------------
def _csv_rijen(path: Path) -> tuple[list[str], list[tuple[int, dict]]]:
    text = path.read_text(encoding="utf-8-sig")
    kop = text.split("\n", 1)[0]
    scheiding = max(",;\t", key=kop.count)  # a Dutch Excel writes ; between the columns
    reader = csv.reader(io.StringIO(text), csv.excel, delimiter=scheiding)
    rows = list(reader)
    if not rows:
        return [], []
    koppen = [k.strip() for k in rows[0]]
    return koppen, [(n, dict(zip(koppen, cells))) for n, cells in enumerate(rows[1:], 2)]


def _xlsx_rijen(path: Path) -> tuple[list[str], list[tuple[int, dict]]]:
    import openpyxl  # only for .xlsx: the other commands do not need it

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    book.close()
    if not rows:
        return [], []
    koppen = ["" if k is None else str(k).strip() for k in rows[0]]

    def text(value) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return "ja" if value else "nee"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if isinstance(value, (dt.date, dt.datetime)):
            return value.strftime("%Y-%m-%d")
        return str(value)

    return koppen, [(n, {k: text(v) for k, v in zip(koppen, cells)}) for n, cells in enumerate(rows[1:], 2)]


class _Invoer:
    def __init__(self, datum: dt.date):
        self.datum = datum
        self.aanbod: list[imp.Rij] = []
        self.organisaties: list[imp.Rij] = []
        self.meldingen: list[imp.Melding] = []

    def lees(self, path: Path) -> None:
        if path.name == "datapackage.json" or (path.is_dir() and (path / "datapackage.json").is_file()):
            self._datapakket(path if path.is_file() else path / "datapackage.json")
            return
        if path.is_dir():
            self._feedmap(path)
            return
        suffix = path.suffix.lower()
        try:
            if suffix in (".csv", ".xlsx"):
                self._tabel(path, suffix)
            elif suffix == ".json":
                self._hsds_json(path)
            else:
                self.meldingen.append(
                    imp.Melding(str(path), "", "onbekend soort bestand — geef een .csv, .xlsx, .json of een map")
                )
        except (OSError, UnicodeDecodeError) as exc:
            self.meldingen.append(imp.Melding(str(path), "", f"kan het bestand niet lezen ({exc})"))
        except Exception as exc:  # openpyxl on a file that is no spreadsheet
            if suffix != ".xlsx":
                raise
            self.meldingen.append(imp.Melding(str(path), "", f"geen leesbaar .xlsx-bestand ({type(exc).__name__})"))

    def _feedmap(self, path: Path) -> None:
        """The folder of an HSDS feed: services.json, with organizations.json for the services that link one."""
        files = [path / n for n in ("organizations.json", "services.json") if (path / n).is_file()]
        if not files:
            self.meldingen.append(
                imp.Melding(str(path), "", "geen services.json in deze map — geef de map van een HSDS-feed")
            )
        orgs = self._json(files[0]) if files and files[0].name == "organizations.json" else None
        if files and files[-1].name == "services.json":
            data = self._json(files[-1])
            if data is not None:
                self.aanbod += imp.hsds_rijen(files[-1].name, data, self.datum, imp.hsds_organisaties(orgs or {}))

    def _tabel(self, path: Path, suffix: str) -> None:
        """A sheet: organisaties.csv when it has a naam but neither soort nor aanbieder, else aanbod.csv."""
        naam = path.name
        koppen, rijen = _csv_rijen(path) if suffix == ".csv" else _xlsx_rijen(path)
        if "soort" not in koppen and "aanbieder" not in koppen and "naam" in koppen:
            self.meldingen += imp.kolom_meldingen(naam, koppen, ORGANISATIE_COLUMNS)
            self.organisaties += imp.organisatie_rijen(naam, rijen, self.datum)
        else:
            self.meldingen += imp.kolom_meldingen(naam, koppen, AANBOD_COLUMNS)
            self.aanbod += imp.tabel_rijen(naam, rijen, self.datum)

    def _hsds_json(self, path: Path) -> None:
        """One JSON file of a feed: services, one service, or organizations (with their services inside or not)."""
        naam = path.name
        data = self._json(path)
        if data is None:
            return
        lijst, _ = imp._inhoud(data)
        organisaties = [o for o in lijst if isinstance(o, dict) and not imp.is_dienst(o)]
        if not lijst or len(organisaties) != len(lijst):
            self.aanbod += imp.hsds_rijen(naam, data, self.datum)
        elif not any(imp.is_organisatie(o) for o in organisaties):
            self.meldingen.append(
                imp.Melding(
                    naam,
                    "$",
                    "organisaties zonder services — geef services.json (of de map van de feed) om aanbod in te lezen",
                )
            )
        elif isinstance(data, dict) and "contents" in data:
            for n, org in enumerate(lijst):
                self.aanbod += imp.hsds_rijen(naam, org, self.datum, basis=f"contents[{n}].services")
        else:
            self.aanbod += imp.hsds_rijen(naam, data, self.datum)

    def _datapakket(self, path: Path) -> None:
        """An HSDS tabular data package: services.csv with its organizations, phones, areas and attributes."""
        pakket = self._json(path)
        if pakket is None:
            return
        resources = pakket.get("resources") if isinstance(pakket, dict) else None
        paden = {
            r.get("name"): r.get("path")
            for r in resources or []
            if isinstance(r, dict) and isinstance(r.get("path"), str)
        }
        if "services" not in paden:
            self.meldingen.append(
                imp.Melding(
                    path.name,
                    "resources",
                    "geen tabel 'services' — is dit het datapakket van een HSDS-feed? Voor aanbod.csv: "
                    "geef het CSV-bestand zelf",
                )
            )
            return
        tabellen = {}
        for name, rel in paden.items():
            bestand = (path.parent / rel).resolve()
            if not bestand.is_relative_to(path.parent.resolve()) or not bestand.is_file():
                self.meldingen.append(
                    imp.Melding(path.name, f"resources.{name}.path", f"'{rel}' staat niet naast datapackage.json")
                )
                continue
            tabellen[name] = list(csv.DictReader(io.StringIO(bestand.read_text(encoding="utf-8-sig"))))
        bron = Path(paden["services"]).name
        for nummer, service in imp.hsds_tabellen(tabellen):
            for rij in imp.hsds_rijen(bron, service, self.datum):
                rij.waar = f"{bron}:{nummer}"
                rij.kolommen = {k: v.removeprefix("$.").removeprefix("$") for k, v in rij.kolommen.items()}
                rij.data["bronnen"][-1] = imp.importbron(bron, self.datum, f"rij {nummer}")
                self.aanbod.append(rij)

    def _json(self, path: Path):
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            self.meldingen.append(
                imp.Melding(f"{path.name}:{exc.lineno}", "$", f"geen geldige JSON ({exc.msg}) — controleer het bestand")
            )
        except (OSError, UnicodeDecodeError) as exc:
            self.meldingen.append(imp.Melding(str(path), "", f"kan het bestand niet lezen ({exc})"))
        return None


# -- the command ------------------------------------------------------------------------------------
def _yaml(data: dict, schema: str, up: str = "") -> str:
    return HEADER.format(up=up, schema=schema) + yaml.safe_dump(
        data, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False
    )


def cmd_importeer(args) -> int:
    project = project_of(args)
    try:
        datum = dt.date.fromisoformat(args.datum) if args.datum else dt.date.today()
    except ValueError:
        print(f"kaart importeer: '{args.datum}' is geen datum — schrijf JJJJ-MM-DD", file=sys.stderr)
        return 2
    invoer = _lees_invoer(args.bestanden, datum)
    for m in invoer.meldingen:
        print(m)
    if not invoer.aanbod and not invoer.organisaties:
        print("kaart importeer: niets om in te lezen.")
        return 1

    bestaand_org = {p.stem: p for p in project.organisatie_files()}
    _koppel(project, invoer, bestaand_org, datum)
    afgewezen: list[tuple[imp.Rij, list[str]]] = []
    kandidaten: dict[str, tuple[imp.Rij | None, str, str | None]] = {}  # rel -> (row, new text, old text)
    _organisatie_kandidaten(invoer.organisaties, bestaand_org, kandidaten, afgewezen)
    _aanbod_kandidaten(project, invoer.aanbod, bestaand_org, args.bijwerken, kandidaten, afgewezen)
    if not _controleer(project, kandidaten, afgewezen, datum):
        return 1
    _zonder_ongebruikte_organisaties(kandidaten)
    geschreven = _schrijf(project, kandidaten)
    _verslag(geschreven, kandidaten, afgewezen)
    return 1 if afgewezen or invoer.meldingen else 0


def _lees_invoer(bestanden: list[str], datum: dt.date) -> _Invoer:
    invoer = _Invoer(datum)
    for naam in bestanden:
        path = Path(naam)
        if not path.exists():
            invoer.meldingen.append(imp.Melding(naam, "", "bestaat niet — geef het pad naar het bestand"))
            continue
        invoer.lees(path)
    return invoer


def _koppel(project: Project, invoer: _Invoer, bestaand_org: dict[str, Path], datum: dt.date) -> None:
    """Each row's vocabulary values as ids and its providers as organisation ids: the organisations of the
    project first, then those of organisaties.csv, then those a feed names with its services."""
    bekend: dict[str, dict] = {i: {"id": i, "naam": _naam(p)} for i, p in bestaand_org.items()}
    for rij in invoer.organisaties:
        if rij.data.get("id"):
            bekend.setdefault(rij.data["id"], rij.data)
    for rij in invoer.aanbod:
        for org in rij.organisaties:  # the organisations a feed names with its services
            bekend.setdefault(org["id"], org)
        imp.map_vocabulaires(rij, project.vocab)
        bron = rij.waar.split(":")[0]
        imp.koppel_aanbieders(rij, bekend, bron, datum)


def _organisatie_kandidaten(rijen: list[imp.Rij], bestaand_org: dict, kandidaten: dict, afgewezen: list) -> None:
    """The rows of organisaties.csv as new files; an organisation the project has already stays as it is."""
    for rij in rijen:
        oid = rij.data.get("id", "")
        if rij.meldingen:
            afgewezen.append((rij, [str(m) for m in rij.meldingen]))
        elif oid not in bestaand_org:
            kandidaten[f"aanbod/organisaties/{oid}.yml"] = (rij, _yaml(rij.data, "organisatie", "../"), None)


def _aanbod_kandidaten(
    project: Project, rijen: list[imp.Rij], bestaand_org: dict, bijwerken: bool, kandidaten: dict, afgewezen: list
) -> None:
    """Each row's record as a new file (or, with --bijwerken, an existing one changed), with the new
    organisations it names; a row that cannot be written is rejected with its reason."""
    volgorde = list(json.loads((project.schemas_dir / "aanbod.schema.json").read_text(encoding="utf-8"))["properties"])
    for rij in rijen:
        bezwaar = _bezwaar(project, rij, kandidaten, bijwerken)
        if bezwaar:
            afgewezen.append((rij, bezwaar))
            continue
        rel = f"aanbod/{rij.data['id']}.yml"
        path = project.root / rel
        if path.exists():
            kandidaat = _bijgewerkt(path, rel, rij, volgorde)
            if kandidaat is None:
                continue
            kandidaten[rel] = kandidaat
        else:
            kandidaten[rel] = (rij, _yaml(rij.data, "aanbod"), None)
        for org in rij.organisaties:
            orel = f"aanbod/organisaties/{org['id']}.yml"
            if org["id"] not in bestaand_org and orel not in kandidaten:
                kandidaten[orel] = (None, _yaml(org, "organisatie", "../"), None)


def _bezwaar(project: Project, rij: imp.Rij, kandidaten: dict, bijwerken: bool) -> list[str]:
    """Why the row's record cannot be written (its messages, no id, an id used twice, an existing record
    without --bijwerken), or nothing."""
    rid = rij.data.get("id", "")
    rel = f"aanbod/{rid}.yml"
    if rij.meldingen:
        return [str(m) for m in rij.meldingen]
    if not rid:
        return [f"{rij.waar}:{rij.kolom('id')}: geen id en geen naam — vul de kolom naam in"]
    if rel in kandidaten:
        return [f"{rij.waar}:{rij.kolom('id')}: id '{rid}' komt al eerder voor in de invoer — kies een eigen id"]
    if (project.root / rel).exists() and not bijwerken:
        return [
            f"{rij.waar}:{rij.kolom('id')}: aanbod '{rid}' bestaat al ({rel}) en blijft zoals het is — "
            "gebruik --bijwerken om alleen de velden te veranderen die verschillen"
        ]
    return []


def _bijgewerkt(path: Path, rel: str, rij: imp.Rij, volgorde: list[str]) -> tuple[imp.Rij, str, str] | None:
    """The existing record with the fields that differ changed (row, new text, old text), or None when
    nothing differs."""
    oud = path.read_text(encoding="utf-8")
    data, velden = imp.bijwerken(load_file(path, rel).data or {}, rij.data)
    if not velden:
        print(f"{rel}: ongewijzigd (alle velden gelijk aan {rij.waar})")
        return None
    nieuw_bron = data["bronnen"][-1]
    return rij, wijzig_tekst(oud, data, velden, volgorde, nieuw_bron), oud


def _controleer(project: Project, kandidaten: dict, afgewezen: list, datum: dt.date) -> bool:
    """Check in a copy; a row whose record (or new organisation) fails is left out, then check again.
    False when the project itself has errors: then nothing may be written."""
    for _ in range(5):
        fouten, elders = _check(project, {rel: tekst for rel, (_, tekst, _) in kandidaten.items()}, datum)
        if elders:
            print("\n".join(elders))
            print("kaart importeer: los eerst de fouten in aanbod/ op (kaart check); er is niets geschreven.")
            return False
        if not fouten:
            break
        for rel, regels in _fouten_per_rij(fouten, kandidaten).items():
            afgewezen.append((kandidaten.pop(rel)[0], regels))
    return True


def _fouten_per_rij(fouten: dict[str, list], kandidaten: dict) -> dict[str, list[str]]:
    """The check's errors as messages per row's file. A failing organisation made for rows is taken out of
    `kandidaten`, and its rows go too, each told what is wrong with it."""
    meldingen: dict[str, list[str]] = {}  # rel of a row's file -> its messages
    for rel, problemen in fouten.items():
        rij = kandidaten[rel][0]
        if rij is not None:  # a row's record (or a row of organisaties.csv)
            meldingen.setdefault(rel, []).extend(_bericht(rij, p) for p in problemen)
            continue
        oid = Path(rel).stem
        for other_rel, (other, _, _) in kandidaten.items():
            if other is not None and oid in _aanbieders(other.data):
                meldingen.setdefault(other_rel, []).extend(_bericht(other, p, "organisatie:") for p in problemen)
        kandidaten.pop(rel)
    return meldingen


def _zonder_ongebruikte_organisaties(kandidaten: dict) -> None:
    """An organisation made for rows that were all left out is not written either."""
    gebruikt = {o for rij, _, _ in kandidaten.values() if rij is not None for o in _aanbieders(rij.data)}
    for rel, (rij, _, _) in list(kandidaten.items()):
        if rij is None and Path(rel).stem not in gebruikt:
            kandidaten.pop(rel)


def _verslag(geschreven: list[str], kandidaten: dict, afgewezen: list) -> None:
    """What was written (with the diff of each record changed), what was not and why, and the totals."""
    for rel in geschreven:
        oud = kandidaten[rel][2]
        if oud is not None:
            sys.stdout.writelines(
                difflib.unified_diff(oud.splitlines(True), kandidaten[rel][1].splitlines(True), rel, rel)
            )
        print(f"{'Bijgewerkt' if oud is not None else 'Geschreven'}: {rel}")
    if afgewezen:
        print(f"\nNiet ingelezen ({len(afgewezen)}), verbeter deze rijen en lees ze opnieuw in:")
        for _, regels in afgewezen:
            for regel in regels:
                print(f"  {regel}")
    n_aanbod = sum(1 for rel in geschreven if not rel.startswith("aanbod/organisaties/"))
    print(
        f"kaart importeer: {n_aanbod} aanbod en {len(geschreven) - n_aanbod} organisaties geschreven, "
        f"{len(afgewezen)} niet ingelezen."
    )


def _naam(path: Path) -> str:
    data = load_file(path, path.name).data
    return data.get("naam", path.stem) if isinstance(data, dict) else path.stem


def _aanbieders(data: dict) -> list[str]:
    value = data.get("aanbieder")
    return value if isinstance(value, list) else [value]


def _bericht(rij: imp.Rij, problem, voor: str = "") -> str:
    """A `kaart check` problem in the words of the list: file:row:column (or the JSON path).
    `voor` "organisatie:": a problem of the organisation made for the row, named where it came from."""
    tekst = problem.message().removeprefix(problem.veld + ": ")
    if voor:
        kolom = rij.kolommen.get(voor + problem.veld) or rij.kolom("aanbieder")
        return f"{rij.waar}:{kolom}: de organisatie, {problem.veld}: {tekst}"
    kolom = rij.kolom(problem.veld) or problem.veld
    if kolom.endswith("attributes") and problem.veld in ("soort", "fase", "helpt_bij", "voor"):
        # in a feed the fix is an attribute with a term of our taxonomy, not a YAML line
        tekst += f" (in de feed: een attribute met een term uit de taxonomie sociale-kaart-16-27:{problem.veld})"
    return f"{rij.waar}:{kolom}: {tekst}"


def _check(project: Project, nieuwe: dict[str, str], datum: dt.date) -> tuple[dict[str, list], list[str]]:
    """`kaart check` on a copy of the project with the new files: errors per new file, and errors elsewhere."""
    with tempfile.TemporaryDirectory(prefix="kaart-importeer-") as tmp:
        root = Path(tmp)
        for part in ("aanbod", "schemas", "content"):
            if (project.root / part).is_dir():
                shutil.copytree(project.root / part, root / part, symlinks=True)
        (root / "aanbod" / "organisaties").mkdir(parents=True, exist_ok=True)
        for rel, text in nieuwe.items():
            (root / rel).write_text(text, encoding="utf-8")
        result, _ = check_project(Project(root), datum)
    per_file: dict[str, list] = {}
    elders = []
    for p in result.errors:
        if p.file in nieuwe:
            per_file.setdefault(p.file, []).append(p)
        else:
            elders.append(format_text(p))
    return per_file, elders


def _schrijf(project: Project, kandidaten: dict) -> list[str]:
    """Every file first into a folder next to aanbod/, then moved into place one by one."""
    if not kandidaten:
        return []
    staging = Path(tempfile.mkdtemp(prefix=".kaart-importeer-", dir=project.root))
    try:
        for rel, (_, text, _) in kandidaten.items():
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        (project.root / "aanbod" / "organisaties").mkdir(parents=True, exist_ok=True)
        for rel in kandidaten:
            os.replace(staging / rel, project.root / rel)  # same file system: each file whole or not at all
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return list(kandidaten)
