"""Bad photos and bad settings: one Vietnamese sentence each, a failed build, nothing half-made."""

import logging
import subprocess
import sys
from pathlib import Path

import pytest
from images_site import (
    build,
    decompression_bomb,
    last_pass,
    photo,
    save,
    truncated_jpeg,
    write_article,
)
from PIL import Image

from sitekit.problems import BuildRefused

# article name -> (photo file, what the sentence must say)
BAD = {
    "anh-thieu.md": ("khong-co.jpg", "không tìm thấy"),
    "anh-hong.md": ("hong.jpg", "bị hỏng"),
    "khong-phai-anh.md": ("ghi-chu.jpg", "không phải là ảnh"),
    "bom.md": ("bom.png", "quá lớn"),
    "mot-diem.md": ("mot-diem.png", "quá nhỏ"),
}


def _bad_site(root: Path) -> Path:
    content = root / "content"
    images = content / "images"
    truncated_jpeg(images / "hong.jpg")
    (images / "ghi-chu.jpg").write_text("Đây là ghi chú, không phải ảnh.\n", encoding="utf-8")
    decompression_bomb(images / "bom.png")
    save(Image.new("RGB", (1, 1), "white"), images / "mot-diem.png", "PNG")
    save(photo((1200, 800)), images / "tot.jpg", "JPEG")
    for article, (name, _) in BAD.items():
        write_article(content, article, f"Đoạn mở đầu.\n\n![Chú thích](/images/{name})\n")
    write_article(content, "bai-tot.md", "![Ảnh tốt](/images/tot.jpg)\n")
    return root


def _errors(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.levelno >= logging.ERROR and r.name == "editorial"]


def test_each_bad_photo_is_one_sentence_naming_article_and_photo(tmp_path, caplog):
    root = _bad_site(tmp_path)
    caplog.set_level(logging.INFO)
    with pytest.raises(BuildRefused) as refused:
        build(root)
    assert refused.value.code == 1
    messages = _errors(caplog)
    for article, (name, says) in BAD.items():
        naming = [m for m in messages if f"articles/{article}" in m]
        assert len(naming) == 1, (article, messages)
        # `articles/x.md:7: … “/images/x.jpg” … → fix`: the line of the photo in the article.
        assert f"articles/{article}:7:" in naming[0]
        assert name in naming[0] and says in naming[0] and "→" in naming[0], naming[0]
    assert "Traceback" not in caplog.text
    # Nothing half-written: no temporary folder in the cache, no .tmp in the output, and the
    # bad photos have no derivative at all.
    cache = root / ".cache" / "images"
    assert not any((cache / "tmp").iterdir())
    made = list((root / "output").rglob("*"))
    assert not [p for p in made if p.name.endswith(".tmp")]
    assert not [p for p in made if p.name.startswith(("hong-", "ghi-chu-", "bom-", "mot-diem-"))]


def test_failures_are_cached_and_a_fixed_photo_is_used(tmp_path):
    root = _bad_site(tmp_path)
    with pytest.raises(BuildRefused):
        build(root)
    with pytest.raises(BuildRefused):
        build(root)
    stats = last_pass()
    # A broken file is not read or decoded again while it is unchanged.
    assert (stats.hashed, stats.processed) == (0, 0)
    for article in BAD:
        (root / "content" / "articles" / article).unlink()
    save(photo((900, 600)), root / "content" / "images" / "hong.jpg", "JPEG")
    write_article(root / "content", "anh-hong.md", "![Chú thích](/images/hong.jpg)\n")
    stats = build(root)
    assert stats.processed == 1
    assert list((root / "output" / "images" / "_r").glob("hong-*-800.jpg"))


def test_pelican_command_exits_non_zero(tmp_path):
    root = tmp_path
    images = root / "content" / "images"
    truncated_jpeg(images / "hong.jpg")
    write_article(root / "content", "bai.md", "![Chú thích](/images/hong.jpg)\n")
    settings = root / "settings.py"
    settings.write_text(
        "PLUGINS = ['plugins.editorial', 'plugins.images']\n"
        "ARTICLE_PATHS = ['articles']\nSTATIC_PATHS = ['images']\nTIMEZONE = 'UTC'\n"
        "THEME = 'notmyidea'\nCACHE_PATH = 'cache/pelican'\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pelican", str(root / "content"), "-s", str(settings),
         "-o", str(root / "output")],
        cwd=root, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "articles/bai.md" in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr


@pytest.mark.parametrize(
    ("images", "expected"),
    [
        ({"widths": "800"}, "IMAGES['widths']"),
        ({"formats": ["avif", "webp"]}, "IMAGES['formats']"),
        ({"avif_speed": 12}, "IMAGES['avif_speed']"),
        ({"kich_thuoc": 3}, "IMAGES['kich_thuoc'] không phải khoá đã biết"),
        ("800", "IMAGES phải là một từ điển"),
    ],
)
def test_bad_settings_are_named(tmp_path, caplog, images, expected):
    save(photo((600, 400)), tmp_path / "content" / "images" / "a.jpg", "JPEG")
    write_article(tmp_path / "content", "a.md", "![A](/images/a.jpg)\n")
    with pytest.raises(BuildRefused):
        build(tmp_path, IMAGES=images)
    messages = [m for m in _errors(caplog) if m.startswith("pelicanconf.py")]
    assert len(messages) == 1 and expected in messages[0], messages
