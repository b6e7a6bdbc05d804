"""Time the generated pipelines against hand-written twins on a large CSV.

    python benchmarks/pipeline.py [--rows 1000000] [--r-rows 50000] ...

Builds a synthetic classification CSV (fixed seed: numeric and categorical
features, some gaps), generates an aawgen project for it, and times, as
whole processes, `make run-python` against twins/sklearn_twin.py and
`make run-r` against twins/caret_twin.R: the same model, split, folds and
outputs, written by hand in one script. R's randomForest through caret is
far slower than scikit-learn's, so R gets its own, smaller row count by
default; both are printed with the results.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE)]

from timing import Case, machine, run_interleaved, versions  # noqa: E402

DATA_SEED = 20240601
SEED, TEST_SIZE = 42, 0.2


def make_dataset(path: Path, rows: int) -> None:
    """Five numeric and two categorical features, three classes, ~2% gaps."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(DATA_SEED)
    age = rng.integers(18, 90, rows).astype(float)
    income = rng.lognormal(10.5, 0.6, rows).round(2)
    balance = rng.normal(5000, 2500, rows).round(2)
    tenure = rng.integers(0, 40, rows).astype(float)
    score = rng.uniform(300, 850, rows).round(1)
    region = rng.choice(np.array(["east", "north", "south", "west", "centre"]), rows)
    plan = rng.choice(np.array(["basic", "plus", "premium"]), rows, p=[0.5, 0.3, 0.2])
    signal = (
        0.04 * (age - 50)
        + 0.8 * (np.log(income) - 10.5)
        + 0.0004 * (balance - 5000)
        - 0.05 * tenure
        + 0.006 * (score - 575)
        + np.where(plan == "premium", 0.8, 0.0)
        + np.where(region == "north", -0.5, 0.0)
        + rng.normal(0, 1.0, rows)
    )
    label = np.select([signal < -0.7, signal < 0.7], ["stay", "watch"], "leave")
    frame = pd.DataFrame(
        {
            "age": age,
            "income": income,
            "balance": balance,
            "tenure": tenure,
            "score": score,
            "region": region,
            "plan": plan,
            "label": label,
        }
    )
    for column in ("age", "income", "region", "score"):
        frame.loc[rng.random(rows) < 0.02, column] = np.nan
    frame.to_csv(path, index=False)


def generate_project(dest: Path, dataset: Path, flavours: str, args) -> None:
    sets = {
        "flavours": flavours,
        "dataset": str(dataset),
        "target": "label",
        "task": "classification",
        "algorithm": args.algorithm,
        "n_trees": args.trees,
        "cv_folds": args.folds,
        "seed": SEED,
        "test_size": TEST_SIZE,
    }
    argv = [
        sys.executable,
        "-m",
        "generator",
        "new",
        str(dest),
        "--defaults",
        "--quiet",
    ]
    for key, value in sets.items():
        argv += ["--set", f"{key}={value}"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(argv, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        sys.exit(f"aawgen new failed:\n{done.stdout}{done.stderr}")


def flavour_cases(flavour: str, work: Path, dataset: Path, args) -> list[Case]:
    project = work / f"project-{flavour}"
    generate_project(project, dataset, flavour, args)
    twin_out = work / f"twin-{flavour}"
    outputs = project / "outputs"
    if flavour == "python":
        generated = ["make", "run-python", f"PYTHON={sys.executable}"]
        twin = [
            sys.executable,
            str(HERE / "twins" / "sklearn_twin.py"),
            "--data",
            str(dataset),
            "--out",
            str(twin_out),
            "--algorithm",
            args.algorithm,
            "--trees",
            str(args.trees),
            "--folds",
            str(args.folds),
            "--test-size",
            str(TEST_SIZE),
            "--seed",
            str(SEED),
        ]
    else:
        generated = ["make", "run-r", "RSCRIPT=Rscript"]
        twin = [
            "Rscript",
            str(HERE / "twins" / "caret_twin.R"),
            str(dataset),
            str(twin_out),
            args.algorithm,
            str(args.trees),
            str(args.folds),
            str(TEST_SIZE),
            str(SEED),
        ]
    env = {**os.environ, "TZ": "UTC"}
    return [
        Case(
            f"make run-{flavour}",
            generated,
            cwd=project,
            env=env,
            prepare=lambda: shutil.rmtree(outputs, ignore_errors=True),
        ),
        Case(
            f"{flavour} hand-written twin",
            twin,
            env=env,
            prepare=lambda: shutil.rmtree(twin_out, ignore_errors=True),
        ),
    ]


def step_times(flavour: str, work: Path) -> list[str]:
    """Time each command `make run-<flavour>` runs, to show where time goes."""
    import time

    project = work / f"project-{flavour}"
    extra = [f"PYTHON={sys.executable}"] if flavour == "python" else []
    listing = subprocess.run(
        ["make", "-n", f"run-{flavour}", *extra],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.replace("\\\n", " ")
    lines = []
    for command in filter(None, map(str.strip, listing.splitlines())):
        start = time.perf_counter()
        subprocess.run(
            command,
            shell=True,
            cwd=project,
            check=True,
            capture_output=True,
            env={**os.environ, "TZ": "UTC"},
        )
        scripts = [w for w in command.split() if w.endswith((".py", ".R"))]
        label = scripts[0] if scripts else command[:60]
        lines.append(f"  {time.perf_counter() - start:7.2f} s  {label}")
    return lines


def accuracy(path: Path) -> str:
    try:
        return f"{json.loads(path.read_text())['accuracy']:.4f}"
    except (OSError, KeyError, ValueError):
        return "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rows", type=int, default=1_000_000, help="rows of the Python flavour's CSV"
    )
    parser.add_argument(
        "--r-rows", type=int, default=50_000, help="rows of the R flavour's CSV"
    )
    parser.add_argument("--flavours", default="python,r")
    parser.add_argument(
        "--algorithm",
        default="random_forest",
        choices=["random_forest", "decision_tree", "logistic_regression"],
    )
    parser.add_argument("--trees", type=int, default=20)
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--runs", type=int, default=1, help="runs of each command")
    parser.add_argument(
        "--steps",
        action="store_true",
        help="also time each step of the generated pipeline",
    )
    parser.add_argument("--keep", type=Path, help="work here and keep the files")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="aawgen-pipeline-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        report(work, args)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def report(work: Path, args: argparse.Namespace) -> None:
    host = machine()
    print(f"# generated pipelines against hand-written twins, {host['date']}")
    print(f"machine: {host['cpu']}; {host['os']}; {host['python']}")
    print("libraries: " + versions(["pandas", "scikit-learn", "numpy", "joblib"]))
    rows_of = {"python": args.rows, "r": args.r_rows}
    flavours = [f.strip() for f in args.flavours.split(",") if f.strip()]
    results = []
    for flavour in flavours:
        if flavour == "r" and shutil.which("Rscript") is None:
            print("R: Rscript not found, skipped")
            continue
        rows = rows_of[flavour]
        dataset = work / f"synthetic-{rows}.csv"
        if not dataset.exists():
            make_dataset(dataset, rows)
        print(
            f"\n{flavour}: {rows:,} rows ({dataset.stat().st_size / 1e6:.0f} MB), "
            f"{args.algorithm}, {args.trees} trees, {args.folds}-fold CV, "
            f"test share {TEST_SIZE}, seed {SEED}; {args.runs} run(s) each",
            flush=True,
        )
        cases = flavour_cases(flavour, work, dataset, args)
        run_interleaved(
            cases, args.runs, 0, progress=lambda m: print("  " + m, flush=True)
        )
        if args.steps:
            print("  steps of the generated pipeline:")
            print("\n".join(step_times(flavour, work)))
        generated, twin = cases
        results.append(
            (
                flavour,
                rows,
                generated,
                twin,
                accuracy(work / f"project-{flavour}/outputs/{flavour}/metrics.json"),
                accuracy(work / f"twin-{flavour}/metrics.json"),
            )
        )

    print(f"\nafter: {machine()['load']}\n")
    print(
        "| flavour | rows | generated s | hand-written s | ratio | "
        "peak MB gen / twin | test accuracy gen / twin | within 1.3x |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for flavour, rows, generated, twin, acc_gen, acc_twin in results:
        ratio = generated.median("wall") / twin.median("wall")
        peak_gen = max(s.peak_mb for s in generated.samples)
        peak_twin = max(s.peak_mb for s in twin.samples)
        print(
            f"| {flavour} | {rows:,} | {generated.median('wall'):.1f} | "
            f"{twin.median('wall'):.1f} | {ratio:.2f} | {peak_gen:.0f} / "
            f"{peak_twin:.0f} | {acc_gen} / {acc_twin} | "
            f"{'yes' if ratio <= 1.3 else 'no'} |"
        )


if __name__ == "__main__":
    main()
