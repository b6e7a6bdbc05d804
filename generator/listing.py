"""`aawgen questions`: the questionnaire as a table or as JSON."""

from __future__ import annotations

import json

from generator.i18n import _
from generator.questions import QUESTIONS


def describe() -> list[dict]:
    """Each question as plain data, prompt and help in the interface
    language; dynamic defaults and choices say so."""
    from_data = _("(from the data)")
    rows = []
    for question in QUESTIONS:
        default = question.default
        choices = question.choices
        rows.append({
            "key": question.key,
            "type": question.kind,
            "prompt": _(question.prompt),
            "help": _(question.help),
            "default": _default(default, from_data),
            "choices": from_data if callable(choices) else list(choices),
        })
    return rows


def _default(default, from_data: str):
    if not callable(default):
        return default
    # A text default in the project's language: shown in the interface's.
    localized = getattr(default, "localized", None)
    return _(localized) if localized else from_data


def show_questions(as_json: bool) -> None:
    from generator.console import console

    rows = describe()
    if as_json:
        console.print_json(json.dumps(rows, ensure_ascii=False))
        return
    from rich.table import Table

    table = Table("key", "type", "default", "choices", "help")
    for row in rows:
        choices = row["choices"]
        table.add_row(
            row["key"], row["type"], _text(row["default"]),
            choices if isinstance(choices, str) else ", ".join(choices),
            row["help"],
        )
    console.print(table)


def _text(value) -> str:
    if isinstance(value, list):
        return ",".join(value)
    return str(value)
