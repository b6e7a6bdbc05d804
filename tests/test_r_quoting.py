"""The R quoting filters: whatever a user may type, real R reads it back."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.quoting import R_WIDTH, UnquotableError, r, r_name
from tests.rtools import run_r

# Everything a text answer or a CSV header can hold, and more: the answers
# forbid control characters, but R must not care. NUL and lone surrogates
# cannot exist in R, so they are refused (tested below).
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=150,
)

TRICKY = [
    "",
    "plain",
    'double " quote',
    "single ' quote",
    "back \\ slash \\\\ and \\n literal",
    "`backtick`",
    "line\nbreak\r\ttab",
    "Prévision des récoltes",
    "Ærøskøbing ß ﬁ",
    "日本語のデータ",
    "emoji \U0001f600 astral \U0010fffd",
    "\x01\x1f\x7f\x80\x9f controls",
    "\u2028\u2029\ufeff\ufffe",
    "%s %d {{ x }} {% y %} #' roxygen ${HOME} `r 1`",
    "if",
    "TRUE",
    "NA",
    "...",
    "..1",
    ".2x",
    "_x",
    "x" * (R_WIDTH + 1),
    "é" * 200,
]


def _hex_lines(result) -> list[str]:
    assert result.returncode == 0, result.stderr
    return result.stdout.split("\n")[:-1]


def read_strings_back(values: list[str], tmp_path) -> list[str]:
    """R parses and evaluates every literal; hex of the UTF-8 bytes comes back."""
    literals = ",\n".join(r(value) for value in values)
    code = (
        f"values <- list(\n{literals}\n)\n"
        "for (value in values) {\n"
        "  stopifnot(is.character(value), length(value) == 1L)\n"
        '  cat(paste(as.character(charToRaw(enc2utf8(value))), collapse = ""),\n'
        '      "\\n", sep = "")\n'
        "}\n"
    )
    # A C locale: escaped literals must not depend on the locale.
    hex_lines = _hex_lines(run_r(code, tmp_path, env={"LC_ALL": "C"}))
    return [bytes.fromhex(line).decode("utf-8") for line in hex_lines]


def read_names_back(values: list[str], tmp_path) -> list[str]:
    names = ",\n".join(f"quote({r_name(value)})" for value in values)
    code = (
        f"values <- list(\n{names}\n)\n"
        "for (value in values) {\n"
        "  stopifnot(is.name(value))\n"
        "  text <- enc2utf8(as.character(value))\n"
        '  cat(paste(as.character(charToRaw(text)), collapse = ""),\n'
        '      "\\n", sep = "")\n'
        "}\n"
    )
    hex_lines = _hex_lines(run_r(code, tmp_path, env={"LC_ALL": "C.UTF-8"}))
    return [bytes.fromhex(line).decode("utf-8") for line in hex_lines]


def test_tricky_strings_read_back(tmp_path):
    assert read_strings_back(TRICKY, tmp_path) == TRICKY


def test_tricky_names_read_back(tmp_path):
    names = [value for value in TRICKY if value]
    assert read_names_back(names, tmp_path) == names


# Each example is one Rscript run holding a whole list of values.
@settings(max_examples=12, deadline=None)
@given(values=st.lists(TEXT, min_size=1, max_size=80))
def test_any_string_reads_back(values, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("r-strings")
    assert read_strings_back(values, tmp_path) == values


@settings(max_examples=12, deadline=None)
@given(values=st.lists(TEXT.filter(bool), min_size=1, max_size=80))
def test_any_name_reads_back(values, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("r-names")
    assert read_names_back(values, tmp_path) == values


@given(value=TEXT)
def test_string_literals_stay_within_lintr_line_length(value):
    # Continuation lines are indented by the template; 80 leaves room.
    assert all(len(line) <= 70 for line in r(value).splitlines())


@given(value=TEXT)
def test_string_literals_are_ascii(value):
    assert r(value).isascii()


@settings(max_examples=12, deadline=None)
@given(
    numbers=st.lists(
        st.one_of(
            st.integers(min_value=-(2**53), max_value=2**53),
            st.floats(allow_nan=False),
            st.booleans(),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_numbers_and_logicals_read_back(numbers, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("r-numbers")
    literals = ",\n".join(r(value) for value in numbers)
    code = (
        f"values <- list(\n{literals}\n)\n"
        "for (value in values) {\n"
        "  if (is.logical(value)) cat(value, '\\n', sep = '')\n"
        "  else cat(sprintf('%.17g', value), '\\n', sep = '')\n"
        "}\n"
    )
    lines = _hex_lines(run_r(code, tmp_path))
    for value, line in zip(numbers, lines, strict=True):
        if isinstance(value, bool):
            assert line == str(value).upper()
        else:
            assert float(line) == float(value)


def test_whole_numbers_are_r_integers_when_they_fit():
    assert r(42) == "42L"
    assert r(2**31) == "2147483648"
    assert r(float("inf")) == "Inf"
    assert r(None) == "NULL"


@pytest.mark.parametrize("value", ["a\x00b", "\ud800"])
def test_values_r_cannot_hold_are_refused(value):
    with pytest.raises(UnquotableError):
        r(value)
    with pytest.raises(UnquotableError):
        r_name(value)


def test_empty_name_is_refused():
    with pytest.raises(UnquotableError):
        r_name("")
