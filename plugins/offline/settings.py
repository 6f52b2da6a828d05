"""The site-wide settings the offline plugin reads, beside Pelican's own (SITENAME, SITEURL...)."""

from sitekit.settings_schema import SITE_PREVIEW, SITE_SHORTNAME, SITESUBTITLE, Option

SCHEMA: dict[str, Option] = {
    # The web app manifest's short_name and description.
    "SITE_SHORTNAME": SITE_SHORTNAME,
    "SITESUBTITLE": SITESUBTITLE,
    # A preview rewrites a few pages: the last full build's service worker stays.
    "SITE_PREVIEW": SITE_PREVIEW,
}
