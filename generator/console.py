"""The one console: every message aawgen prints goes through here.

The lines every `new`, `regenerate` and `check` print (one per file action,
a closing sentence) are written directly, in colour on a terminal. rich is
loaded only for what needs it (prompts, tables, JSON, error lines): importing
it and parsing markup cost more than rendering a whole project (issue 9).
`console` and `error_console` are rich consoles, made on first use.
"""

from __future__ import annotations

import os
import sys
from typing import Any

_COLOURS = {  # ANSI colour codes of the action words
    "created": "32", "updated": "36", "merged": "36", "conflict": "31",
    "kept": "33", "removed": "35", "deleted": "33",
}

_quiet = False
_made: dict[str, Any] = {}


def __getattr__(name: str) -> Any:
    if name not in ("console", "error_console"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if name not in _made:
        from rich.console import Console

        # Soft wrap: diffs and paths piped to a pager must not be cut at 80.
        made = Console(
            stderr=name == "error_console", highlight=False, soft_wrap=True
        )
        if name == "console":
            made.quiet = _quiet
        _made[name] = made
    return _made[name]


def set_quiet(quiet: bool) -> None:
    global _quiet
    _quiet = quiet
    if "console" in _made:
        _made["console"].quiet = quiet


def say(text: str, end: str = "\n") -> None:
    """A line of plain text on standard output; nothing when quiet."""
    if not _quiet:
        sys.stdout.write(text + end)


def file_action(action: str, path: str) -> None:
    """One line per file action: created, updated, merged, conflict, kept..."""
    label = f"{action:>9}"
    if _in_colour(sys.stdout):
        label = f"\x1b[{_COLOURS.get(action, '37')}m{label}\x1b[0m"
    say(f"{label} {path}")


def _in_colour(stream: Any) -> bool:
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    if os.name == "nt":  # legacy Windows consoles show the codes as text
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def fail(message: str) -> None:
    __getattr__("error_console").print(
        f"[bold red]aawgen:[/bold red] {message}", markup=True, soft_wrap=True
    )
