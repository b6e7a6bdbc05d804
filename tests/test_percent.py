"""The percent-format writer refuses what jupytext would not read back."""

import pytest
from nbformat import v4

from generator.percent import PYTHON, SAS, PercentError, R, percent_script


def notebook(*cells):
    return v4.new_notebook(
        cells=list(cells),
        metadata={"kernelspec": {"name": "k", "display_name": "K", "language": "x"}},
    )


@pytest.mark.parametrize("syntax, line", [
    (PYTHON, "%matplotlib inline"),
    (PYTHON, "!pip install x"),
    (PYTHON, "ls -l"),
    (PYTHON, "# %% a marker"),
    (R, "%in% x"),
    (SAS, "/* %% */"),
])
def test_lines_jupytext_would_change_are_refused(syntax, line):
    cell = v4.new_code_cell(f"x = 1\n{line}", id="bad")
    with pytest.raises(PercentError, match="cell bad, line 2"):
        percent_script(notebook(cell), syntax)


def test_sas_keeps_macro_statements_and_closes_markdown_comments():
    cells = (v4.new_markdown_cell("# Title\n\ntext", id="m"),
             v4.new_code_cell("%let x = 1;\nproc print; run;", id="c"))
    text = percent_script(notebook(*cells), SAS)
    assert "/* # Title */\n/* */\n/* text */" in text
    assert "/* %% */\n%let x = 1;\n" in text


def test_only_tags_are_written_as_cell_metadata():
    cell = v4.new_code_cell("x = 1", id="c", metadata={"scrolled": True})
    with pytest.raises(PercentError, match="scrolled"):
        percent_script(notebook(cell), PYTHON)
