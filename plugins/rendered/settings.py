"""The settings the `rendered` plugin reads."""

from sitekit.settings_schema import SITE_PREVIEW, Option

SCHEMA: dict[str, Option] = {
    # A preview brings its own writer for the few pages an edit touches.
    "SITE_PREVIEW": SITE_PREVIEW,
}
