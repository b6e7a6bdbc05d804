"""`aawgen new`: answers in, a complete project folder out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator import answers as answer_book
from generator.console import file_action, say, set_quiet


def gather_answers(
    answers_file: Path | None, sets: list[str], interactive: bool
) -> dict[str, Any]:
    """Merge the answers file and `--set` options, then resolve the rest."""
    given: dict[str, Any] = {}
    base_dir = Path.cwd()
    if answers_file is not None:
        given.update(answer_book.load_answers_file(answers_file))
    given.update(answer_book.parse_sets(sets))
    prompter = None
    if interactive:
        from generator.prompts import ask

        prompter = ask
    return answer_book.collect(given, prompter=prompter, base_dir=base_dir)


def render(answers: dict[str, Any]) -> dict[str, bytes]:
    from generator.render import render_project

    return render_project(answer_book.derive(answers))


def create_project(
    dest: Path,
    answers_file: Path | None,
    sets: list[str],
    interactive: bool,
    quiet: bool = False,
) -> None:
    from generator.writer import check_destination, write_new

    set_quiet(quiet)
    check_destination(dest)  # before any question, so no answer is wasted
    answers = gather_answers(answers_file, sets, interactive)
    files = render(answers)
    write_new(dest, files, answer_book.dump(answers))
    for path in sorted(files):
        file_action("created", path)
    from generator.i18n import _

    say("\n" + _("Project written to %(dest)s. Next: cd %(dest)s && make run")
        % {"dest": dest})
