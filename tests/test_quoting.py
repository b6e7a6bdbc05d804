"""Every quoting filter turns any text into a literal meaning that text."""

import ast
import json
import shlex
import tomllib

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import quoting

# Any text, surrogates aside (they cannot be written as UTF-8 at all).
texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
hostile = st.sampled_from(
    ["'", '"', "\\", "{{ x }}", "${HOME}", "$(rm -rf ~)", "\n", "é", "#", "`",
     "*/", "&amp;", "%macro", ";", "\x00", "\u2028", "\ufeff", "\x85"]
)
mixed = st.lists(st.one_of(texts, hostile), max_size=6).map("".join)


@settings(max_examples=300)
@given(mixed)
def test_python_literal_round_trips(value):
    assert ast.literal_eval(quoting.py(value)) == value


@settings(max_examples=300)
@given(mixed)
def test_json_and_yaml_literals_round_trip(value):
    assert json.loads(quoting.json_literal(value)) == value
    assert yaml.safe_load("key: " + quoting.yaml_literal(value)) == {"key": value}


@settings(max_examples=300)
@given(mixed)
def test_toml_literal_round_trips(value):
    assert tomllib.loads("key = " + quoting.toml_literal(value)) == {"key": value}


@settings(max_examples=300)
@given(mixed.filter(lambda v: "\x00" not in v))
def test_shell_word_round_trips(value):
    assert shlex.split("cmd " + quoting.sh(value)) == ["cmd", value]


@given(mixed)
def test_line_filters_never_break_a_line(value):
    for quote in (quoting.one_line, quoting.md, quoting.docker, quoting.sas,
                  quoting.sas_comment, quoting.make_raw):
        assert "\n" not in quote(value) and "\r" not in quote(value)
    assert "*/" not in quoting.sas_comment(value)


@given(mixed)
def test_markdown_escapes_every_special_character(value):
    rendered = quoting.md(value)
    unescaped = rendered.replace("\\\\", "")
    for special in "*_`[]<>|#":
        assert unescaped.replace("\\" + special, "").count(special) == 0


def test_sas_string_doubles_quotes_and_never_resolves_macros():
    assert quoting.sas("it's &x %y;") == "'it''s &x %y;'"
    assert quoting.sas_name("my col") == "'my col'n"
    assert quoting.sas_name("ok_name") == "ok_name"


def test_r_string_and_name():
    assert quoting.r('a"b\\c\n') == '"a\\"b\\\\c\\n"'
    assert quoting.r_name("1st value") == "`1st value`"
    assert quoting.r_name("if") == "`if`"
    assert quoting.r_name("sepal_length") == "sepal_length"


@settings(max_examples=60, deadline=None)
@given(st.one_of(
    st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=30),
    st.sampled_from(["a\\", "\\", "x#y", "$HOME", "it's", "a\\\\"]),
))
def test_makefile_variable_reaches_the_shell_intact(tmp_path_factory, value):
    import subprocess

    from tests.conftest import require_tool

    make = require_tool("make")
    folder = tmp_path_factory.mktemp("make")
    (folder / "Makefile").write_text(
        f"DATA ?= {quoting.make_raw(value)}\nshow:\n\t@printf '%s' '$(DATA)'\n",
        encoding="utf-8",
    )
    shown = subprocess.run([make, "-s", "show"], cwd=folder, capture_output=True,
                           check=True).stdout.decode("utf-8")
    assert shown == quoting.one_line(value)
