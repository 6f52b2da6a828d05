"""The build's helper processes on the other core: the same results, the same messages.

Half of a list's work (the review) or of the Markdown bodies (a first build's reading) is done
in a forked copy of the build. What it hands back must be what the build would have made, what
it says must be said once, by the build, and no process may be left. Forking needs a process
with one thread (pytest's has the test servers' too): each check runs in a fresh Python
(tests/helper_checks.py).
"""

import subprocess
import sys

import pytest
from conftest import ROOT

CHECKS = ROOT / "tests" / "helper_checks.py"


@pytest.mark.parametrize("check", [
    "results_in_order",  # every result in order, half of them from the helper
    "spoken_work_redone",  # a warning in the helper's half: said once, by the build
    "failed_half_redone",  # a helper that raises leaves its half to the build
    "same_review",  # the review of 150 files (30 with errors) finds the same problems
    # 160 articles, 20 making a test extension log: the helper converts over a quarter of
    # them, each line is said once, no process is left, and the site is the one-core site
    "same_site_from_two_cores",
])
def test_helper_processes(check, tmp_path):
    done = subprocess.run([sys.executable, str(CHECKS), check, str(tmp_path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
