"""Shared helpers: generating projects, running aawgen, requiring tools."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.project import create_project

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def english_interface(monkeypatch):
    """Tests read aawgen's English messages whatever the machine's locale:
    LANGUAGE comes first of the variables that choose its language."""
    monkeypatch.setenv("LANGUAGE", "en")


def require_tool(name: str) -> str:
    """The tool's path; skips without it, but fails in CI where it must exist."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}; .ci/run must install it")
        pytest.skip(message)
    return path


def generate(dest: Path, *sets: str, answers_file: Path | None = None) -> Path:
    """Render a project non-interactively; returns its folder."""
    create_project(dest, answers_file=answers_file, sets=list(sets),
                   interactive=False, quiet=True)
    return dest


def aawgen(*args: str, cwd: Path | None = None, input: str | None = None,
           env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real command line in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd, input=input, capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200", **(env or {})},
        timeout=300,
    )


def run_make(project: Path, target: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        ["make", target], cwd=project, capture_output=True, text=True, timeout=900
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under a folder, for comparing before and after."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
