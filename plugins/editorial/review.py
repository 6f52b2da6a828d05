"""Run every content check over a content tree, as `invoke check` and each build do."""

from pathlib import Path

from sitekit import source_texts as source_bytes
from sitekit.problems import Problem, display_path

from . import boundary, content_files, fields
from . import content_checks as checks
from .legacy_encodings import programme_problems
from .raw_html import raw_html_problems
from .sources import Source, read_source


def review_content(settings: dict) -> list[Problem]:
    """Every problem in the articles and pages under settings PATH, errors and warnings."""
    root = Path(settings["PATH"])
    source_bytes.forget_changed()  # a long `invoke serve` keeps no text of a deleted file
    now = checks.now_in_vietnam()
    problems: list[Problem] = []
    sources: list[Source] = []
    for kind, folders in (("article", settings.get("ARTICLE_PATHS", [])),
                          ("page", settings.get("PAGE_PATHS", []))):
        problems += content_files.unread_files(root, folders, settings,
                                               lambda path: display_path(str(path), str(root)))
        for path in checks.markdown_files(root, folders, settings):
            source, found = read_source(path, display_path(str(path), str(root)), kind)
            problems += found
            if source is None:
                continue
            sources.append(source)
            problems += checks.required_fields(source)
            problems += checks.dates(source, now)
            problems += checks.summary_length(source)
            problems += checks.body_links(source, root)
            problems += raw_html_problems(source, settings)
            problems += fields.review(source, settings)
    problems += programme_problems(settings)  # TCVN3/VNI in the programme's YAML
    problems += boundary.review(root, sources)
    problems += checks.duplicate_slugs(sources, settings)
    problems += checks.new_categories(sources, settings.get("CATEGORIES", []))
    return sorted(problems, key=lambda p: (p.path, p.line or 0))
