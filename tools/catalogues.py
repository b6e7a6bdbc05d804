"""Maintain aawgen's message catalogues with Babel.

    python tools/catalogues.py update    # extract, then merge into each .po
    python tools/catalogues.py compile   # each .po -> its .mo (committed)
    python tools/catalogues.py check     # what the tests demand, as a report

Messages are extracted from aawgen's Python code and from every template, as
babel.cfg says. English msgids are the source text: `update` gives the
English catalogue's new entries their msgid as translation, and leaves the
French ones empty (or fuzzy, when Babel finds a near match) for a translator.
The `.mo` files are committed so that the wheel and an editable install
carry them without Babel; `check` fails when one drifts from its `.po`.
"""

from __future__ import annotations

import gettext
import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from babel.util import pathmatch

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's generator, not an installed one

from generator import __version__  # noqa: E402

MAPPING = ROOT / "babel.cfg"
LOCALE_DIR = ROOT / "generator" / "locales"
DOMAIN = "aawgen"
LANGUAGES = ("en", "fr")
SOURCE_FOLDERS = ("generator", "templates")
COMMENT_TAGS = ("Translators:",)


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(language: str) -> Path:
    return po_path(language).with_suffix(".mo")


def source_files() -> list[tuple[Path, str, dict[str, str]]]:
    """(file, extraction method, options) for every file babel.cfg maps."""
    with MAPPING.open(encoding="utf-8") as stream:
        methods, options = parse_mapping_cfg(stream)
    found = []
    for folder in SOURCE_FOLDERS:
        for path in sorted((ROOT / folder).rglob("*")):
            relative = path.relative_to(ROOT).as_posix()
            if not path.is_file() or "__pycache__" in path.parts:
                continue
            for pattern, method in methods:
                if pathmatch(pattern, relative):
                    found.append((path, method, options.get(pattern, {})))
                    break
    return found


def extract() -> Catalog:
    """Every message of the sources, with the files that use it."""
    catalog = Catalog(project="aawgen", fuzzy=False)
    for path, method, options in source_files():
        relative = path.relative_to(ROOT).as_posix()
        for lineno, message, comments, context in extract_from_file(
            method, path, keywords=DEFAULT_KEYWORDS, comment_tags=COMMENT_TAGS,
            options=options, strip_comment_tags=True,
        ):
            catalog.add(message, None, [(relative, lineno)],
                        auto_comments=comments, context=context)
    return catalog


def read_catalogue(language: str) -> Catalog:
    with po_path(language).open("rb") as stream:
        return read_po(stream, locale=language, domain=DOMAIN)


def write_catalogue(catalog: Catalog, language: str) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, include_lineno=False, ignore_obsolete=True)
    path = po_path(language)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


# Plural rules as gettext writes them (CLDR gives French a third form, for
# millions, that gettext tools do not expect).
PLURAL_FORMS = {
    "en": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
}
HEADER = """\
# %(name)s messages of aawgen's questionnaire and generated projects.
# The sources are the msgids; `python tools/catalogues.py update` merges new
# ones in, `compile` writes the .mo beside this file."""


def new_catalogue(language: str) -> Catalog:
    name = {"en": "English", "fr": "French"}[language]
    catalog = Catalog(
        locale=language, domain=DOMAIN, project="aawgen", version=__version__,
        fuzzy=False,
        header_comment=HEADER % {"name": name}, copyright_holder="aawgen authors",
        msgid_bugs_address="", last_translator="aawgen authors",
        language_team=f"aawgen {name}",
    )
    catalog.revision_date = catalog.creation_date
    catalog.mime_headers = [("Plural-Forms", PLURAL_FORMS[language])]
    return catalog


def update() -> None:
    for language in LANGUAGES:
        template = extract()  # merging adopts its entries: one per language
        if po_path(language).is_file():
            catalog = read_catalogue(language)
        else:
            catalog = new_catalogue(language)
        dates = catalog.creation_date, catalog.revision_date
        catalog.update(template)
        catalog.creation_date, catalog.revision_date = dates
        for old in catalog.obsolete.values():
            print(f"{language}: dropped {old.id!r}", file=sys.stderr)
        if language == "en":
            for message in catalog:
                if message.id:
                    message.string = message.id
                    message.flags.discard("fuzzy")
        write_catalogue(catalog, language)


def compile_all() -> None:
    for language in LANGUAGES:
        buffer = io.BytesIO()
        write_mo(buffer, read_catalogue(language), use_fuzzy=False)
        mo_path(language).write_bytes(buffer.getvalue())


def _key(message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def problems() -> list[str]:
    """Everything wrong with the catalogues; empty when they are complete."""
    found: list[str] = []
    used = {_key(message): message for message in extract() if message.id}
    for language in LANGUAGES:
        catalog = read_catalogue(language)
        held = {_key(message): message for message in catalog if message.id}
        for key in used.keys() - held.keys():
            found.append(f"{language}: no translation of {key!r}")
        for key in held.keys() - used.keys():
            found.append(f"{language}: {key!r} is in the catalogue but no "
                         "template or module uses it")
        for key in sorted(held.keys() & used.keys()):
            found += [f"{language}: {problem}"
                      for problem in _entry_problems(used[key], held[key])]
        for message, errors in catalog.check():
            found += [f"{language}: {message.id!r}: {error}" for error in errors]
        found += [f"{language}: obsolete entry {key!r}" for key in catalog.obsolete]
        found += _drift(language, catalog)
    return found


def _entry_problems(used, held) -> list[str]:
    key = _key(used)
    if used.id != held.id:
        return [f"{key!r}: singular and plural forms differ from the sources"]
    strings = held.string if isinstance(held.string, tuple) else (held.string,)
    if held.fuzzy:
        return [f"{key!r} is fuzzy: review its translation"]
    if not all(strings):
        return [f"{key!r} has no translation"]
    if any(char in text for text in strings for char in "\n\r\t"):
        return [f"{key!r}: a translation holds a line break or a tab"]
    # str.format fields (Babel checks only %-placeholders); a stray brace
    # or backslash would break the Python strings that some messages land in.
    ids = used.id if isinstance(used.id, tuple) else (used.id,)
    fields = set(_FIELD.findall(ids[0]))
    for text in strings:
        if set(_FIELD.findall(text)) != fields:
            return [f"{key!r}: a translation changes the {{fields}} of the message"]
        for char in "{}\\":
            if text.count(char) != ids[0].count(char):
                return [f"{key!r}: a translation adds or drops {char!r}"]
        if _formats(ids[0]) and not _formats(text):
            return [f"{key!r}: a translation breaks %-formatting (write %% for %)"]
    return []


_FIELD = re.compile(r"\{[a-z_]+\}")
_PLACEHOLDER = re.compile(r"%\(([a-z_]+)\)([sd])")


def _formats(text: str) -> bool:
    """Whether text survives the %-formatting templates apply to every
    message (Jinja's newstyle gettext), with its own placeholders filled."""
    values = {name: 1 if kind == "d" else "x"
              for name, kind in _PLACEHOLDER.findall(text)}
    try:
        text % values
    except (TypeError, ValueError, KeyError):
        return False
    return True


def _drift(language: str, catalog: Catalog) -> list[str]:
    """The committed .mo must hold exactly what the .po says."""
    try:
        with mo_path(language).open("rb") as stream:
            compiled = gettext.GNUTranslations(stream)._catalog
    except FileNotFoundError:
        return [f"{language}: {mo_path(language)} is missing; run compile"]
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    expected = gettext.GNUTranslations(buffer)._catalog
    if compiled != expected:
        return [f"{language}: {mo_path(language).name} is out of date; "
                "run `python tools/catalogues.py compile`"]
    return []


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "check":
        report = problems()
        for line in report:
            print(line)
        return 1 if report else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
