"""One build: Pelican (with every plugin, checks and search included) into staging, then swap."""

import contextlib
import gc
import logging
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from . import lock, staging

logger = logging.getLogger(__name__)


class BuildFailed(Exception):
    """The build stopped; the sentences explaining why were already printed."""

    def __init__(self, message: str, problems: list | None = None):
        super().__init__(message)
        self.problems = problems or []


@dataclass(frozen=True)
class BuildOptions:
    """What to build, from where, to where."""

    settings_file: Path
    content: Path | None = None
    output: Path | None = None
    strict: bool = True
    drafts: bool = False
    check_only: bool = False
    extra: dict | None = None
    # Further checks of the written site before it replaces output/ (publishing adds the HTML
    # checker): each takes the staging folder and returns sentences, one per problem.
    verify: tuple = ()
    # How long to wait for another build writing the same output folder before giving up.
    wait: float = lock.WAIT_SECONDS


@dataclass(frozen=True)
class BuildReport:
    """What the build produced, for the closing sentence."""

    output: Path
    articles: int
    pages: int
    seconds: float

    def __str__(self) -> str:
        from sitekit.numbers import seconds

        return (
            f"Đã dựng {self.articles} bài viết và {self.pages} trang vào {self.output} "
            f"trong {seconds(self.seconds)}."
        )


def load_settings(options: BuildOptions, output_path: Path) -> dict:
    """Pelican settings from the file, with this build's paths and switches laid over them."""
    from pelican.settings import read_settings

    override: dict = {"OUTPUT_PATH": str(output_path)}
    if options.content is not None:
        override["PATH"] = str(options.content.resolve())
    if options.drafts:  # previews: drafts written under ban-nhap/, marked "Bản nháp"
        override.update(DRAFT_URL="ban-nhap/{slug}/", DRAFT_SAVE_AS="ban-nhap/{slug}/index.html",
                        DRAFT_PAGE_URL="ban-nhap/trang/{slug}/",
                        DRAFT_PAGE_SAVE_AS="ban-nhap/trang/{slug}/index.html")
    override.update(options.extra or {})
    settings = read_settings(str(options.settings_file), override=override)
    # This build's switches go over the file's EDITORIAL, whose other keys (iframe_hosts) stay;
    # an EDITORIAL given in `extra` goes over the switches.
    switches = {"strict": options.strict, "check_only": options.check_only}
    given = settings.get("EDITORIAL") if isinstance(settings.get("EDITORIAL"), dict) else {}
    first, last = (switches, given) if "EDITORIAL" in override else (given, switches)
    settings["EDITORIAL"] = {**first, **last}
    return settings


def _configured_output(settings_file: Path) -> Path:
    from pelican.settings import read_settings

    return Path(read_settings(str(settings_file))["OUTPUT_PATH"])


@contextlib.contextmanager
def _long_lived_frozen() -> Iterator[None]:
    """Keep what outlives the build (modules, then every article read) out of the collector.

    Python's full collections walk every live object, the same modules and articles each time:
    the collector took 0.11–0.24 s of a warm 1000-article build, 0.05–0.16 s with these frozen.
    Unfrozen at the end, so a long-lived process (the preview) can free them later.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def ending_after_build() -> None:
    """For a process that ends once its build is done: skip Python's last walk over its objects.

    At exit Python collects every object still alive, thousands of articles and their pages
    here, only to free memory the process is giving back anyway: 0.17 s after a 1000-article
    build, 0.02 s once they are frozen (out of the collector's reach).
    """
    gc.freeze()


def run_pelican(settings: dict) -> tuple[int, int]:
    from pelican import Pelican
    from pelican.generators import ArticlesGenerator, PagesGenerator

    from .draft_terms import add_draft_terms
    from .translations import linear_translations

    # Pelican's grouping of translations grows with the square of the article count.
    with _long_lived_frozen(), linear_translations():
        pelican = Pelican(settings)
        counts = {"articles": 0, "pages": 0}

        def count(generators) -> None:
            for generator in generators:
                if isinstance(generator, ArticlesGenerator):
                    counts["articles"] = len(generator.articles)
                elif isinstance(generator, PagesGenerator):
                    counts["pages"] = len(generator.pages)
            gc.freeze()  # every article is read and prepared: they live until the end

        from pelican import signals

        signals.all_generators_finalized.connect(count)
        # A build that writes drafts makes pages for the chủ đề, tags and authors only they use.
        signals.article_generator_finalized.connect(add_draft_terms)
        try:
            pelican.run()
        finally:
            signals.all_generators_finalized.disconnect(count)
            signals.article_generator_finalized.disconnect(add_draft_terms)
    return counts["articles"], counts["pages"]


def check(options: BuildOptions) -> list:
    """Read and validate everything without writing a page; return every problem found."""
    import tempfile
    from dataclasses import replace

    from sitekit import problems
    from sitekit.problems import BuildRefused, CheckFinished

    with tempfile.TemporaryDirectory(prefix="kiem-tra-") as scratch:
        settings = load_settings(replace(options, check_only=True), Path(scratch))
        try:
            run_pelican(settings)
        except (BuildRefused, CheckFinished):
            pass
    return problems.found()


@contextlib.contextmanager
def one_at_a_time(output: Path, wait: float = lock.WAIT_SECONDS) -> Iterator[None]:
    """Hold output/'s lock, waiting for a build already writing it; a sentence if it never ends."""
    try:
        with lock.hold(output, wait):
            yield
    except lock.Busy as busy:
        logger.error("%s", busy)
        raise BuildFailed("Trang chưa được dựng lại; output/ vẫn là bản tốt trước đó.",
                          [str(busy)]) from None


def build(options: BuildOptions) -> BuildReport:
    """Build the site; on any failure output/ keeps the previous good site, whole."""
    started = time.monotonic()
    output = (options.output or _configured_output(options.settings_file)).resolve()
    # Two builds into one output/ would empty each other's staging folder: take turns.
    with one_at_a_time(output, options.wait):
        articles, pages = _build_locked(options, output)
    return BuildReport(output, articles, pages, time.monotonic() - started)


class _KeptSiteInTheWay(Exception):
    """A file of the site before last stood where this build needs a folder, or the reverse."""


# What writing a file or folder over one of the other kind raises.
_IN_THE_WAY = (FileExistsError, IsADirectoryError, NotADirectoryError)


def _build_locked(options: BuildOptions, output: Path) -> tuple[int, int]:
    try:
        return _build_into_staging(options, output, rewrite=True)
    except _KeptSiteInTheWay:
        # Addresses changed kind (a page became a folder of pages…), or a hand put something
        # in the staging folder: once more, into an empty folder.
        return _build_into_staging(options, output, rewrite=False)


def _build_into_staging(options: BuildOptions, output: Path, rewrite: bool) -> tuple[int, int]:
    from sitekit.problems import BuildRefused

    target = staging.prepare(output, rewrite=rewrite)
    try:
        settings = load_settings(options, target)
        # The staging folder may hold the site before last: every file is written again, and
        # staging.sweep removes the rest, which Pelican's emptying would only slow down.
        settings.update(DELETE_OUTPUT_DIRECTORY=False, STATIC_CHECK_IF_MODIFIED=False)
        articles, pages = run_pelican(settings)
    except BuildRefused:
        from sitekit.problems import errors

        if rewrite and any(str(target) in str(problem) for problem in errors()):
            raise _KeptSiteInTheWay from None  # Pelican could not copy a file over it
        raise BuildFailed("Trang chưa được dựng lại; output/ vẫn là bản tốt trước đó.",
                          errors()) from None
    except Exception as error:
        staging.discard(target)  # whatever in it may have been in the way: the next starts empty
        if rewrite and isinstance(error, _IN_THE_WAY) and str(target) in str(error.filename):
            raise _KeptSiteInTheWay from None
        log = staging.error_log(output)
        log.write_text(traceback.format_exc(), encoding="utf-8")
        raise BuildFailed(
            f"Lỗi nội bộ khi dựng trang ({type(error).__name__}: {error}). "
            f"Chi tiết kỹ thuật đã ghi vào {log}; output/ vẫn là bản tốt trước đó."
        ) from None
    staging.sweep(target)  # before the checks: they see the site as it will be
    if failures := [sentence for check in options.verify for sentence in check(target)]:
        for sentence in failures:
            logger.error("%s", sentence)
        raise BuildFailed(f"{len(failures)} lỗi kiểm tra; output/ vẫn là bản tốt trước đó.",
                          failures)
    staging.swap_in(target, output)
    return articles, pages
