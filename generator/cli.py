"""The aawgen command line: parse options, call one function, map errors.

Each command imports what it needs inside its body, so `aawgen --help` and
`aawgen --version` stay fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from generator import __version__
from generator.errors import AawgenError

app = typer.Typer(
    name="aawgen",
    help="Generate a runnable ML training project for the AAW platform.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

SetOption = Annotated[
    Optional[list[str]],  # noqa: UP045 - typer needs Optional here
    typer.Option("--set", "-s", help="Answer one question: key=value. Repeatable."),
]
AnswersOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option("--answers", "-a", help="YAML file of answers.", dir_okay=False),
]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")
]


def _version(value: bool) -> None:
    if value:
        print(f"aawgen {__version__}")
        raise typer.Exit()


def _language(value: str | None) -> str | None:
    if value is not None and value not in ("en", "fr"):
        raise typer.BadParameter(f"{value!r}: choose en or fr")
    return value


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True,
                     help="Show the version and exit."),
    ] = False,
    lang: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--lang", metavar="en|fr", callback=_language,
                     help="Language of aawgen's questions and messages "
                     "(default: French when LANG or LC_ALL starts with fr)."),
    ] = None,
) -> None:
    """Generate a runnable ML training project for the AAW platform."""
    from generator.i18n import set_ui_language

    set_ui_language(lang)


@app.command()
def new(
    dest: Annotated[Path, typer.Argument(help="Folder to create (new or empty).")],
    defaults: Annotated[
        bool, typer.Option("--defaults", help="Take every default; ask nothing.")
    ] = False,
    answers_file: AnswersOption = None,
    sets: SetOption = None,
    quiet: QuietOption = False,
) -> None:
    """Ask the questionnaire and render a new project into DEST."""
    from generator.project import create_project

    create_project(
        dest, answers_file=answers_file, sets=sets or [],
        interactive=not (defaults or answers_file), quiet=quiet,
    )


ProjectArgument = Annotated[
    Path, typer.Argument(help="The project folder (default: here).")
]


@app.command()
def regenerate(
    dest: ProjectArgument = Path("."),
    answers_file: AnswersOption = None,
    sets: SetOption = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Show unified diffs of the changes.")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Report the changes as JSON.")
    ] = False,
    adopt: Annotated[
        bool,
        typer.Option("--adopt", help="No usable snapshot: treat every existing "
                     "file as yours and put new renders beside it."),
    ] = False,
    quiet: QuietOption = False,
) -> None:
    """Re-render with changed answers, keeping every edit of yours."""
    from generator.regenerate import regenerate_project

    code = regenerate_project(
        dest, answers_file=answers_file, sets=sets or [], dry_run=dry_run,
        show_diff=diff, as_json=as_json, adopt=adopt, quiet=quiet,
    )
    raise typer.Exit(code)


@app.command()
def check(
    dest: ProjectArgument = Path("."),
    as_json: Annotated[bool, typer.Option("--json", help="Report as JSON.")] = False,
) -> None:
    """Report drift: your edits, pending regeneration changes, stale answers."""
    from generator.regenerate import check_project

    raise typer.Exit(check_project(dest, as_json=as_json))


@app.command()
def validate(
    dest: ProjectArgument = Path("."),
    quiet: QuietOption = False,
) -> None:
    """Run every offline check on a project; exit 1 on any problem."""
    from generator.validate.project import validate_project

    raise typer.Exit(validate_project(dest, quiet=quiet))


@app.command()
def notebook(
    flavour: Annotated[
        str, typer.Argument(metavar="LANG", help="python, r, saspy or sas.")
    ],
    dest: ProjectArgument = Path("."),
    force: Annotated[
        bool, typer.Option("--force", help="Replace a notebook you changed.")
    ] = False,
    quiet: QuietOption = False,
) -> None:
    """Write one flavour's notebook again from the project's answers."""
    from generator.notebook_refresh import refresh_notebook

    refresh_notebook(dest, flavour, force=force, quiet=quiet)


@app.command()
def questions(
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """List the questions with their types, defaults and choices."""
    from generator.listing import show_questions

    show_questions(as_json=as_json)


def main() -> None:
    """Console-script entry point: one line and an exit code for user errors."""
    try:
        code = app(standalone_mode=False)
    except AawgenError as error:
        from generator.console import fail

        fail(str(error))
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        from generator.console import fail
        from generator.i18n import _

        fail(_("interrupted; nothing was changed"))
        sys.exit(130)
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except typer.Abort:
        sys.exit(130)
    except Exception as error:
        # Usage errors come from the click that typer bundles; recognise them
        # by their interface rather than by one click's class.
        if hasattr(error, "show") and hasattr(error, "exit_code"):
            error.show()
            sys.exit(error.exit_code)
        raise
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
