"""Write Python source for generated scripts, laid out as ruff format would.

A value (string, number, list, dict, call) stays on one line when it fits
in 88 columns; otherwise its brackets open and each item goes on its own
line with a trailing comma, which ruff format keeps as it is. Strings go
through the Python quoting filter, so user text is always a literal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.quoting import py

WIDTH = 88


class Code(str):
    """Python source written as is: a name, an expression."""


@dataclass
class Call:
    """``func(arg, name=value, ...)``; a name of None is a positional argument."""

    func: str
    arguments: list[tuple[str | None, Any]] = field(default_factory=list)


def call(func: str, *positional: Any, **named: Any) -> Call:
    """A call; named arguments whose value is None are left out."""
    arguments: list[tuple[str | None, Any]] = [(None, value) for value in positional]
    arguments += [(name, value) for name, value in named.items() if value is not None]
    return Call(func, arguments)


def inline(value: Any) -> str:
    """The value as source on one line."""
    if isinstance(value, Code):
        return str(value)
    if isinstance(value, Call):
        parts = (
            inline(item) if name is None else f"{name}={inline(item)}"
            for name, item in value.arguments
        )
        return f"{value.func}({', '.join(parts)})"
    if isinstance(value, list):
        return "[" + ", ".join(inline(item) for item in value) + "]"
    if isinstance(value, dict):
        pairs = (f"{inline(key)}: {inline(item)}" for key, item in value.items())
        return "{" + ", ".join(pairs) + "}"
    return py(value)


def render(value: Any, indent: int = 0, lead: int = 0, tail: int = 0) -> str:
    """The value as source that starts ``lead`` characters after ``indent``
    spaces and is followed by ``tail`` characters on its last line."""
    flat = inline(value)
    if indent + lead + len(flat) + tail <= WIDTH or not _opens(value):
        return flat
    inner = indent + 4
    pad = " " * inner
    if isinstance(value, Call):
        lines = []
        for name, item in value.arguments:
            prefix = "" if name is None else f"{name}="
            lines.append(pad + prefix + render(item, inner, len(prefix), 1) + ",")
        return f"{value.func}(\n" + "\n".join(lines) + "\n" + " " * indent + ")"
    if isinstance(value, list):
        lines = [pad + render(item, inner, 0, 1) + "," for item in value]
        return "[\n" + "\n".join(lines) + "\n" + " " * indent + "]"
    lines = []
    for key, item in value.items():
        prefix = f"{inline(key)}: "
        lines.append(pad + prefix + render(item, inner, len(prefix), 1) + ",")
    return "{\n" + "\n".join(lines) + "\n" + " " * indent + "}"


def _opens(value: Any) -> bool:
    """Whether the value has brackets to split it at."""
    if isinstance(value, Call):
        return bool(value.arguments)
    return (
        isinstance(value, list | dict) and bool(value) and not isinstance(value, Code)
    )
