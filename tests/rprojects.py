"""Render projects with the R flavour and run their R pipelines."""

from __future__ import annotations

import json
import random
import subprocess
from pathlib import Path

from tests.rtools import R_ENV, rscript


def make(project: Path, *targets: str, **variables: str) -> subprocess.CompletedProcess:
    """Run the generated Makefile; fails the caller's assert on a bad exit."""
    rscript()  # fail under CI=true, skip elsewhere, when R is missing
    assignments = [f"{key}={value}" for key, value in variables.items()]
    return subprocess.run(
        ["make", "--no-print-directory", *targets, *assignments],
        cwd=project,
        capture_output=True,
        text=True,
        env=R_ENV,
        timeout=900,
    )


def run_r_pipeline(project: Path) -> dict:
    """`make run-r` and the metrics.json it leaves."""
    result = make(project, "run-r")
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads((project / "outputs" / "r" / "metrics.json").read_text())


def write_penguins(path: Path) -> Path:
    """The penguins data from R's palmerpenguins, gaps as empty fields."""
    code = f'readr::write_csv(palmerpenguins::penguins, "{path.as_posix()}", na = "")\n'
    result = subprocess.run(
        [rscript(), "-e", code], capture_output=True, text=True, env=R_ENV
    )
    assert result.returncode == 0, result.stderr
    return path


MESSY_HEADER = [
    "Année de récolte",
    "Superficie (ha)",
    "Région",
    "a b",
    "a_b",
    "if",
    "Rendement moyen observé sur la parcelle pendant la saison (t/ha)",
    'Note "qualité" `brute` \\ 100%',
    "Classe",
]


def write_messy(path: Path) -> Path:
    """A Windows-1252, semicolon CSV whose headers need every kind of care."""
    rng = random.Random(7)
    lines = [
        ";".join(
            f'"{name}"' if '"' not in name else '"' + name.replace('"', '""') + '"'
            for name in MESSY_HEADER
        )
    ]
    for row in range(160):
        surface = round(rng.uniform(1, 50), 1)
        region = rng.choice(["Québec", "Ontario", "Prairies", ""])
        rendement = round(rng.gauss(3 + surface / 10, 0.8), 2)
        classe = "élevé" if rendement > 4.5 else "faible"
        note = "" if row % 17 == 0 else str(rng.randint(0, 100))
        lines.append(
            ";".join(
                [
                    str(2000 + row % 20),
                    str(surface),
                    region,
                    str(rng.random()),
                    str(rng.random()),
                    str(rng.randint(0, 9)),
                    str(rendement),
                    note,
                    classe,
                ]
            )
        )
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path
