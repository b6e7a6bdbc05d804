"""One notebook per flavour, built as data from the fragments the scripts use.

A notebook is: a title, the imports, the settings in a cell tagged
`parameters` (papermill injects its overrides after it) and the settings
computed from them, the helpers, each step's Markdown and code, then one run
cell per step writing the same files as the scripts. Step code is rendered
from the same `_<step>.<ext>.jinja` fragments the step scripts include, so
the two cannot drift apart. Each notebook is written with its paired
percent-format script (generator/percent.py).

Adding a flavour's notebook is one `KINDS` entry plus a
`_notebook.<ext>.jinja` template beside its fragments, with the macro
`paths` (the input and output parameters) and, where needed, `imports`,
`before_<step>` (a cell before a step's code), `run_<step>` (the call that
makes a step do its work, in the run section) and `about_<cell>` (the
flavour's own wording of a Markdown cell of notebooks/_markdown.md.jinja).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from generator import percent
from generator.notebook_json import (
    new_code_cell,
    new_markdown_cell,
    new_notebook,
    notebook_text,
)
from generator.quoting import UserText
from generator.step_code import (
    STEPS,
    script_imports,
    split_python_settings,
    split_r_settings,
)

MARKDOWN = "notebooks/_markdown.md.jinja"
NOTEBOOKS_DIR = "notebooks"

# (render a template by name, kind) -> source of the imports cell.
ImportsMaker = Callable[[Callable[[str], str], "Kind"], str]
# Rendered settings -> (the literal answers, what is computed from them).
SettingsSplitter = Callable[[str], tuple[str, str]]


@dataclass(frozen=True)
class Kind:
    """What one flavour's notebook is made of and how it runs."""

    flavour: str
    title: str
    folder: str  # template folder of the step fragments
    extension: str  # of the fragments, `_<step>.<extension>.jinja`
    syntax: percent.Syntax
    kernelspec: dict[str, str]
    language_info: dict[str, Any]
    papermill: bool
    runs_headless: bool  # `aawgen validate` runs it where its kernel is
    # `aawgen validate` runs its paired script against the SAS stand-in.
    runs_on_standin: bool = False
    helpers: tuple[str, ...] = ()  # fragments the steps share, after settings
    # Whether a `settings` fragment holds the answers; without one (SAS, whose
    # programs write the answers into the code) the parameters are the paths.
    has_settings: bool = True
    # Without a maker, the imports cell is the notebook template's `imports`
    # macro, if it has one.
    imports: ImportsMaker | None = None
    split_settings: SettingsSplitter | None = None
    # The names the notebook template's `paths` macro gives the input CSV
    # and the output folder.
    path_names: tuple[str, str] = ("DATA", "OUTPUT_DIR")
    seed_name: str = "SEED"  # the seed's parameter, for the papermill example
    # Jinja put before every fragment rendered alone, for the macros the
    # step scripts import before including it.
    prelude: str = ""
    # Put between the flavour and the extension of the paired script where a
    # plain `<flavour>.py` would shadow a package of that name: the kernel
    # imports from the notebook's folder first (`saspy.py` hides saspy).
    script_suffix: str = ""
    # Fragments that live elsewhere than `_<name>.<extension>.jinja` in
    # `folder`, by name: a flavour may share another's (SASPy, Python's).
    sources: dict[str, str] = field(default_factory=dict)
    encoding_line: str | None = None  # see `_metadata`
    extra_metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def notebook(self) -> str:
        return f"{NOTEBOOKS_DIR}/{self.flavour}.ipynb"

    @property
    def script(self) -> str:
        return f"{NOTEBOOKS_DIR}/{self.script_name}"

    @property
    def script_name(self) -> str:
        return self.flavour + self.script_suffix + self.syntax.extension

    @property
    def pairing(self) -> str:
        """The notebook's `jupytext.formats`."""
        if not self.script_suffix:
            return f"ipynb,{self.syntax.format}"
        return f"ipynb,{self.script_suffix}{self.syntax.extension}:percent"

    @property
    def folder_shown(self) -> str:
        """The scripts' folder in the generated project."""
        return self.flavour

    def fragment(self, name: str) -> str:
        default = f"{self.folder}/_{name}.{self.extension}.jinja"
        return self.sources.get(name, default)


PYTHON_KERNEL = {"name": "python3", "display_name": "Python 3 (ipykernel)",
                 "language": "python"}
PYTHON_LANGUAGE = {
    "name": "python",
    "file_extension": ".py",
    "mimetype": "text/x-python",
    "codemirror_mode": {"name": "ipython", "version": 3},
    "nbconvert_exporter": "python",
    "pygments_lexer": "ipython3",
}

KINDS: dict[str, Kind] = {
    "python": Kind(
        flavour="python", title="Python", folder="python", extension="py",
        syntax=percent.PYTHON, kernelspec=PYTHON_KERNEL,
        language_info=PYTHON_LANGUAGE, papermill=True, runs_headless=True,
        helpers=("io",),
        imports=lambda render, kind: script_imports(render, kind.folder),
        split_settings=split_python_settings,
    ),
    "r": Kind(
        flavour="r", title="R", folder="r", extension="R", syntax=percent.R,
        kernelspec={"name": "ir", "display_name": "R", "language": "R"},
        language_info={
            "name": "R",
            "file_extension": ".r",
            "mimetype": "text/x-r-source",
            "codemirror_mode": "r",
            "pygments_lexer": "r",
        },
        papermill=True, runs_headless=True, helpers=("io", "features"),
        split_settings=split_r_settings, path_names=("data_file", "output_dir"),
        seed_name="seed",
        prelude='{% from "r/_macros.R.jinja" import r_vector with context %}',
        encoding_line="# -*- coding: utf-8 -*-",
    ),
    "saspy": Kind(
        flavour="saspy", title="SASPy", folder="sas/saspy", extension="py",
        script_suffix=".pct",
        syntax=percent.PYTHON, kernelspec=PYTHON_KERNEL,
        language_info=PYTHON_LANGUAGE, papermill=True, runs_headless=False,
        runs_on_standin=True,
        helpers=("session", "io", "scoring"),
        imports=lambda render, kind: script_imports(render, kind.folder),
        split_settings=split_python_settings,
        sources={"settings": "python/_settings.py.jinja",
                 "io": "python/_io.py.jinja",
                 "prepare": "python/_prepare.py.jinja"},
        prelude=('{% import "sas/_steps.sas.jinja" as steps with context %}'
                 '{% set classification = task == "classification" %}'),
    ),
    "sas": Kind(
        flavour="sas", title="SAS", folder="sas/sas", extension="sas",
        syntax=percent.SAS,
        kernelspec={"name": "sas", "display_name": "SAS", "language": "sas"},
        language_info={"name": "sas", "file_extension": ".sas",
                       "mimetype": "text/x-sas", "codemirror_mode": "sas"},
        papermill=False, runs_headless=False, has_settings=False,
        path_names=("data_file", "output_dir"), seed_name="seed",
        prelude=('{% import "sas/sas/_common.sas.jinja" as sas with context %}'
                 '{% import "sas/_steps.sas.jinja" as steps with context %}'),
        # The coding line doubles as the /** header SAS lint asks for.
        encoding_line="/** -*- coding: utf-8 -*- **/",
    ),
}


def available_kinds(context: dict[str, Any]) -> list[Kind]:
    """The chosen flavours whose notebook aawgen knows how to build."""
    kinds = (buildable_kind(flavour) for flavour in context["flavours"])
    return [kind for kind in kinds if kind is not None]


def buildable_kind(flavour: str) -> Kind | None:
    """The flavour's notebook kind, if its templates are all here."""
    from generator.answers import TEMPLATES

    kind = KINDS.get(flavour)
    if kind is None:
        return None
    names = ["notebook", *kind.helpers, *STEPS]
    names += ["settings"] if kind.has_settings else []
    needed = [kind.fragment(name) for name in names]
    return kind if all((TEMPLATES / name).is_file() for name in needed) else None


def build_notebooks(context: dict[str, Any]) -> dict[str, str]:
    """The render plan's builder: notebook and paired script per flavour."""
    env = shared_environment()
    files: dict[str, str] = {}
    for kind in available_kinds(context):
        files.update(notebook_files(kind, context, env))
    return files


def notebook_files(kind: Kind, context: dict[str, Any], env: Any) -> dict[str, str]:
    """{path: text} of one flavour's notebook and its paired script."""
    notebook = build_notebook(kind, context, env)
    text = notebook_text(notebook)
    return {
        kind.notebook: text + "\n",
        kind.script: percent.percent_script(notebook, kind.syntax),
    }


def build_notebook(kind: Kind, context: dict[str, Any], env: Any):
    """The notebook of one flavour, as an nbformat 4.5 document (a
    notebook_json.Node), outputs cleared."""
    context = {**context, "notebook_data": _notebook_data(context)}
    markdown = _Macros(env, MARKDOWN, context)
    runner = _Macros(env, kind.fragment("notebook"), context)
    cells = []

    def fragment(name: str) -> str:
        return _render(env, kind.fragment(name), context, kind.prelude)

    def add(cell_id: str, kind_of_cell: str, source: str, **metadata) -> None:
        source = source.strip("\n")
        if kind_of_cell == "markdown":
            source = _safe_markdown(source, kind)
            cells.append(new_markdown_cell(source, id=cell_id, metadata=metadata))
        else:
            cells.append(new_code_cell(source, id=cell_id, metadata=metadata))

    def about(name: str, *args: Any) -> str:
        """A Markdown cell: the flavour's own wording if it has one."""
        if runner.has(f"about_{name}"):
            return runner(f"about_{name}", *args)
        return markdown(name, *args)

    add("title", "markdown", about("title", kind))
    if kind.imports is not None:
        render = functools.partial(_render, env, context=context)
        add("imports", "code", kind.imports(render, kind))
    elif runner.has("imports"):
        add("imports", "code", runner("imports"))

    add("settings", "markdown", about("parameters", kind))
    settings = fragment("settings") if kind.has_settings else ""
    derived = ""
    if kind.split_settings is not None:
        settings, derived = kind.split_settings(settings)
    add("parameters", "code", settings + "\n\n" + runner("paths"),
        tags=["parameters"])
    if derived:
        add("derived-settings", "code", derived)

    if kind.helpers:
        add("helpers", "markdown", about("helpers", kind))
        for helper in kind.helpers:
            add(f"helper-{helper}", "code", fragment(helper))

    for step in STEPS:
        add(f"{step}-about", "markdown", about("step", step, kind))
        if runner.has(f"before_{step}"):  # e.g. the step's paths, in SAS
            add(f"{step}-setup", "code", runner(f"before_{step}"))
        add(f"{step}-code", "code", fragment(step))

    # Where a step's code does its work as it runs (SAS), there is nothing
    # left to call and the notebook template has no run macros.
    runs = [step for step in STEPS if runner.has(f"run_{step}")]
    if runs:
        add("run-about", "markdown", about("run", kind))
    for step in runs:
        add(f"run-{step}", "code", runner(f"run_{step}"))

    return new_notebook(cells=cells, metadata=_metadata(kind))


def _metadata(kind: Kind) -> dict[str, Any]:
    jupytext: dict[str, Any] = {
        "formats": kind.pairing,
        "notebook_metadata_filter": percent.METADATA_FILTER,
    }
    # jupytext writes a coding line at the top of non-Python scripts that hold
    # non-ASCII text, and reads it back into the metadata; stating it here
    # keeps a sync from adding it, and lets SAS close its comment.
    if kind.encoding_line:
        jupytext["encoding"] = kind.encoding_line
    return {
        "kernelspec": dict(kind.kernelspec),
        "language_info": dict(kind.language_info),
        "jupytext": jupytext,
        **kind.extra_metadata,
    }


def _notebook_data(context: dict[str, Any]) -> UserText:
    """The dataset's path as seen from notebooks/; quoted like user text."""
    path = str(context["data_path"])
    return UserText("../" + path if context["data_in_project"] else path)


def _safe_markdown(source: str, kind: Kind) -> str:
    """Keep Markdown from reading as a cell marker or ending a comment in the
    paired script; the backslash escapes render as the plain characters.

    jupytext also reads a commented Markdown line that looks like a magic
    command as an escaped one, and so drops a heading's `#` before `%`, `!`
    or a shell word; headings therefore never start with user text.
    """
    lines = []
    for line in source.splitlines():
        if line.lstrip().startswith("%"):
            indent = len(line) - len(line.lstrip())
            line = line[:indent] + "\\" + line[indent:]
        if kind.syntax.suffix:
            line = line.replace(kind.syntax.suffix, "*\\/")
        lines.append(line)
    return "\n".join(lines)


@functools.cache
def shared_environment():
    """One Jinja environment per process, so each template compiles once
    however many notebooks are built (its loader still sees edits)."""
    from generator.render import environment

    return with_notebook_filters(environment())


def with_notebook_filters(env: Any) -> Any:
    """Add the filters only notebook templates use to a Jinja environment."""
    env.filters["md_paragraph"] = md_paragraph
    return env


MARKDOWN_WIDTH = 74  # fits 80 columns in every paired script, SAS's `/* */` too
_BLOCK_START = re.compile(r"^(?:[#>+*|=~`-]|\d+(?=[.)]))")


def md_paragraph(text: str, width: int = MARKDOWN_WIDTH) -> str:
    """Markdown-quoted text wrapped into lines, none of which starts what
    Markdown would read as a heading, list, quote, fence or table."""
    import textwrap

    if isinstance(text, UserText):  # wrapping is not quoting
        from generator.render import TemplateError

        raise TemplateError("quote user text with |md before |md_paragraph")
    lines = textwrap.wrap(text, width, break_long_words=False,
                          break_on_hyphens=False)
    for number in range(1, len(lines)):
        start = _BLOCK_START.match(lines[number])
        if start:
            at = start.end() if start.group()[0].isdigit() else 0
            lines[number] = lines[number][:at] + "\\" + lines[number][at:]
    return "\n".join(lines)


def _render(env: Any, name: str, context: dict[str, Any], prelude: str = "") -> str:
    with _template_errors(name):
        return _template(env, name, prelude).render(context)


@functools.cache
def _template(env: Any, name: str, prelude: str):
    if not prelude:
        return env.get_template(name)
    return env.from_string(f"{prelude}{{% include {name!r} %}}")


class _Macros:
    """The macros of one template, called by name; each returns its text."""

    def __init__(self, env: Any, name: str, context: dict[str, Any]) -> None:
        self.name = name
        with _template_errors(name):
            self.module = env.get_template(name).make_module(vars=context)

    def has(self, macro: str) -> bool:
        return callable(getattr(self.module, macro, None))

    def __call__(self, macro: str, *args: Any) -> str:
        with _template_errors(f"{self.name}, macro {macro}"):
            return str(getattr(self.module, macro)(*args))


@contextmanager
def _template_errors(name: str) -> Iterator[None]:
    from generator.render import TemplateError

    try:
        yield
    except TemplateError as error:
        raise TemplateError(f"template {name}: {error}") from None
    except Exception as error:  # a template bug: say which template
        raise TemplateError(f"template {name}: {error}") from error
