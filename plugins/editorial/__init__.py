"""Editor-facing problems: one type, collected during a build, reported as sentences."""

from .plugin import register
from .problems import ContentError, Problem, report

__all__ = ["ContentError", "Problem", "register", "report"]
