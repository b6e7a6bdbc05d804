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

from generator.i18n import N_

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


# Each action's word on screen (in the interface language) and its ANSI
# colour code; JSON reports keep the English action names.
ACTIONS = {
    "created": (N_("created"), "32"),
    "updated": (N_("updated"), "36"),
    "merged": (N_("merged"), "36"),
    "conflict": (N_("conflict"), "31"),
    "kept": (N_("kept"), "33"),
    "removed": (N_("removed"), "35"),
    "deleted": (N_("deleted"), "33"),
}


def file_action(action: str, path: str) -> None:
    """One line per file action: created, updated, merged, conflict, kept..."""
    from generator.i18n import _

    word, colour = ACTIONS.get(action, (action, "37"))
    label = f"{_(word):>10}"
    if _in_colour(sys.stdout):
        label = f"\x1b[{colour}m{label}\x1b[0m"
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
