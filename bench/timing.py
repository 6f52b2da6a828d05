"""Timing helpers: medians of repeated runs, printed as ratios with their budget."""

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
