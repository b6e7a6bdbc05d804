"""Notebooks: valid nbformat 4.5, paired with jupytext, and they run headless."""

import json
import os
import shutil
import subprocess
import sys
import time

import nbformat
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import answers as answer_book
from generator.errors import AnswerError
from generator.notebooks import KINDS, STEPS, build_notebooks
from tests.conftest import aawgen, generate, require_tool, run_make

HOSTILE_TEXT = ["%% x", "%let y", "*/", "/* %% */", "# %%", "'", '"', "é", "\n",
                "{{ x }}", "`", "\\", "$(id)", "!ls", "?", "\u2028"]


PYTHON_NOTEBOOK = "notebooks/python.ipynb"


def notebooks_of(project):
    return sorted((project / "notebooks").glob("*.ipynb"))


def metrics_at(path):
    return json.loads(path.read_text(encoding="utf-8"))


FLAVOURS = ",".join(KINDS)


@pytest.fixture(scope="module")
def iris(tmp_path_factory):
    """A project with every notebook, rendered once; tests that change it
    work on a copy."""
    return generate(tmp_path_factory.mktemp("iris") / "iris", f"flavours={FLAVOURS}")


@pytest.fixture
def project(iris, tmp_path):
    return shutil.copytree(iris, tmp_path / "project")


def execute(notebook_path, kernel_name):
    """Run a notebook headless in its own folder, as Jupyter would."""
    from nbclient import NotebookClient

    notebook = nbformat.read(notebook_path, as_version=4)
    client = NotebookClient(
        notebook, timeout=600, kernel_name=kernel_name,
        resources={"metadata": {"path": str(notebook_path.parent)}},
    )
    client.execute()
    return notebook


# Structure ------------------------------------------------------------------


def test_new_writes_one_notebook_per_flavour_with_its_paired_script(iris):
    assert [p.stem for p in notebooks_of(iris)] == sorted(KINDS)
    for kind in KINDS.values():
        assert (iris / kind.script).is_file()


# Per flavour: text of the parameters cell, the computed settings that must
# come after it, and whether run cells call the steps (SAS steps run as
# their cells run).
EXPECTED_CELLS = {
    "python": (("SEED = 42\n", "TEST_SIZE = 0.2\n", 'DATA = "../data/iris.csv"'),
               "FEATURES = NUMERIC_FEATURES + CATEGORICAL_FEATURES", True),
    "r": (("seed <- 42L\n", "test_size <- 0.2\n", 'data_file <- "../data/iris.csv"'),
          "features <- c(numeric_features, categorical_features)", True),
    "saspy": (("SEED = 42\n", 'DATA = "../data/iris.csv"'),
              "FEATURES = NUMERIC_FEATURES + CATEGORICAL_FEATURES", True),
    "sas": (("call symputx('data_file',\n    '../data/iris.csv',\n    'G');",),
            None, False),
}


@pytest.mark.parametrize("flavour", sorted(KINDS))
def test_notebook_is_valid_nbformat_45_with_cleared_outputs(iris, flavour):
    kind = KINDS[flavour]
    notebook = nbformat.read(iris / kind.notebook, as_version=4)
    nbformat.validate(notebook)
    assert (notebook.nbformat, notebook.nbformat_minor) == (4, 5)
    assert notebook.metadata.kernelspec == kind.kernelspec
    assert notebook.metadata.language_info.name == kind.language_info["name"]

    ids = [cell.id for cell in notebook.cells]
    assert len(set(ids)) == len(ids)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    assert code[0].id == "imports"
    parameters = code[1]
    assert parameters.id == "parameters"
    assert parameters.metadata.tags == ["parameters"]
    expected, computed, has_runs = EXPECTED_CELLS[flavour]
    assert all(text in parameters.source for text in expected), parameters.source
    if computed:  # after the parameters, so that an override reaches them
        assert computed not in parameters.source
        assert code[2].id == "derived-settings" and code[2].source == computed
    runs = [cell.id for cell in code if cell.id.startswith("run-")]
    assert runs == ([f"run-{step}" for step in STEPS] if has_runs else [])


def test_cell_ids_are_stable_across_renders():
    def cell_ids(seed):
        answers = answer_book.collect({"seed": seed})
        files = build_notebooks(answer_book.derive(answers))
        return [cell["id"] for cell in json.loads(files[PYTHON_NOTEBOOK])["cells"]]

    assert cell_ids("3") == cell_ids("4")
    assert {"parameters", "prepare-code", "run-evaluate"} <= set(cell_ids("3"))


@pytest.mark.parametrize("flavour", sorted(KINDS))
def test_step_cells_are_the_fragments_the_scripts_include(iris, flavour):
    kind = KINDS[flavour]
    notebook = nbformat.read(iris / kind.notebook, as_version=4)
    cells = {cell.id: cell.source for cell in notebook.cells}
    scripts = {
        step: (iris / flavour / f"{step}.{kind.extension}").read_text("utf-8")
        for step in STEPS
    }
    for step in STEPS:
        assert cells[f"{step}-code"] in scripts[step]
    for helper in kind.helpers:
        assert cells[f"helper-{helper}"] in scripts["train"]


def test_sas_notebook_code_and_script_pass_the_structural_check(iris):
    from generator.validate.sas import check_sas_text

    notebook = nbformat.read(iris / "notebooks" / "sas.ipynb", as_version=4)
    code = "\n\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    assert check_sas_text(code, "notebooks/sas.ipynb") == []
    script = (iris / "notebooks" / "sas.sas").read_text(encoding="utf-8")
    assert check_sas_text(script, "notebooks/sas.sas") == []
    assert script.startswith("/** -*- coding: utf-8 -*- **/\n")  # SAS lint


def test_saspy_notebook_runs_against_the_recording_sas_standin(project):
    from generator.validate.notebooks import run_on_standin

    assert run_on_standin(project, "saspy") == []

    # The same run catches a saspy method that does not exist.
    script = project / "notebooks" / "saspy.pct.py"
    text = script.read_text(encoding="utf-8")
    opened = "sas = open_session()  # ended in the last cell\n"
    assert opened in text
    script.write_text(text.replace(opened, opened + "sas.surveyselect()\n"))
    (problem,) = run_on_standin(project, "saspy")
    assert problem.file == "notebooks/saspy.pct.py"
    assert "surveyselect" in problem.message


def test_the_r_script_is_lintr_clean(iris):
    rscript = require_tool("Rscript")
    code = ('lints <- lintr::lint(commandArgs(TRUE)[1]); print(lints); '
            "quit(status = length(lints) > 0L)")
    result = subprocess.run(
        [rscript, "-e", code, str(iris / "notebooks" / "r.R")],
        capture_output=True, text=True, env={**os.environ, "TZ": "UTC"},
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_python_notebook_and_its_script_are_ruff_clean(iris):
    ruff = shutil.which("ruff") or pytest.skip("ruff is not installed")
    notebooks = iris / "notebooks"
    result = subprocess.run(
        [ruff, "check", "--select", "E,F,W,I,B,UP", "--no-cache",
         str(notebooks / "python.py"), str(notebooks / "python.ipynb"),
         str(notebooks / "saspy.pct.py"), str(notebooks / "saspy.ipynb")],
        cwd=iris, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout


def test_importing_the_cli_and_renderer_leaves_nbformat_out():
    code = ("import sys, generator.cli, generator.render; "
            "sys.exit('nbformat' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


# Pairing with jupytext ------------------------------------------------------


def paired_cells(notebook):
    return [(c.cell_type, c.source, c.metadata.get("tags")) for c in notebook.cells]


def assert_jupytext_agrees(files):
    import jupytext

    for path, text in files.items():
        if not path.endswith(".ipynb"):
            continue
        notebook = nbformat.reads(text, as_version=4)
        nbformat.validate(notebook)
        kind = KINDS[path.removeprefix("notebooks/").removesuffix(".ipynb")]
        script = files[kind.script]
        assert jupytext.writes(notebook, kind.syntax.format) == script, path
        back = jupytext.reads(script, fmt=kind.syntax.format)
        assert paired_cells(back) == paired_cells(notebook), path


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.lists(st.sampled_from(HOSTILE_TEXT), min_size=1, max_size=5).map("".join),
    description=st.lists(st.one_of(st.sampled_from(HOSTILE_TEXT),
                                   st.text(max_size=12)), max_size=6).map("".join),
)
def test_paired_scripts_equal_what_jupytext_writes(name, description):
    try:
        answers = answer_book.collect(
            {"project_name": name, "description": description,
             "flavours": ",".join(KINDS)}
        )
    except AnswerError:
        return
    assert_jupytext_agrees(build_notebooks(answer_book.derive(answers)))


@pytest.mark.parametrize("sets", [
    ("algorithm=logistic_regression", "missing=drop", "cv_folds=3"),
    ("algorithm=decision_tree", "features=Sepal.Length,Petal.Width"),
    ("target=Sepal.Length", "task=regression", "algorithm=gradient_boosting"),
    ("target=Petal.Width", "task=regression", "algorithm=linear_regression"),
])
def test_paired_scripts_equal_jupytext_for_each_algorithm(sets):
    given_answers = dict(item.split("=", 1) for item in sets)
    answers = answer_book.collect({**given_answers, "flavours": ",".join(KINDS)})
    assert_jupytext_agrees(build_notebooks(answer_book.derive(answers)))


def jupytext_sync(notebook_path):
    jupytext = require_tool("jupytext")
    result = subprocess.run([jupytext, "--sync", str(notebook_path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result


def test_jupytext_sync_of_a_fresh_project_changes_nothing(project):
    for notebook_path in notebooks_of(project):
        script = project / KINDS[notebook_path.stem].script
        before = (notebook_path.read_bytes(), script.read_bytes())
        jupytext_sync(notebook_path)
        assert (notebook_path.read_bytes(), script.read_bytes()) == before


def test_jupytext_sync_carries_an_edit_of_the_script_into_the_notebook(project):
    notebook_path = project / "notebooks" / "python.ipynb"
    script = project / "notebooks" / "python.py"
    before = nbformat.read(notebook_path, as_version=4)
    text = script.read_text(encoding="utf-8")
    script.write_text(text.replace("SEED = 42\n", "SEED = 7\n"), encoding="utf-8")
    later = time.time() + 5
    os.utime(script, (later, later))

    jupytext_sync(notebook_path)
    after = nbformat.read(notebook_path, as_version=4)
    nbformat.validate(after)
    assert [c.id for c in after.cells] == [c.id for c in before.cells]
    changed = [c.id for c, old in zip(after.cells, before.cells, strict=True)
               if c.source != old.source]
    assert changed == ["parameters"]
    assert "SEED = 7\n" in next(c for c in after.cells if c.id == "parameters").source


# Execution ------------------------------------------------------------------


def test_python_notebook_writes_the_metrics_the_scripts_write(project):
    run_make(project, "run-python")
    metrics_path = project / "outputs" / "python" / "metrics.json"
    from_scripts = metrics_path.read_text(encoding="utf-8")
    shutil.rmtree(project / "outputs")

    execute(project / "notebooks" / "python.ipynb", "python3")
    assert metrics_path.read_text(encoding="utf-8") == from_scripts
    predictions = project / "outputs" / "python" / "predictions.csv"
    assert len(predictions.read_text(encoding="utf-8").splitlines()) == 151


@pytest.fixture
def ir_kernel(tmp_path, monkeypatch):
    """Debian's `ir` kernel, made visible to jupyter_client when R has
    IRkernel but no kernelspec is registered; nothing is installed."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    monkeypatch.setenv("TZ", "UTC")  # R warns without a time zone
    try:
        KernelSpecManager().get_kernel_spec("ir")
        return "ir"
    except NoSuchKernel:
        pass
    rscript = require_tool("Rscript")
    has_irkernel = subprocess.run(
        [rscript, "-e", 'quit(status = !requireNamespace("IRkernel", quietly = TRUE))'],
        capture_output=True,
    ).returncode == 0
    if not has_irkernel:
        message = "the ir kernel is missing (Debian: r-cran-irkernel)"
        if os.environ.get("CI") == "true":
            pytest.fail(message + "; .ci/run must install it")
        pytest.skip(message)
    spec = tmp_path / "jupyter" / "kernels" / "ir"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": ["R", "--slave", "-e", "IRkernel::main()", "--args",
                 "{connection_file}"],
        "display_name": "R", "language": "R",
    }))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    return "ir"


def test_r_notebook_writes_the_metrics_the_scripts_write(project, ir_kernel):
    require_tool("Rscript")
    run_make(project, "run-r")
    metrics_path = project / "outputs" / "r" / "metrics.json"
    from_scripts = metrics_path.read_text(encoding="utf-8")
    shutil.rmtree(project / "outputs")

    execute(project / "notebooks" / "r.ipynb", ir_kernel)
    assert metrics_path.read_text(encoding="utf-8") == from_scripts
    predictions = project / "outputs" / "r" / "predictions.csv"
    assert len(predictions.read_text(encoding="utf-8").splitlines()) == 151


def test_papermill_injects_a_seed_and_the_metrics_follow_it(project, tmp_path):
    import papermill

    seven = generate(tmp_path / "seven", "seed=7")
    run_make(seven, "run-python")
    with_seven = metrics_at(seven / "outputs" / "python" / "metrics.json")
    run_make(project, "run-python")
    metrics_path = project / "outputs" / "python" / "metrics.json"
    with_default = metrics_at(metrics_path)
    assert with_seven != with_default  # else this test proves nothing
    metrics_path.unlink()

    executed = tmp_path / "executed.ipynb"
    papermill.execute_notebook(
        str(project / "notebooks" / "python.ipynb"), str(executed),
        parameters={"SEED": 7}, cwd=str(project / "notebooks"),
        kernel_name="python3", progress_bar=False,
    )
    assert metrics_at(metrics_path) == with_seven
    tags = [c.metadata.get("tags", []) for c in nbformat.read(executed, 4).cells]
    position = tags.index(["parameters"])
    assert "injected-parameters" in tags[position + 1]


# aawgen notebook --------------------------------------------------------------


def test_notebook_command_rewrites_an_untouched_notebook_after_answers_change(
    project,
):
    answers = project / ".aawgen" / "answers.yaml"
    answers.write_text(answers.read_text().replace("seed: 42", "seed: 11"))
    result = aawgen("notebook", "python", str(project))
    assert result.returncode == 0, result.stderr
    assert "updated" in result.stdout
    source = (project / "notebooks" / "python.py").read_text(encoding="utf-8")
    assert "SEED = 11\n" in source
    assert "SEED = 11\n" in json.loads(
        (project / ".aawgen" / "snapshot.json").read_text()
    )["files"]["notebooks/python.py"]

    again = aawgen("notebook", "python", str(project))
    assert again.returncode == 0 and "updated" not in again.stdout


def test_notebook_command_refuses_to_overwrite_an_edited_notebook(project):
    script = project / "notebooks" / "python.py"
    notebook_path = project / "notebooks" / "python.ipynb"
    notebook = nbformat.read(notebook_path, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell("print('mine')", id="mine"))
    nbformat.write(notebook, notebook_path)
    edited = notebook_path.read_bytes()
    script_before = script.read_bytes()

    result = aawgen("notebook", "python", str(project))
    assert result.returncode == 2
    assert "notebooks/python.ipynb changed" in result.stderr
    assert "--force" in result.stderr
    assert notebook_path.read_bytes() == edited
    assert script.read_bytes() == script_before

    forced = aawgen("notebook", "python", str(project), "--force")
    assert forced.returncode == 0, forced.stderr
    assert b"print('mine')" not in notebook_path.read_bytes()
    backups = list((project / ".aawgen" / "backup").glob("*/notebooks/*"))
    assert [backup.read_bytes() for backup in backups] == [edited]


def test_running_a_notebook_is_not_editing_it(project):
    notebook_path = project / "notebooks" / "python.ipynb"
    notebook = nbformat.read(notebook_path, as_version=4)
    run = next(c for c in notebook.cells if c.id == "run-evaluate")
    run.execution_count = 3
    run.outputs = [nbformat.v4.new_output("stream", text="accuracy\n")]
    nbformat.write(notebook, notebook_path)
    answers = project / ".aawgen" / "answers.yaml"
    answers.write_text(answers.read_text().replace("seed: 42", "seed: 5"))

    result = aawgen("notebook", "python", str(project))
    assert result.returncode == 0, result.stderr
    assert "SEED = 5\\n" in notebook_path.read_text(encoding="utf-8")


def test_notebook_command_recreates_a_deleted_notebook(project):
    expected = (project / "notebooks" / "python.ipynb").read_bytes()
    (project / "notebooks" / "python.ipynb").unlink()
    result = aawgen("notebook", "python", str(project))
    assert result.returncode == 0 and "created" in result.stdout
    assert (project / "notebooks" / "python.ipynb").read_bytes() == expected
    assert aawgen("check", str(project)).returncode == 0


@pytest.mark.parametrize("args, message", [
    (("notebook", "julia"), "no flavour 'julia'"),
    (("notebook", "saspy"), "has no saspy flavour"),
])
def test_notebook_command_usage_errors(tmp_path, args, message):
    project = generate(tmp_path / "python-only")
    result = aawgen(*args, str(project))
    assert result.returncode == 2
    assert message in result.stderr


def test_notebook_command_outside_a_project(tmp_path):
    result = aawgen("notebook", "python", str(tmp_path))
    assert result.returncode == 2
    assert "aawgen project" in result.stderr


def test_the_project_readme_says_how_to_run_and_sync_the_notebooks(iris):
    readme = (iris / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Notebooks (`notebooks/`)", 1)[1].split("\n## ")[0]
    for kind in KINDS.values():
        assert f"`notebooks/{kind.flavour}.ipynb` with `{kind.script}`" in section
    assert "papermill python.ipynb ../outputs/python/run.ipynb -p SEED 7" in section
    assert "papermill sas.ipynb" not in section  # papermill has no SAS
    assert "jupytext --sync" in section and "aawgen notebook" in section


# A new flavour is a table entry -----------------------------------------------

FAKE_SAS_TEMPLATES = {
    "shared/_settings.sas.jinja": (
        "/* Answers */\n%let seed = {{ seed }};\n%let test_size = {{ test_size }};\n"
    ),
    "fake/_macros.sas.jinja": (
        "{% macro keep() %}keep {{ feature_names|join(' ') }} "
        "{{ target_safe }};{% endmacro %}"
    ),
    "fake/_notebook.sas.jinja": (
        "{% macro paths() %}\n%let input_path = {{ notebook_data|sas }};\n"
        "%let output_dir = ../outputs/sas;\n{% endmacro %}\n"
        "{% macro before_train() %}\n"
        "%let input_path = &output_dir/prepared.csv;\n{% endmacro %}\n"
        "{% macro about_step(name, kind) %}\n## {{ name|title }} in SAS\n"
        "{% endmacro %}\n"
    ),
    **{
        f"fake/_{step}.sas.jinja": (
            f"data work.{step};\n  set work.input;\n  {{{{ m.keep() }}}}\nrun;\n"
        )
        for step in STEPS
    },
}


def test_a_flavour_is_a_kind_entry_and_a_notebook_template(tmp_path):
    import jinja2
    import jupytext

    from generator import percent
    from generator.notebooks import (
        Kind,
        build_notebook,
        notebook_files,
        with_notebook_filters,
    )
    from generator.render import environment

    kind = Kind(
        flavour="sas", title="SAS", folder="fake", extension="sas",
        syntax=percent.SAS,
        kernelspec={"name": "sas", "display_name": "SAS", "language": "sas"},
        language_info={"name": "sas", "file_extension": ".sas"},
        papermill=False, runs_headless=False,
        path_names=("input_path", "output_dir"),
        prelude='{% import "fake/_macros.sas.jinja" as m with context %}',
        sources={"settings": "shared/_settings.sas.jinja"},
        encoding_line="/* -*- coding: utf-8 -*- */", script_suffix=".pct",
    )
    env = with_notebook_filters(environment())
    env.loader = jinja2.ChoiceLoader(
        [jinja2.DictLoader(FAKE_SAS_TEMPLATES), env.loader]
    )
    context = answer_book.derive(answer_book.collect({"project_name": "Récoltes"}))
    notebook = build_notebook(kind, context, env)
    nbformat.validate(notebook)

    cells = {cell.id: cell for cell in notebook.cells}
    assert list(cells) == [
        "title", "settings", "parameters",
        "prepare-about", "prepare-code",
        "train-about", "train-setup", "train-code",
        "evaluate-about", "evaluate-code", "predict-about", "predict-code",
    ]
    assert cells["parameters"].source.startswith("/* Answers */\n%let seed = 42;")
    assert "%let input_path = '../data/iris.csv';" in cells["parameters"].source
    assert cells["train-code"].source.startswith("data work.train;\n  set")
    assert "keep sepal_length" in cells["train-code"].source
    assert cells["evaluate-about"].source == "## Evaluate in SAS"

    script = percent.percent_script(notebook, kind.syntax)
    assert script.startswith("/* -*- coding: utf-8 -*- */\n/* --- */\n")
    assert script == jupytext.writes(notebook, "sas:percent")
    back = jupytext.reads(script, fmt="sas:percent")
    assert paired_cells(back) == paired_cells(notebook)
    assert back.metadata["jupytext"]["encoding"] == kind.encoding_line

    files = notebook_files(kind, context, env)
    assert sorted(files) == ["notebooks/sas.ipynb", "notebooks/sas.pct.sas"]
    for path, text in files.items():
        (tmp_path / path).parent.mkdir(exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    jupytext_sync(tmp_path / "notebooks" / "sas.ipynb")
    for path, text in files.items():
        assert (tmp_path / path).read_text(encoding="utf-8") == text
