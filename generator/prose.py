"""Translated prose and the filters that lay it out in generated files.

Messages are single lines in the catalogues; where they land they are
wrapped again for the language at hand: `#` comments, Python docstrings,
SAS block comments and Markdown paragraphs. A translated message is `Prose`,
and the renderer refuses to write one into a code file unless a filter has
handled it, exactly as it refuses user text: a translation must never break
out of its comment or its string.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from generator.errors import AawgenError
from generator.quoting import UserText, one_line

WIDTH = 79  # within ruff's 88 and lintr's 80 columns, like hand-written code


class Prose(str):
    """A translated message; formatting it with user text is refused."""

    def __mod__(self, values: object) -> Prose:
        items = values.values() if isinstance(values, Mapping) else (
            values if isinstance(values, tuple) else (values,)
        )
        for value in items:
            if isinstance(value, UserText):
                raise ProseError(
                    f"a user value ({value[:40]!r}) reached a translated message "
                    "unquoted; pass it through a quoting filter"
                )
        return Prose(str.__mod__(self, values))


class ProseError(AawgenError):
    """A template misuses translated prose: a bug in aawgen."""

    exit_code = 1


# Punctuation that French sets after a space and that must not start a line.
_STAYS_WITH_PREVIOUS = re.compile(r"^(?:[:;!?»]|%)$")
# Words that would open a new Markdown block at the start of a line.
_MARKDOWN_OPENER = re.compile(
    r"^(?:#{1,6}|[-+*]|\d{1,9}[.)]|={2,}|-{2,}|>.*|[`~]{3}.*)$"
)
_LIST_ITEM = re.compile(r"^(?:[-+*]|\d{1,9}[.)]) ")


def _words(text: str) -> list[str]:
    words: list[str] = []
    for token in one_line(text).split(" "):
        if not token:
            continue
        if words and (_STAYS_WITH_PREVIOUS.match(token) or words[-1] == "«"):
            words[-1] += " " + token
        else:
            words.append(token)
    return words


def wrap_lines(
    text: object, width: int = WIDTH, first: int = 0, rest: int = 0,
    keep_together: re.Pattern[str] | None = None,
) -> list[str]:
    """Greedy lines of `text`: the first starts at column `first`, the others
    at `rest`. A word matching `keep_together` never starts a line."""
    lines: list[str] = []
    line = ""
    for word in _words(str(text)):
        column = rest if lines else first
        fits = column + len(line) + 1 + len(word) <= width
        if line and not fits and not (keep_together and keep_together.match(word)):
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return lines


def comment(text: object, indent: int = 0, marker: str = "#",
            width: int = WIDTH) -> str:
    """A line comment, wrapped; the first line sits at column `indent`."""
    lead = len(marker) + 1
    lines = wrap_lines(text, width, first=indent + lead, rest=indent + lead)
    return ("\n" + " " * indent).join(f"{marker} {line}" for line in lines)


def docstring(text: object, indent: int = 0, width: int = WIDTH) -> str:
    """A Python docstring with its quotes, wrapped at `indent`."""
    body = docstring_text(text, indent, first=indent + 3, width=width - 3)
    return f'"""{body}"""'


def docstring_text(text: object, indent: int = 0, first: int | None = None,
                   width: int = WIDTH) -> str:
    """Prose inside a docstring that is written around it: escaped so that
    it cannot end the string, wrapped at `indent`."""
    escaped = one_line(text).replace("\\", "\\\\").replace('"', '\\"')
    lines = wrap_lines(escaped, width, first=indent if first is None else first,
                       rest=indent)
    return ("\n" + " " * indent).join(lines)


def sas_block(text: object, indent: int = 0, width: int = WIDTH) -> str:
    """A SAS /* */ comment, wrapped; it cannot be closed early. Lines
    after the first are indented by two more spaces, as SAS lint wants
    every indentation a multiple of two."""
    safe = one_line(text).replace("*/", "* /").replace("/*", "/ *")
    lines = wrap_lines(safe, width - 3, first=indent + 3, rest=indent + 2)
    return "/* " + ("\n" + " " * (indent + 2)).join(lines) + " */"


def sas_text(text: object, indent: int = 0, first: int | None = None,
             width: int = WIDTH) -> str:
    """Prose inside a SAS comment written around it (a /** */ header):
    wrapped at `indent`, and it cannot close the comment."""
    safe = one_line(text).replace("*/", "* /").replace("/*", "/ *")
    lines = wrap_lines(safe, width, first=indent if first is None else first,
                       rest=indent)
    return ("\n" + " " * indent).join(lines)


def lines(text: object, width: int = WIDTH) -> list[str]:
    """The wrapped lines of a message, for templates that write each line
    as its own statement (say, a SAS PUT of a comment)."""
    return wrap_lines(text, width)


def paragraph(text: object, indent: int = 0, width: int = WIDTH) -> str:
    """A Markdown paragraph or list item, wrapped, ending with a newline.

    Every line is indented by `indent` (a paragraph inside a list item);
    continuation lines of a list item are indented under its text; and no
    line starts with a word that Markdown would read as a new block.
    """
    flat = one_line(text)
    marker = _LIST_ITEM.match(flat)
    hang = indent + (len(marker.group()) if marker else 0)
    lines = wrap_lines(flat, width, first=indent, rest=hang,
                       keep_together=_MARKDOWN_OPENER)
    return " " * indent + ("\n" + " " * hang).join(lines) + "\n"


FILTERS = {
    "comment": comment,
    "docstring": docstring,
    "sas_block": sas_block,
    "sas_text": sas_text,
    "lines": lines,
    "paragraph": paragraph,
}
