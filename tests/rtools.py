"""Helpers for tests that run a real R: find Rscript, run R code, lint."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.conftest import require_tool

# Without systemd R warns that it cannot find the time zone.
R_ENV = {**os.environ, "TZ": "UTC"}


def rscript() -> str:
    """The Rscript executable; missing R fails under CI=true, else skips."""
    return require_tool("Rscript")


def run_r(
    code: str, tmp_path: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """Run R code from a file (as a user's script would be) and capture it."""
    script = tmp_path / "check.R"
    script.write_text(code, encoding="utf-8")
    return subprocess.run(
        [rscript(), str(script)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**R_ENV, **(env or {})},
        timeout=300,
    )


# lintr::lint() returns lints but no exit status: print them and exit 1.
LINT_SCRIPT = r"""
files <- commandArgs(trailingOnly = TRUE)
found <- 0L
for (file in files) {
  lints <- lintr::lint(
    file,
    linters = lintr::linters_with_defaults(),
    parse_settings = FALSE
  )
  for (item in lints) {
    cat(sprintf(
      "%s:%d:%d: %s [%s]\n", file, item$line_number, item$column_number,
      item$message, item$linter
    ))
  }
  found <- found + length(lints)
}
quit(status = if (found > 0L) 1L else 0L)
"""


def lint_r(files: list[Path], tmp_path: Path) -> subprocess.CompletedProcess:
    """Run lintr's default linters over files; returncode 1 means lints."""
    script = tmp_path / "lint.R"
    script.write_text(LINT_SCRIPT, encoding="utf-8")
    return subprocess.run(
        [rscript(), str(script), *map(str, files)],
        capture_output=True,
        text=True,
        env=R_ENV,
        timeout=600,
    )
