"""Run SASPy scripts against the recording SAS stand-in and check what they send.

Each script runs in its own Python process (`python -m
generator.validate.saspy_standin`), so its imports, exits and working folder
stay its own. The SAS it submits itself, and the SAS that saspy's procedure
methods build from its arguments, must pass the structural SAS check; the
helper code saspy adds on its own (table lookups, transfers, its macro
library) is saspy's business and is not checked.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.validate import Problem

CHECKED_ORIGINS = ("script", "procedure")


@dataclass
class StandinRun:
    """What one script did under the stand-in."""

    script: str
    returncode: int
    outcome: str
    stderr: str
    submissions: list[dict] = field(default_factory=list)
    transfers: list[dict] = field(default_factory=list)

    @property
    def finished(self) -> bool:
        return self.returncode == 0 and self.outcome == "finished"

    def checked_code(self) -> list[tuple[int, dict]]:
        """Numbered submissions written by the script or built from its args."""
        return [
            (number, item)
            for number, item in enumerate(self.submissions, start=1)
            if item["origin"] in CHECKED_ORIGINS
        ]


def run_with_standin(
    script: Path,
    args: list[str],
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 300,
) -> StandinRun:
    """Run one SASPy script to its end (or failure) with SAS stood in for."""
    [run] = run_steps_with_standin([(script, args)], cwd, env, timeout)
    return run


def run_steps_with_standin(
    steps: list[tuple[Path, list[str]]],
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 600,
) -> list[StandinRun]:
    """Run scripts in turn in one process, stopping at the first failure.

    Returns one run per script that started; a missing run means an earlier
    step failed.
    """
    with tempfile.TemporaryDirectory(prefix="aawgen-standin-") as folder:
        record = Path(folder) / "record.json"
        plan = Path(folder) / "steps.json"
        plan.write_text(
            json.dumps([[str(Path(s).resolve()), list(a)] for s, a in steps]),
            encoding="utf-8",
        )
        command = [
            sys.executable,
            "-m",
            "generator.validate.saspy_standin",
            "--record",
            str(record),
            "--steps",
            str(plan),
        ]
        result = subprocess.run(
            command,
            cwd=cwd,
            env=_environment(env),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if not record.is_file():
            script = str(steps[0][0])
            return [StandinRun(script, result.returncode, "no record", result.stderr)]
        data = json.loads(record.read_text(encoding="utf-8"))

    runs = []
    for entry in data["runs"]:
        finished = entry["outcome"] == "finished"
        run = StandinRun(
            entry["script"],
            0 if finished else result.returncode or 1,
            entry["outcome"],
            "" if finished else result.stderr,
        )
        for session in entry["sessions"]:
            run.submissions.extend(session["submissions"])
            run.transfers.extend(session["transfers"])
        runs.append(run)
    return runs


def _environment(extra: dict[str, str] | None) -> dict[str, str]:
    # The child must import this very generator package, wherever it lives.
    environment = dict(os.environ)
    package_root = str(Path(__file__).resolve().parents[2])
    paths = [package_root, environment.get("PYTHONPATH", "")]
    environment["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
    environment.update(extra or {})
    return environment


def check_standin_run(run: StandinRun, shown_as: str | None = None) -> list[Problem]:
    """Problems with one stand-in run: it must finish and send sound SAS."""
    from generator.validate.sas import check_sas_text

    file = shown_as or run.script
    problems = []
    if not run.finished:
        last = run.stderr.strip().splitlines()[-1:] or [run.outcome]
        problems.append(
            Problem(
                file, "", f"did not run to the end under the SAS stand-in: {last[0]}"
            )
        )
    for number, item in run.checked_code():
        for found in check_sas_text(item["code"], file):
            where = f"SAS submission {number} ({item['via']}), {found.where}"
            problems.append(Problem(file, where, found.message))
    return problems
