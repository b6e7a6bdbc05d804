"""Helpers for the bilingual tests: render both languages, read their prose."""

from __future__ import annotations

import ast
import io
import re
import tempfile
import tokenize
from functools import cache
from pathlib import Path

from generator import answers as answer_book
from generator.render import render_project

# Answer sets that between them use every message of the templates (a test
# says so): both tasks, every algorithm, the optional workflow files, GPUs,
# a dataset of the user's own, dropped rows. "REGRESSION_CSV" stands for a
# small regression dataset written on first use.
SAMPLES = (
    {"flavours": "python,r,saspy,sas", "couler": "true",
     "workflow_template": "true", "gpu": "2", "istio_sidecar_off": "false",
     "sas_image": "registry.example.ca/sas:9.4"},
    {"flavours": "python,r,sas", "algorithm": "logistic_regression",
     "missing": "drop", "gpu": "1"},
    {"flavours": "python,saspy,sas", "algorithm": "gradient_boosting"},
    {"flavours": "python,r,saspy,sas", "algorithm": "decision_tree"},
    {"flavours": "python,r,saspy,sas", "dataset": "REGRESSION_CSV",
     "target": "yield", "algorithm": "linear_regression"},
    {"flavours": "sas", "dataset": "REGRESSION_CSV", "target": "yield"},
)


def render(locale: str, **given: str) -> dict[str, str]:
    """Every text file of a project, `.aawgen/answers.yaml` included."""
    if given.get("dataset") == "REGRESSION_CSV":
        given = {**given, "dataset": str(regression_csv())}
    answers = answer_book.collect({**given, "locale": locale})
    files = render_project(answer_book.derive(answers))
    texts = {path: data.decode("utf-8") for path, data in files.items()
             if not path.endswith(".csv")}
    for path in [path for path in texts if path.endswith(".ipynb")]:
        texts[path] = notebook_text(texts[path])
    texts[".aawgen/answers.yaml"] = answer_book.dump(answers)
    return texts


@cache
def rendered(locale: str, sample: int) -> dict[str, str]:
    return render(locale, **SAMPLES[sample])


@cache
def regression_csv() -> Path:
    """A small regression table: two measures, a category, a yield."""
    folder = Path(tempfile.mkdtemp(prefix="aawgen-i18n-"))
    rows = ["rain,heat,soil,yield"]
    for i in range(80):
        rain, heat = 20 + (i * 7) % 31, 10 + (i * 5) % 17
        soil = ("clay", "sand", "loam")[i % 3]
        rows.append(f"{rain},{heat},{soil},{2 * rain + heat + i % 3 * 4}")
    path = folder / "harvest.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def notebook_text(source: str) -> str:
    """A notebook as a Markdown page: its Markdown cells as they are, its
    code cells fenced (their comments are checked in the paired script)."""
    import json

    parts = []
    for cell in json.loads(source)["cells"]:
        text = "".join(cell["source"])
        parts.append(text if cell["cell_type"] == "markdown"
                     else f"```\n{text}\n```")
    return "\n\n".join(parts) + "\n"


def prose(path: str, text: str) -> list[str]:
    """The human text of a generated file: comments, docstrings and string
    literals of code, Markdown outside code blocks."""
    if path.endswith((".md", ".ipynb")):
        return _markdown_prose(text)
    if path.endswith(".py"):
        return _python_prose(text)
    return [line.split("#", 1)[1] for line in text.splitlines()
            if line.lstrip().startswith("#")]


def _markdown_prose(text: str) -> list[str]:
    lines, fenced = [], False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
        elif not fenced:
            lines.append(re.sub(r"`[^`]*`", "", line))
    return lines


def _python_prose(text: str) -> list[str]:
    found = [node.value for node in ast.walk(ast.parse(text))
             if isinstance(node, ast.Constant) and isinstance(node.value, str)]
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type == tokenize.COMMENT:
            found.append(token.string)
    return [line for item in found for line in item.splitlines()]


# Words that only English prose strings together; three distinct ones on a
# line of prose mean an English sentence.
ENGLISH_WORDS = frozenset(
    "the and of to is are with from for this that each every which when into "
    "only by its be not or at an it you your will was were has have".split()
)


def english_lines(lines: list[str]) -> list[str]:
    return [line for line in lines
            if len(set(re.findall(r"[a-z']+", line.lower())) & ENGLISH_WORDS) >= 3]


_PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|\{[a-z_]+\}|%%")


def sentence_pattern(message: str) -> re.Pattern[str] | None:
    """A pattern for the longest run of words of a message between its
    placeholders, allowing any line break, comment marker or indentation
    between words; None when no run has three words."""
    runs = [run.split() for run in _PLACEHOLDER.split(message)]
    words = max(runs, key=len)
    if len(words) < 3:
        return None
    return re.compile(r"[\s#*/\"]+".join(map(re.escape, words)))
