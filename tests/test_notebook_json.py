"""Notebooks are written without nbformat, exactly as nbformat would write them."""

import nbformat
import pytest

from generator import answers as answer_book
from generator.notebook_json import Node, notebook_text
from generator.notebooks import KINDS, build_notebook, shared_environment
from generator.render import FLAVOUR_TEMPLATES


@pytest.fixture(scope="module")
def context():
    answers = answer_book.collect(
        answer_book.parse_sets([f"flavours={','.join(KINDS)}", "project_name=Récolte"])
    )
    return {**answer_book.derive(answers), "flavour_templates": FLAVOUR_TEMPLATES}


@pytest.mark.parametrize("flavour", list(KINDS))
def test_text_is_what_nbformat_writes_and_valid(context, flavour):
    notebook = build_notebook(KINDS[flavour], context, shared_environment())
    text = notebook_text(notebook)
    assert text == nbformat.writes(nbformat.from_dict(notebook))
    nbformat.validate(nbformat.reads(text, as_version=4))


def test_node_reads_keys_as_attributes():
    node = Node(cells=[], metadata=Node(kernelspec={"name": "python3"}))
    node.nbformat = 4
    assert node.metadata.kernelspec == {"name": "python3"}
    assert node["nbformat"] == 4
    assert not hasattr(node, "outputs")
