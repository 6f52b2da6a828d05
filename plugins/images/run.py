"""One build's image work, in the order Pelican reaches it: prepare, render each page, finish."""

from __future__ import annotations

import logging
import posixpath
import re
import shutil
import unicodedata
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

from blinker import signal

from sitekit.numbers import seconds
from sitekit.problems import display_path, report

from . import cache, messages, render
from .library import Library, Photo, Stats, find_images
from .markdown_ext import LINK_PREFIX, MARKER
from .settings import ImageSettings

logger = logging.getLogger(__name__)

# Sent once a build's photos are processed, with what that took (`stats`): the log line says it
# to a person, but Pelican's log drops a line identical to an earlier one, so whoever measures the
# pipeline (a test, a benchmark) listens here.
images_prepared = signal("images_prepared")

# Root-relative links left in the HTML (raw HTML, links to the original): those need the original.
_DIRECT = re.compile(r'\b(?:href|src)="/(?P<path>[^"#?]+)')


class ImageRun:
    """State of the image pipeline for one Pelican run."""

    def __init__(self, settings: dict, images: ImageSettings):
        self.settings = settings
        self.images = images
        self.content_root = Path(settings["PATH"])
        self.output_dir = Path(settings["OUTPUT_PATH"]) / images.output_dir
        # SITEURL is substituted here, per build, never stored in Pelican's content cache.
        self.base_url = f"{settings.get('SITEURL', '').rstrip('/')}/{images.output_dir}"
        self.library = Library(self.content_root, images.cache_path, images.recipe,
                               images.workers)
        self.used: dict[str, Photo] = {}
        self.linked: set[str] = set()  # originals a page links to directly

    def prepare(self) -> Stats:
        """Process every uncached photo of the content folders at once, over all cores.

        Done before any article is read: the tree processor and render() then only look up
        manifests, and a warm build never starts a pool or opens a photo.
        """
        files = find_images(self.content_root, list(self.settings.get("STATIC_PATHS") or []))
        stats = self.library.prepare(files)
        logger.info(
            "Ảnh: %d tệp, %d dùng lại từ bộ nhớ đệm, %d xử lý mới (%d tiến trình), %s.",
            stats.found, stats.reused, stats.processed, stats.workers, seconds(stats.seconds),
        )
        images_prepared.send(self, stats=stats)
        return stats

    def render(self, content) -> None:
        """Fill the placeholders of one article or page; set its cover and social image."""
        text = content._content
        problems: dict[str, Photo | None] = {}

        def lookup(ref: str) -> Photo | None:
            photo = self._resolve(ref, content)
            if photo is None or photo.manifest.error:
                problems.setdefault(ref, photo)
            else:
                self.used[photo.relpath] = photo
            return photo

        body = render.Body(text)
        if MARKER in text:
            body = render.fill(text, lookup, self.base_url, self.images.sizes,
                               self.images.eager_first)
            content._content = body.html
        self._note_direct_links(body.html)
        content.cover, content.social_image = self._cover(content, body, lookup)
        for ref, photo in problems.items():
            self._report(content, ref, photo)

    def finish(self, static_generator) -> None:
        """Drop originals no page needs from Pelican's copy list, and link the derivatives."""
        self._prune(static_generator)
        self.output_dir.mkdir(parents=True, exist_ok=True)
        for photo in self.used.values():
            try:
                self._link(photo)
            except FileNotFoundError:
                # Someone deleted files inside the cache: make this photo again (same key).
                shutil.rmtree(photo.folder, ignore_errors=True)
                self._link(self.library.remake(photo.relpath))
        self.library.save()

    def _link(self, photo: Photo) -> None:
        for variant in photo.files():
            cache.link(photo.folder / variant.file, self.output_dir / photo.output_name(variant))

    def _cover(self, content, body: render.Body, lookup):
        """Cover: the `Image:` metadata, else the first photo of the body."""
        captions = {photo.relpath: alt for _, photo, alt in body.refs if photo}
        ref = content.metadata.get("image")
        if isinstance(ref, str) and ref.strip():
            photo = lookup(ref.strip())
        else:
            photo = next((p for _, p, _ in body.refs if p and not p.manifest.error), None)
        if photo is None or photo.manifest.error:
            return None, None
        alt = captions.get(photo.relpath) or getattr(content, "title", "")
        cover = replace(render.picture(photo, self.base_url, alt, self.images.cover_sizes),
                        in_body=photo.relpath in captions)
        return cover, render.social_image(photo, self.base_url, alt)

    def _resolve(self, ref: str, content) -> Photo | None:
        """Find the photo a reference means, as Pelican resolves {static}; None if none."""
        match = LINK_PREFIX.match(ref)
        path = unquote(urlsplit(ref[match.end():] if match else ref).path)
        here = getattr(content, "relative_dir", "") or ""
        if path.startswith("/"):
            options = [path[1:]]
        elif match:
            options = [posixpath.join(here, path)]
        else:  # a bare relative path: next to the article, else from the content root
            options = [posixpath.join(here, path), path]
        for option in options:
            option = unicodedata.normalize("NFC", posixpath.normpath(option))
            if not option.startswith("../"):
                photo = self.library.get(option)
                if photo is not None:
                    return photo
        return None

    def _note_direct_links(self, text: str) -> None:
        if not self.library.photos:  # nothing to look for: skip scanning every body
            return
        for match in _DIRECT.finditer(text):
            path = unicodedata.normalize("NFC", unquote(match["path"]))
            if path in self.library.photos:
                self.linked.add(path)

    def _prune(self, generator) -> None:
        """Originals are 3–12 MB: published only when a page links to them (or keep_originals).

        Pelican records {static}/{attach} links in static_links; root-relative ones are noted
        by render(). Photos only shown through our derivatives are not copied.
        """
        if self.images.keep_originals:
            return
        needed = self.linked | {unicodedata.normalize("NFC", p)
                                for p in generator.context.get("static_links", ())}
        photos = self.library.photos

        def keep(static) -> bool:
            path = unicodedata.normalize("NFC", static.relative_source_path.replace("\\", "/"))
            return path not in photos or path in needed or bool(photos[path].manifest.error)

        generator.staticfiles[:] = [s for s in generator.staticfiles if keep(s)]

    def _report(self, content, ref: str, photo: Photo | None) -> None:
        source = Path(content.source_path)
        article = display_path(str(source), str(self.content_root))
        report(messages.problem(article, source, ref, photo, self.images.recipe))
