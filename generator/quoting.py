"""One literal-quoting filter per target language.

Every user value that reaches a generated file goes through one of these.
The renderer marks user strings as `UserText` and refuses to write one that
no filter has handled, so a template cannot forget to quote.
"""

from __future__ import annotations

import json
import re
import shlex
import unicodedata


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
    """A shell word inside a Makefile: `$` and `#` mean something to make."""
    return sh(one_line(value)).replace("$", "$$").replace("#", "\\#")


def docker(value: object) -> str:
    """A double-quoted Dockerfile word (LABEL, ENV): no line breaks allowed."""
    text = one_line(value)
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$")
    return f'"{text}"'


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def md(value: object) -> str:
    """Markdown inline text that renders as the value, one line, no HTML."""
    text = one_line(value)
    text = text.replace("&", "&amp;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def md_code(value: object) -> str:
    """Text inside a fenced code block: one line, so it cannot close the fence."""
    return one_line(value)


def one_line(value: object) -> str:
    """Fold a value onto one line, for line comments, titles and labels."""
    return " ".join(str(value).split())


def r(value: object) -> str:
    """An R literal: strings double-quoted with R's escapes."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        return "c(" + ", ".join(r(item) for item in value) + ")"
    return '"' + _r_escape(str(value), '"') + '"'


def r_name(value: object) -> str:
    """An R symbol, backticked unless it is already a syntactic name."""
    text = str(value)
    if _R_SYNTACTIC.fullmatch(text) and text not in _R_RESERVED:
        return text
    return "`" + _r_escape(text, "`") + "`"


_R_SYNTACTIC = re.compile(r"(?:[A-Za-z]|\.(?![0-9]))[A-Za-z0-9._]*|\.")
_R_RESERVED = frozenset(
    "if else repeat while function for next break TRUE FALSE NULL Inf NaN NA "
    "NA_integer_ NA_real_ NA_character_ NA_complex_ in".split()
)


def _r_escape(text: str, quote: str) -> str:
    out = []
    for char in text:
        if char in ("\\", quote):
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif char == "\r":
            out.append("\\r")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\x{ord(char):02x}")
        else:
            out.append(char)
    return "".join(out)


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
