"""The generated R pipeline, run by a real Rscript; lintr on generated R."""

from __future__ import annotations

import ast
import json
import subprocess

import pytest

from tests.conftest import generate, require_tool
from tests.rprojects import make, run_r_pipeline, write_messy, write_penguins
from tests.rtools import R_ENV, lint_r, rscript, run_r

CLASSIFICATION_KEYS = {
    "flavour",
    "task",
    "algorithm",
    "n_test",
    "accuracy",
    "f1_macro",
    "confusion_matrix",
}
REGRESSION_KEYS = {"flavour", "task", "algorithm", "n_test", "rmse", "mae", "r2"}


@pytest.fixture(scope="module")
def penguins_csv(tmp_path_factory):
    return write_penguins(tmp_path_factory.mktemp("data") / "penguins.csv")


@pytest.fixture(scope="module")
def messy_csv(tmp_path_factory):
    # A long path, so the generated test's data path is a multi-line paste0().
    folder = tmp_path_factory.mktemp("données-de-récolte-de-la-saison-passée")
    return write_messy(folder / "récoltes.csv")


def check_classification(metrics: dict, classes: int) -> None:
    assert set(metrics) == CLASSIFICATION_KEYS
    assert metrics["flavour"] == "r"
    assert metrics["task"] == "classification"
    matrix = metrics["confusion_matrix"]
    assert set(matrix) == {"labels", "matrix"}
    labels = matrix["labels"]
    assert labels == sorted(labels) and len(labels) == classes
    assert [len(row) for row in matrix["matrix"]] == [classes] * classes
    assert sum(map(sum, matrix["matrix"])) == metrics["n_test"]
    assert 0 <= metrics["f1_macro"] <= 1


def check_regression(metrics: dict) -> None:
    assert set(metrics) == REGRESSION_KEYS
    assert metrics["task"] == "regression"
    assert metrics["rmse"] >= metrics["mae"] >= 0


def model_method(project) -> str:
    """The caret method the saved model was trained with."""
    model = project / "outputs" / "r" / "model.rds"
    result = subprocess.run(
        [rscript(), "-e", f'cat(readRDS("{model.as_posix()}")$fit$method)'],
        capture_output=True,
        text=True,
        env=R_ENV,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_bundled_iris_runs_and_joins_make_run_and_make_test(tmp_path):
    project = generate(tmp_path / "iris", "flavours=python,r")
    result = make(project, "run")
    assert result.returncode == 0, result.stdout + result.stderr
    r_metrics = json.loads((project / "outputs/r/metrics.json").read_text())
    py_metrics = json.loads((project / "outputs/python/metrics.json").read_text())
    check_classification(r_metrics, classes=3)
    assert r_metrics["accuracy"] > 0.85
    # Exactly the keys the Python flavour writes, nested ones included.
    assert set(r_metrics) == set(py_metrics)
    assert set(r_metrics["confusion_matrix"]) == set(py_metrics["confusion_matrix"])
    assert (
        r_metrics["confusion_matrix"]["labels"]
        == py_metrics["confusion_matrix"]["labels"]
    )
    for name in ("prepared.csv", "model.rds", "test.csv", "predictions.csv"):
        assert (project / "outputs" / "r" / name).is_file()
    scored = (project / "outputs/r/predictions.csv").read_text().splitlines()
    assert len(scored) == 151 and scored[0].endswith(",prediction")
    result = make(project, "test-r")
    assert result.returncode == 0, result.stdout + result.stderr


def test_three_class_logistic_regression_on_penguins(tmp_path, penguins_csv):
    project = generate(
        tmp_path / "penguins",
        "flavours=r",
        f"dataset={penguins_csv}",
        "target=species",
        "algorithm=logistic_regression",
    )
    settings = (project / "r" / "train.R").read_text()
    assert 'categorical_features <- c("island", "sex")' in settings
    metrics = run_r_pipeline(project)
    check_classification(metrics, classes=3)
    assert metrics["accuracy"] > 0.9
    assert model_method(project) == "multinom"  # glm fits two classes only

    # The model scores rows with safe names too (test.csv has them).
    held_out = project / "outputs/r/test.csv"
    scored = tmp_path / "scored.csv"
    result = subprocess.run(
        [
            rscript(),
            "r/predict.R",
            "--model",
            "outputs/r/model.rds",
            "--input",
            str(held_out),
            "--output",
            str(scored),
        ],
        cwd=project,
        capture_output=True,
        text=True,
        env=R_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert scored.read_text().splitlines()[0].split(",")[-1] == "prediction"


def test_two_class_logistic_regression_uses_glm(tmp_path, penguins_csv):
    project = generate(
        tmp_path / "sex",
        "flavours=r",
        f"dataset={penguins_csv}",
        "target=sex",
        "algorithm=logistic_regression",
        "missing=drop",
    )
    check_classification(run_r_pipeline(project), classes=2)
    assert model_method(project) == "glm"


@pytest.mark.parametrize(
    "algorithm",
    ["linear_regression", "random_forest", "gradient_boosting", "decision_tree"],
)
def test_regression_on_penguins(tmp_path, penguins_csv, algorithm):
    project = generate(
        tmp_path / algorithm,
        "flavours=r",
        f"dataset={penguins_csv}",
        "target=body_mass_g",
        "task=regression",
        f"algorithm={algorithm}",
    )
    metrics = run_r_pipeline(project)
    check_regression(metrics)
    assert metrics["algorithm"] == algorithm
    assert metrics["r2"] > 0.5


@pytest.mark.parametrize("algorithm", ["gradient_boosting", "decision_tree"])
def test_other_classifiers_on_iris(tmp_path, algorithm):
    project = generate(tmp_path / algorithm, "flavours=r", f"algorithm={algorithm}")
    metrics = run_r_pipeline(project)
    check_classification(metrics, classes=3)
    assert metrics["accuracy"] > 0.8


def test_messy_headers_encoding_and_delimiter(tmp_path, messy_csv):
    project = generate(
        tmp_path / "messy",
        "flavours=python,r",
        f"dataset={messy_csv}",
        "target=Classe",
    )
    check_classification(run_r_pipeline(project), classes=2)
    predictions = (project / "outputs/r/predictions.csv").read_text("utf-8")
    assert predictions.count("\n") == 161
    assert {"élevé", "faible"} >= set(
        line.rsplit(",", 1)[1] for line in predictions.splitlines()[1:]
    )
    # The project's own R test finds data outside the project.
    result = make(project, "test-r")
    assert result.returncode == 0, result.stdout + result.stderr


def python_rename(project) -> dict[str, str]:
    """RENAME from the generated python/prepare.py, read without running it."""
    tree = ast.parse((project / "python" / "prepare.py").read_text("utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and node.targets[0].id == "RENAME":
            return ast.literal_eval(node.value)
    raise AssertionError("python/prepare.py has no RENAME")


def r_column_names(project, tmp_path) -> dict[str, str]:
    """column_names from the generated r/prepare.R, as R itself reads it."""
    code = (
        f'source("{(project / "r" / "prepare.R").as_posix()}")\n'
        "cat(jsonlite::toJSON(as.list(stats::setNames(names(column_names), "
        "column_names)), auto_unbox = TRUE))\n"
    )
    result = run_r(code, tmp_path)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_r_and_python_use_the_same_safe_names(tmp_path, messy_csv):
    project = generate(
        tmp_path / "messy",
        "flavours=python,r",
        f"dataset={messy_csv}",
        "target=Classe",
    )
    rename = python_rename(project)
    assert r_column_names(project, tmp_path) == rename
    assert rename["a_b"] == "a_b_2"  # "a b" came first and took "a_b"

    # And the prepare steps of both flavours write the same header.
    result = make(project, "run-r")
    assert result.returncode == 0, result.stdout + result.stderr
    out = project / "outputs" / "python"
    subprocess.run(
        [
            "python3",
            "python/prepare.py",
            "--input",
            str(messy_csv),
            "--output",
            str(out / "prepared.csv"),
        ],
        cwd=project,
        check=True,
        capture_output=True,
    )
    r_header = (project / "outputs/r/prepared.csv").read_text().splitlines()[0]
    py_header = (out / "prepared.csv").read_text().splitlines()[0]
    assert r_header == py_header


LINT_ANSWERS = [
    ("iris", []),
    (
        "regression",
        ["target=Petal.Width", "task=regression", "algorithm=linear_regression"],
    ),
    ("boosting", ["algorithm=gradient_boosting"]),
    ("tree", ["algorithm=decision_tree", "missing=drop"]),
    ("logistic", ["algorithm=logistic_regression"]),
]


def test_lintr_finds_nothing_in_generated_r(tmp_path, messy_csv, penguins_csv):
    require_tool("Rscript")
    projects = [
        generate(tmp_path / name, "flavours=r", *sets) for name, sets in LINT_ANSWERS
    ]
    projects.append(
        generate(
            tmp_path / "messy",
            "flavours=r",
            f"dataset={messy_csv}",
            "target=Classe",
            "algorithm=random_forest",
        )
    )
    projects.append(
        generate(
            tmp_path / "penguins",
            "flavours=r",
            f"dataset={penguins_csv}",
            "target=species",
        )
    )
    # Identical files lint alike: lint each distinct text once.
    files = {}
    for project in projects:
        for path in sorted((project / "r").rglob("*.R")):
            files.setdefault(path.read_text("utf-8"), path)
    assert len(files) > len(projects)
    result = lint_r(list(files.values()), tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_dockerfile_is_hadolint_clean_and_takes_the_cran_mirror(tmp_path):
    hadolint = require_tool("hadolint")
    project = generate(
        tmp_path / "image",
        "flavours=r",
        "cran_mirror=https://cran.example.ca/",
    )
    dockerfile = project / "r" / "Dockerfile"
    text = dockerfile.read_text()
    assert "ARG CRAN_MIRROR='https://cran.example.ca/'" in text
    assert '--repos "$CRAN_MIRROR"' in text
    assert "FROM rocker/r-ver:4." in text and "USER 1000" in text
    assert "COPY" in text and ".csv" not in text.split("COPY", 1)[1]
    result = subprocess.run([hadolint, str(dockerfile)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_parse_every_generated_r_file(tmp_path, messy_csv):
    project = generate(
        tmp_path / "messy",
        "flavours=r",
        f"dataset={messy_csv}",
        "target=Classe",
    )
    files = sorted((project / "r").rglob("*.R"))
    code = "".join(f'invisible(parse("{path.as_posix()}"))\n' for path in files)
    result = run_r(code, tmp_path)
    assert result.returncode == 0, result.stderr
