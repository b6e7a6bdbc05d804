"""The percent-format script paired with a notebook, written as jupytext would.

jupytext is the user's tool, not a dependency of aawgen, so the paired script
is written here. The tests hold it equal to jupytext's own output for every
notebook aawgen builds, which is what lets `jupytext --sync` on a fresh project
change nothing. Only what aawgen's notebooks contain is supported: markdown
and code cells, a `tags` list as the only cell metadata, and code that holds
no line jupytext would take for a magic command or a cell marker.
"""

from __future__ import annotations

import io
import json
import re
import tokenize
from dataclasses import dataclass
from typing import Any

from generator.errors import AawgenError

# Keeps jupytext's format and version stamp out of the script's header, so a
# different jupytext release on the user's machine does not rewrite every
# paired script on its first sync (and the header stays within 80 columns).
# The notebook's `formats` already says the script is in percent format.
METADATA_FILTER = "-jupytext.text_representation"


class PercentError(AawgenError):
    """A cell cannot be written as a percent script: a bug in a template."""

    exit_code = 1


@dataclass(frozen=True)
class Syntax:
    """How one language comments a line in a percent script."""

    extension: str  # ".py", ".R", ".sas", as jupytext spells it
    language: str
    comment: str
    suffix: str = ""

    @property
    def format(self) -> str:
        return self.extension.lstrip(".") + ":percent"

    def commented(self, line: str) -> str:
        if not self.suffix:
            return f"{self.comment} {line}" if line else self.comment
        return f"{self.comment} {line} {self.suffix}" if line else (
            f"{self.comment} {self.suffix}"
        )


PYTHON = Syntax(".py", "python", "#")
R = Syntax(".R", "R", "#")
SAS = Syntax(".sas", "sas", "/*", "*/")

# Lines jupytext escapes as magics (or reads as a cell marker) in code cells.
_MAGIC = re.compile(r"^\s*(?:# ?)*(?:%{1,3})[a-zA-Z]")
_PYTHON_SPECIAL = (
    re.compile(r"^\s*(?:(?:# |#)+\s*)?[?!]\s*[A-Za-z.~$\\/{}]"),
    re.compile(r"^(?:# |#)*(?:cat|cd|cp|mv|rm|rmdir|mkdir|copy|ddir|echo|ls|ldir"
               r"|ren)(?:$|\s$|\s[^=,])"),
    re.compile(r"^\s*(?:# )*\S*\?\s*$"),
    re.compile(r"^(?:# |#)*\s*[a-zA-Z_][a-zA-Z_$0-9]*\s*=\s*(?:%{1,3}|!)[a-zA-Z]"),
)


def header_metadata(metadata: dict[str, Any]) -> dict[str, Any]:
    """The notebook metadata jupytext keeps in a script's YAML header."""
    jupytext = {
        key: value for key, value in metadata.get("jupytext", {}).items()
        if key != "encoding"
    }
    kept = {"jupytext": jupytext}
    if "kernelspec" in metadata:
        kept["kernelspec"] = dict(metadata["kernelspec"])
    return kept


def percent_script(notebook: Any, syntax: Syntax) -> str:
    """The notebook as a percent-format script."""
    import yaml

    encoding = notebook.metadata.get("jupytext", {}).get("encoding")
    header = [encoding] if encoding else []
    if not encoding and syntax.language != "python" and _has_non_ascii(notebook):
        header.append(syntax.comment + " -*- coding: utf-8 -*-")
    dumped = yaml.safe_dump(
        {"jupyter": header_metadata(notebook.metadata)},
        default_flow_style=False,
    ).splitlines()
    header_yaml = [syntax.commented(line) for line in ["---", *dumped, "---"]]
    header.extend(header_yaml)

    texts = [_cell_text(cell, syntax) for cell in notebook.cells]
    lines: list[str] = []
    for text in reversed(texts):  # blank lines depend on what follows
        text = text + [""] * _blank_lines(text, lines, syntax)
        lines = text + lines
    header.extend([""] * _blank_lines(header_yaml, lines, syntax))
    return "\n".join(header + lines)


def _has_non_ascii(notebook: Any) -> bool:
    return any(not cell.source.isascii() for cell in notebook.cells)


def _cell_text(cell: Any, syntax: Syntax) -> list[str]:
    options = _options(cell)
    marker = syntax.commented("%%" + (" " + options if options else ""))
    source = _source_lines(cell.source)
    if cell.cell_type == "markdown":
        return [marker, *(syntax.commented(line) for line in source)]
    if cell.cell_type != "code":
        raise PercentError(f"cell {cell.get('id')}: only markdown and code cells")
    _refuse_special_lines(cell, source, syntax)
    return [marker] if source == [""] else [marker, *source]


def _options(cell: Any) -> str:
    unknown = set(cell.metadata) - {"tags"}
    if unknown:
        raise PercentError(f"cell {cell.get('id')}: metadata {sorted(unknown)} "
                           "is not written to percent scripts")
    parts = []
    if cell.cell_type == "markdown":
        parts.append("[markdown]")
    if cell.metadata.get("tags"):
        parts.append("tags=" + json.dumps(list(cell.metadata["tags"])))
    return " ".join(parts)


def _source_lines(source: str) -> list[str]:
    if source == "":
        return [""]
    lines = source.splitlines()
    return lines + [""] if source.endswith("\n") else lines


def _refuse_special_lines(cell: Any, source: list[str], syntax: Syntax) -> None:
    """jupytext would comment these out or split the cell at them."""
    marker = re.compile(r"^\s*" + re.escape(syntax.comment) + r"\s*%%")
    quoted = _quoted_lines(source) if syntax.language == "python" else set()
    for number, line in enumerate(source):
        if number in quoted:
            continue
        special = marker.match(line)
        if syntax.language != "sas":
            special = special or _MAGIC.match(line)
        if syntax.language == "python":
            special = special or any(p.match(line) for p in _PYTHON_SPECIAL)
        if special:
            raise PercentError(
                f"cell {cell.get('id')}, line {number + 1}: {line.strip()!r} reads "
                "as a magic command or cell marker in a percent script"
            )


def _quoted_lines(source: list[str]) -> set[int]:
    """Indexes of lines that start inside a multi-line string."""
    quoted: set[int] = set()
    reader = io.StringIO("\n".join(source) + "\n").readline
    try:
        for token in tokenize.generate_tokens(reader):
            if token.type == tokenize.STRING or token.type == getattr(
                tokenize, "FSTRING_START", -1
            ):
                quoted.update(range(token.start[0], token.end[0]))
    except (tokenize.TokenError, IndentationError, SyntaxError) as error:
        raise PercentError(f"cell does not tokenize as Python: {error}") from None
    return quoted


# jupytext puts two blank lines around Python functions and classes (PEP 8)
# and one everywhere else; these helpers decide as its rules do.


def _blank_lines(previous: list[str], following: list[str], syntax: Syntax) -> int:
    if not following:
        return 1
    if not previous:
        return 0
    if syntax.extension != ".py":
        return 1
    if _ends_with_definition(previous):
        return 2 if _has_code(following) else 1
    if _ends_with_code(previous) and _starts_with_definition(following):
        return 2
    return 1


def _is_definition(line: str) -> bool:
    return line.startswith(("def ", "async ", "class "))


def _starts_with_definition(lines: list[str]) -> bool:
    for number, line in enumerate(lines):
        if not line.strip():
            if number > 0 and not lines[number - 1].strip():
                return False
            continue
        if _is_definition(line):
            return True
        if not line.startswith(("#", "@", " ", ")")):
            return False
    return False


def _ends_with_definition(lines: list[str]) -> bool:
    quoted = _quoted_lines(lines)
    unquoted = [line for n, line in enumerate(lines) if n not in quoted][::-1]
    for number, line in enumerate(unquoted):
        if not line.strip():
            if number > 0 and not unquoted[number - 1].strip():
                return False
            continue
        if line.startswith(("#", " ", ")")):
            continue
        return _is_definition(line)
    return False


def _ends_with_code(lines: list[str]) -> bool:
    return bool(lines) and bool(lines[-1].strip()) and not lines[-1].startswith("#")


def _has_code(lines: list[str]) -> bool:
    for number, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("#"):
            continue
        if not stripped:
            if number > 0 and not lines[number - 1].strip():
                return False
            continue
        return True
    return False
