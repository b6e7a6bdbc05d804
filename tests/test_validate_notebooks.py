"""The notebook checks of `aawgen validate`."""

import json
import shutil

import nbformat
import pytest

from generator.validate.notebooks import check_notebooks, kernel_available, run_notebook
from tests.conftest import generate


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("fresh") / "project")


@pytest.fixture
def project(fresh, tmp_path):
    return shutil.copytree(fresh, tmp_path / "project")


def test_a_fresh_project_has_no_notebook_problem(fresh):
    assert check_notebooks(fresh) == []


def test_an_invalid_notebook_is_reported_with_where(project):
    path = project / "notebooks" / "python.ipynb"
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["cells"][1]["id"]
    data["cells"][1]["cell_type"] = "cod"
    path.write_text(json.dumps(data), encoding="utf-8")
    problems = check_notebooks(project)
    assert len(problems) == 1
    assert problems[0].file == "notebooks/python.ipynb"
    assert problems[0].where.startswith("cells/1")


def test_wrong_kernel_missing_parameters_and_lost_script(project):
    path = project / "notebooks" / "python.ipynb"
    notebook = nbformat.read(path, as_version=4)
    notebook.metadata.kernelspec.name = "ir"
    for cell in notebook.cells:
        cell.metadata.pop("tags", None)
    nbformat.write(notebook, path)
    (project / "notebooks" / "python.py").unlink()
    messages = [problem.message for problem in check_notebooks(project)]
    assert len(messages) == 3
    assert "'python3'" in messages[0]
    assert "parameters" in messages[1]
    assert "jupytext --sync" in messages[2]


def test_a_failing_cell_is_a_problem_and_outputs_are_left_alone(project):
    if not kernel_available("python3"):
        pytest.skip("no python3 kernel")
    path = project / "notebooks" / "python.ipynb"
    notebook = nbformat.read(path, as_version=4)
    run = next(cell for cell in notebook.cells if cell.id == "run-train")
    run.source = "raise RuntimeError('stop here')"
    nbformat.write(notebook, path)
    problems = run_notebook(project, "python")
    assert [(p.where, p.message) for p in problems] == [
        ("cell run-train", "RuntimeError: stop here")
    ]
    assert not (project / "outputs").exists()


def test_validate_runs_the_notebooks_it_has_kernels_for(fresh):
    from generator.validate.project import run_checks

    outcome = run_checks(fresh)["notebooks"]
    assert outcome.problems == []
    assert outcome.checked == 1
    if not kernel_available("python3"):
        assert "python.ipynb not run" in outcome.note
    else:
        assert outcome.note is None


def test_validate_reports_a_missing_kernel_as_not_run(fresh, tmp_path, monkeypatch):
    from generator.validate.project import run_checks

    project = shutil.copytree(fresh, tmp_path / "project")
    path = project / "notebooks" / "python.ipynb"
    monkeypatch.setattr(
        "generator.validate.notebooks.kernel_available", lambda name: False
    )
    outcome = run_checks(project)["notebooks"]
    assert outcome.note == "python.ipynb not run: no 'python3' kernel"
    assert path.is_file()


def test_a_folder_without_notebooks_skips_the_check(tmp_path):
    from generator.validate.project import run_checks

    assert run_checks(tmp_path)["notebooks"].skipped == "no notebooks in notebooks/"
