"""`invoke new`: a ready-to-fill article with its metadata block.

The example photo line sits inside an HTML comment: a fresh article must preview cleanly, and
a photo that does not exist is an error (ten-anh.jpg is a name, not a file).
"""

import datetime as dt
from pathlib import Path

from sitekit.dates import VIETNAM
from sitekit.text import nfc, slugify_vi

TEMPLATE = """\
Title: {title}
Date: {date}
Category: {category}
Tags:
Author:
Slug: {slug}
Summary: (Baohatinh.vn) - Viết sapo (đoạn mở đầu in đậm) ở đây, không quá 300 ký tự.
Status: draft

Viết nội dung bài ở đây. Mỗi đoạn cách nhau một dòng trống.

## Tiêu đề nhỏ

<!-- Thêm ảnh: chép tệp ảnh vào content/images/, rồi viết một dòng như dòng mẫu dưới đây
ở ngoài cặp dấu chú thích này, thay ten-anh.jpg bằng tên tệp của bạn.
Phần nằm giữa cặp dấu chú thích này không hiện trên trang.

![Chú thích ảnh](/images/ten-anh.jpg "Ảnh: Tên tác giả")
-->

Khi bài đã sẵn sàng, xóa dòng `Status: draft` ở trên.
"""


class ScaffoldError(Exception):
    """The article cannot be created; the message says why and what to do."""


def new_article(
    title: str, content_dir: Path, category: str, now: dt.datetime | None = None
) -> Path:
    """Create content/articles/<slug>.md for `title`; never overwrite an existing file."""
    title = nfc(title.strip())
    slug = slugify_vi(title)
    if not slug:
        raise ScaffoldError("Tiêu đề trống → viết tiêu đề trong ngoặc kép: invoke new \"Tiêu đề\"")
    moment = (now or dt.datetime.now(VIETNAM)).astimezone(VIETNAM)
    path = content_dir / "articles" / f"{slug}.md"
    if path.exists():
        raise ScaffoldError(
            f"{path}: tệp đã có, không ghi đè → mở tệp đó để sửa, hoặc chọn tiêu đề khác"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    text = TEMPLATE.format(
        title=title, date=f"{moment:%Y-%m-%d %H:%M}", category=category, slug=slug
    )
    with path.open("x", encoding="utf-8") as handle:  # "x": a race cannot overwrite either
        handle.write(text)
    return path
