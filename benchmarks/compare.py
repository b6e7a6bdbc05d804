"""Time aawgen against copier, cookiecutter and cruft on the same output.

    python benchmarks/compare.py [--runs 10] [--warmup 2] [--only new,...]

Three scenarios, each a set of whole processes timed interleaved:

- new: `aawgen new --defaults` with all four flavours, `copier copy
  --defaults` and `cookiecutter --no-input` of templates that produce the
  same files (see equivalents.py; the outputs are compared afterwards);
- regenerate: one answer changed (the seed) in a project where the user
  edited one file that the change also touches, against `copier update` and
  `cruft update` of the same change in git repositories made for them;
- startup: `aawgen --help` and `--version`, beside the interpreter alone.

Everything happens in a temporary folder, with HOME pointed into it; no
network is used. Needs the pinned tools of benchmarks/requirements.txt.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

from equivalents import Equivalents, build_equivalents, describe  # noqa: E402
from timing import Case, machine, run_interleaved, versions  # noqa: E402

ALL_FLAVOURS = ("python", "r", "saspy", "sas")
CHANGED_KEY, OLD_VALUE, NEW_VALUE = "seed", 42, 7
EDITED_FILE = "python/train.py"
Check = Callable[[], list[str]]  # after the runs: notes on the outputs
USER_EDIT = b"\n\n# A note of the user's, kept across updates.\n"
STATE = {".aawgen", ".copier-answers.yml", ".cruft.json", ".git"}

TARGETS = {  # issue 9
    "new_seconds": 0.20,
    "new_vs_copier": 4.0,
    "new_vs_cookiecutter": 1.0,
    "regenerate_seconds": 0.25,
    "regenerate_vs_copier": 8.0,
    "regenerate_vs_cruft": 2.0,
    "peak_mb": 40.0,
    "help_seconds": 0.12,
}


def tool(name: str) -> str:
    """The console script beside this interpreter (or its base installation,
    from a virtual environment), not a slower shell shim found on PATH."""
    for folder in (Path(sys.executable).parent, Path(sys.base_prefix) / "bin"):
        if (folder / name).exists():
            return str(folder / name)
    found = shutil.which(name)
    if found is None:
        sys.exit(f"{name} is not installed: pip install -r {HERE / 'requirements.txt'}")
    return found


def environment(home: Path, pythonpath: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(
        HOME=str(home),
        COLUMNS="100",
        NO_COLOR="1",
        LC_ALL="C.UTF-8",
        GIT_AUTHOR_NAME="bench",
        GIT_AUTHOR_EMAIL="bench@example.invalid",
        GIT_COMMITTER_NAME="bench",
        GIT_COMMITTER_EMAIL="bench@example.invalid",
        GIT_CONFIG_NOSYSTEM="1",
    )
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    return env


def aawgen_launcher(folder: Path) -> str:
    """A console script like pip's, running this checkout's aawgen."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "aawgen"
    script.write_text(
        f"#!{sys.executable}\nimport sys\nsys.path.insert(0, {str(ROOT)!r})\n"
        "from generator.cli import main\nsys.exit(main())\n"
    )
    script.chmod(0o755)
    return str(script)


def run(
    argv: list[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> None:
    """An untimed set-up step; its output is shown only when it fails."""
    done = subprocess.run(
        [str(a) for a in argv], cwd=cwd, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        sys.exit(
            f"set-up failed: {' '.join(map(str, argv))}\n"
            f"{done.stdout[-2000:]}{done.stderr[-2000:]}"
        )


def fresh(path: Path) -> None:
    """Move the last run's output aside; it is deleted after all the runs,
    since deleting files just before a timed run slows that run down (the
    file system does the deferred work of the deletion while it runs)."""
    if path.exists():
        trash = path.parent / ".trash"
        trash.mkdir(exist_ok=True)
        path.rename(trash / f"{path.name}-{len(list(trash.iterdir()))}")


def tree(folder: Path) -> dict[str, bytes]:
    """Every file of a project but the tools' own state."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not STATE & set(path.relative_to(folder).parts)
    }


def same_output(reference: dict[str, bytes], other: dict[str, bytes]) -> str:
    if reference == other:
        return f"identical ({len(reference)} files)"
    missing = sorted(set(reference) - set(other))
    extra = sorted(set(other) - set(reference))
    differ = sorted(p for p in set(reference) & set(other) if reference[p] != other[p])
    parts = []
    for name, paths in (("missing", missing), ("extra", extra), ("different", differ)):
        if paths:
            parts.append(
                f"{name}: {', '.join(paths[:5])}"
                + (f" (+{len(paths) - 5})" if len(paths) > 5 else "")
            )
    return "DIFFERENT - " + "; ".join(parts)


# -- scenarios ---------------------------------------------------------------


def new_cases(
    work: Path,
    eq: Equivalents,
    aawgen: str,
    env: dict[str, str],
    env_ext: dict[str, str],
) -> tuple[list[Case], Check]:
    out = work / "new"
    names = ("aawgen", "copier", "cookiecutter", "uncached")
    dest = {name: out / name for name in names}
    cases = [
        Case(
            "aawgen new",
            [aawgen, "new", str(dest["aawgen"]), "--defaults", "--set", eq.flavours],
            env=env,
            prepare=lambda: fresh(dest["aawgen"]),
        ),
        Case(
            "copier copy",
            [
                tool("copier"),
                "copy",
                "--defaults",
                "--trust",
                str(eq.copier),
                str(dest["copier"]),
            ],
            env=env_ext,
            prepare=lambda: fresh(dest["copier"]),
        ),
        Case(
            "cookiecutter",
            [
                tool("cookiecutter"),
                "--no-input",
                "-o",
                str(dest["cookiecutter"]),
                str(eq.cookiecutter),
            ],
            env=env_ext,
            prepare=lambda: fresh(dest["cookiecutter"]),
        ),
        # What a first run costs, before aawgen's compiled-template cache
        # is filled (copier and cookiecutter keep no such cache).
        Case(
            "aawgen new, no template cache",
            [aawgen, "new", str(dest["uncached"]), "--defaults", "--set", eq.flavours],
            env={**env, "AAWGEN_NO_CACHE": "1"},
            prepare=lambda: fresh(dest["uncached"]),
        ),
    ]

    def check() -> list[str]:
        reference = tree(dest["aawgen"])
        if reference != eq.expected:
            return ["aawgen new: output differs from the in-process render"]
        return [
            "copier copy vs aawgen new: "
            + same_output(reference, tree(dest["copier"])),
            "cookiecutter vs aawgen new: "
            + same_output(reference, tree(dest["cookiecutter"] / eq.slug)),
        ]

    return cases, check


def regenerate_cases(
    work: Path,
    eq: Equivalents,
    aawgen: str,
    env: dict[str, str],
    env_ext: dict[str, str],
) -> tuple[list[Case], Check]:
    pristine = work / "pristine"
    live = work / "live"
    templates = work / "git"

    # Template repositories: copier update and cruft need one.
    for name, source in (("copier", eq.copier), ("cookiecutter", eq.cookiecutter)):
        shutil.copytree(source, templates / name)
        _commit_all(templates / name, env, f"{name} template")
    run(["git", "tag", "v1.0.0"], cwd=templates / "copier", env=env)

    run(
        [
            aawgen,
            "new",
            pristine / "aawgen",
            "--defaults",
            "--set",
            eq.flavours,
            "--quiet",
        ],
        env=env,
    )
    run(
        [
            tool("copier"),
            "copy",
            "--defaults",
            "--trust",
            "--quiet",
            templates / "copier",
            pristine / "copier",
        ],
        env=env_ext,
    )
    run(
        [
            tool("cruft"),
            "create",
            "--no-input",
            "--output-dir",
            pristine / "cruft-out",
            templates / "cookiecutter",
        ],
        env=env_ext,
    )
    (pristine / "cruft-out" / eq.slug).rename(pristine / "cruft")
    for name in ("aawgen", "copier", "cruft"):
        with open(pristine / name / EDITED_FILE, "ab") as stream:
            stream.write(USER_EDIT)
        if name != "aawgen":  # both refuse to update an unclean git tree
            _commit_all(pristine / name, env, "generated, then edited")

    def restore(name: str):
        def prepare() -> None:
            fresh(live / name)
            shutil.copytree(pristine / name, live / name, symlinks=True)

        return prepare

    change = f"{CHANGED_KEY}={NEW_VALUE}"
    cases = [
        Case(
            "aawgen regenerate",
            [aawgen, "regenerate", str(live / "aawgen"), "--set", change],
            env=env,
            prepare=restore("aawgen"),
        ),
        Case(
            "copier update",
            [
                tool("copier"),
                "update",
                "--defaults",
                "--trust",
                "--skip-tasks",
                "--data",
                change,
                str(live / "copier"),
            ],
            cwd=live,
            env=env_ext,
            prepare=restore("copier"),
        ),
        Case(
            "cruft update",
            [
                tool("cruft"),
                "update",
                "--skip-apply-ask",
                "--variables-to-update",
                json.dumps({CHANGED_KEY: NEW_VALUE}),
            ],
            cwd=live / "cruft",
            env=env_ext,
            prepare=restore("cruft"),
        ),
    ]

    def check() -> list[str]:
        reference = tree(live / "aawgen")
        notes = []
        edited = reference.get(EDITED_FILE, b"")
        setting = f"SEED = {NEW_VALUE}".encode()
        if not (edited.endswith(USER_EDIT) and setting in edited):
            notes.append(
                f"aawgen regenerate: {EDITED_FILE} lacks the user's "
                "edit or the new answer"
            )
        for name, label in (("copier", "copier update"), ("cruft", "cruft update")):
            notes.append(
                f"{label} vs aawgen regenerate: "
                + same_output(reference, tree(live / name))
            )
        return notes

    return cases, check


def startup_cases(aawgen: str, env: dict[str, str]) -> tuple[list[Case], Check]:
    cases = [
        Case("python -c pass", [sys.executable, "-c", "pass"], env=env),
        Case("aawgen --help", [aawgen, "--help"], env=env),
        Case("aawgen --version", [aawgen, "--version"], env=env),
        Case("copier --help", [tool("copier"), "--help"], env=env),
        Case("cookiecutter --help", [tool("cookiecutter"), "--help"], env=env),
        Case("cruft --help", [tool("cruft"), "--help"], env=env),
    ]
    return cases, lambda: []


def available_flavours(wanted: list[str]) -> str:
    """The wanted flavours that this checkout has templates for."""
    from generator.answers import TEMPLATES
    from generator.render import FLAVOUR_TEMPLATES

    present = [f for f in wanted if (TEMPLATES / FLAVOUR_TEMPLATES[f]).is_dir()]
    if present != wanted:
        print(
            "WARNING: no templates yet for "
            + ", ".join(sorted(set(wanted) - set(present)))
            + "; measuring the flavours this checkout has"
        )
    return ",".join(present)


def _commit_all(folder: Path, env: dict[str, str], message: str) -> None:
    if not (folder / ".git").exists():
        run(["git", "init", "-q", "-b", "main"], cwd=folder, env=env)
    run(["git", "add", "-A"], cwd=folder, env=env)
    run(["git", "commit", "-q", "-m", message], cwd=folder, env=env)


# -- report ------------------------------------------------------------------


def table(groups: dict[str, list[Case]]) -> list[str]:
    """Medians of whole-process wall time and CPU time (user + system of the
    process and its children), ratios to aawgen in both, largest peak RSS."""
    lines = [
        "| scenario | command | wall s | p25-p75 s | x aawgen | CPU s | "
        "x aawgen CPU | peak MB |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for scenario, cases in groups.items():
        reference = cases[0] if scenario != "startup" else cases[1]
        for case in cases:
            low, high = case.quartiles()
            wall, cpu = case.median("wall"), case.median("cpu")
            lines.append(
                f"| {scenario} | `{case.label}` | {wall:.3f} | {low:.3f}-{high:.3f} | "
                f"{wall / reference.median('wall'):.1f} | {cpu:.3f} | "
                f"{cpu / reference.median('cpu'):.1f} | "
                f"{max(s.peak_mb for s in case.samples):.1f} |"
            )
    return lines


def verdicts(groups: dict[str, list[Case]]) -> list[str]:
    """Issue 9's targets, judged on wall time as stated and, since a shared
    machine stretches wall time, on CPU time too."""
    by_label = {case.label: case for cases in groups.values() for case in cases}

    def median(label: str, attribute: str) -> float | None:
        case = by_label.get(label)
        return case.median(attribute) if case else None

    def ratio(slow: str, fast: str, attribute: str) -> float | None:
        if median(slow, attribute) is None or not median(fast, attribute):
            return None
        return median(slow, attribute) / median(fast, attribute)

    timed = [  # target, measure(wall or cpu), key of TARGETS, at most?, unit
        ("`aawgen new` median", lambda a: median("aawgen new", a), "new_seconds"),
        (
            "copier copy / aawgen new",
            lambda a: ratio("copier copy", "aawgen new", a),
            "new_vs_copier",
        ),
        (
            "cookiecutter / aawgen new",
            lambda a: ratio("cookiecutter", "aawgen new", a),
            "new_vs_cookiecutter",
        ),
        (
            "`aawgen regenerate` median",
            lambda a: median("aawgen regenerate", a),
            "regenerate_seconds",
        ),
        (
            "copier update / aawgen regenerate",
            lambda a: ratio("copier update", "aawgen regenerate", a),
            "regenerate_vs_copier",
        ),
        (
            "cruft update / aawgen regenerate",
            lambda a: ratio("cruft update", "aawgen regenerate", a),
            "regenerate_vs_cruft",
        ),
        (
            "`aawgen --help` median",
            lambda a: median("aawgen --help", a),
            "help_seconds",
        ),
    ]
    rows = []
    for name, measure, key in timed:
        wall, cpu = measure("wall"), measure("cpu")
        if wall is None:
            continue
        target = TARGETS[key]
        seconds = key.endswith("seconds")

        unit, digits, sign = ("s", 3, "<=") if seconds else ("x", 1, ">=")
        rows.append(
            f"| {name} | {wall:.{digits}f}{unit} | {cpu:.{digits}f}{unit} | "
            f"{sign} {target:g}{unit} | {_met(wall, target, seconds)} / "
            f"{_met(cpu, target, seconds)} |"
        )
    peaks = [
        max(s.peak_mb for s in case.samples)
        for label, case in by_label.items()
        if label.startswith("aawgen")
    ]
    if peaks:
        peak, ok = max(peaks), max(peaks) <= TARGETS["peak_mb"]
        rows.append(
            f"| aawgen peak memory, any command | {peak:.1f} MB | | "
            f"<= {TARGETS['peak_mb']:g} MB | {'met' if ok else 'NOT met'} |"
        )
    if not rows:
        return []
    return [
        "| target (issue 9) | wall | CPU | wanted | met (wall / CPU) |",
        "| --- | ---: | ---: | ---: | --- |",
        *rows,
    ]


def _met(value: float, target: float, at_most: bool) -> str:
    return "met" if (value <= target if at_most else value >= target) else "NOT met"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="kept runs per command")
    parser.add_argument("--warmup", type=int, default=2, help="discarded rounds")
    parser.add_argument(
        "--only", default="new,regenerate,startup", help="comma-separated scenarios"
    )
    parser.add_argument(
        "--flavours",
        default=",".join(ALL_FLAVOURS),
        help="flavours to render (default: all four)",
    )
    parser.add_argument("--keep", type=Path, help="work here and keep the files")
    parser.add_argument("--json", type=Path, help="also write the samples here")
    args = parser.parse_args()
    scenarios = [s.strip() for s in args.only.split(",") if s.strip()]

    work = args.keep or Path(tempfile.mkdtemp(prefix="aawgen-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        report(work, scenarios, args)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def report(work: Path, scenarios: list[str], args: argparse.Namespace) -> None:
    host = machine()
    print(f"# aawgen benchmark, {host['date']}")
    print(f"machine: {host['cpu']}; {host['os']}; {host['python']}")
    print(
        "tools: "
        + versions(["copier", "cookiecutter", "cruft", "jinja2", "typer", "rich"])
    )
    print(f"before: {host['load']}")

    flavours = "flavours=" + available_flavours(args.flavours.split(","))
    print(f"answers: the defaults, with --set {flavours}")
    home = work / "home"
    home.mkdir(exist_ok=True)
    eq = build_equivalents(work / "templates", flavours, (CHANGED_KEY, NEW_VALUE))
    print(describe(eq))
    env = environment(home)
    env_ext = environment(home, f"{eq.extension_dir}{os.pathsep}{ROOT}")
    aawgen = aawgen_launcher(work / "bin")

    builders = {
        "new": lambda: new_cases(work, eq, aawgen, env, env_ext),
        "regenerate": lambda: regenerate_cases(work, eq, aawgen, env, env_ext),
        "startup": lambda: startup_cases(aawgen, env),
    }
    groups, checks = {}, []
    for scenario in scenarios:
        cases, check = builders[scenario]()
        print(
            f"\n{scenario}: {args.warmup} warm-up + {args.runs} runs of "
            f"{len(cases)} commands, interleaved",
            flush=True,
        )
        run_interleaved(
            cases,
            args.runs,
            args.warmup,
            progress=lambda m: print("  " + m, flush=True),
        )
        groups[scenario] = cases
        checks.extend(check())

    print(f"\nafter: {machine()['load']}\n")
    print("\n".join(table(groups)))
    print()
    print("\n".join(verdicts(groups)))
    print()
    for note in checks:
        print(f"- {note}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "machine": host,
                    "cases": {
                        c.label: [asdict(s) for s in c.samples]
                        for cases in groups.values()
                        for c in cases
                    },
                },
                indent=1,
            )
        )


if __name__ == "__main__":
    main()
