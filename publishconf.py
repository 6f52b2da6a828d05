"""Settings for publishing: everything in pelicanconf.py, plus absolute URLs and feeds.

SITEURL comes from the environment variable SITEURL when set, for example
`SITEURL=https://example.github.io/hoi-nghi-ntm invoke publish`; otherwise from PUBLISH_SITEURL
below. A sub-path is fine: every URL in the theme and plugins is built from SITEURL.
"""

import importlib.util
import os
from pathlib import Path

# pelicanconf.py beside this file, loaded by path: a plain `import pelicanconf` could return
# another project's settings already imported in the same process.
_spec = importlib.util.spec_from_file_location(
    "_pelicanconf_for_publishing", Path(__file__).resolve().with_name("pelicanconf.py"))
_base = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_base)
globals().update({name: value for name, value in vars(_base).items() if name.isupper()})

PUBLISH_SITEURL = "https://example.github.io/hoi-nghi-ntm"
SITEURL = os.environ.get("SITEURL", PUBLISH_SITEURL).rstrip("/")
RELATIVE_URLS = False

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/tat-ca.atom.xml"
CATEGORY_FEED_ATOM = "feeds/chu-de/{slug}.atom.xml"

# A cache of its own: a publish never reads what a local build with drafts left.
CACHE_PATH = str(_base.ROOT / ".cache" / "pelican-publish")
