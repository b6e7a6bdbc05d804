"""French projects run like English ones, and the language is an answer like
any other: switching it with `aawgen regenerate` keeps the user's edits."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import aawgen, generate, require_tool, run_make

USER_FUNCTION = '''

def my_report(frame):
    """Mine: the class counts, for my own notes."""
    return frame["species"].value_counts()
'''
INSTALL = "python3 -m pip install -r python/requirements.txt\n"
USER_LINE = "python3 -m pip install mlflow  # ajout de l'équipe\n"


def test_switching_the_locale_rewrites_the_prose_and_keeps_user_edits(tmp_path):
    project = generate(tmp_path / "p", "flavours=python,r")
    train = project / "python" / "train.py"
    readme = project / "README.md"
    train.write_text(train.read_text(encoding="utf-8") + USER_FUNCTION,
                     encoding="utf-8")
    # A line of the user's among lines that read the same in both languages
    # (next to a translated line, a three-way merge would call it a clash).
    readme.write_text(
        readme.read_text(encoding="utf-8").replace(INSTALL, INSTALL + USER_LINE),
        encoding="utf-8",
    )
    english_r = (project / "r" / "prepare.R").read_bytes()

    result = aawgen("regenerate", str(project), "--set", "locale=fr")
    assert result.returncode == 0, result.stdout + result.stderr
    french_train = train.read_text(encoding="utf-8")
    assert french_train.startswith('"""Étape d\'entraînement')
    assert "Mettre de côté la part de test" in french_train
    assert french_train.endswith(USER_FUNCTION)
    french_readme = readme.read_text(encoding="utf-8")
    assert "## Tout exécuter localement" in french_readme
    assert INSTALL + USER_LINE in french_readme
    assert (project / "r" / "prepare.R").read_bytes() != english_r
    answers = (project / ".aawgen" / "answers.yaml").read_text(encoding="utf-8")
    assert "\nlocale: fr\n" in answers
    assert "# Graine aléatoire : " in answers

    # And back: the English prose returns, the user's lines stay.
    result = aawgen("regenerate", str(project), "--set", "locale=en")
    assert result.returncode == 0, result.stdout + result.stderr
    assert train.read_text(encoding="utf-8").startswith('"""Train step')
    assert train.read_text(encoding="utf-8").endswith(USER_FUNCTION)
    assert INSTALL + USER_LINE in readme.read_text(encoding="utf-8")
    assert (project / "r" / "prepare.R").read_bytes() == english_r
    drift = json.loads(aawgen("check", str(project), "--json").stdout)
    assert {row["path"] for row in drift["edited"]} == {"README.md",
                                                        "python/train.py"}
    assert drift["regeneration"] == []


def test_a_project_without_a_locale_answer_stays_english(tmp_path):
    """Projects generated before the answer existed regenerate unchanged."""
    project = generate(tmp_path / "p")
    answers = project / ".aawgen" / "answers.yaml"
    text = answers.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith("locale:")]
    answers.write_text("".join(kept), encoding="utf-8")
    result = aawgen("regenerate", str(project), "--json")
    assert result.returncode == 0, result.stderr
    assert '"action": "updated"' not in result.stdout


@pytest.mark.parametrize("flavours", ["python", "r"])
def test_french_project_runs_and_gives_the_same_metrics(tmp_path, flavours):
    if flavours == "r":
        require_tool("Rscript")
    metrics = {}
    for locale in ("en", "fr"):
        project = generate(tmp_path / locale, f"flavours={flavours}",
                           f"locale={locale}")
        run = run_make(project, "run")
        path = project / "outputs" / flavours / "metrics.json"
        metrics[locale] = path.read_bytes()
        if locale == "fr":
            assert "Lignes préparées :" in run.stdout + run.stderr
    assert metrics["fr"] == metrics["en"]
    shutil.rmtree(tmp_path / "en")


def test_french_saspy_scripts_give_the_same_metrics_against_the_standin(tmp_path):
    """Without SAS, the SASPy scripts run against the recording stand-in:
    French scripts send the same SAS and write the same metrics.json."""
    from generator.validate.saspy_scripts import (
        check_standin_run,
        run_steps_with_standin,
    )
    from tests.test_sas_flavour import pipeline

    results = {}
    for locale in ("en", "fr"):
        project = generate(tmp_path / locale, "flavours=saspy", f"locale={locale}")
        runs = run_steps_with_standin(
            pipeline(project, str(project / "data" / "iris.csv")), cwd=project
        )
        assert [p for run in runs for p in check_standin_run(run)] == []
        sent = [item["code"] for run in runs for _, item in run.checked_code()]
        metrics = project / "outputs" / "saspy" / "metrics.json"
        results[locale] = (metrics.read_bytes(), sent)
    assert results["fr"][0] == results["en"][0]
    assert len(results["fr"][1]) == len(results["en"][1])


def test_french_notebooks_validate_and_give_the_english_metrics(tmp_path):
    """The French notebooks are valid, the SAS ones pass their checks, and
    the Python one, run headless, writes what the English scripts write."""
    from generator.validate.notebooks import check_notebooks, run_on_standin
    from tests.test_notebooks import execute

    french = generate(tmp_path / "fr", "flavours=python,r,saspy,sas", "locale=fr")
    assert check_notebooks(french) == []
    assert run_on_standin(french, "saspy") == []
    markdown = (french / "notebooks" / "python.ipynb").read_text(encoding="utf-8")
    assert "## Préparation" in markdown and "## Prepare" not in markdown

    english = generate(tmp_path / "en", "flavours=python")
    run_make(english, "run-python")
    execute(french / "notebooks" / "python.ipynb", "python3")
    metrics = Path("outputs") / "python" / "metrics.json"
    assert (french / metrics).read_bytes() == (english / metrics).read_bytes()
