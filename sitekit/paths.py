"""Whether a path on disk lies inside a folder, symbolic links followed."""

import os


def within(path: str, root: str) -> bool:
    """Whether `path` (followed through every symbolic link) lies inside the real folder `root`."""
    real = os.path.realpath(path)
    return os.path.commonpath([real, root]) == root
