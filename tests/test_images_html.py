"""Markup: figures with pictures and captions, lazy loading, URLs under SITEURL, cover and card."""

from dataclasses import dataclass
from pathlib import Path

import pytest
from images_site import (
    build,
    camera_jpeg,
    output_file,
    parse,
    photo,
    save,
    srcset_urls,
    write_article,
)
from pelican import signals
from PIL import Image

SUB_PATH = "https://example.github.io/hoi-nghi-ntm"

BODY = """\
Mở đầu bài viết.

![Đại biểu tham quan vườn mẫu](/images/vuon-mau.jpg "Ảnh: Thanh Hà")

Giữa đoạn có ảnh nhỏ ![Logo]({static}/images/logo.jpg) trong dòng.

![Hội trường]({static}/images/hoi-truong.jpg "Thanh Hà")

[Tải ảnh gốc]({static}/images/hoi-truong.jpg)
"""


@dataclass
class Built:
    """The site's folder and its articles as templates see them."""

    root: Path
    articles: dict

    def __truediv__(self, part: str) -> Path:
        return self.root / part


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Built:
    """Three articles (photos, `Image:` metadata, no photo) built under a sub-path SITEURL."""
    root = tmp_path_factory.mktemp("html")
    images = root / "content" / "images"
    camera_jpeg(images / "vuon-mau.jpg", size=(2400, 1600), orientation=1)
    save(photo((900, 600)), images / "logo.jpg", "JPEG")
    save(photo((1800, 1200)), images / "hoi-truong.jpg", "JPEG")
    save(photo((2000, 1000)), images / "bia.jpg", "JPEG")
    save(photo((1000, 800)), images / "khong-dung.jpg", "JPEG")
    content = root / "content"
    write_article(content, "bai-anh.md", BODY, title="Bài có ảnh")
    write_article(content, "bai-bia.md", "![Hội trường](/images/hoi-truong.jpg)",
                  title="Bài có ảnh bìa", meta="Image: {static}/images/bia.jpg\n")
    write_article(content, "bai-chu.md", "Chỉ có chữ.", title="Bài chỉ có chữ")
    (content / "pages").mkdir()
    (content / "pages" / "gioi-thieu.md").write_text(
        "Title: Giới thiệu\nSlug: gioi-thieu\n\n![Toàn cảnh]({static}../images/logo.jpg)\n",
        encoding="utf-8")
    seen = {}

    def keep(generator) -> None:
        seen.update({a.slug: a for a in generator.articles})

    signals.article_generator_finalized.connect(keep)
    try:
        build(root, SITEURL=SUB_PATH)
    finally:
        signals.article_generator_finalized.disconnect(keep)
    return Built(root, seen)


def _page(site: Built, slug: str):
    return parse(site / "output" / slug / "index.html")


def test_lone_photo_becomes_figure_with_picture_and_caption(site):
    page = _page(site, "bai-co-anh")
    figures = list(page.iter("figure"))
    assert len(figures) == 2
    first = figures[0]
    assert first.attrs["class"] == "figure"
    assert [c.tag for c in first.children] == ["picture", "figcaption"]
    picture = first.children[0]
    assert [c.tag for c in picture.children] == ["source", "source", "img"]
    assert [c.attrs["type"] for c in picture.children[:2]] == ["image/avif", "image/webp"]
    caption = first.children[1]
    assert caption.all_text() == "Đại biểu tham quan vườn mẫu Ảnh: Thanh Hà"
    credit = caption.children[0]
    assert (credit.tag, credit.attrs["class"], credit.all_text()) == \
        ("span", "credit", "Ảnh: Thanh Hà")
    # A bare name in the title is a credit too, in newspaper form.
    assert figures[1].children[1].children[0].all_text() == "Ảnh: Thanh Hà"
    # No figure ended up inside a paragraph, and every <p> kept only phrasing content.
    for paragraph in page.iter("p"):
        assert not list(paragraph.iter("figure"))


def test_img_attributes(site):
    page = _page(site, "bai-co-anh")
    imgs = [i for i in page.iter("img") if "srcset" in i.attrs]
    assert len(imgs) == 3
    for img in imgs:
        assert img.attrs["decoding"] == "async"
        assert img.attrs["sizes"]
        width, height = int(img.attrs["width"]), int(img.attrs["height"])
        assert max(w for _, w in srcset_urls(img.attrs["srcset"])) == width
        assert img.attrs["src"].endswith(".jpg")
        with Image.open(output_file(site / "output", img.attrs["src"], SUB_PATH)) as fallback:
            assert abs(fallback.width / fallback.height - width / height) < 0.01
    first, *others = imgs
    assert first.attrs["fetchpriority"] == "high" and "loading" not in first.attrs
    assert all(i.attrs["loading"] == "lazy" and "fetchpriority" not in i.attrs for i in others)
    assert imgs[0].attrs["alt"] == "Đại biểu tham quan vườn mẫu"
    # The inline photo stays in its sentence, as a picture without a figure.
    inline = imgs[1]
    assert (inline.parent.tag, inline.parent.parent.tag) == ("picture", "p")


def test_every_url_is_under_the_sub_path_and_exists(site):
    page = _page(site, "bai-co-anh")
    urls = [u for node in page.iter() if "srcset" in node.attrs
            for u, _ in srcset_urls(node.attrs["srcset"])]
    urls += [i.attrs["src"] for i in page.iter("img") if "srcset" in i.attrs]
    assert len(urls) == 3 * 3 * 3 + 3
    for url in urls:
        assert output_file(site / "output", url, SUB_PATH).is_file(), url


def test_originals_are_published_only_when_linked(site):
    output_images = site / "output" / "images"
    assert (output_images / "hoi-truong.jpg").is_file()  # linked for download
    for name in ("vuon-mau.jpg", "logo.jpg", "bia.jpg", "khong-dung.jpg"):
        assert not (output_images / name).exists(), name


def test_cover_and_social_image(site):
    articles = site.articles
    with_photos = articles["bai-co-anh"]
    cover = with_photos.cover
    assert cover.source == "images/vuon-mau.jpg" and cover.in_body
    assert (cover.width, cover.height) == (1200, 800)
    assert cover.alt == "Đại biểu tham quan vườn mẫu"
    assert [s.type for s in cover.sources] == ["image/avif", "image/webp"]
    assert cover.url.startswith(SUB_PATH + "/") and cover.srcset.count("w,") == 2
    markup = str(cover.html(alt=""))
    assert markup.startswith("<picture>") and 'alt=""' in markup and 'loading="lazy"' in markup

    from_metadata = articles["bai-co-anh-bia"]
    assert from_metadata.cover.source == "images/bia.jpg" and not from_metadata.cover.in_body
    assert from_metadata.cover.alt == "Bài có ảnh bìa"
    card = from_metadata.social_image
    assert (card.width, card.height, card.type) == (1200, 630, "image/jpeg")
    with Image.open(output_file(site / "output", card.url, SUB_PATH)) as image:
        assert (image.format, image.size) == ("JPEG", (1200, 630))
        assert not image.getexif()

    assert articles["bai-chi-co-chu"].cover is None
    assert articles["bai-chi-co-chu"].social_image is None


def test_pages_get_figures_too_with_paths_relative_to_the_page(site):
    page = parse(site / "output" / "pages" / "gioi-thieu.html")
    [figure] = list(page.iter("figure"))
    img = next(figure.iter("img"))
    assert "/images/_r/logo-" in img.attrs["src"]
    assert output_file(site / "output", img.attrs["src"], SUB_PATH).is_file()


def test_siteurl_is_not_baked_into_the_content_cache(site):
    # Last in this module: it rebuilds the shared site at the root.
    # Same content, Pelican's content cache now warm, published at the root instead.
    build(site.root, SITEURL="")
    html = (site / "output" / "bai-co-anh" / "index.html").read_text(encoding="utf-8")
    assert "example.github.io" not in html
    page = parse(site / "output" / "bai-co-anh" / "index.html")
    for img in page.iter("img"):
        if "srcset" in img.attrs:
            assert img.attrs["src"].startswith("/images/_r/")
            assert output_file(site / "output", img.attrs["src"]).is_file()
