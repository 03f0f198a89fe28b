"""Check every record: schema, cross-references, safety rules and jongerentaal.

Every problem is reported with file, line, field, what is wrong and how to fix
it; nothing here raises on bad input.  The parts, by role:

    kaart.check.schema            the JSON Schemas: a yes/no check, then jsonschema's errors
    kaart.check.schema_messages   those errors in Dutch
    kaart.check.rules             the rules beyond the schemas (id, texts, dates, sources, references)
    kaart.check.taal              jongerentaal: reading ease, sentence length, jargon
    kaart.check.praktijken        the good-practice pages and the offers they name
    kaart.check.reporting         the report `kaart check` prints
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property

from kaart.check.content import content_problems
from kaart.check.praktijken import load_praktijk
from kaart.check.rules import (
    aanbieder_paths,
    check_reference,
    duplicate_ids,
    hand_written_pages,
    record_rules,
    unused_organisations,
)
from kaart.check.schema import RecordSchema, Schemas
from kaart.check.taal import check_record_taal, load_taallijst, organisation_names
from kaart.model import Aanbod, Kaart, Organisatie
from kaart.project import Project
from kaart.records.load import Records, load_records
from kaart.records.loading import LoadedFile, template_hint
from kaart.result import CheckResult, Problem


class Checker:
    """Every rule of `kaart check`, set up once per project: `check(records)` runs them over loaded records."""

    def __init__(self, project: Project, today: dt.date | None = None):
        self.project = project
        self.today = today or dt.date.today()
        self.schemas = Schemas(project)

    # -- the whole project -------------------------------------------------
    def check(self, records: Records) -> tuple[CheckResult, Kaart]:
        """Every rule over the loaded records; sets and returns `records.kaart` (the records without errors)."""
        result = CheckResult()
        # content/, overrides/, schemas/: the gate, the pages' text policy and the glossary (check/content.py)
        result.extend(content_problems(self.project))
        kaart = Kaart()
        for listing in records.listings:  # refused entries: never skipped without a word
            result.extend(listing.problems)
            result.ignored.extend(listing.ignored)
        org_files = list(records.organisaties.values())
        result.files_checked = len(org_files) + len(records.aanbod)

        org_ids = duplicate_ids([(o.rel, o.data, o.line_of(("id",))) for o in org_files], result)
        for loaded in org_files:
            problems = loaded.problems + self.check_record(loaded, self.schemas.organisatie)
            result.extend(problems)
            if not any(p.is_error for p in problems) and isinstance(loaded.data, dict):
                kaart.organisaties[loaded.data["id"]] = Organisatie.from_dict(loaded.data, loaded.rel)

        org_names = organisation_names(org_files)
        offers = [self.check_offer(loaded, org_ids, org_names) for loaded in records.aanbod.values()]
        duplicate_ids([(rel, data, id_line) for rel, data, _, id_line in offers], result)
        for rel, data, problems, _ in offers:
            result.extend(problems)
            if not any(p.is_error for p in problems) and isinstance(data, dict):
                kaart.aanbod[data["id"]] = Aanbod.from_dict(data, rel)

        known = {
            data.get("id") for _, data, _, _ in offers if isinstance(data, dict) and isinstance(data.get("id"), str)
        }
        for path in self.project.praktijk_files():
            praktijk, problems = load_praktijk(path, self.project, known)
            result.extend(problems)
            if praktijk:
                kaart.praktijken[praktijk.slug] = praktijk

        result.extend(self.taallijst[1])
        unused_organisations(kaart, result)
        records.kaart = kaart
        return result, kaart

    def check_offer(self, loaded: LoadedFile, org_ids: set, org_names: dict) -> tuple[str, object, list[Problem], int]:
        """Everything about one offer file that needs no other offer: (rel, data, problems, line of id)."""
        problems = loaded.problems + self.check_record(loaded, self.schemas.aanbod)
        for path, org_id in aanbieder_paths(loaded.data):
            problems += check_reference(
                loaded, path, org_id, org_ids, "onbekende organisatie", "aanbod/organisaties/<id>.yml"
            )
        problems += self.check_taal(loaded, org_names)
        return loaded.rel, loaded.data, problems, loaded.line_of(("id",))

    # -- one record --------------------------------------------------------
    def check_record(self, loaded: LoadedFile, schema: RecordSchema) -> list[Problem]:
        """The schema and the rules on one loaded record (its own problems, e.g. from YAML, not included)."""
        data = loaded.data
        if data is None:
            return []
        if not isinstance(data, dict):
            return [
                Problem(
                    loaded.rel,
                    1,
                    "",
                    "het bestand moet velden bevatten (veldnaam: waarde)",
                    template_hint(loaded.rel),
                    "bestand-opbouw",
                )
            ]
        return schema.problems(loaded) + record_rules(loaded, data, self.today, self._hand_written)

    @cached_property
    def _hand_written(self) -> dict[str, set[str]]:
        return hand_written_pages(self.project)

    # -- jongerentaal: one rule set, see kaart/check/taal.py for the rules and thresholds
    @cached_property
    def taallijst(self):
        return load_taallijst(self.project.schemas_dir / "jargon.yml")

    def check_taal(self, loaded: LoadedFile, org_files: list[LoadedFile] = ()) -> list[Problem]:
        names = org_files if isinstance(org_files, dict) else organisation_names(org_files)
        return check_record_taal(loaded, self.taallijst[0], names)


def check_project(project: Project | None = None, today: dt.date | None = None) -> tuple[CheckResult, Kaart]:
    """`kaart check`: load every record file once, then check them."""
    records = load_records(project or Project.find())
    return Checker(records.project, today).check(records)


def check_records(records: Records, today: dt.date | None = None) -> CheckResult:
    """The check stage of a build: every rule over the loaded records; sets `records.kaart`."""
    result, _ = Checker(records.project, today).check(records)
    return result
