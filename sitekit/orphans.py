"""Helper processes that end with the process that started them."""

import contextlib
import ctypes
import signal

_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def stop_with_parent(signum: int = signal.SIGTERM) -> None:
    """Ask the kernel to send `signum` to this process when its parent ends (Linux only).

    Elsewhere, nothing: the caller's other ways of ending (a closed pipe) still hold.
    """
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signum)
