"""The one console: every message aawgen prints goes through here."""

from __future__ import annotations

from rich.console import Console

# Soft wrap: diffs and paths piped to a file or pager must not be cut at 80.
console = Console(highlight=False, soft_wrap=True)
error_console = Console(stderr=True, highlight=False)


def set_quiet(quiet: bool) -> None:
    console.quiet = quiet


def file_action(action: str, path: str) -> None:
    """One line per file action: created, updated, merged, conflict, kept..."""
    colours = {
        "created": "green", "updated": "cyan", "merged": "cyan",
        "conflict": "red", "kept": "yellow", "removed": "magenta",
        "deleted": "yellow",
    }
    colour = colours.get(action, "white")
    console.print(f"[{colour}]{action:>9}[/{colour}] {path}", markup=True)


def fail(message: str) -> None:
    error_console.print(f"[bold red]aawgen:[/bold red] {message}", markup=True,
                        soft_wrap=True)
