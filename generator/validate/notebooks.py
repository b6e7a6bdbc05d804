"""Checks of a project's notebooks: nbformat, kernels, pairing, execution."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from generator.validate import Problem

NOTEBOOKS = "notebooks"


def check(project: Path):
    """The `notebooks` check of `aawgen validate`: structure, then a headless
    run of each notebook whose kernel is here (Python and R), and the SASPy
    notebook's code against the recording SAS stand-in."""
    from generator.notebooks import KINDS
    from generator.validate.project import Outcome

    paths = sorted((project / NOTEBOOKS).glob("*.ipynb"))
    if not paths:
        return Outcome(skipped=f"no notebooks in {NOTEBOOKS}/")
    problems = check_notebooks(project)
    broken = {problem.file for problem in problems}
    not_run = []
    for path in paths:
        kind = KINDS.get(path.stem)
        if kind is None or kind.notebook in broken:
            continue
        if kind.runs_on_standin:
            problems += run_on_standin(project, kind.flavour)
        if not kind.runs_headless:
            continue
        kernel = kind.kernelspec["name"]
        if not kernel_available(kernel):
            not_run.append(f"{path.name} not run: no {kernel!r} kernel")
            continue
        problems += run_notebook(project, kind.flavour)
    return Outcome(len(paths), problems, note="; ".join(not_run) or None)


def check_notebooks(project: Path) -> list[Problem]:
    """Every `notebooks/*.ipynb`: valid nbformat 4, the flavour's kernel, a
    cell tagged `parameters`, and its paired script beside it."""
    from generator.notebooks import KINDS

    problems: list[Problem] = []
    for path in sorted((project / NOTEBOOKS).glob("*.ipynb")):
        shown = f"{NOTEBOOKS}/{path.name}"
        kind = KINDS.get(path.stem)
        notebook, problem = _read(path, shown)
        if problem is not None:
            problems.append(problem)
            continue
        if kind is None:
            continue  # the user's own notebook: valid is all we ask
        kernel = notebook.metadata.get("kernelspec", {}).get("name")
        if kernel != kind.kernelspec["name"]:
            problems.append(Problem(shown, "metadata.kernelspec", (
                f"kernel {kernel!r}; the {kind.title} notebook runs on "
                f"{kind.kernelspec['name']!r}")))
        if not any("parameters" in cell.metadata.get("tags", ())
                   for cell in notebook.cells):
            problems.append(Problem(shown, "cells", (
                "no cell tagged 'parameters'; papermill needs one")))
        if not (project / kind.script).is_file():
            problems.append(Problem(shown, "", (
                f"its paired script {kind.script} is missing; recreate it with "
                f"`jupytext --sync {shown}`")))
    return problems


def _read(path: Path, shown: str):
    import nbformat

    try:
        notebook = nbformat.read(path, as_version=4)
        nbformat.validate(notebook)
    except nbformat.ValidationError as error:
        where = "/".join(map(str, error.absolute_path)) or "notebook"
        return None, Problem(shown, where, error.message)
    except (OSError, ValueError, UnicodeDecodeError) as error:
        return None, Problem(shown, "", f"not a readable notebook: {error}")
    return notebook, None


def kernel_available(name: str) -> bool:
    """Whether nbclient is here and jupyter_client finds the kernel."""
    try:
        import nbclient  # noqa: F401
        from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    except ImportError:
        return False
    try:
        KernelSpecManager().get_kernel_spec(name)
    except NoSuchKernel:
        return False
    return True


def run_notebook(project: Path, flavour: str, timeout: int = 900) -> list[Problem]:
    """Execute one flavour's notebook headless in a copy of the project, so
    the user's outputs are left alone; a failing cell is a problem."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    from generator.notebooks import KINDS

    kind = KINDS[flavour]
    with tempfile.TemporaryDirectory(prefix="aawgen-notebook-") as scratch:
        copy = Path(scratch) / "project"
        shutil.copytree(project, copy, ignore=shutil.ignore_patterns("outputs"))
        path = copy / kind.notebook
        notebook = nbformat.read(path, as_version=4)
        client = NotebookClient(
            notebook, timeout=timeout, kernel_name=kind.kernelspec["name"],
            resources={"metadata": {"path": str(path.parent)}},
        )
        try:
            client.execute()
        except CellExecutionError as error:
            return [_failure(kind.notebook, notebook, error)]
    return []


def run_on_standin(project: Path, flavour: str) -> list[Problem]:
    """Run a SASPy notebook's paired script (the notebook's code, cell for
    cell) against the recording SAS stand-in, in a copy of the project; the
    SAS it submits gets the structural check."""
    from generator.notebooks import KINDS
    from generator.validate.saspy_scripts import (
        check_standin_run,
        run_steps_with_standin,
    )

    kind = KINDS[flavour]
    with tempfile.TemporaryDirectory(prefix="aawgen-notebook-") as scratch:
        copy = Path(scratch) / "project"
        shutil.copytree(project, copy, ignore=shutil.ignore_patterns("outputs"))
        runs = run_steps_with_standin([(copy / kind.script, [])],
                                      cwd=copy / NOTEBOOKS)
    problems = []
    for run in runs:
        problems += check_standin_run(run, shown_as=kind.script)
    return problems


def _failure(shown: str, notebook, error: Exception) -> Problem:
    for cell in notebook.cells:
        for output in cell.get("outputs", ()):
            if output.get("output_type") == "error":
                message = f"{output.get('ename')}: {output.get('evalue')}"
                return Problem(shown, f"cell {cell.get('id')}", message)
    return Problem(shown, "", str(error).strip().splitlines()[-1])
