"""`aawgen validate`: every check on a generated project, skips explained."""

import pytest
from conftest import aawgen, generate

from generator.errors import ValidationFailed
from generator.validate.project import run_checks, validate_project


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return generate(
        tmp_path_factory.mktemp("validate") / "demo",
        "workflow_template=true",
        "couler=true",
    )


def test_fresh_project_passes(project):
    result = aawgen("validate", str(project))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert any(line.split() == ["ok", "argo:", "2", "files"] for line in lines), lines
    assert any(
        line.strip().startswith(("ok python:", "skipped python:")) for line in lines
    ), lines


def test_a_broken_workflow_fails_with_file_path_and_line(project, tmp_path):
    broken = tmp_path / "broken"
    (broken / "workflows").mkdir(parents=True)
    (broken / ".aawgen").mkdir()
    (broken / ".aawgen" / "answers.yaml").write_text("{}\n", encoding="utf-8")
    text = (project / "workflows" / "iris-classifier.yaml").read_text("utf-8")
    text = text.replace(
        '"{{inputs.parameters.dataset}}"', '"{{inputs.parameters.datset}}"', 1
    )
    (broken / "workflows" / "wf.yaml").write_text(text, encoding="utf-8")

    result = aawgen("validate", str(broken))
    assert result.returncode == 1
    assert (
        "workflows/wf.yaml: spec.templates[1].container.args[1] (line " in result.stdout
    )
    assert "did you mean 'dataset'?" in result.stdout
    assert "1 problem in" in result.stderr


def test_hera_script_drifting_from_the_yaml_is_caught(project, tmp_path):
    pytest.importorskip("hera")
    copy = tmp_path / "copy"
    (copy / "workflows").mkdir(parents=True)
    (copy / ".aawgen").mkdir()
    (copy / ".aawgen" / "answers.yaml").write_text("{}\n", encoding="utf-8")
    for name in ("iris-classifier.yaml", "hera_workflow.py"):
        text = (project / "workflows" / name).read_text("utf-8")
        if name.endswith(".py"):
            text = text.replace('"cpu": "2"', '"cpu": "3"', 1)
        (copy / "workflows" / name).write_text(text, encoding="utf-8")

    outcome = run_checks(copy)["hera"]
    (problem,) = outcome.problems
    assert problem.file == "workflows/hera_workflow.py"
    assert "differs from workflows/iris-classifier.yaml at spec.templates[1]" in (
        problem.message
    )
    assert "(Hera: '3', YAML: '2')" in problem.message


def test_missing_tools_are_reported_as_skipped(project, monkeypatch, tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    outcomes = run_checks(project)
    assert outcomes["docker"].skipped.startswith("hadolint is not installed")
    assert outcomes["python"].note == "ruff is not installed: compiled only"
    assert outcomes["python"].problems == []


def mark_as_project(folder):
    (folder / ".aawgen").mkdir(parents=True)
    (folder / ".aawgen" / "answers.yaml").write_text("{}\n", encoding="utf-8")


def test_a_folder_without_workflows_skips_argo(tmp_path):
    mark_as_project(tmp_path)
    outcomes = run_checks(tmp_path)
    assert outcomes["argo"].skipped == "no workflow YAML in workflows/"
    assert validate_project(tmp_path, quiet=True) == 0


def test_quiet_prints_only_problems(tmp_path, capsys):
    mark_as_project(tmp_path)
    (tmp_path / "workflows").mkdir()
    (tmp_path / "workflows" / "x.yaml").write_text("kind: [", encoding="utf-8")
    with pytest.raises(ValidationFailed):
        validate_project(tmp_path, quiet=True)
    out = capsys.readouterr().out
    assert out.strip().startswith("workflows/x.yaml: line 2, column 1: YAML does not")
    assert "skipped" not in out


def test_a_missing_folder_is_bad_usage(tmp_path):
    result = aawgen("validate", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "not an aawgen project" in result.stderr


def test_validate_parses_and_lints_r_with_the_real_r(tmp_path):
    from tests.conftest import aawgen, generate, require_tool

    require_tool("Rscript")
    project = generate(tmp_path / "p", "flavours=python,r")
    clean = aawgen("validate", str(project))
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "ok r: " in clean.stdout

    with (project / "r" / "predict.R").open("a", encoding="utf-8") as handle:
        handle.write("y = 1\n")
    with (project / "r" / "train.R").open("a", encoding="utf-8") as handle:
        handle.write("broken <- function( {\n")
    result = aawgen("validate", str(project))
    assert result.returncode == 1
    assert "r/predict.R: line" in result.stdout and "assignment_linter" in result.stdout
    assert "r/train.R" in result.stdout and "[parse]" in result.stdout
