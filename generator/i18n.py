"""Languages: the one aawgen speaks, and the one a generated project is in.

Two languages are in play. The interface language is for the person at the
terminal: `aawgen --lang fr`, else the first of LANGUAGE, LC_ALL,
LC_MESSAGES and LANG that is set (the order Python's gettext reads them),
French when it starts with `fr`, English otherwise. The project's language is
its `locale` answer; templates and the code that builds project files ask
`translations(locale)` for it.

Messages live in one gettext domain, `aawgen`, under
`generator/locales/<language>/LC_MESSAGES/`: the `.po` catalogues are the
sources and the compiled `.mo` files ship beside them (tools/catalogues.py
compiles them; a test fails when they drift). Only the standard library's
gettext runs here: Babel is a tool of the build and of the tests.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import AawgenError

if TYPE_CHECKING:
    import gettext

LANGUAGES = ("en", "fr")
DEFAULT_LANGUAGE = "en"
DOMAIN = "aawgen"
LOCALE_DIR = Path(__file__).resolve().parent / "locales"
ENVIRONMENT_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_ui_language: str | None = None


class MissingCatalogue(AawgenError):
    """A catalogue is not where the package keeps it: a broken installation."""

    exit_code = 1


@cache
def translations(language: str) -> gettext.GNUTranslations:
    """The compiled catalogue of one language, read once per process."""
    import gettext

    if language not in LANGUAGES:
        raise ValueError(f"no catalogue for language {language!r}")
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        with path.open("rb") as stream:
            return gettext.GNUTranslations(stream)
    except FileNotFoundError:
        raise MissingCatalogue(
            f"{path} is missing; reinstall aawgen, or in a source checkout run "
            "`python tools/catalogues.py compile`"
        ) from None


def language_from_environment(environ: Mapping[str, str] = os.environ) -> str:
    """`fr` when the first locale variable set names French, else `en`."""
    for name in ENVIRONMENT_VARIABLES:
        value = environ.get(name, "")
        if value:
            # LANGUAGE is a priority list such as "fr_CA:fr:en".
            first = value.split(":")[0].strip().lower()
            return "fr" if first.startswith("fr") else DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def set_ui_language(language: str | None) -> None:
    """Fix the interface language (from `--lang`); None reads the environment."""
    global _ui_language
    if language is not None and language not in LANGUAGES:
        raise ValueError(f"no catalogue for language {language!r}")
    _ui_language = language


def ui_language() -> str:
    return _ui_language or language_from_environment()


def _(message: str) -> str:
    """A message for the person at the terminal, in the interface language."""
    return translations(ui_language()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return translations(ui_language()).ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark a message for the catalogues; it is translated where it is shown."""
    return message
