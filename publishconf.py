"""Settings for publishing: everything in pelicanconf.py, plus absolute URLs and feeds.

SITEURL comes from the environment variable SITEURL when set, for example
`SITEURL=https://example.github.io/hoi-nghi-ntm invoke publish`; otherwise from PUBLISH_SITEURL
below. A sub-path is fine: every URL in the theme and plugins is built from SITEURL.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pelicanconf import *  # noqa: E402,F403
from pelicanconf import ROOT  # noqa: E402

PUBLISH_SITEURL = "https://example.github.io/hoi-nghi-ntm"
SITEURL = os.environ.get("SITEURL", PUBLISH_SITEURL).rstrip("/")
RELATIVE_URLS = False

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/tat-ca.atom.xml"
CATEGORY_FEED_ATOM = "feeds/chu-de/{slug}.atom.xml"

# A cache of its own: a publish never reads what a local build with drafts left.
CACHE_PATH = str(ROOT / ".cache" / "pelican-publish")
