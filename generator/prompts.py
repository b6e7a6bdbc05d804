"""Interactive prompts: one question at a time, on the one console."""

from __future__ import annotations

from typing import Any

from generator.console import console
from generator.errors import AawgenError
from generator.questions import Answers, Question


def ask(question: Question, answers: Answers) -> Any:
    """Show one question with its help and default; return the raw reply."""
    default = question.default_for(answers)
    shown_default = _show(default)
    choices = question.choices_for(answers)
    console.print(f"[bold]{question.prompt}[/bold] [dim]({question.help})[/dim]")
    if choices:
        console.print("  choices: " + ", ".join(choices), markup=False)
    try:
        reply = console.input(f"  [{shown_default}] > ", markup=False)
    except EOFError:
        raise AawgenError(
            f"no answer for '{question.key}' (input ended); run with --defaults "
            "or --answers FILE to answer without a terminal"
        ) from None
    return default if reply.strip() == "" else reply


def _show(value: Any) -> str:
    if isinstance(value, list):
        return ",".join(map(str, value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
