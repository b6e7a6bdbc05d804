"""The generated Python pipeline trains and scores on real data."""

import json
import subprocess
import sys

import pandas as pd
import pytest

from tests.conftest import generate, run_make


def metrics_of(project):
    path = project / "outputs" / "python" / "metrics.json"
    return json.loads(path.read_text(encoding="utf-8"))


def test_defaults_run_end_to_end_on_the_bundled_iris(tmp_path):
    project = generate(tmp_path / "iris")
    run_make(project, "run")
    metrics = metrics_of(project)
    assert metrics["task"] == "classification"
    assert metrics["n_test"] == 30
    assert metrics["accuracy"] > 0.85
    assert metrics["confusion_matrix"]["labels"] == ["setosa", "versicolor",
                                                     "virginica"]
    predictions = pd.read_csv(project / "outputs/python/predictions.csv")
    assert len(predictions) == 150
    assert (predictions["prediction"] == predictions["species"]).mean() > 0.9
    run_make(project, "test")


@pytest.fixture(scope="module")
def penguins_csv(tmp_path_factory):
    from palmerpenguins import load_penguins

    path = tmp_path_factory.mktemp("data") / "penguins.csv"
    load_penguins().to_csv(path, index=False)
    return path


@pytest.mark.parametrize("algorithm", ["random_forest", "logistic_regression"])
def test_penguins_with_missing_values_and_text_categories(
    tmp_path, penguins_csv, algorithm
):
    project = generate(
        tmp_path / "penguins", f"dataset={penguins_csv}", "target=species",
        f"algorithm={algorithm}",
    )
    settings = (project / "python" / "train.py").read_text(encoding="utf-8")
    assert 'CATEGORICAL_FEATURES = ["island", "sex"]' in settings
    run_make(project, "run")
    metrics = metrics_of(project)
    assert metrics["accuracy"] > 0.9
    assert len(metrics["confusion_matrix"]["labels"]) == 3

    # Score held-out rows with the saved model, as a user would.
    held_out = project / "outputs/python/test.csv"
    scored = tmp_path / "scored.csv"
    subprocess.run(
        [sys.executable, "python/predict.py", "--model",
         "outputs/python/model.joblib", "--input", str(held_out),
         "--output", str(scored)],
        cwd=project, check=True,
    )
    frame = pd.read_csv(scored)
    assert (frame["prediction"] == frame["species"]).mean() > 0.9


@pytest.fixture(scope="module")
def diabetes_csv(tmp_path_factory):
    from sklearn.datasets import load_diabetes

    frame = load_diabetes(as_frame=True, scaled=False).frame
    path = tmp_path_factory.mktemp("data") / "diabetes.csv"
    frame.to_csv(path, index=False)
    return path


@pytest.mark.parametrize("algorithm", ["linear_regression", "gradient_boosting"])
def test_regression_on_diabetes(tmp_path, diabetes_csv, algorithm):
    project = generate(tmp_path / "diabetes", f"dataset={diabetes_csv}",
                       "target=target", f"algorithm={algorithm}")
    answers = (project / ".aawgen" / "answers.yaml").read_text(encoding="utf-8")
    assert "task: regression" in answers  # inferred from the data
    run_make(project, "run")
    metrics = metrics_of(project)
    assert set(metrics) >= {"rmse", "mae", "r2"}
    assert 0.2 < metrics["r2"] < 0.8
    assert metrics["mae"] < metrics["rmse"] < 80


def test_decision_tree_and_drop_missing(tmp_path, penguins_csv):
    project = generate(tmp_path / "tree", f"dataset={penguins_csv}",
                       "target=species", "algorithm=decision_tree",
                       "missing=drop", "features=bill_length_mm,island")
    run_make(project, "run")
    assert metrics_of(project)["accuracy"] > 0.8


def test_seed_option_overrides_the_answer(tmp_path):
    project = generate(tmp_path / "seeded")
    run_make(project, "run")
    prepared = project / "outputs/python/prepared.csv"
    held_out = {}
    for seed in ("1", "2"):
        out = tmp_path / seed
        subprocess.run(
            [sys.executable, "python/train.py", "--input", str(prepared),
             "--output-dir", str(out), "--seed", seed],
            cwd=project, check=True, capture_output=True,
        )
        held_out[seed] = (out / "test.csv").read_text(encoding="utf-8")
    assert held_out["1"] != held_out["2"]
