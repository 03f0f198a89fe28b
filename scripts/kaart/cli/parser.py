"""argparse in Dutch: usage, help headings and every error message an editor can meet.

argparse writes its own text in English (through gettext, with no Dutch catalogue). Instead of
changing argparse for the whole process, this parser gives its own headings and translates the
few error messages argparse can produce; a message it does not know keeps its English words
but still gets the Dutch frame ("kaart check: fout: …", exit status 2).
"""

from __future__ import annotations

import argparse
import re
import sys

from kaart.check.reporting import shown

_ERRORS = [
    (re.compile(r"^unrecognized arguments: (.*)$"), r"onbekende optie of argument: \1 (zie --help)"),
    (
        re.compile(r"^argument (\S+): invalid choice: (.*) \(choose from (.*)\)$"),
        r"\1: ongeldige keuze \2 (kies uit \3)",
    ),
    (re.compile(r"^the following arguments are required: (.*)$"), r"dit ontbreekt: \1 (zie --help)"),
    (re.compile(r"^argument (\S+): expected one argument$"), r"\1: hier hoort een waarde achter"),
    (re.compile(r"^argument (\S+): expected at least one argument$"), r"\1: hier hoort minstens één waarde achter"),
    (re.compile(r"^argument (\S+): expected at most one argument$"), r"\1: hier hoort hooguit één waarde achter"),
    (re.compile(r"^argument (\S+): invalid (\S+) value: (.*)$"), r"\1: ongeldige waarde \3"),
    (re.compile(r"^argument (\S+): ignored explicit argument (.*)$"), r"\1: neemt geen waarde (\2)"),
    (re.compile(r"^argument (\S+): not allowed with argument (.*)$"), r"\1: niet samen met \2"),
    (re.compile(r"^ambiguous option: (\S+) could match (.*)$"), r"optie \1 is niet eenduidig: bedoel je \2?"),
    (re.compile(r"^one of the arguments (.*) is required$"), r"één van deze is nodig: \1"),
    (re.compile(r"^argument (\S+): (.*)$"), r"\1: \2"),  # our own Dutch ArgumentTypeError text
]
# dest names that argparse shows in a message, as an editor knows them
_NAMES = {"command": "opdracht"}


def dutch(message: str) -> str:
    """argparse's English error message in Dutch (unknown ones unchanged)."""
    for pattern, replacement in _ERRORS:
        if pattern.match(message):
            message = pattern.sub(replacement, message)
            break
    for english, own in _NAMES.items():
        message = re.sub(rf"\b{english}\b", own, message)
    return message


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "gebruik: " if prefix is None else prefix)


class DutchParser(argparse.ArgumentParser):
    """An ArgumentParser whose usage, help and errors are Dutch; sub-commands get the same class."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        add_help = kwargs.pop("add_help", True)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "argumenten"
        self._optionals.title = "opties"
        if add_help:
            self.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")

    def error(self, message: str):
        self.print_usage(sys.stderr)
        # an echoed argument may hold an ESC sequence or be very long: escaped and cut short
        self.exit(2, f"{self.prog}: fout: {shown(dutch(message), 300)}\n")
