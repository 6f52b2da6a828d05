"""The theme's catalogue of Vietnamese strings."""

from pathlib import Path

import yaml

CATALOGUE = "strings.vi.yaml"


def load_strings(theme_path: str) -> dict[str, str]:
    """Read the catalogue shipped with the theme; templates use it as `T.key`."""
    text = (Path(theme_path) / CATALOGUE).read_text(encoding="utf-8")
    return yaml.safe_load(text)
