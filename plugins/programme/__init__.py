"""The conference programme: YAML data → pages, calendars (.ics) and schema.org JSON-LD."""

from .plugin import register

__all__ = ["register"]
