"""SAS hygiene through npm's @sasjs/lint, driven by a small Node script.

@sasjs/lint checks layout only (headers, line length, trailing spaces,
indentation, gremlin characters, encoded passwords); the structural check
in `generator.validate.sas` does the rest. Node and the npm package are
optional for users: when either is missing, `SasLintUnavailable` says which
and how to get it, and callers report the check as skipped.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from generator.errors import AawgenError
from generator.validate import Problem

SCRIPT = Path(__file__).with_name("sasjs") / "lint.cjs"
PACKAGE = Path("@sasjs") / "lint"
# Below this severity (0 info, 1 warning, 2 error) a diagnostic is not shown.
WARNING = 1


class SasLintUnavailable(AawgenError):
    """Node or @sasjs/lint is not installed where this machine can find it."""


def lint_sas_text(text: str, file: str) -> list[Problem]:
    """Lint one SAS program held in memory."""
    return lint_sas_texts({file: text})


def lint_sas_files(paths: list[Path], root: Path | None = None) -> list[Problem]:
    """Lint SAS files in one Node run; files are shown relative to `root`."""
    texts = {}
    for path in paths:
        shown = str(path.relative_to(root)) if root else str(path)
        texts[shown] = path.read_text(encoding="utf-8")
    return lint_sas_texts(texts)


def lint_sas_texts(texts: dict[str, str]) -> list[Problem]:
    """Lint several programs (name -> text) with one Node process."""
    if not texts:
        return []
    node = shutil.which("node")
    if node is None:
        raise SasLintUnavailable("SAS lint needs Node.js: `node` is not on PATH")
    modules = find_node_modules()

    payload = [{"file": name, "text": text} for name, text in texts.items()]
    result = subprocess.run(
        [node, str(SCRIPT), str(modules)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    if result.returncode != 0:
        raise SasLintUnavailable(
            f"@sasjs/lint failed to run: {result.stderr.strip()[-500:]}"
        )

    problems = []
    for entry in json.loads(result.stdout):
        for found in entry["diagnostics"]:
            if found["severity"] < WARNING:
                continue
            where = f"line {found['lineNumber']}"
            problems.append(Problem(entry["file"], where, found["message"]))
    return problems


def find_node_modules() -> Path:
    """The node_modules folder holding @sasjs/lint.

    Looked for, in order: $AAWGEN_NODE_MODULES, node_modules in the current
    folder or its parents, next to this package's source checkout, and npm's
    global folder.
    """
    tried: list[str] = []
    for folder in _candidate_folders():
        if str(folder) in tried:
            continue
        tried.append(str(folder))
        if (folder / PACKAGE / "package.json").is_file():
            return folder
    raise SasLintUnavailable(
        "@sasjs/lint is not installed (run `npm install` at the aawgen "
        "checkout, `npm install -g @sasjs/lint`, or set AAWGEN_NODE_MODULES); "
        f"looked in: {', '.join(tried) or 'nowhere'}"
    )


def _candidate_folders():
    configured = os.environ.get("AAWGEN_NODE_MODULES")
    if configured:
        yield Path(configured)
    for start in (Path.cwd(), Path(__file__).resolve().parent):
        for folder in (start, *start.parents):
            yield folder / "node_modules"
    npm = shutil.which("npm")
    if npm:
        found = subprocess.run(
            [npm, "root", "-g"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        if found.returncode == 0 and found.stdout.strip():
            yield Path(found.stdout.strip())
