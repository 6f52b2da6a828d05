"""Timing helpers: medians of repeated runs, printed as ratios with their budget."""

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable


def median_seconds(action: Callable[[], object], runs: int = 3) -> float:
    """Median wall time of `action`."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run_command(command: list[str], **kwargs) -> None:
    """Run a command quietly; a failure stops the benchmark with its output."""
    result = subprocess.run(command, capture_output=True, encoding="utf-8", **kwargs)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")


# Starts the command and writes the peak memory of its largest process to the file named first.
# Linux carries a process's peak memory over into the program it execs, and a child starts as
# a copy of its parent: a build started straight from this process (large after the search
# and preview benches) would report this process's peak as its own. This small launcher's
# children start from it, so what it waits for reports their own peak.
_LAUNCHER = """import resource, subprocess, sys
code = subprocess.call(sys.argv[2:])
with open(sys.argv[1], "w") as peak:
    peak.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(code)
"""


def run_measured(command: list[str], **kwargs) -> int:
    """`run_command`, returning the peak memory (bytes) of its largest process.

    The highest resident set of the command and of every process it waited for (Pagefind under
    the indexing worker under the build): the largest one, not their sum.
    """
    with tempfile.NamedTemporaryFile("r", suffix=".peak") as peak:
        result = subprocess.run([sys.executable, "-c", _LAUNCHER, peak.name, *command],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                encoding="utf-8", **kwargs)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}")
        return int(peak.read()) * 1024  # kilobytes on Linux


def report(label: str, ours: float, baseline: float, budget: float | None,
           baseline_name: str) -> bool:
    """Print one ratio line; return whether it is within budget (None: no budget here)."""
    ratio = ours / baseline
    line = f"{label}: {ours:.2f} s / {baseline:.2f} s = {ratio:.2f}× {baseline_name}"
    if budget is None:
        print(f"{line} (để tham khảo)")
        return True
    verdict = "đạt" if ratio <= budget else "VƯỢT NGÂN SÁCH"
    print(f"{line} (ngân sách ≤ {budget}×: {verdict})")
    return ratio <= budget
