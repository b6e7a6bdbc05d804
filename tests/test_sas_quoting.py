"""Property tests: the SAS quoting filters render literals meaning the value.

Each literal is read back twice: by the tree-sitter-sas parser (one string
node, no macro reference, the statement not cut short by a semicolon) and by
our own tokenizer and decoder.
"""

import tree_sitter_sas
from hypothesis import given, settings
from hypothesis import strategies as st
from tree_sitter import Language, Parser

from generator import quoting
from generator.validate.sas import check_sas_text, decode_string, tokenize

PARSER = Parser(Language(tree_sitter_sas.language()))

# Text that SAS programs meet: quotes, macro triggers, statement ends,
# comment marks, accents, tabs and line breaks.
tricky = st.text(
    alphabet=st.sampled_from(list("ab '\"&%;*/()=éÉ\t\n\\n"))
    | st.characters(blacklist_categories=("Cs",)),
    max_size=40,
)


def nodes(node, kind):
    if node.type == kind:
        yield node
    for child in node.children:
        yield from nodes(child, kind)


def parse_assignment(literal: str):
    program = f"data _null_;\n  x = {literal};\nrun;\n"
    source = program.encode("utf-8")
    return program, source, PARSER.parse(source).root_node


@settings(max_examples=400)
@given(tricky)
def test_a_sas_string_literal_means_the_value(value):
    literal = quoting.sas(value)
    program, source, root = parse_assignment(literal)

    assert check_sas_text(program, "quoted.sas") == []
    assert not root.has_error
    [string] = list(nodes(root, "string_literal"))
    assert source[string.start_byte : string.end_byte].decode() == literal
    assert not list(nodes(root, "macro_variable_ref"))
    assert not list(nodes(root, "macro_call"))

    tokens = tokenize(f"x = {literal};")
    assert [t.kind for t in tokens] == ["word", "punct", "string", "punct"]
    assert decode_string(tokens[2].text) == value


def test_special_characters_render_as_expected():
    assert quoting.sas("R&D 100% ; it's") == "'R&D 100% ; it''s'"
    assert quoting.sas("\t") == "'09'x"
    assert quoting.sas("a\nb") == "'610A62'x"
    assert quoting.sas(0.8) == "0.8"


printable_names = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Cf")),
    min_size=1,
    max_size=12,
).filter(lambda name: name.isprintable())


@settings(max_examples=300)
@given(printable_names)
def test_a_sas_name_literal_means_the_name(name):
    rendered = quoting.sas_name(name)
    tokens = tokenize(f"keep {rendered};")
    assert [t.kind for t in tokens][1:] in (["word", "punct"], ["name", "punct"])
    shown = tokens[1]
    assert (shown.text if shown.kind == "word" else decode_string(shown.text)) == name

    program = f"data a;\n  set b;\n  {rendered} = 1;\nrun;\n"
    assert check_sas_text(program, "named.sas") == []


def test_a_name_no_literal_can_spell_is_refused():
    for bad in ("", "x" * 33, "é" * 17, "a\tb"):
        try:
            quoting.sas_name(bad)
        except ValueError:
            continue
        raise AssertionError(f"{bad!r} was accepted")
