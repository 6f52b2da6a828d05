"""`invoke import`: Word files made here with python-docx become draft articles that build.

Each document is written by the test (python-docx, Pillow for the photo); the draft is read
back as metadata and Markdown (rendered by Python-Markdown and parsed), the photo opened with
Pillow, and the site built with drafts to read the article page as a reader's browser would.
"""

import datetime as dt
import importlib.util
import io
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, build_site
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from html_tools import soup
from invoke import Context, Exit
from PIL import Image
from tiny_site import tiny_content

TITLE = "Đoàn đại biểu thăm vườn mẫu ở Hà Tĩnh"
SLUG = "doan-dai-bieu-tham-vuon-mau-o-ha-tinh"
SAPO = "Sáng 24/2, hơn 400 đại biểu về Hà Tĩnh dự hội nghị toàn quốc."
CAPTION = "Đại biểu tham quan vườn mẫu ở Cẩm Xuyên"
# The same words typed with the TCVN3 (ABC) keyboard in the .VnTime font, as old Word files
# hold them: each Vietnamese letter is a Latin-1 symbol (§ Đ, µ à, ® đ, ¹ ạ, Ó ể, ¨ ă,
# soft hyphen ư, ê ờ, É ẫ, ë ở, Ü ĩ), from the TCVN 5712 table.
TCVN3 = "§oµn ®¹i biÓu th¨m v\u00adên mÉu ë Hµ TÜnh"
TCVN3_AS_UNICODE = "Đoàn đại biểu thăm vườn mẫu ở Hà Tĩnh"
PHOTO_COLOUR = (200, 40, 30)
LINK = "https://vpdpntm.gov.vn/chuong-trinh"


def _tasks():
    spec = importlib.util.spec_from_file_location("site_tasks", ROOT / "tasks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _hyperlink(paragraph, text: str, url: str) -> None:
    """python-docx has no call for a link: the w:hyperlink element Word writes."""
    rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    text_element = OxmlElement("w:t")
    text_element.text = text
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def _photo_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), PHOTO_COLOUR).save(buffer, "PNG")
    return buffer.getvalue()


def full_document(path: Path, core_title: str = TITLE) -> Path:
    """Every element the import handles, in one document."""
    document = Document()
    document.core_properties.title = unicodedata.normalize("NFD", core_title)  # as macOS saves
    document.add_paragraph(TITLE, style="Title")
    document.add_paragraph().add_run(SAPO).bold = True
    document.add_heading("Hơn 400 đại biểu", level=1)
    paragraph = document.add_paragraph("Chữ thường, ")
    paragraph.add_run("chữ đậm").bold = True
    paragraph.add_run(" và ")
    paragraph.add_run("chữ nghiêng").italic = True
    paragraph.add_run(unicodedata.normalize("NFD", " rồi đến tỉnh."))
    document.add_heading("Lộ trình", level=2)
    for item in ("Xã Cẩm Mỹ", "Vườn mẫu"):
        document.add_paragraph(item, style="List Bullet")
    for item in ("Đón đoàn", "Tham quan"):
        document.add_paragraph(item, style="List Number")
    table = document.add_table(rows=3, cols=2)
    for row, cells in enumerate([("Đoàn", "Số xe"), ("Đoàn 1", "5"), ("Đoàn 2", "5")]):
        for column, text in enumerate(cells):
            table.cell(row, column).text = text
    paragraph = document.add_paragraph("Xem ")
    _hyperlink(paragraph, "chương trình hội nghị", LINK)
    paragraph.add_run(".")
    document.add_picture(io.BytesIO(_photo_bytes()), width=Cm(6))
    document.add_paragraph(f"{CAPTION}. Ảnh: Thu Hà", style="Caption")
    legacy = document.add_paragraph()
    run = legacy.add_run(TCVN3)
    run.font.name = ".VnTime"
    document.add_paragraph("Hội nghị khai mạc lúc 8 giờ.")
    document.save(path)
    return path


def read_draft(path: Path) -> tuple[dict[str, str], str]:
    """Metadata (up to the first blank line) and the Markdown body."""
    head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    metadata = {}
    for line in head.splitlines():
        key, _, value = line.partition(":")
        metadata[key.strip()] = value.strip()
    return metadata, body


def _body_html(body: str) -> BeautifulSoup:
    html = markdown.markdown(body, extensions=["markdown.extensions.extra"])
    return BeautifulSoup(html, "html.parser")


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """The full document imported into a tiny content tree through the task."""
    root = tmp_path_factory.mktemp("word")
    content = tiny_content(root)
    source = full_document(root / "Bài gửi từ phóng viên.docx")
    _tasks().import_(Context(), path=str(source), content=str(content))
    return content


def test_metadata_title_sapo_draft_date_slug(imported):
    article = imported / "articles" / f"{SLUG}.md"
    metadata, _ = read_draft(article)
    assert metadata["Title"] == TITLE
    assert unicodedata.is_normalized("NFC", article.read_text(encoding="utf-8"))
    assert metadata["Slug"] == SLUG and metadata["Slug"].isascii()
    assert metadata["Summary"] == SAPO
    assert metadata["Status"] == "draft"
    assert metadata["Category"] == "Nông thôn mới"  # the first of CATEGORIES, as `invoke new`
    assert metadata["Image"] == f"/images/{SLUG}-1.png"
    written = dt.datetime.strptime(metadata["Date"], "%Y-%m-%d %H:%M").replace(
        tzinfo=dt.timezone(dt.timedelta(hours=7)))
    assert abs(dt.datetime.now(dt.UTC) - written) < dt.timedelta(minutes=5)


def test_body_elements(imported):
    _, body = read_draft(imported / "articles" / f"{SLUG}.md")
    page = _body_html(body)
    assert TITLE not in [h.get_text() for h in page.find_all(["h1", "h2", "h3"])]
    assert SAPO not in page.get_text(), "the sapo is the Summary, not repeated in the body"
    assert [h.get_text() for h in page.find_all("h2")] == ["Hơn 400 đại biểu"]
    assert [h.get_text() for h in page.find_all("h3")] == ["Lộ trình"]
    assert [b.get_text() for b in page.find_all("strong")] == ["chữ đậm"]
    assert [i.get_text() for i in page.find_all("em")] == ["chữ nghiêng"]
    assert [li.get_text() for li in page.find("ul").find_all("li")] == ["Xã Cẩm Mỹ", "Vườn mẫu"]
    assert [li.get_text() for li in page.find("ol").find_all("li")] == ["Đón đoàn", "Tham quan"]
    rows = [[cell.get_text() for cell in row.find_all(["th", "td"])]
            for row in page.find("table").find_all("tr")]
    assert rows == [["Đoàn", "Số xe"], ["Đoàn 1", "5"], ["Đoàn 2", "5"]]
    link = page.find("a")
    assert (link["href"], link.get_text()) == (LINK, "chương trình hội nghị")
    img = page.find("img")
    assert (img["src"], img["alt"], img["title"]) == (f"/images/{SLUG}-1.png", CAPTION,
                                                        "Ảnh: Thu Hà")
    assert "Ảnh: Thu Hà" not in page.get_text(), "the caption paragraph became the photo's"
    paragraphs = [p.get_text() for p in page.find_all("p")]
    assert "Chữ thường, chữ đậm và chữ nghiêng rồi đến tỉnh." in paragraphs  # NFD → NFC
    assert TCVN3_AS_UNICODE in paragraphs
    assert "Hội nghị khai mạc lúc 8 giờ." in paragraphs


def test_photo_is_extracted(imported):
    with Image.open(imported / "images" / f"{SLUG}-1.png") as photo:
        assert photo.size == (120, 80)
        assert photo.convert("RGB").getpixel((60, 40)) == PHOTO_COLOUR


def test_the_draft_builds(imported, tmp_path):
    output = tmp_path / "output"
    build_site(output, content=imported, drafts=True)
    page = soup(output / "ban-nhap" / SLUG / "index.html")
    assert page.find("h1").get_text(strip=True) == TITLE
    cells = [cell.get_text(strip=True) for cell in page.select("table td, table th")]
    assert cells == ["Đoàn", "Số xe", "Đoàn 1", "5", "Đoàn 2", "5"]
    figure = page.find("figure")
    caption = figure.find("figcaption")
    assert CAPTION in caption.get_text() and caption.find(class_="credit").get_text() \
        == "Ảnh: Thu Hà"
    assert figure.find("img") is not None
    assert TCVN3_AS_UNICODE in page.get_text()


def test_first_heading_is_the_title_and_a_credit_paragraph_captions(tmp_path, capsys):
    document = Document()
    document.add_heading("Vườn mẫu chờ đón đại biểu", level=1)
    document.add_paragraph("Đoạn mở đầu, không in đậm.")
    document.add_heading("Chăm từng gốc cam", level=2)
    described = document.add_picture(io.BytesIO(_photo_bytes()), width=Cm(4))
    described._inline.docPr.set("descr", "Vườn cam của ông Thành")  # Word's "Alt Text"
    document.add_paragraph("Ảnh: Hoàng Anh")
    guessed = document.add_picture(io.BytesIO(_photo_bytes()), width=Cm(4))
    guessed._inline.docPr.set("descr", "A garden with trees\n\nDescription automatically generated")
    document.add_paragraph("Đoạn cuối bài.")
    document.save(tmp_path / "vuon.docx")
    content = tiny_content(tmp_path)
    _tasks().import_(Context(), path=str(tmp_path / "vuon.docx"), content=str(content))
    metadata, body = read_draft(content / "articles" / "vuon-mau-cho-don-dai-bieu.md")
    assert metadata["Title"] == "Vườn mẫu chờ đón đại biểu"
    assert metadata["Summary"] == "Đoạn mở đầu, không in đậm."
    page = _body_html(body)
    assert [h.get_text() for h in page.find_all("h2")] == ["Chăm từng gốc cam"]
    first, second = page.find_all("img")
    assert (first["alt"], first["title"]) == ("Vườn cam của ông Thành", "Ảnh: Hoàng Anh")
    assert "Hoàng Anh" not in page.get_text()
    assert second["alt"] == "" and not second.get("title")
    assert "ảnh 2 chưa có chú thích" in capsys.readouterr().out


def _import_one(tmp_path: Path, document) -> tuple[dict[str, str], BeautifulSoup]:
    document.save(tmp_path / "bai.docx")
    content = tiny_content(tmp_path)
    _tasks().import_(Context(), path=str(tmp_path / "bai.docx"), content=str(content))
    draft = next(p for p in (content / "articles").iterdir() if p.name != "bai-mot.md")
    metadata, body = read_draft(draft)
    return metadata, _body_html(body)


def test_a_headline_typed_in_bold_without_styles(tmp_path):
    """No Title style, no heading, no document title: the short bold first line is the title."""
    document = Document()
    document.add_paragraph().add_run("Hà Tĩnh sẵn sàng đón 400 đại biểu").bold = True
    sapo = document.add_paragraph()
    sapo.add_run("Sáng 24/2").bold = True
    sapo.add_run(", hội nghị khai mạc.")
    document.add_paragraph("Thân bài.")
    metadata, page = _import_one(tmp_path, document)
    assert metadata["Title"] == "Hà Tĩnh sẵn sàng đón 400 đại biểu"
    assert metadata["Slug"] == "ha-tinh-san-sang-don-400-dai-bieu"
    assert metadata["Summary"] == "Sáng 24/2, hội nghị khai mạc."  # the first paragraph
    assert [p.get_text() for p in page.find_all("p")] == ["Thân bài."]


def test_a_first_line_repeating_the_document_title_is_not_the_sapo(tmp_path):
    document = Document()
    document.core_properties.title = "Vườn mẫu chờ khách"
    document.add_paragraph().add_run("VƯỜN MẪU CHỜ KHÁCH").bold = True
    document.add_paragraph().add_run("Sapo in đậm.").bold = True
    document.add_paragraph("Thân bài.")
    metadata, page = _import_one(tmp_path, document)
    assert (metadata["Title"], metadata["Summary"]) == ("Vườn mẫu chờ khách", "Sapo in đậm.")
    assert [p.get_text() for p in page.find_all("p")] == ["Thân bài."]


def test_nothing_is_overwritten(tmp_path, capsys):
    content = tiny_content(tmp_path)
    source = full_document(tmp_path / "bai.docx")
    existing_photo = content / "images" / f"{SLUG}-1.png"
    existing_photo.write_bytes(b"not ours")
    tasks = _tasks()
    tasks.import_(Context(), path=str(source), content=str(content))
    first = (content / "articles" / f"{SLUG}.md").read_text(encoding="utf-8")
    tasks.import_(Context(), path=str(source), content=str(content))
    said = capsys.readouterr().out
    assert existing_photo.read_bytes() == b"not ours"
    assert (content / "articles" / f"{SLUG}.md").read_text(encoding="utf-8") == first
    metadata, _ = read_draft(content / "articles" / f"{SLUG}-2.md")
    assert metadata["Slug"] == f"{SLUG}-2"
    assert metadata["Image"] == f"/images/{SLUG}-2-1.png"
    assert read_draft(content / "articles" / f"{SLUG}.md")[0]["Image"] \
        == f"/images/{SLUG}-1-2.png"
    assert f"{SLUG}-1-2.png" in said and f"{SLUG}-2.md" in said


def test_legacy_fonts_from_a_style_and_in_vni(tmp_path):
    """A paragraph style in .VnTime (no font on the run) and a run in VNI-Times."""
    from docx.enum.style import WD_STYLE_TYPE

    document = Document()
    document.core_properties.title = "Bài cũ gõ bằng phông cũ"
    style = document.styles.add_style("Than bai cu", WD_STYLE_TYPE.PARAGRAPH)
    style.font.name = ".VnTime"
    document.add_paragraph("Sapo.").runs[0].bold = True
    document.add_paragraph(TCVN3, style="Than bai cu")
    # VNI: a vowel then its mark (aø à, oaø oà, aï ạ, eå ể, ó ĩ), ñ/Ñ for đ/Đ.
    document.add_paragraph().add_run("Ñoaøn ñaïi bieåu veà Haø Tónh").font.name = "VNI-Times"
    # .VnTimeH draws the same bytes as capitals.
    document.add_paragraph().add_run("Hµ TÜnh").font.name = ".VnTimeH"
    document.save(tmp_path / "cu.docx")
    content = tiny_content(tmp_path)
    _tasks().import_(Context(), path=str(tmp_path / "cu.docx"), content=str(content))
    _, body = read_draft(content / "articles" / "bai-cu-go-bang-phong-cu.md")
    paragraphs = [p.get_text() for p in _body_html(body).find_all("p")]
    assert paragraphs == [TCVN3_AS_UNICODE, "Đoàn đại biểu về Hà Tĩnh", "HÀ TĨNH"]


def test_legacy_text_without_its_font_is_pointed_out(tmp_path, capsys):
    """TCVN3 text whose font was changed to Times New Roman: no font says so; the editor is told."""
    document = Document()
    document.core_properties.title = "Bài có chữ lạ"
    document.add_paragraph("Sapo.").runs[0].bold = True
    document.add_paragraph().add_run(f"{TCVN3}, {TCVN3}.").font.name = "Times New Roman"
    document.save(tmp_path / "la.docx")
    _tasks().import_(Context(), path=str(tmp_path / "la.docx"), content=str(tiny_content(tmp_path)))
    assert "bảng mã TCVN3" in capsys.readouterr().out


def test_markdown_python_markdown_reads_back():
    """Nested lists, a paragraph that looks like a list, characters Markdown would take."""
    from sitebuild.word_import.convert import to_markdown

    html = ("<ul><li>Đoàn 1<ul><li>Xã Cẩm Mỹ</li></ul></li><li>Đoàn 2</li></ul>"
            "<p>1. Không phải danh sách</p><p>- Cũng không</p>"
            "<p>a*b_c [x] &lt;b&gt; # 5</p>"
            "<table><tr><td><p>A|B</p></td><td><p>Ô <strong>đậm</strong></p></td></tr>"
            "<tr><td><p>1</p></td><td><p>2</p></td></tr></table>"
            '<table><tr><td><p><img src="/images/a.jpg" alt="Ảnh A" /></p></td></tr>'
            "<tr><td><p>1</p></td></tr></table>")
    page = _body_html(to_markdown(html))
    outer = page.find("ul")
    assert [li.find(string=True).strip() for li in outer.find_all("li", recursive=False)] \
        == ["Đoàn 1", "Đoàn 2"]
    assert [li.get_text() for li in outer.find("ul").find_all("li")] == ["Xã Cẩm Mỹ"]
    assert [p.get_text() for p in page.find_all("p", recursive=False)] == [
        "1. Không phải danh sách", "- Cũng không", "a*b_c [x] <b> # 5"]
    assert page.find("b") is None, "text that looks like HTML stays text"
    first, second = page.find_all("table")
    cells = [cell.get_text() for cell in first.find_all(["th", "td"])]
    assert cells == ["A|B", "Ô đậm", "1", "2"]
    photo = second.find("img")
    assert (photo["src"], photo["alt"]) == ("/images/a.jpg", "Ảnh A"), "a photo in a table stays"


@pytest.mark.parametrize("text, caption, credit", [
    ("Đại biểu thăm vườn mẫu. Ảnh: Thu Hà", "Đại biểu thăm vườn mẫu", "Ảnh: Thu Hà"),
    ("Cam, bưởi (giữa) trong vườn (Ảnh: Thùy Dương)", "Cam, bưởi (giữa) trong vườn",
     "Ảnh: Thùy Dương"),
    ("Ông Trần Huy Oánh phát biểu - Ảnh minh họa: TTXVN", "Ông Trần Huy Oánh phát biểu",
     "Ảnh minh họa: TTXVN"),
    ("Ảnh: Hoàng Anh", "", "Ảnh: Hoàng Anh"),
    ("ẢNH: Hoàng Anh", "", "Ảnh: Hoàng Anh"),
    ("Ảnh: Đại biểu các tỉnh tham quan vườn mẫu của gia đình ông Thành ở Cẩm Xuyên",
     "Đại biểu các tỉnh tham quan vườn mẫu của gia đình ông Thành ở Cẩm Xuyên", ""),
    ("Ảnh: Đại biểu tham quan. Ảnh: Thu Hà", "Đại biểu tham quan", "Ảnh: Thu Hà"),
    ("Biểu đồ \"sản lượng\" [2016]. Nguồn: Sở NN-PTNT", "Biểu đồ “sản lượng” (2016)",
     "Nguồn: Sở NN-PTNT"),
])
def test_caption_and_credit_forms(text, caption, credit):
    from sitebuild.word_import.photos import read_caption

    read = read_caption(text, styled=False, italic=False)
    assert (read.text, read.credit) == (caption, credit)
    assert read_caption("Hội nghị khai mạc lúc 8 giờ.", styled=False, italic=False) is None


def _broken_files(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    text = folder / "ghi-chu.docx"
    text.write_text("Đây là tệp văn bản, không phải Word.", encoding="utf-8")
    whole = full_document(folder / "day-du.docx").read_bytes()
    truncated = folder / "bi-cat.docx"
    truncated.write_bytes(whole[: len(whole) // 2])
    (folder / "day-du.docx").unlink()
    other_zip = folder / "nen.docx"  # a zip, but not a Word package
    with zipfile.ZipFile(other_zip, "w") as package:
        package.writestr("ghi-chu.txt", "không phải Word")
    old_word = folder / "bai-cu.doc"
    old_word.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))  # OLE header
    return {"text": text, "truncated": truncated, "missing": folder / "khong-co.docx",
            "zip": other_zip, "doc": old_word}


@pytest.mark.parametrize("kind", ["text", "truncated", "missing", "zip", "doc"])
def test_a_bad_file_gets_one_sentence(tmp_path, kind):
    content = tiny_content(tmp_path)
    bad = _broken_files(tmp_path / "gui")[kind]
    with pytest.raises(Exit) as stopped:
        _tasks().import_(Context(), path=str(bad), content=str(content))
    assert stopped.value.code == 1
    message = stopped.value.message
    assert bad.name in message and "→" in message and len(message.splitlines()) == 1
    assert sorted(p.name for p in (content / "articles").iterdir()) == ["bai-mot.md"]


def test_two_files_one_broken_on_the_command_line(tmp_path):
    """Through `invoke` itself: the good file is imported, the bad one told, status 1."""
    content = tiny_content(tmp_path)
    folder = tmp_path / "gui"
    _broken_files(folder)
    for name in ("ghi-chu.docx", "nen.docx", "bai-cu.doc"):
        (folder / name).unlink()
    full_document(folder / "tot.docx")
    from sitebuild.word_import import expand

    both = [folder / "bi-cat.docx", folder / "tot.docx"]
    assert expand(str(folder)) == expand(str(folder / "*.docx")) == both
    done = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "invoke"), "-r", str(ROOT), "import", str(folder),
         "--content", str(content)],
        capture_output=True, text=True, encoding="utf-8", timeout=120, cwd=tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    assert "bi-cat.docx" in done.stderr and "tot.docx" in done.stdout
    assert (content / "articles" / f"{SLUG}.md").exists()
