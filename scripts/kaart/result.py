"""The result of a check: a list of problems, each pointing at file and line."""

from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "fout"
WARNING = "waarschuwing"


class ProjectFileError(Exception):
    """A file the tools themselves need (a schema) cannot be read safely; the message is Dutch and names it."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing an editor must (error) or should (warning) fix."""

    file: str  # path relative to the project root, with forward slashes
    line: int
    veld: str  # dotted field path, e.g. "doelgroep.leeftijd.max"; "" for the whole file
    bericht: str  # what is wrong
    oplossing: str = ""  # how to fix it
    regel: str = field(default="schema", compare=False)  # rule id, e.g. "schema", "id-bestandsnaam"
    ernst: str = field(default=ERROR, compare=False)

    @property
    def is_error(self) -> bool:
        return self.ernst == ERROR

    def message(self) -> str:
        """The message without location: `veld: what — fix`."""
        text = f"{self.veld}: {self.bericht}" if self.veld else self.bericht
        if self.oplossing:
            text += f" — {self.oplossing}"
        return text


@dataclass
class CheckResult:
    problems: list[Problem] = field(default_factory=list)
    files_checked: int = 0
    ignored: list[tuple[str, str]] = field(
        default_factory=list
    )  # (file, why): skipped by a documented rule, still named

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def extend(self, problems) -> None:
        self.problems.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors

    def sorted(self) -> list[Problem]:
        return sorted(self.problems, key=lambda p: (p.file, p.line, p.veld, p.bericht))
