"""The SAS and SASPy checks of `aawgen validate`.

SAS programs get the structural check and, where Node and @sasjs/lint are
installed, SAS lint. SASPy scripts run their whole pipeline on the
project's data against the recording SAS stand-in, in a scratch folder, and
what they send to SAS gets the structural check.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from generator.validate.project import Outcome, _shown, project_files

STEPS = ("prepare.py", "train.py", "evaluate.py", "predict.py")


def check_sas(root: Path) -> Outcome:
    from generator.validate.sas import check_sas_file
    from generator.validate.sas_lint import SasLintUnavailable, lint_sas_texts

    files = project_files(root, "*.sas")
    if not files:
        return Outcome(skipped="no SAS programs")
    missing = _missing_modules("tree_sitter", "tree_sitter_sas")
    if missing:
        return Outcome(skipped=f"{missing} is not installed (pip install {missing})")
    problems = []
    texts = {}
    for path in files:
        shown = _shown(root, path)
        problems += check_sas_file(path, shown_as=shown)
        texts[shown] = path.read_text(encoding="utf-8")
    try:
        problems += lint_sas_texts(texts)
    except SasLintUnavailable as missing:
        return Outcome(len(files), problems, note=f"SAS lint skipped: {missing}")
    return Outcome(len(files), problems)


def check_saspy(root: Path) -> Outcome:
    from generator.validate.saspy_scripts import (
        check_standin_run,
        run_steps_with_standin,
    )

    scripts = root / "saspy"
    if not all((scripts / step).is_file() for step in STEPS):
        return Outcome(skipped="no SASPy pipeline in saspy/")
    missing = _missing_modules("saspy", "pandas")
    if missing:
        return Outcome(skipped=f"{missing} is not installed (pip install {missing})")
    data = project_data(root)
    if data is None or not data.is_file():
        where = data or "the answers"
        return Outcome(skipped=f"the data ({where}) is not here to run the scripts on")

    with tempfile.TemporaryDirectory(prefix="aawgen-saspy-") as folder:
        runs = run_steps_with_standin(pipeline(scripts, str(data), Path(folder)), root)
    problems = []
    for run in runs:
        problems += check_standin_run(run, shown_as=_shown(root, Path(run.script)))
    return Outcome(len(runs), problems, note="run against the recording SAS stand-in")


def pipeline(scripts: Path, data: str, out: Path) -> list[tuple[Path, list[str]]]:
    """The four SASPy steps as `make run` runs them, writing under `out`."""
    prepared, model = str(out / "prepared.csv"), str(out / "model")
    test, metrics = str(out / "test.csv"), str(out / "metrics.json")
    scored = str(out / "predictions.csv")
    raw = ["--raw", "--input", data]  # the data's own encoding and delimiter
    return [
        (scripts / "prepare.py", ["--input", data, "--output", prepared]),
        (scripts / "train.py", ["--input", prepared, "--output-dir", str(out)]),
        (scripts / "evaluate.py", ["--model", model, "--test", test, "-o", metrics]),
        (scripts / "predict.py", ["--model", model, *raw, "-o", scored]),
    ]


def project_data(root: Path) -> Path | None:
    """The dataset the project's answers name, resolved from the project."""
    import yaml

    answers = root / ".aawgen" / "answers.yaml"
    try:
        dataset = yaml.safe_load(answers.read_text(encoding="utf-8"))["dataset"]
    except (OSError, yaml.YAMLError, KeyError, TypeError):
        return None
    path = Path(str(dataset)).expanduser()
    return path if path.is_absolute() else root / path


def _missing_modules(*names: str) -> str | None:
    """The first of these modules that cannot be imported, as a pip name."""
    import importlib.util

    for name in names:
        if importlib.util.find_spec(name) is None:
            return name.replace("_", "-")
    return None
