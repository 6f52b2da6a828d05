"""Vietnamese typed in the pre-Unicode TCVN3 (ABC) and VNI encodings, told to editors.

The one detector is `sitekit.legacy_vietnamese.detect` (shared with `invoke check --fix` and the
Word import); this module names what it finds and how to repair it, for articles, pages and
the programme's YAML files.
"""

from pathlib import Path

from sitekit.legacy_vietnamese import NAMES, detect, first_line
from sitekit.problems import Problem, display_path

PROGRAMME_SUFFIXES = {".yaml", ".yml"}


def legacy_encoding(text: str) -> str | None:
    """'TCVN3' or 'VNI' when the text looks typed in that encoding, else None."""
    found = detect(text)
    return NAMES[found] if found else None


def legacy_line(text: str, name: str) -> int:
    """The first line holding text typed in `name` ('TCVN3' or 'VNI'): where the editor looks."""
    return first_line(text.replace("\r\n", "\n").replace("\r", "\n"), name.lower())


def how_to_convert(name: str) -> str:
    """The fix: `invoke check --fix` converts in place and keeps the original beside it."""
    return (
        f"chạy `invoke check --fix` để chuyển tệp sang Unicode (bản gốc được giữ lại cạnh tệp, "
        f"đuôi “.{name.lower()}.bak”); hoặc chuyển bằng Unikey (Ctrl+Shift+F6, nguồn {name}, "
        "đích Unicode) rồi lưu tệp với bảng mã UTF-8"
    )


def programme_files(settings: dict) -> list[Path]:
    """The programme's YAML files, as the programme plugin reads them, in a stable order."""
    programme = settings.get("PROGRAMME")
    folder = programme.get("PATH", "programme") if isinstance(programme, dict) else "programme"
    top = Path(settings["PATH"]) / str(folder)
    if not top.is_dir():
        return []
    return [path for path in sorted(top.iterdir())
            if path.suffix in PROGRAMME_SUFFIXES and path.is_file()]


def programme_problems(settings: dict) -> list[Problem]:
    """An error for each programme YAML file typed in TCVN3 or VNI.

    Such a file still parses, and would put `Hµ TÜnh` on the programme pages. A file that is not
    UTF-8 at all is the programme plugin's to report.
    """
    root = Path(settings["PATH"])
    problems = []
    for path in programme_files(settings):
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        if name := legacy_encoding(text):
            problems.append(Problem(display_path(str(path), str(root)),
                                    f"văn bản gõ bằng bảng mã cũ {name}, không phải Unicode",
                                    how_to_convert(name), legacy_line(text, name)))
    return problems
