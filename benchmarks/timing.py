"""Time whole processes: wall clock, CPU and peak memory of the process tree.

Cases run interleaved (A B C A B C ...) so that a burst of load on a shared
machine hits every tool alike; the first rounds are warm-up and not kept.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path


@dataclass(frozen=True)
class Sample:
    wall: float  # seconds
    cpu: float  # user + system seconds of the process and its children
    peak_mb: float  # largest resident set of the process or any child


@dataclass
class Case:
    """One command to time; `prepare` runs untimed before each run."""

    label: str
    argv: Sequence[str]
    cwd: Path | None = None
    env: dict[str, str] | None = None
    prepare: Callable[[], None] = lambda: None
    samples: list[Sample] = field(default_factory=list)

    def median(self, attribute: str) -> float:
        return statistics.median(getattr(s, attribute) for s in self.samples)

    def quartiles(self) -> tuple[float, float]:
        walls = sorted(s.wall for s in self.samples)
        if len(walls) < 4:
            return walls[0], walls[-1]
        q = statistics.quantiles(walls, n=4)
        return q[0], q[2]


class CommandFailed(RuntimeError):
    pass


# Linux keeps a process's peak memory across exec, and a child starts with
# its parent's: measured from this (large) Python process, every command
# would seem to need at least as much. GNU time is small and reports the
# peak of the command it runs, children included.
GNU_TIME = "/usr/bin/time" if Path("/usr/bin/time").exists() else None


def run_once(case: Case) -> Sample:
    """Run the command once. Wall time is measured around it; CPU time comes
    from wait4 (its own rusage, not RUSAGE_CHILDREN, so earlier runs do not
    blur it); peak memory from GNU time where it is installed."""
    # Write out what earlier runs and the set-up left in memory, so that
    # it is not written during this run.
    os.sync()
    argv = list(map(str, case.argv))
    with tempfile.TemporaryFile() as errors, tempfile.NamedTemporaryFile() as peak:
        if GNU_TIME:
            argv = [GNU_TIME, "-f", "%M", "-o", peak.name, *argv]
        start = time.perf_counter()
        process = subprocess.Popen(
            argv,
            cwd=case.cwd,
            env=case.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            tail = errors.read().decode("utf-8", "replace")[-3000:]
            raise CommandFailed(
                f"{case.label}: {' '.join(argv)} exited {process.returncode}\n{tail}"
            )
        if GNU_TIME:
            peak_kb = int(Path(peak.name).read_text().split()[-1])
        else:  # an upper bound: at least this process's own peak
            peak_kb = usage.ru_maxrss
    return Sample(wall, usage.ru_utime + usage.ru_stime, peak_kb / 1024)


def run_interleaved(
    cases: Sequence[Case],
    runs: int,
    warmup: int,
    progress: Callable[[str], None] = lambda _: None,
) -> None:
    for round_ in range(warmup + runs):
        for case in cases:
            case.prepare()
            sample = run_once(case)
            if round_ >= warmup:
                case.samples.append(sample)
        kept = max(0, round_ + 1 - warmup)
        progress(f"round {round_ + 1}/{warmup + runs} ({kept} kept)")


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    model = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 0
    memory = ""
    try:
        total_kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {total_kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": f"{model}, {os.cpu_count()} cores ({usable} usable){memory}",
        "os": f"{platform.system()} {platform.release()}",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "load": "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()),
    }


def versions(names: Sequence[str]) -> str:
    found = []
    for name in names:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} (not installed)")
    return ", ".join(found)
