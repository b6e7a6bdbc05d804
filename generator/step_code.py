"""What the notebooks need to know about the code of the step scripts.

The imports a flavour's scripts make, and which settings are plain answers
(the papermill parameters) and which are computed from them.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Callable

STEPS = ("prepare", "train", "evaluate", "predict")


def script_imports(render: Callable[[str], str], folder: str) -> str:
    """Every import of the step scripts in the template folder, merged and
    sorted as ruff sorts them; `render` renders one template by name."""
    straight: set[tuple[str, str | None]] = set()
    members: dict[str, set[tuple[str, str | None]]] = {}
    for step in STEPS:
        source = render(f"{folder}/{step}.py.jinja")
        for node in ast.parse(source).body:
            if isinstance(node, ast.Import):
                straight.update((a.name, a.asname) for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                members.setdefault(node.module, set()).update(
                    (a.name, a.asname) for a in node.names
                )
    straight.discard(("argparse", None))  # only the scripts parse arguments
    sections = []
    for stdlib in (True, False):
        lines = [
            _import_line(name, alias)
            for name, alias in sorted(straight)
            if _is_stdlib(name) == stdlib
        ]
        lines += [
            _from_line(module, members[module])
            for module in sorted(members)
            if _is_stdlib(module) == stdlib
        ]
        if lines:
            sections.append("\n".join(lines))
    return "\n\n".join(sections)


def _is_stdlib(module: str) -> bool:
    return module.partition(".")[0] in sys.stdlib_module_names


def _import_line(name: str, alias: str | None) -> str:
    return f"import {name}" + (f" as {alias}" if alias else "")


def _from_line(module: str, names: set[tuple[str, str | None]]) -> str:
    def member_order(item: tuple[str, str | None]):
        name = item[0]
        kind = 0 if name.isupper() and len(name) > 1 else 1 if name[0].isupper() else 2
        return kind, name

    parts = [name + (f" as {alias}" if alias else "")
             for name, alias in sorted(names, key=member_order)]
    line = f"from {module} import {', '.join(parts)}"
    if len(line) <= 88:
        return line
    body = "".join(f"    {part},\n" for part in parts)
    return f"from {module} import (\n{body})"


def split_python_settings(text: str) -> tuple[str, str]:
    """Separate assignments of literals (papermill parameters) from the
    ones computed from them, which must follow any injected override."""
    lines = text.splitlines()
    moved: set[int] = set()
    for node in ast.parse(text).body:
        value = getattr(node, "value", None)
        if isinstance(node, ast.Assign) and _is_literal(value):
            continue
        first = node.lineno - 1
        while first > 0 and lines[first - 1].lstrip().startswith("#"):
            first -= 1  # the comment above belongs to the statement
        moved.update(range(first, node.end_lineno))
    kept = [line for number, line in enumerate(lines) if number not in moved]
    derived = [line for number, line in enumerate(lines) if number in moved]
    return "\n".join(kept).strip("\n"), "\n".join(derived).strip("\n")


def _is_literal(node: ast.AST | None) -> bool:
    try:
        ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False
    return True


_R_ASSIGNMENT = re.compile(r"([A-Za-z.][A-Za-z0-9._]*)\s*<-")
_R_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|`[^`]*`')
# A name that is neither part of a longer one, nor called, nor an argument.
_R_NAME = re.compile(
    r"(?<![A-Za-z0-9._$@])([A-Za-z.][A-Za-z0-9._]*)(?!\s*(?:=(?!=)|\())"
)


def split_r_settings(text: str) -> tuple[str, str]:
    """The R form of `split_python_settings`: an assignment that names an
    earlier setting is computed. Statements start at column 0 with `name <-`;
    names in strings and argument names (`name =`) are not references."""
    lines = text.splitlines()
    starts = [n for n, line in enumerate(lines) if _R_ASSIGNMENT.match(line)]
    assigned: set[str] = set()
    moved: set[int] = set()
    for first, following in zip(starts, [*starts[1:], len(lines)], strict=True):
        end = following
        while end > first + 1 and lines[end - 1].lstrip().startswith("#"):
            end -= 1  # a comment before the next statement belongs to it
        body = "\n".join(lines[first:end]).split("<-", 1)[1]
        body = "\n".join(
            line.split("#", 1)[0] for line in _R_STRING.sub('""', body).splitlines()
        )
        if assigned & set(_R_NAME.findall(body)):
            start = first
            while start > 0 and lines[start - 1].lstrip().startswith("#"):
                start -= 1
            moved.update(range(start, end))
        assigned.add(_R_ASSIGNMENT.match(lines[first]).group(1))
    kept = [line for number, line in enumerate(lines) if number not in moved]
    derived = [line for number, line in enumerate(lines) if number in moved]
    return "\n".join(kept).strip("\n"), "\n".join(derived).strip("\n")
