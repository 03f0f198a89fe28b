"""Print a CheckResult for people (text) or for GitHub pull-request annotations."""

from __future__ import annotations

import re

from kaart.result import CheckResult, Problem

# Control characters (and line ends) inside a file name or value: an ESC sequence could
# erase the line on a terminal, a newline could forge a line of output.
# Invisible characters (zero width, bidi) too: the reader must see that they are there.
_UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff\ud800-\udfff\ufffe\uffff]"
)


def printable(text: str, keep: str = "") -> str:
    """`text` with every control character (except those in `keep`) shown as an escape (\\x1b, \\n, \\u202e)."""
    return _UNPRINTABLE.sub(lambda m: m.group() if m.group() in keep else _escape(m.group()), text)


def shown(value: str, limit: int = 80) -> str:
    """A value typed by someone, as a message may echo it: printable (see above) and at most `limit` characters."""
    text = printable(str(value))
    return text if len(text) <= limit else text[: limit - 1] + f"… ({len(value)} tekens)"


def _escape(char: str) -> str:
    code = ord(char)
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def format_text(problem: Problem) -> str:
    tag = "" if problem.is_error else "waarschuwing: "
    where = f"{problem.file}:{problem.line}" if problem.line else problem.file  # line 0: an option, not a file
    return printable(f"{where}: {tag}{problem.message()} [{problem.regel}]")


def _github_data(text: str) -> str:
    # https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts (escapeData)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    # escapeProperty: as data, plus ':' and ',' which separate the properties
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(problem: Problem) -> str:
    """A workflow command; a newline in a file name or value cannot start a forged `::error::` line."""
    level = "error" if problem.is_error else "warning"
    props = {"file": problem.file, "line": str(problem.line), "title": f"kaart check: {problem.regel}"}
    # line ends are encoded the GitHub way (%0A), which keeps the file name exact; other controls as escapes
    joined = ",".join(
        f"{key}={_github_property(printable(value, keep=chr(13) + chr(10)))}" for key, value in props.items()
    )
    return f"::{level} {joined}::{_github_data(printable(problem.message(), keep=chr(13) + chr(10)))}"


def summary(result: CheckResult) -> str:
    errors, warnings = len(result.errors), len(result.warnings)
    ignored = ""
    if result.ignored:  # skipped by a documented rule, but never without a word
        names = ", ".join(f"{printable(rel)} ({why})" for rel, why in result.ignored[:5])
        more = f" en nog {len(result.ignored) - 5}" if len(result.ignored) > 5 else ""
        ignored = f" Niet gelezen: {names}{more}."
    if not errors and not warnings:
        return f"Alles in orde: {result.files_checked} bestanden gecontroleerd.{ignored}"
    return (
        f"{errors} {'fout' if errors == 1 else 'fouten'}, {warnings} "
        f"{'waarschuwing' if warnings == 1 else 'waarschuwingen'} in {result.files_checked} bestanden.{ignored}"
    )


def render(result: CheckResult, fmt: str = "text") -> str:
    formatter = format_github if fmt == "github" else format_text
    lines = [formatter(p) for p in result.sorted()]
    lines.append(summary(result))
    return "\n".join(lines)
