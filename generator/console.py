"""The one console: every message aawgen prints goes through here."""

from __future__ import annotations

from rich.console import Console

console = Console(highlight=False)
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
