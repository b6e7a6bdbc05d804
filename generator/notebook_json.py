"""Notebook documents as plain data, written exactly as nbformat writes them.

aawgen builds its notebooks itself (generator/notebooks.py) and never needs
nbformat to do so: importing nbformat (which imports jsonschema) and
validating each new cell cost about 200 ms of CPU and 17 MB, most of
`aawgen new` (issue 9). The notebooks are still validated against nbformat's
schema, by `aawgen validate` and the tests.
"""

from __future__ import annotations

import json
from typing import Any


class Node(dict):
    """A dict whose keys also read as attributes, like nbformat's NotebookNode."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: Any) -> None:
        self[name] = value


def new_notebook(cells: list[Node], metadata: dict[str, Any]) -> Node:
    """An nbformat 4.5 notebook."""
    return Node(nbformat=4, nbformat_minor=5, metadata=Node(metadata), cells=cells)


def new_code_cell(source: str, id: str, metadata: dict[str, Any]) -> Node:
    return Node(id=id, cell_type="code", metadata=Node(metadata),
                execution_count=None, source=source, outputs=[])


def new_markdown_cell(source: str, id: str, metadata: dict[str, Any]) -> Node:
    return Node(id=id, cell_type="markdown", source=source, metadata=Node(metadata))


def notebook_text(notebook: Node) -> str:
    """The .ipynb text, byte for byte what `nbformat.writes` gives: sources
    split into lines, keys sorted, one-space indents."""
    cells = [{**cell, "source": cell["source"].splitlines(True)}
             for cell in notebook["cells"]]
    return json.dumps({**notebook, "cells": cells}, sort_keys=True, indent=1,
                      ensure_ascii=False, separators=(",", ": "))
