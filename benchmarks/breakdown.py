"""Where `aawgen new` spends its time: one run, split into its parts.

    python benchmarks/breakdown.py [--runs 9] [--flavours python,r,saspy,sas]

Runs `aawgen new --defaults` in fresh interpreters with `-X importtime` and
with timers around its phases, and prints the median CPU milliseconds of
each part: the interpreter's own start, importing the big libraries, and
each phase of the command (template cache warm, as after the first run).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIBRARIES = ("typer", "jinja2", "yaml", "rich", "merge3", "nbformat", "pydantic")

# Runs inside the measured interpreter: wraps the phases with CPU timers.
PROBE = """
import json, sys, time
sys.path.insert(0, ROOT)
spent = {}

def timed(function, label):
    def wrapper(*args, **kwargs):
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[label] = spent.get(label, 0) + time.process_time() - start
    return wrapper

import generator.answers as answers
import generator.project as project
import generator.render as render
import generator.writer as writer

start = time.process_time()
project.gather_answers = timed(project.gather_answers, "collect the answers")
render.render_project = timed(render.render_project, "render, in all")
render.BUILDERS[:] = [
    timed(build, "  of which " + build.__name__.strip("_")) for build in render.BUILDERS
]
answers.dump = timed(answers.dump, "answers.yaml")
writer.write_new = timed(writer.write_new, "write the files and the snapshot")

from generator.cli import main
sys.argv = ["aawgen", "new", DEST, "--defaults", "--set", FLAVOURS]
try:
    main()
except SystemExit:
    pass
spent["everything after the probe's own imports"] = time.process_time() - start
print("PROBE " + json.dumps(spent))
"""


def run(argv: list[str], env: dict[str, str]) -> tuple[float, str, str]:
    """CPU milliseconds (user + system) of one process, and its output."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(argv, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            err.seek(0)
            sys.exit(f"{argv} failed:\n{err.read()[-2000:]}")
        out.seek(0)
        err.seek(0)
        return (usage.ru_utime + usage.ru_stime) * 1000, out.read(), err.read()


def import_times(stderr: str) -> dict[str, float]:
    """Cumulative import milliseconds of the libraries, from -X importtime."""
    found = {}
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = line.split("|")
        name = name.strip()
        if name in LIBRARIES and name not in found:
            found[name] = int(cumulative) / 1000
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--flavours", default="python,r,saspy,sas")
    args = parser.parse_args()

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    work = Path(tempfile.mkdtemp(prefix="aawgen-breakdown-"))
    floors, totals, phases, imports = [], [], [], []
    for index in range(args.runs + 1):  # the first run fills the template cache
        dest = work / f"p{index}"
        code = (
            PROBE.replace("ROOT", repr(str(ROOT)))
            .replace("DEST", repr(str(dest)))
            .replace("FLAVOURS", repr(f"flavours={args.flavours}"))
        )
        total, out, err = run([sys.executable, "-X", "importtime", "-c", code], env)
        floor, _, _ = run([sys.executable, "-c", "pass"], env)
        if index == 0:
            continue
        floors.append(floor)
        totals.append(total)
        probe = next(line for line in out.splitlines() if line.startswith("PROBE "))
        phases.append(json.loads(probe.removeprefix("PROBE ")))
        imports.append(import_times(err))

    def median(values: list[float]) -> float:
        return statistics.median(values) if values else 0.0

    total = median(totals)
    rows = [
        ("whole process (with -X importtime's own cost)", total),
        ("interpreter start (`python -c pass`)", median(floors)),
    ]
    for library in LIBRARIES:
        values = [found[library] for found in imports if library in found]
        if values:
            rows.append((f"import {library} (wall ms, cumulative)", median(values)))
    ranks = ("collect", "render", "  of which", "answers", "write", "every")

    def rank(label: str) -> int:
        return next(i for i, start in enumerate(ranks) if label.startswith(start))

    for label in sorted(phases[0], key=rank):
        rows.append((label, median([p.get(label, 0) * 1000 for p in phases])))
    print(
        f"`aawgen new --defaults --set flavours={args.flavours}`, "
        f"median of {args.runs} runs, warm template cache\n"
    )
    print("| part | ms | share |")
    print("| --- | ---: | ---: |")
    for label, value in rows:
        print(f"| {label} | {value:.0f} | {100 * value / total:.0f}% |")
    print(
        "\nImports overlap the phases (Jinja is imported inside render); phases"
        " are CPU time, imports wall time as -X importtime reports it."
    )


if __name__ == "__main__":
    main()
