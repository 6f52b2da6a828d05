"""Timing helpers: medians of repeated runs, printed as ratios with their budget."""

import os
import statistics
import subprocess
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


def run_measured(command: list[str], **kwargs) -> int:
    """`run_command`, returning the peak memory (bytes) of its largest process.

    wait4 gives the highest resident set of the command and of every process it waited for
    (Pagefind under the indexing worker under the build), the largest one, not their sum.
    """
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               encoding="utf-8", **kwargs)
    printed = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    process.stdout.close()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{printed}")
    return usage.ru_maxrss * 1024  # kilobytes on Linux


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
