"""Interactive prompts: one question at a time, on the one console."""

from __future__ import annotations

from typing import Any

from rich.markup import escape

from generator.console import console
from generator.errors import AawgenError
from generator.i18n import _
from generator.questions import Answers, Question


def ask(question: Question, answers: Answers) -> Any:
    """Show one question with its help and default, in the interface
    language; return the raw reply."""
    default = question.default_for(answers)
    shown_default = _show(default)
    choices = question.choices_for(answers)
    prompt, explained = escape(_(question.prompt)), escape(_(question.help))
    console.print(f"[bold]{prompt}[/bold] [dim]({explained})[/dim]")
    if choices:
        console.print(
            "  " + _("choices: %(choices)s") % {"choices": ", ".join(choices)},
            markup=False,
        )
    try:
        reply = console.input(f"  [{shown_default}] > ", markup=False)
    except EOFError:
        raise AawgenError(
            _("no answer for '%(key)s' (input ended); run with --defaults "
              "or --answers FILE to answer without a terminal") % {"key": question.key}
        ) from None
    return default if reply.strip() == "" else reply


def _show(value: Any) -> str:
    if isinstance(value, list):
        return ",".join(map(str, value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
