"""The settings the link check reads, and the plugins it needs before it in PLUGINS."""

from sitekit.plugin_order import Before
from sitekit.settings_schema import SITE_PREVIEW, Option

SCHEMA: dict[str, Option] = {
    # A preview writes a few pages: the next full build checks the links.
    "SITE_PREVIEW": SITE_PREVIEW,
}

# Plugins that must come before this one in PLUGINS (sitekit.plugin_order).
BEFORE = (
    Before("plugins.rendered", "nó gửi HTML của từng trang ghi ra để kiểm tra liên kết",
           required=True),
    # Both run at `finalized`: the manifest and icons the pages link to must be written first.
    Before("plugins.offline", "nó ghi manifest.webmanifest và các biểu tượng mà mọi trang "
           "liên kết tới khi kết thúc bản dựng"),
)
