"""Run every content check over a content tree, as `invoke check` and each build do.

Each file's own findings are kept between builds (review_store.py) and used again while its
bytes and everything else that decides them are unchanged; what spans files (the walk of the
tree, links out of it, duplicate addresses, new chủ đề, whether linked files exist) is worked
out on every build, from the kept findings.
"""

import os
from pathlib import Path

from sitekit import source_texts as source_bytes
from sitekit.helper_processes import split_map
from sitekit.problems import Problem, display_path

from . import boundary, content_files, review_store
from . import content_checks as checks
from .file_review import FileReview, review_file
from .legacy_encodings import programme_problems


def review_content(settings: dict) -> list[Problem]:
    """Every problem in the articles and pages under settings PATH, errors and warnings."""
    root = Path(settings["PATH"])
    source_bytes.forget_changed()  # a long `invoke serve` keeps no text of a deleted file
    now = checks.now_in_vietnam()
    cache_file = review_store.cache_file_of(settings)
    memo = review_store.memo_for(settings, cache_file)
    problems: list[Problem] = []
    files: list[tuple[str, str, bytes, FileReview | None]] = []  # (kind, path, bytes, kept)
    for kind, folders in (("article", settings.get("ARTICLE_PATHS", [])),
                          ("page", settings.get("PAGE_PATHS", []))):
        # Each folder walked once, for both lists.
        listings = {folder: content_files.listing(root, [folder], settings)
                    for folder in folders}
        problems += content_files.unread_files(
            root, folders, settings, lambda path: display_path(str(path), str(root)),
            [entry for folder in folders for entry in listings[folder]])
        for path in checks.markdown_paths(root, folders, listings):
            data = source_bytes.read_bytes(path)  # kept for Pelican's reader: one read per build
            files.append((kind, path, data, memo.kept(f"{kind}:{path}", data)))

    def review_one(file: tuple[str, str, bytes, FileReview | None]) -> FileReview:
        kind, path, data, _ = file
        return review_file(Path(path), display_path(path, str(root)), kind, data,
                           review_store.digest_of(data), root, settings, now)

    # A first build reviews every file: half of them on the other core.
    fresh = iter(split_map(review_one, [file for file in files if file[3] is None]))
    reviews: list[FileReview] = []
    for kind, path, data, kept in files:
        review = kept if kept is not None else next(fresh)
        review.data = data
        found, renewed = review.problems(now)
        memo.use(f"{kind}:{path}", review, kept is None or renewed)
        problems += found
        reviews.append(review)
    problems += programme_problems(settings)  # TCVN3/VNI in the programme's YAML
    problems += boundary.tree_links(os.path.realpath(root))
    for review in reviews:
        problems += review.boundary
    read = [review for review in reviews if review.source is not None]
    problems += checks.duplicates([(review.source, review.slug) for review in read])
    problems += checks.new_categories([review.source for review in read],
                                      settings.get("CATEGORIES", []))
    # A preview's quick rebuild keeps its reviews in memory; its full builds save them.
    memo.finish(None if settings.get("SITE_PREVIEW") else cache_file)
    return sorted(problems, key=lambda p: (p.path, p.line or 0))
