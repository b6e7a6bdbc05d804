"""The project's memory of itself: stored answers and the rendered snapshot."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.errors import AawgenError
from generator.writer import ANSWERS_FILE, PENDING_FILE, SNAPSHOT_FILE


class ProjectStateError(AawgenError):
    """The answers or snapshot of a project are missing or damaged."""


def read_answers(dest: Path) -> dict[str, Any]:
    from generator.answers import load_answers_file

    path = dest / ANSWERS_FILE
    if not path.is_file():
        raise ProjectStateError(
            f"{path} is missing: is {dest} an aawgen project? Give the answers "
            "with --answers FILE"
        )
    try:
        return load_answers_file(path)
    except AawgenError as error:
        raise ProjectStateError(
            f"{error}; or give the answers with --answers FILE"
        ) from None


def read_snapshot(dest: Path) -> dict[str, bytes]:
    """What aawgen rendered last time, the base of every three-way merge."""
    path = dest / SNAPSHOT_FILE
    hint = (
        "run `aawgen regenerate --adopt` to treat every existing file as your "
        "own (nothing is overwritten; differences go beside as .regenerated)"
    )
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        files = record["files"]
        return {name: text.encode("utf-8") for name, text in files.items()}
    except FileNotFoundError:
        raise ProjectStateError(f"{path} is missing; {hint}") from None
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeError):
        raise ProjectStateError(f"{path} is damaged; {hint}") from None


def read_pending(dest: Path) -> dict[str, bytes]:
    """The render an interrupted regeneration was writing; empty if none."""
    try:
        record = json.loads((dest / PENDING_FILE).read_text(encoding="utf-8"))
        return {name: text.encode("utf-8") for name, text in record["files"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}
