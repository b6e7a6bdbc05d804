"""The one console: every message aawgen prints goes through here."""

from __future__ import annotations

from rich.console import Console

from generator.i18n import N_

console = Console(highlight=False)
error_console = Console(stderr=True, highlight=False)


def set_quiet(quiet: bool) -> None:
    console.quiet = quiet


# Each action's word on screen (in the interface language) and colour; JSON
# reports keep the English action names.
ACTIONS = {
    "created": (N_("created"), "green"),
    "updated": (N_("updated"), "cyan"),
    "merged": (N_("merged"), "cyan"),
    "conflict": (N_("conflict"), "red"),
    "kept": (N_("kept"), "yellow"),
    "removed": (N_("removed"), "magenta"),
    "deleted": (N_("deleted"), "yellow"),
}


def file_action(action: str, path: str) -> None:
    """One line per file action: created, updated, merged, conflict, kept..."""
    from rich.markup import escape

    from generator.i18n import _

    word, colour = ACTIONS.get(action, (action, "white"))
    label = escape(f"{_(word):>10}")
    console.print(f"[{colour}]{label}[/{colour}] {escape(path)}", markup=True)


def fail(message: str) -> None:
    error_console.print(f"[bold red]aawgen:[/bold red] {message}", markup=True,
                        soft_wrap=True)
