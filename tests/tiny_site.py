"""Write small content trees for tests that need a site of their own."""

from pathlib import Path

ARTICLE = """\
Title: {title}
Date: {date}
Category: Thời sự
Tags: Hà Tĩnh
Author: Phóng viên
Summary: (Baohatinh.vn) - Một bài thử.

{body}
"""


def write_article(content: Path, name: str, title: str = "Bài thử", date: str = "2017-02-08 16:45",
                  body: str = "Nội dung bài.", raw: str | None = None,
                  encoding: str = "utf-8") -> Path:
    """One article in content/articles; `raw` replaces the whole file when given."""
    path = content / "articles" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    text = raw if raw is not None else ARTICLE.format(title=title, date=date, body=body)
    path.write_bytes(text.encode(encoding))
    return path


def tiny_content(root: Path) -> Path:
    """A content tree with one good article and one page."""
    content = root / "content"
    write_article(content, "bai-mot.md", title="Đoàn tham quan vườn mẫu")
    (content / "pages").mkdir(parents=True, exist_ok=True)
    (content / "pages" / "gioi-thieu.md").write_text(
        "Title: Giới thiệu\nSlug: gioi-thieu\n\nTrang giới thiệu.\n", encoding="utf-8"
    )
    (content / "images").mkdir(exist_ok=True)
    return content
