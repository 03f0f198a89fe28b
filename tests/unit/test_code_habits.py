"""Habits the package keeps, so that a newcomer can follow it: no function too complex to read
(radon grade E or F), and no private name (`_x`) imported by another module."""

from __future__ import annotations

import ast

from radon.complexity import cc_rank, cc_visit

from support import ROOT

PACKAGE = ROOT / "scripts" / "kaart"


def _modules():
    return sorted(PACKAGE.rglob("*.py"))


def _functions(blocks):
    for block in blocks:
        if hasattr(block, "methods"):  # a class: its methods count one by one
            yield from _functions(block.methods)
        else:
            yield block
            yield from _functions(block.closures)


def test_no_function_is_graded_e_or_f():
    too_complex = [
        f"{path.relative_to(PACKAGE)}:{block.lineno} {block.fullname} ({cc_rank(block.complexity)}, {block.complexity})"
        for path in _modules()
        for block in _functions(cc_visit(path.read_text(encoding="utf-8")))
        if cc_rank(block.complexity) in ("E", "F")
    ]
    assert not too_complex, "split these functions: " + "; ".join(too_complex)
    assert cc_rank(31) == "E" and cc_rank(30) == "D"  # the grades the test relies on


def test_no_module_imports_a_private_name_of_another():
    imported = [
        f"{path.relative_to(PACKAGE)}:{node.lineno} {alias.name} from {node.module}"
        for path in _modules()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("kaart")
        for alias in node.names
        if alias.name.startswith("_")
    ]
    assert not imported, "make these public where they are shared: " + "; ".join(imported)


def test_only_the_commands_parse_arguments():
    """Stage modules take data and return data; reading the command line is cli/'s job."""
    parsing = [
        str(path.relative_to(PACKAGE))
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.relative_to(PACKAGE).parts[0] != "cli"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, (ast.Import, ast.ImportFrom))
        and "argparse" in ([a.name for a in node.names] if isinstance(node, ast.Import) else [node.module])
    ]
    assert not parsing, parsing
