"""Print a CheckResult for people (text) or for GitHub pull-request annotations."""
from __future__ import annotations

from .result import CheckResult, Problem


def format_text(problem: Problem) -> str:
    tag = "" if problem.is_error else "waarschuwing: "
    return f"{problem.file}:{problem.line}: {tag}{problem.message()} [{problem.regel}]"


def format_github(problem: Problem) -> str:
    level = "error" if problem.is_error else "warning"
    message = problem.message().replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    title = f"kaart check: {problem.regel}".replace(",", "%2C").replace(":", "%3A")
    return f"::{level} file={problem.file},line={problem.line},title={title}::{message}"


def summary(result: CheckResult) -> str:
    errors, warnings = len(result.errors), len(result.warnings)
    if not errors and not warnings:
        return f"Alles in orde: {result.files_checked} bestanden gecontroleerd."
    return (f"{errors} {'fout' if errors == 1 else 'fouten'}, {warnings} "
            f"{'waarschuwing' if warnings == 1 else 'waarschuwingen'} in {result.files_checked} bestanden.")


def render(result: CheckResult, fmt: str = "text") -> str:
    formatter = format_github if fmt == "github" else format_text
    lines = [formatter(p) for p in result.sorted()]
    lines.append(summary(result))
    return "\n".join(lines)
