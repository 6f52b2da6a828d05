"""Settings for building the site locally (`invoke build`, `invoke serve`, plain `pelican`).

Every path is absolute, taken from this file's folder, so the site builds the same from any
working directory and with any content tree (`pelican OTHER/content -s pelicanconf.py`).
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent

SITENAME = "Hội nghị toàn quốc Văn phòng Điều phối nông thôn mới 2017"
SITESUBTITLE = "Trang tin chuyên đề · Hà Tĩnh, 24/2/2017"
SITE_SHORTNAME = "Hội nghị NTM Hà Tĩnh"
PUBLISHER = "Ban Tổ chức Hội nghị"
AUTHOR = "Phóng viên"
SITEURL = ""
RELATIVE_URLS = False

PATH = str(ROOT / "content")
THEME = str(ROOT / "theme")
OUTPUT_PATH = str(ROOT / "output")
CACHE_PATH = str(ROOT / ".cache" / "pelican")

TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
LOCALE = ("C",)  # dates go through Babel `vi`; the host locale must not matter
DEFAULT_DATE_FORMAT = "%d/%m/%Y"

ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
READERS = {"rst": None}  # Markdown only; docutils has no Vietnamese and warns

# Chủ đề the newsroom works with; a new one is allowed but announced by `invoke check`.
CATEGORIES = ["Nông thôn mới", "Thời sự", "Kinh tế", "Văn hóa - Xã hội"]

# URLs: ASCII slugs, Vietnamese words, folder-style pages that work on any static host.
ARTICLE_URL = "{slug}/"
ARTICLE_SAVE_AS = "{slug}/index.html"
# Drafts are never written; `invoke serve` sets these to ban-nhap/{slug}/ for previews.
DRAFT_URL = ""
DRAFT_SAVE_AS = ""
DRAFT_PAGE_URL = ""
DRAFT_PAGE_SAVE_AS = ""
# A future date makes an article a draft until the first build after that date.
WITH_FUTURE_DATES = False
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "chu-de/{slug}/"
CATEGORY_SAVE_AS = "chu-de/{slug}/index.html"
CATEGORIES_URL = "chu-de/"
CATEGORIES_SAVE_AS = "chu-de/index.html"
TAG_URL = "the/{slug}/"
TAG_SAVE_AS = "the/{slug}/index.html"
TAGS_URL = "the/"
TAGS_SAVE_AS = "the/index.html"
AUTHOR_URL = "tac-gia/{slug}/"
AUTHOR_SAVE_AS = "tac-gia/{slug}/index.html"
AUTHORS_URL = "tac-gia/"
AUTHORS_SAVE_AS = "tac-gia/index.html"
ARCHIVES_URL = "luu-tru/"
ARCHIVES_SAVE_AS = "luu-tru/index.html"
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
INDEX_SAVE_AS = "index.html"
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/trang/{number}/", "{base_name}/trang/{number}/index.html"),
)
DEFAULT_PAGINATION = 10
# The archive lists every article, 50 to a page.
PAGINATED_TEMPLATES = {"index": None, "tag": None, "category": None, "author": None,
                       "archives": 50}
DIRECT_TEMPLATES = ["index", "categories", "tags", "authors", "archives", "404", "search"]
SEARCH_URL = "tim-kiem/"
SEARCH_SAVE_AS = "tim-kiem/index.html"

# Feeds: one for everything and one per chủ đề.
# Feeds need absolute URLs: publishconf.py turns them on with the real SITEURL.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Autoescape: titles, names and tags are plain text and may hold & < " (a quoted title in an
# attribute would otherwise break it); the HTML Pelican makes is marked `| safe` where shown.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"permalink": False},
        "markdown.extensions.smarty": {"smart_quotes": False},
    },
    "output_format": "html5",
}

# Handlers of one signal run in this order. Each plugin declares the plugins that must come
# before it (BEFORE in its settings.py); a wrong order or a missing one stops the build with a
# sentence naming both (sitekit/plugin_order.py).
PLUGINS = [
    "plugins.content_cache",  # a cache killed mid-save is dropped, never half-read
    "plugins.editorial",  # sanitises every body before images and programme fill it in
    "plugins.rendered",  # hands each written page to `checks` and `search`
    "plugins.markdown_reader",
    "plugins.vietnamese",
    "plugins.news",
    "plugins.programme",
    "plugins.images",
    "plugins.offline",  # service worker and manifest, written before the link check
    "plugins.checks",  # after rendered and every plugin that writes files at the end
    "plugins.search",  # after checks: it indexes at `finalized`, after every check
]

# Pelican's content cache makes a rebuild after one edit read only that file.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
# Uncompressed: gzip cost up to a second of every build (and every preview) to squeeze the cache
# of a 1000-article site from 2.9 MB to 0.8 MB.
GZIP_CACHE = False
CHECK_MODIFIED_METHOD = "mtime"
DELETE_OUTPUT_DIRECTORY = True
OUTPUT_RETENTION = []

DEFAULT_METADATA = {}
SUMMARY_MAX_LENGTH = 50
TYPOGRIFY = False
