"""One literal-quoting filter per target language.

Every user value that reaches a generated file goes through one of these.
The renderer marks user strings as `UserText` and refuses to write one that
no filter has handled, so a template cannot forget to quote.
"""

from __future__ import annotations

import json
import math
import re
import shlex
import unicodedata

from generator.errors import AawgenError


class UserText(str):
    """A string that came from the user and still needs quoting."""


def py(value: object) -> str:
    """A Python literal: repr is exact for str, int, float, bool, None."""
    if isinstance(value, str):
        return _py_string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(py(item) for item in value) + "]"
    if isinstance(value, dict):
        pairs = (f"{py(k)}: {py(v)}" for k, v in value.items())
        return "{" + ", ".join(pairs) + "}"
    return repr(value)


_PY_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _py_string(text: str) -> str:
    """A double-quoted Python string, as formatters like it."""
    out = []
    for char in text:
        if char in _PY_ESCAPES:
            out.append(_PY_ESCAPES[char])
        elif char.isprintable():
            out.append(char)
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02x}")
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    return '"' + "".join(out) + '"'


def json_literal(value: object) -> str:
    return json.dumps(_plain(value), ensure_ascii=False)


def yaml_literal(value: object) -> str:
    """A YAML flow scalar; a JSON string is a valid YAML double-quoted one.

    JSON leaves a few characters raw that YAML wants escaped (NEL, line and
    paragraph separators, the byte-order mark), so those are escaped too.
    """
    text = json.dumps(_plain(value), ensure_ascii=False)
    return re.sub(
        "[\u0085\u2028\u2029\ufeff\u007f-\u009f]",
        lambda m: f"\\u{ord(m.group()):04x}",
        text,
    )


def toml_literal(value: object) -> str:
    """A TOML basic string; TOML also wants DEL escaped, JSON does not."""
    if not isinstance(value, str):
        return json_literal(value)
    out = []
    for char in value:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def sh(value: object) -> str:
    return shlex.quote(str(value))


def make(value: object) -> str:
    """A shell word inside a Makefile recipe: `$` and `#` mean something to
    make, the rest is the shell's quoting."""
    return sh(one_line(value)).replace("$", "$$").replace("#", "\\#")


def make_raw(value: object) -> str:
    """A Makefile variable the recipes use inside single quotes, as '$(DATA)'.

    So `make run DATA="my file.csv"` works too; `$` and `#` mean something
    to make, and a single quote is closed, escaped and reopened for the shell.
    """
    text = one_line(value).replace("'", "'\\''")
    text = text.replace("$", "$$").replace("#", "\\#")
    # A backslash ending the line would join the next line to the value; an
    # empty variable after it keeps it a plain character.
    return text + "$(no_continuation)" if text.endswith("\\") else text


def docker(value: object) -> str:
    """A quoted Dockerfile word (LABEL, ARG): one line, taken literally.

    Single quotes keep `$` and double quotes as they are. A single quote is
    spliced in as "'" and a backslash as an escaped \\ between quoted
    parts, the one spelling of both that Docker and hadolint read alike.
    """
    spliced = {"\\": "'\\\\'", "'": "'\"'\"'"}
    return "'" + "".join(spliced.get(char, char) for char in one_line(value)) + "'"


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#~])")
# What only means something at the start of a line: lists and headings.
_MD_LIST_START = re.compile(r"^(\d+)([.)])|^([-+=!])")


def md(value: object) -> str:
    """Markdown inline text that renders as the value, one line, no HTML."""
    text = one_line(value).replace("&", "&amp;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LIST_START.sub(_escape_list_start, text)


def _escape_list_start(match: re.Match) -> str:
    if match.group(3):
        return "\\" + match.group(3)
    return match.group(1) + "\\" + match.group(2)


def md_code(value: object) -> str:
    """Text inside a fenced code block: one line, so it cannot close the fence."""
    return one_line(value)


def one_line(value: object) -> str:
    """Fold a value onto one line, for line comments, titles and labels."""
    return " ".join(str(value).split())


class UnquotableError(AawgenError):
    """A value that the target language cannot hold, such as NUL in R."""


# A string literal longer than this becomes paste0() of pieces, one a line,
# so that generated R stays within lintr's 80 columns.
R_WIDTH = 60
_R_PIECE = 56
_R_NAME_BYTES = 10000  # R's limit on the length of a symbol


def r(value: object, width: int = R_WIDTH) -> str:
    """An R literal: logicals, numbers, NULL, vectors and strings.

    Strings are double-quoted and ASCII-only: other characters become
    \\u escapes, which R reads as UTF-8 in any locale (a raw accent in
    a C locale would not match the same name read from a UTF-8 file). A
    literal longer than `width` becomes a multi-line paste0() call; indent
    its continuation lines with Jinja's indent filter.
    """
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if value is None:
        return "NULL"
    if isinstance(value, int):
        return f"{value}L" if -(2**31) < value < 2**31 else str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Inf" if value > 0 else "-Inf"
        return repr(value)
    if isinstance(value, list | tuple):
        return "c(" + ", ".join(r(item, width) for item in value) + ")"
    tokens = [_r_char(char, '"', ascii_only=True) for char in str(value)]
    if sum(map(len, tokens)) + 2 <= width:
        return '"' + "".join(tokens) + '"'
    pieces = []
    piece = ""
    for token in tokens:
        if len(piece) + len(token) > _R_PIECE:
            pieces.append(piece)
            piece = ""
        piece += token
    pieces.append(piece)
    return "paste0(\n" + ",\n".join(f'  "{p}"' for p in pieces) + "\n)"


def r_name(value: object) -> str:
    """An R symbol, backticked unless it is already a syntactic name.

    R refuses \\u escapes between backticks, so other characters stay as
    they are there: safe column names are ASCII, and they are what this
    filter is for.
    """
    text = str(value)
    if not text or len(text.encode("utf-8", "surrogatepass")) > _R_NAME_BYTES:
        raise UnquotableError(
            f"{text[:40]!r} cannot be an R name: R names hold 1 to "
            f"{_R_NAME_BYTES} bytes"
        )
    if _R_SYNTACTIC.fullmatch(text) and not _R_RESERVED.fullmatch(text):
        return text
    return "`" + "".join(_r_char(char, "`") for char in text) + "`"


_R_SYNTACTIC = re.compile(r"(?:[A-Za-z]|\.(?![0-9]))[A-Za-z0-9._]*|\.")
# Reserved words, plus `...` and `..1`, `..2`, which mean function arguments.
_R_RESERVED = re.compile(
    r"if|else|repeat|while|function|for|next|break|TRUE|FALSE|NULL|Inf|NaN|NA"
    r"|NA_integer_|NA_real_|NA_character_|NA_complex_|in|\.\.\.|\.\.[0-9]+"
)
_R_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _r_char(char: str, quote: str, ascii_only: bool = False) -> str:
    """One character inside an R string (quote '"') or backticked name."""
    code = ord(char)
    if code == 0 or 0xD800 <= code <= 0xDFFF:
        raise UnquotableError(
            f"character U+{code:04X} cannot be written in R code "
            "(R strings hold no NUL and no unpaired surrogate)"
        )
    if char == quote:
        return "\\" + char
    if char in _R_ESCAPES:
        return _R_ESCAPES[char]
    if code < 0x20 or code == 0x7F:
        # Names take no \u escape, and strings no \x beside a \u.
        return f"\\u{code:04x}" if ascii_only else f"\\x{code:02x}"
    if code < 0x80 or not ascii_only:
        return char
    # Always four (eight) digits: R reads up to that many after \u (\U).
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def sas(value: object) -> str:
    """A SAS literal that means exactly the value.

    Text goes in single quotes, so `&` and `%` are never resolved, with
    embedded quotes doubled. Text holding characters that cannot sit inside
    a quoted string of a program line (a tab, a line break) becomes a hex
    literal of its UTF-8 bytes instead, such as '09'x.
    """
    if isinstance(value, int | float) and not isinstance(value, bool):
        return repr(value)
    text = str(value)
    if all(char.isprintable() for char in text):
        return "'" + text.replace("'", "''") + "'"
    return "'" + text.encode("utf-8").hex().upper() + "'x"


def sas_name(value: object) -> str:
    """A SAS name: plain when it is a V7 name, else a name literal.

    Name literals need `options validvarname=any;` and hold 32 bytes at
    most; a name that no literal can spell is refused.
    """
    text = str(value)
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,31}", text):
        return text
    if not text or len(text.encode("utf-8")) > 32 or not text.isprintable():
        raise ValueError(f"{text!r} cannot be a SAS name (1 to 32 printable bytes)")
    return "'" + text.replace("'", "''") + "'n"


def sas_comment(value: object) -> str:
    """Text inside a /* */ comment: one line, never closing it early."""
    return one_line(value).replace("*/", "* /").replace("/*", "/ *")


def ascii_fold(text: str) -> str:
    """Drop accents: 'Prévision' -> 'Prevision'; other letters are kept."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _plain(value: object) -> object:
    if isinstance(value, str):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


FILTERS = {
    "py": py,
    "json": json_literal,
    "yaml": yaml_literal,
    "toml": toml_literal,
    "sh": sh,
    "make": make,
    "make_raw": make_raw,
    "docker": docker,
    "md": md,
    "md_code": md_code,
    "line": one_line,
    "r": r,
    "r_name": r_name,
    "sas": sas,
    "sas_name": sas_name,
    "sas_comment": sas_comment,
}
