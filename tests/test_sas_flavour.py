"""The SAS and SASPy flavours, proved without a SAS licence.

Every generated SAS program, for every answer combination that changes the
code, passes the structural check and @sasjs/lint; the SASPy scripts run to
their end against the recording stand-in, and all the SAS they send passes
the structural check.
"""

import csv
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generator import answers as answer_book
from generator.render import render_project
from generator.validate.sas import check_sas_text
from generator.validate.sas_lint import lint_sas_texts
from generator.validate.saspy_scripts import (
    check_standin_run,
    run_steps_with_standin,
)
from tests.conftest import generate, require_tool
from tests.test_validate_sas import require_sasjs_lint

ALGORITHMS = {
    "classification": [
        "random_forest",
        "logistic_regression",
        "decision_tree",
        "gradient_boosting",
    ],
    "regression": [
        "random_forest",
        "linear_regression",
        "decision_tree",
        "gradient_boosting",
    ],
}

# Column names that SAS code must survive: quotes, macro triggers, a
# semicolon, accents, a name over 32 bytes, and names the steps use.
NASTY = [
    "Température moyenne de la journée (°C)",
    'it\'s "q"',
    "R&D %",
    "a;b",
    "prediction",
    "selected",
    "Espèce",
]


def write_nasty(path: Path, delimiter: str, encoding: str) -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(NASTY)
        for i in range(90):
            label = ["chat d'Égypte", "R&D;x", '"quoted"'][i % 3]
            writer.writerow(
                [
                    i * 0.5,
                    i % 7,
                    "ab"[i % 2],
                    i % 5,
                    "" if i % 9 == 0 else i % 4,
                    "xyz"[i % 3],
                    label,
                ]
            )
    return path


@pytest.fixture(scope="module")
def datasets(tmp_path_factory):
    from palmerpenguins import load_penguins

    folder = tmp_path_factory.mktemp("data")
    penguins = folder / "penguins.csv"
    load_penguins().to_csv(penguins, index=False)
    return {
        "iris": [],
        "penguins": [f"dataset={penguins}", "target=species"],
        "penguins-mass": [
            f"dataset={penguins}",
            "target=body_mass_g",
            "task=regression",
        ],
        "nasty-semicolon-cp1252": [
            f"dataset={write_nasty(folder / 'nasty.csv', ';', 'cp1252')}",
            "target=Espèce",
        ],
        "nasty-tab-regression": [
            f"dataset={write_nasty(folder / 'nasty.tsv', chr(9), 'utf-8')}",
            "target=Température moyenne de la journée (°C)",
            "task=regression",
        ],
    }


def render(sets: list[str]) -> dict[str, str]:
    answers = answer_book.collect(answer_book.parse_sets(sets))
    files = render_project(answer_book.derive(answers))
    return {path: content.decode("utf-8") for path, content in files.items()}


def combinations(datasets):
    for name, sets in datasets.items():
        task = "regression" if "task=regression" in sets else "classification"
        for algorithm in ALGORITHMS[task]:
            for missing in ("impute", "drop"):
                yield (
                    f"{name}/{algorithm}/{missing}",
                    [
                        *sets,
                        f"algorithm={algorithm}",
                        f"missing={missing}",
                        "flavours=sas,saspy",
                    ],
                )


@pytest.fixture(scope="module")
def sas_programs(datasets):
    """Every SAS program of every combination, keyed by combination/path."""
    programs = {}
    for combination, sets in combinations(datasets):
        for path, text in render(sets).items():
            if path.endswith(".sas"):
                programs[f"{combination}/{path}"] = text
    return programs


def test_every_generated_sas_program_passes_the_structural_check(sas_programs):
    # Four step programs and the SAS notebook's paired script per combination.
    assert len(sas_programs) == 5 * 4 * 2 * 5
    problems = []
    for name, text in sas_programs.items():
        assert "{{" not in text and "{%" not in text, name
        problems += check_sas_text(text, name)
    assert problems == []


def test_every_generated_sas_program_is_lint_clean(sas_programs):
    require_sasjs_lint()
    assert lint_sas_texts(sas_programs) == []


def test_user_values_reach_sas_as_exact_literals(sas_programs):
    nasty = "nasty-semicolon-cp1252/random_forest/impute"
    prepare = sas_programs[f"{nasty}/sas/prepare.sas"]
    assert "when ('it''s \"q\"') do;" in prepare
    assert "when ('R&D %') do;" in prepare
    assert "delimiter=';';" in prepare
    assert "encoding='wlatin1'" in prepare
    tab = sas_programs["nasty-tab-regression/linear_regression/drop/sas/prepare.sas"]
    assert "delimiter='09'x;" in tab


def test_the_structural_check_catches_a_broken_template(sas_programs):
    text = sas_programs["iris/logistic_regression/impute/sas/train.sas"]
    broken = text.replace("run;", "courir;", 1)
    assert any("courir" in p.message for p in check_sas_text(broken, "x.sas"))
    broken = text.replace("proc hplogistic", "proc hplogistic\n  tables x;", 1)
    assert check_sas_text(broken, "x.sas") != []


def pipeline(project: Path, data: str) -> list[tuple[Path, list[str]]]:
    out = project / "outputs" / "saspy"
    scripts = project / "saspy"
    return [
        (
            scripts / "prepare.py",
            ["--input", data, "--output", str(out / "prepared.csv")],
        ),
        (
            scripts / "train.py",
            ["--input", str(out / "prepared.csv"), "--output-dir", str(out)],
        ),
        (
            scripts / "evaluate.py",
            [
                "--model",
                str(out / "model"),
                "--test",
                str(out / "test.csv"),
                "--output",
                str(out / "metrics.json"),
            ],
        ),
        (
            scripts / "predict.py",
            [
                "--model",
                str(out / "model"),
                "--raw",
                "--input",
                data,
                "--output",
                str(out / "predictions.csv"),
            ],
        ),
    ]


def write_project(folder: Path, sets: list[str]) -> Path:
    for path, text in render(sets).items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return folder


DATASET_TASKS = {
    "iris": "classification",
    "penguins": "classification",
    "penguins-mass": "regression",
    "nasty-semicolon-cp1252": "classification",
    "nasty-tab-regression": "regression",
}
# Every dataset with every algorithm; `missing` only changes pandas code,
# so it alternates.
STANDIN_CASES = [
    (dataset, algorithm, ("impute", "drop")[number % 2])
    for dataset, task in DATASET_TASKS.items()
    for number, algorithm in enumerate(ALGORITHMS[task])
]


@pytest.mark.parametrize("dataset, algorithm, missing", STANDIN_CASES)
def test_saspy_scripts_run_to_the_end_against_the_standin(
    tmp_path, datasets, dataset, algorithm, missing
):
    sets = [
        *datasets[dataset],
        f"algorithm={algorithm}",
        f"missing={missing}",
        "flavours=saspy",
    ]
    project = write_project(tmp_path / "p", sets)
    data = next(
        (s.split("=", 1)[1] for s in sets if s.startswith("dataset=")),
        str(project / "data" / "iris.csv"),
    )

    runs = run_steps_with_standin(pipeline(project, data), cwd=project)
    problems = [p for run in runs for p in check_standin_run(run)]
    assert problems == [], runs[-1].stderr[-3000:]
    assert len(runs) == 4
    sent = [item for run in runs for _, item in run.checked_code()]
    assert {item["origin"] for item in sent} == {"script", "procedure"}

    metrics = json.loads((project / "outputs/saspy/metrics.json").read_text())
    assert metrics["flavour"] == "saspy" and metrics["algorithm"] == algorithm
    expected = {"accuracy", "f1_macro", "confusion_matrix"}
    if metrics["task"] == "regression":
        expected = {"rmse", "mae", "r2"}
    assert set(metrics) == {"flavour", "task", "algorithm", "n_test"} | expected
    model = sorted(p.name for p in (project / "outputs/saspy/model").iterdir())
    assert "impute.sas" in model


def test_a_made_up_saspy_method_in_a_generated_script_fails(tmp_path, datasets):
    project = write_project(tmp_path / "p", ["flavours=saspy"])
    train = project / "saspy" / "train.py"
    text = train.read_text(encoding="utf-8")
    assert "sas.sasml().hpforest(" in text
    train.write_text(text.replace("sas.sasml().hpforest(", "sas.hpforest("))

    runs = run_steps_with_standin(
        pipeline(project, str(project / "data" / "iris.csv")), cwd=project
    )
    assert [run.finished for run in runs] == [True, False]
    assert "has no attribute 'hpforest'" in runs[-1].stderr


def test_saspy_scripts_stop_on_an_error_in_the_sas_log(tmp_path):
    project = write_project(tmp_path / "p", ["flavours=saspy"])
    steps = pipeline(project, str(project / "data" / "iris.csv"))[:2]
    runs = run_steps_with_standin(
        steps, cwd=project, env={"AAWGEN_STANDIN_FAIL_AT": "1"}
    )
    assert not runs[-1].finished
    assert "SAS failed in" in runs[-1].stderr


def test_make_run_leaves_both_flavours_out_in_one_line_each(tmp_path):
    require_tool("make")
    if shutil.which("sas"):
        pytest.skip("a sas executable is installed here")
    project = generate(tmp_path / "p", "flavours=sas,saspy")
    result = subprocess.run(
        ["make", "run"], cwd=project, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("saspy flavour left out: ")
    assert lines[1].startswith("sas flavour left out: no 'sas' executable")
    assert not (project / "outputs").exists()


def test_aawgen_validate_checks_both_flavours(tmp_path):
    from generator.validate.project import run_checks

    project = generate(tmp_path / "p", "flavours=sas,saspy")
    outcomes = run_checks(project)
    # The four step programs and notebooks/sas.sas, the SAS notebook's script.
    assert outcomes["sas"].checked == 5 and outcomes["sas"].problems == []
    assert outcomes["saspy"].checked == 4 and outcomes["saspy"].problems == []

    program = project / "sas" / "evaluate.sas"
    program.write_text(program.read_text("utf-8").replace("quit;", "quitter;", 1))
    script = project / "saspy" / "train.py"
    script.write_text(
        script.read_text("utf-8").replace("sas.sasml().hpforest(", "sas.hpforest(")
    )
    outcomes = run_checks(project)
    [problem] = [p for p in outcomes["sas"].problems if "quitter" in p.message]
    assert problem.file == "sas/evaluate.sas"
    [problem] = outcomes["saspy"].problems
    assert problem.file == "saspy/train.py"
    assert "has no attribute 'hpforest'" in problem.message
