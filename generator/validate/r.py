"""R checks: every R file parses under the real R, and lintr finds nothing.

lintr::lint() returns its findings but no exit status, so one small R
program parses and lints every file and prints one tab-separated line per
finding, which is read back here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from generator.validate import Problem

_CHECK_PROGRAM = r"""
files <- commandArgs(trailingOnly = TRUE)
lint <- requireNamespace("lintr", quietly = TRUE)
if (!lint) cat("NOLINTR\n")
for (file in files) {
  parsed <- tryCatch(parse(file, encoding = "UTF-8"), error = function(e) e)
  if (inherits(parsed, "error")) {
    message <- gsub("[\t\n]+", " ", conditionMessage(parsed))
    cat(sprintf("%s\t0\tparse\t%s\n", file, message))
    next
  }
  if (!lint) next
  lints <- lintr::lint(
    file, linters = lintr::linters_with_defaults(), parse_settings = FALSE
  )
  for (item in lints) {
    cat(sprintf(
      "%s\t%d\t%s\t%s\n", file, item$line_number, item$linter,
      gsub("[\t\n]+", " ", item$message)
    ))
  }
}
"""


def check_r_files(files: list[Path], shown) -> tuple[list[Problem], str | None]:
    """Problems in R files, and a note when lintr was not there to run."""
    rscript = shutil.which("Rscript")
    if rscript is None:
        raise FileNotFoundError("Rscript")
    result = subprocess.run(
        [rscript, "-e", _CHECK_PROGRAM, *map(str, files)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "TZ": os.environ.get("TZ", "UTC")},
        timeout=600,
    )
    problems = []
    note = None
    for line in result.stdout.splitlines():
        if line == "NOLINTR":
            note = "lintr is not installed: parsed only"
            continue
        parts = line.split("\t", 3)
        if len(parts) != 4:
            continue
        file, number, linter, message = parts
        where = f"line {number}" if number != "0" else ""
        problems.append(Problem(shown(Path(file)), where, f"{message} [{linter}]"))
    if result.returncode != 0:
        problems.append(Problem("Rscript", "", result.stderr.strip()[-300:]))
    return problems, note
