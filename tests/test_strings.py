"""Every string key a template uses exists in the theme's Vietnamese catalogue."""

import re
from pathlib import Path

import yaml

THEME = Path(__file__).resolve().parent.parent / "theme"


def test_templates_use_only_catalogued_strings():
    catalogue = yaml.safe_load((THEME / "strings.vi.yaml").read_text(encoding="utf-8"))
    used = set()
    for template in (THEME / "templates").rglob("*.html"):
        used |= set(re.findall(r"\bT\.(\w+)", template.read_text(encoding="utf-8")))
    assert used, "templates should take their strings from the catalogue"
    assert sorted(used - set(catalogue)) == []
