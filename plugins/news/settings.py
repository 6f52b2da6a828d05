"""The site-wide settings the news theme prints, beside Pelican's own (SITENAME, SITEURL...)."""

from sitekit.settings_schema import PUBLISHER, SITE_PREVIEW, SITE_SHORTNAME, SITESUBTITLE, Option

SCHEMA: dict[str, Option] = {
    "PUBLISHER": PUBLISHER,
    "SITE_SHORTNAME": SITE_SHORTNAME,
    "SITESUBTITLE": SITESUBTITLE,
    # A preview rewrites a few pages: the last full build's sitemap and robots.txt stay.
    "SITE_PREVIEW": SITE_PREVIEW,
}
