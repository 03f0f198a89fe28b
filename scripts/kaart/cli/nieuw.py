"""`kaart nieuw`: write a new offer record from schemas/aanbod.sjabloon.yml and check it.

The template is plain, commented YAML so editors can also copy it by hand.
Placeholders look like «naam».  Lines starting with `#?` are optional: they are
switched on only when their values are given (see `fill_template`).
"""

from __future__ import annotations

import difflib
import json
import re
import sys
from dataclasses import dataclass

from kaart.doelgroep import FEITEN
from kaart.project import Project

TEMPLATE = "aanbod.sjabloon.yml"
_PLACEHOLDER = re.compile(r"«([a-z_]+)»")
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
OPTIONAL = "#? "


@dataclass(frozen=True)
class Vraag:
    """One thing `kaart nieuw` asks: the placeholder, the question and how to read the answer."""

    naam: str
    vraag: str
    soort: str = "tekst"  # tekst | lijst | keuze | getal | datum
    vocab: str | None = None
    verplicht: bool = True


VRAGEN = [
    Vraag("naam", "Naam van het aanbod (zoals de bron hem noemt)"),
    Vraag("id", "Id (kleine letters en streepjes; Enter = afgeleid van de naam)", verplicht=False),
    Vraag("aanbieder", "Id van de organisatie die het uitvoert (bestand in aanbod/organisaties/)"),
    Vraag("status", "Status", "keuze", "status"),
    Vraag("soort", "Soort hulp", "keuze", "soort"),
    Vraag("fase", "Fase(n), met komma's", "lijst", "fase"),
    Vraag("helpt_bij", "Helpt bij, met komma's", "lijst", "helpt_bij"),
    Vraag("voor", "Voor wie, met komma's", "lijst", "voor"),
    Vraag("gemeenten", "Gemeenten, met komma's (Enter = geen)", "lijst", "gemeente", verplicht=False),
    Vraag("regio", "Regio's, met komma's (Enter = geen)", "lijst", "regio", verplicht=False),
    Vraag("wat_is_het", "Voor de jongere — Wat is het?"),
    Vraag("is_het_voor_mij", "Voor de jongere — Is het voor mij?"),
    Vraag("wat_krijg_je", "Voor de jongere — Wat krijg je?"),
    Vraag("hoe_begin_je", "Voor de jongere — Hoe begin je?"),
    Vraag("beschrijving", "Beschrijving voor professionals (minstens 20 tekens)"),
    Vraag("bron_document", "Brondocument (Enter = een andere bron)", "keuze", "document", verplicht=False),
    Vraag("bron_titel", "Titel van de andere bron", verplicht=False),
    Vraag("bron_onderdeel", "Tabel, paragraaf of kader in de bron (Enter = weet ik niet)", verplicht=False),
    Vraag("leeftijd_min", "Leeftijd vanaf, als de bron het zegt (Enter = onbekend)", "getal", verplicht=False),
    Vraag("leeftijd_max", "Leeftijd tot en met, als de bron het zegt (Enter = onbekend)", "getal", verplicht=False),
    Vraag("leeftijd_citaat", "De woorden van de bron over de leeftijd, letterlijk overgenomen", verplicht=False),
    Vraag(
        "startkwalificatie",
        "Startkwalificatie, als de bron het zegt (Enter = onbekend)",
        "keuze",
        "startkwalificatie",
        verplicht=False,
    ),
    Vraag(
        "startkwalificatie_citaat",
        "De woorden van de bron over de startkwalificatie, letterlijk overgenomen",
        verplicht=False,
    ),
    Vraag(
        "situatie",
        "Situatie van de jongeren, met komma's, als de bron het zegt (Enter = onbekend)",
        "lijst",
        "situatie",
        verplicht=False,
    ),
    Vraag("situatie_citaat", "De woorden van de bron over de situatie, letterlijk overgenomen", verplicht=False),
    Vraag(
        "schooltype",
        "Schooltype, met komma's, als de bron het zegt (Enter = onbekend)",
        "lijst",
        "schooltype",
        verplicht=False,
    ),
    Vraag("schooltype_citaat", "De woorden van de bron over het schooltype, letterlijk overgenomen", verplicht=False),
    Vraag(
        "kenmerken", "Kenmerken, met komma's, als de bron het zegt (Enter = geen)", "lijst", "kenmerk", verplicht=False
    ),
    Vraag("kenmerken_citaat", "De woorden van de bron over de kenmerken, letterlijk overgenomen", verplicht=False),
    Vraag("website", "Website uit de bron (Enter = geen)", verplicht=False),
    Vraag("telefoon", "Telefoon uit de bron (Enter = geen)", verplicht=False),
    Vraag("email", "E-mail uit de bron (Enter = geen)", verplicht=False),
]
ANDERE_VELDEN = ("landelijk", "bron_jaar", "bron_url", "laatst_gecontroleerd", "toelichting")


class NieuwFout(Exception):
    """A clear Dutch message for the editor; never a traceback."""


def slug(naam: str) -> str:
    text = naam.lower()
    for a, b in (("ë", "e"), ("é", "e"), ("è", "e"), ("ï", "i"), ("ö", "o"), ("ü", "u"), ("á", "a"), ("&", " en ")):
        text = text.replace(a, b)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:80].strip("-")


def yaml_value(value) -> str:
    """A YAML scalar or flow list that reads back as exactly `value`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(yaml_value(v) for v in value)  # the template supplies the [ ]
    if isinstance(value, dict):  # a flow mapping, e.g. the source of a doelgroep fact or of a contact value
        return "{" + ", ".join(f"{k}: {yaml_value(v)}" for k, v in value.items()) + "}"
    # Plain only for ids with a letter: "2026-03-01" or "2025" must stay strings for every YAML reader.
    if (
        isinstance(value, str)
        and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", value)
        and re.search(r"[a-z]", value)
        and value not in ("true", "false", "null", "yes", "no", "on", "off", "y", "n")
    ):
        return value
    # A JSON string is a YAML double-quoted scalar, once characters YAML will not read raw
    # (controls, DEL, line separators, BOM) are escaped as \uXXXX too.
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(str(value), ensure_ascii=False))


_YAML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def fill_template(template: str, values: dict) -> str:
    """Replace «placeholders»; switch on optional `#?` lines whose values are given.

    A run of `#?` lines is one block.  A block that starts with a header (no
    placeholder, e.g. `contact:`) is switched on when any line in it has a value;
    one that starts with a list item (`- document: …`) only when that item has
    a value; otherwise each line stands alone.  Lines without a value stay comments.
    """
    lines = template.splitlines()
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not lines[i].startswith(OPTIONAL.rstrip()):
            out.append(_replace(lines[i], values))
            i += 1
            continue
        block = []
        while i < len(lines) and lines[i].startswith(OPTIONAL.rstrip()):
            block.append(lines[i][len(OPTIONAL) :] if lines[i].startswith(OPTIONAL) else "")
            i += 1
        out.extend(_fill_block(block, values))
    return "\n".join(out) + "\n"


def _filled(line: str, values: dict) -> bool | None:
    names = _PLACEHOLDER.findall(line)
    if not names:
        return None
    return all(values.get(n) not in (None, "", [], ()) for n in names)


def _fill_block(block: list[str], values: dict) -> list[str]:
    first = block[0]
    states = [_filled(line, values) for line in block]
    if states[0] is None:
        active = any(states)
    elif first.lstrip().startswith("- "):
        active = bool(states[0])
    else:
        active = None  # independent lines
    out = []
    for line, state in zip(block, states):
        on = (state is not False) if active else (active is None and state is True)
        out.append(_replace(line, values) if on else OPTIONAL + line)
    return out


def _replace(line: str, values: dict) -> str:
    return _PLACEHOLDER.sub(lambda m: yaml_value(values[m.group(1)]) if m.group(1) in values else m.group(0), line)


def strip_header(text: str) -> str:
    """Swap the template's how-to-copy header for a short note in the new record."""
    lines = text.splitlines()
    blank = lines.index("") if "" in lines else 1
    note = [
        "# Gemaakt met `kaart nieuw`. Regels met `#?` zijn niet verplicht: haal `#? ` weg en vul in",
        "# als een bron het zegt. Uitleg van elk veld: CONTRIBUTING.md.",
    ]
    return "\n".join(lines[:1] + note + lines[blank:]) + "\n"


def convert(project: Project, vraag: Vraag, answer):
    """One answer as the record needs it (None when empty); NieuwFout with what is wrong and the fix.

    The message names no option: `normalise` puts the option in front, `ask` asks again.
    """
    if isinstance(answer, str):
        answer = answer.strip()
    if answer in (None, "", [], ()):
        return None
    if vraag.soort in ("keuze", "lijst"):
        items = answer if isinstance(answer, (list, tuple)) else [a.strip() for a in answer.split(",") if a.strip()]
        terms = project.vocab[vraag.vocab]
        for item in items:
            if item not in terms:
                close = terms.closest(item)
                hint = f"bedoelde je '{close}'? " if close else ""
                raise NieuwFout(f"onbekende waarde '{item}' — {hint}kies uit: {', '.join(terms.ids)}")
        if vraag.soort == "keuze" and len(items) != 1:
            raise NieuwFout(f"kies precies één waarde uit: {', '.join(terms.ids)}")
        return items[0] if vraag.soort == "keuze" else list(dict.fromkeys(items))
    if vraag.soort == "getal":
        try:
            return int(answer)
        except (TypeError, ValueError):
            raise NieuwFout(f"'{answer}' is geen heel getal — schrijf bijvoorbeeld 17") from None
    if vraag.naam == "id" and not _ID.match(answer):
        raise NieuwFout(f"'{answer}' — gebruik kleine letters, cijfers en streepjes, bijvoorbeeld 'learn2work'")
    if vraag.naam == "aanbieder" and not (project.organisaties_dir / f"{answer}.yml").is_file():
        known = sorted(p.stem for p in project.organisatie_files())
        close = difflib.get_close_matches(answer, known, n=1, cutoff=0.6)
        hint = f"bedoelde je '{close[0]}'? " if close else ""
        raise NieuwFout(
            f"onbekende organisatie '{answer}' — {hint}"
            f"maak eerst aanbod/organisaties/{answer}.yml aan (zie CONTRIBUTING.md) of kies een bestaand id"
        )
    return answer


def normalise(project: Project, raw: dict) -> dict:
    """Check and convert the answers; raise NieuwFout naming the option and the fix."""
    reserved = _reserved(project, raw["id"]) if isinstance(raw.get("id"), str) else None
    if reserved:  # first: whatever else is missing, this id can never be written
        raise NieuwFout(f"{reserved} — kies een ander --id")
    values: dict = {}
    for vraag in VRAGEN:
        try:
            value = convert(project, vraag, raw.get(vraag.naam))
        except NieuwFout as exc:
            raise NieuwFout(f"--{_flag(vraag.naam)}: {exc}") from None
        if value is not None:
            values[vraag.naam] = value
    for name in ANDERE_VELDEN:
        if raw.get(name) not in (None, ""):
            values[name] = raw[name]
    if "bron_jaar" in values:
        try:
            values["bron_jaar"] = int(values["bron_jaar"])
        except (TypeError, ValueError):
            raise NieuwFout(
                f"--bron-jaar: '{values['bron_jaar']}' is geen jaartal — schrijf bijvoorbeeld 2024"
            ) from None
    _doelgroep_bronnen(values)
    if not values.get("id") and values.get("naam"):
        values["id"] = slug(values["naam"])
    missing = [v for v in VRAGEN if v.verplicht and v.naam not in values]
    if missing:
        raise NieuwFout("nog niet ingevuld: " + ", ".join(f"--{_flag(v.naam)}" for v in missing))
    if not _ID.match(values["id"]):  # derived from a name without letters or digits
        raise NieuwFout(
            f"--id: '{values['id']}' — gebruik kleine letters, cijfers en streepjes, bijvoorbeeld 'learn2work'"
        )
    if not (values.get("gemeenten") or values.get("regio") or values.get("landelijk")):
        raise NieuwFout("werkgebied ontbreekt — geef --gemeenten, --regio of --landelijk")
    if bool(values.get("bron_document")) == bool(values.get("bron_titel")):
        raise NieuwFout(
            'geef precies één bron: --bron-document <id> (een projectdocument) of --bron-titel "…" (een andere bron)'
        )
    if values.get("bron_document"):
        for name in ("bron_jaar", "bron_url"):
            values.pop(name, None)  # a project document has its own year; the schema forbids both
    # "uit de bron": each contact value gets the record's source as its own (kaart check demands one per value)
    bron = {
        k: values[f"bron_{k}"]
        for k in ("document", "titel", "jaar", "onderdeel")
        if values.get(f"bron_{k}") not in (None, "")
    }
    for veld in ("website", "telefoon", "email"):
        if values.get(veld):
            values[f"bron_{veld}"] = bron
    return {k: v for k, v in values.items() if v is not None}


def _doelgroep_bronnen(values: dict) -> None:
    """Each doelgroep fact given gets its source: the record's source plus the source's own words."""
    leeftijd = {k: values[f"leeftijd_{k}"] for k in ("min", "max") if f"leeftijd_{k}" in values}
    if leeftijd:
        values["leeftijd"] = leeftijd
    for feit in FEITEN:
        citaat = values.get(f"{feit}_citaat")
        if feit not in values:
            if citaat:
                raise NieuwFout(
                    f"--{_flag(feit)}-citaat zonder --{_flag(feit) if feit != 'leeftijd' else 'leeftijd-min/--leeftijd-max'}"
                    " — geef ook het feit zelf, of laat het citaat weg"
                )
            continue
        if not citaat:
            raise NieuwFout(
                f"--{_flag(feit)}-citaat ontbreekt — elk feit over de doelgroep heeft de woorden van de bron nodig"
                f" (letterlijk overgenomen); weet je die niet, laat het feit dan weg"
            )
        if not values.get("bron_onderdeel"):
            raise NieuwFout(f"--bron-onderdeel ontbreekt — noem de tabel of paragraaf waar {feit} staat")
        bron = (
            {"document": values["bron_document"]}
            if values.get("bron_document")
            else {"titel": values.get("bron_titel", "")}
        )
        if not values.get("bron_document") and values.get("bron_jaar"):
            bron["jaar"] = values["bron_jaar"]
        values[f"{feit}_bron"] = {**bron, "onderdeel": values["bron_onderdeel"], "citaat": citaat}


def _flag(name: str) -> str:
    return name.replace("_", "-")


def _needed(vraag: Vraag, answers: dict) -> str | None:
    """Why an empty answer is not enough here, or None if Enter may skip the question."""
    if vraag.verplicht:
        return "Dit is verplicht."
    if vraag.naam == "regio" and not (answers.get("gemeenten") or answers.get("landelijk")):
        return "Geef minstens één gemeente of regio (waar is het aanbod?)."
    if vraag.naam == "bron_titel" and not answers.get("bron_document"):
        return "Zonder brondocument is de titel van de andere bron nodig: elk feit heeft een bron."
    if vraag.naam.endswith("_citaat"):  # only asked when the fact itself was given
        return "Elk feit over de doelgroep heeft de woorden van de bron nodig: typ ze letterlijk over."
    return None


def _problem(project: Project, vraag: Vraag, answer: str, answers: dict) -> str | None:
    """What is wrong with an answer just typed, or None."""
    try:
        convert(project, vraag, answer)
    except NieuwFout as exc:
        return str(exc)
    if vraag.naam == "id":
        record_id = answer or slug(answers.get("naam", ""))
        if not _ID.match(record_id):
            return "uit deze naam volgt geen id — typ een id met kleine letters, cijfers en streepjes"
        if (project.aanbod_dir / f"{record_id}.yml").exists():
            return f"aanbod/{record_id}.yml bestaat al — typ een ander id"
        reserved = _reserved(project, record_id)
        if reserved:
            return f"{reserved} — typ een ander id"
    return None


def _reserved(project: Project, record_id: str) -> str | None:
    """Why the site itself needs aanbod/<record_id>/ (the same rule as kaart check), or None."""
    from kaart.check.checker import RESERVED_IDS

    what = RESERVED_IDS["aanbod"].get(record_id)
    if what is None and any(
        (project.content_dir / "aanbod" / name).exists() for name in (record_id, f"{record_id}.md")
    ):
        what = f"de pagina content/aanbod/{record_id}"
    return f"id '{record_id}' is gereserveerd: de site maakt zelf aanbod/{record_id}/ ({what})" if what else None


def ask(project: Project, given: dict, read=input, write=print) -> dict:
    """Ask for every value that was not given as an option; check each answer when it is typed.

    A wrong answer is explained and the question asked again, so one typo never
    throws away the answers before it.
    """
    answers = dict(given)
    write("Nieuw aanbod. Vul alleen in wat een bron zegt; Enter slaat een niet-verplichte vraag over.")
    ended = False  # input ran out (a script): optional questions stay empty, required ones are an error
    for vraag in VRAGEN:
        if answers.get(vraag.naam) not in (None, ""):
            continue
        if vraag.naam == "bron_titel" and answers.get("bron_document"):
            continue
        if vraag.naam.endswith("_citaat") and not _given(answers, vraag.naam.removesuffix("_citaat")):
            continue  # only ask for the source's words of a fact that was given
        answer = ""
        while not ended:
            if vraag.vocab:
                write(f"  kies uit: {', '.join(project.vocab[vraag.vocab].ids)}")
            try:
                answer = read(f"{vraag.vraag}: ").strip()
            except EOFError:
                ended = True
                break
            problem = _problem(project, vraag, answer, answers) if answer or vraag.naam == "id" else None
            if problem is None and not answer:
                problem = _needed(vraag, answers)
            if problem is None:
                break
            write(f"  {problem}")
            answer = ""
        if ended and not answer and _needed(vraag, answers):
            raise NieuwFout(
                f"geen antwoord op '{vraag.vraag}': de invoer hield op voordat alle verplichte vragen beantwoord waren"
            )
        answers[vraag.naam] = answer
    return answers


def _given(answers: dict, feit: str) -> bool:
    names = ("leeftijd_min", "leeftijd_max") if feit == "leeftijd" else (feit,)
    return any(answers.get(n) not in (None, "") for n in names)


def write_record(project: Project, values: dict) -> str:
    template = (project.schemas_dir / TEMPLATE).read_text(encoding="utf-8")
    text = strip_header(fill_template(template, values))
    left = _PLACEHOLDER.findall("\n".join(l for l in text.splitlines() if not l.lstrip().startswith("#")))
    if left:
        raise NieuwFout(f"nog niet ingevuld: {', '.join('--' + _flag(n) for n in left)}")
    target = project.aanbod_dir / f"{values['id']}.yml"
    reserved = _reserved(project, values["id"])
    if reserved:  # checked before writing: a refused file is never left behind
        raise NieuwFout(f"{reserved} — kies een ander --id")
    try:  # "x": never over an existing file, and never through a (dangling) link to somewhere else
        with open(target, "x", encoding="utf-8") as out:
            out.write(text)
    except FileExistsError:
        raise NieuwFout(f"aanbod/{values['id']}.yml bestaat al — kies een ander --id of pas dat bestand aan") from None
    return project.rel(target)


def add_arguments(parser) -> None:
    for vraag in VRAGEN:
        parser.add_argument(f"--{_flag(vraag.naam)}", dest=vraag.naam, metavar="WAARDE", help=vraag.vraag)
    parser.add_argument("--landelijk", action="store_const", const=True, help="het aanbod is er in heel Nederland")
    parser.add_argument("--bron-jaar", dest="bron_jaar", metavar="JAAR", help="jaar van de andere bron")
    parser.add_argument(
        "--bron-url", dest="bron_url", metavar="URL", help="adres van de andere bron, als die online staat"
    )
    parser.add_argument(
        "--laatst-gecontroleerd",
        dest="laatst_gecontroleerd",
        metavar="JJJJ-MM-DD",
        help="datum waarop de aanbieder de gegevens bevestigde",
    )
    parser.add_argument("--toelichting", metavar="TEKST", help="wat onbekend is of nagevraagd moet worden")
    parser.add_argument(
        "--geen-vragen", action="store_true", help="niets vragen; ontbreekt er iets, stop dan met een melding"
    )


def run(args, project: Project) -> int:
    from kaart.check.checker import check_project
    from kaart.check.reporting import format_text

    given = {name: getattr(args, name, None) for name in [v.naam for v in VRAGEN] + list(ANDERE_VELDEN)}
    try:
        answers = given if args.geen_vragen else ask(project, given)
        values = normalise(project, answers)
        rel = write_record(project, values)
    except NieuwFout as exc:
        print(f"kaart nieuw: {exc}", file=sys.stderr)
        return 2
    print(f"Geschreven: {rel}")
    result, _ = check_project(project)
    own = [p for p in result.sorted() if p.file == rel]
    for problem in own:
        print(format_text(problem))
    if any(p.is_error for p in own):
        print(f"Los de fouten hierboven op in {rel} en draai `kaart check`.")
        return 1
    print(f"Gecontroleerd: {rel} is in orde. Vul de rest aan (zie de regels met #?) en maak een pull request.")
    return 0
