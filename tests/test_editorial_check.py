"""`invoke check`: every problem at once, `file:line: what → fix`, in Vietnamese."""

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, build_site
from tiny_site import tiny_content, write_article

from sitebuild.build import BuildFailed

INVOKE = str(Path(sys.executable).with_name("invoke"))
GOOD = "Title: {title}\nDate: 2017-02-08 16:45\nCategory: Thời sự\nSummary: Sapo.\n\n{body}\n"


def run_check(content: Path) -> subprocess.CompletedProcess:
    return subprocess.run([INVOKE, "check", "--content", str(content)], cwd=ROOT,
                          capture_output=True, encoding="utf-8")


def lines_about(result, name: str) -> list[str]:
    return [line for line in result.stderr.splitlines() if f"articles/{name}:" in line]


ERRORS = [
    ("khong-tieu-de.md", "Date: 2017-02-08\nCategory: Thời sự\n\nThân.\n", 1, "thiếu Title"),
    ("tieu-de-rong.md", "Title:\nDate: 2017-02-08\nCategory: Thời sự\n\nThân.\n", 1, "thiếu Title"),
    ("khong-chu-de.md", "Title: Không chủ đề\nDate: 2017-02-08\n\nThân.\n", 1, "thiếu Category"),
    ("khong-ngay.md", "Title: Không ngày\nCategory: Thời sự\n\nThân.\n", 1, "thiếu Date"),
    ("ngay-sai.md", "Title: Ngày sai\nDate: 32/13/2017\nCategory: Thời sự\n\nThân.\n", 2,
     "không đọc được ngày tháng “32/13/2017”"),
    ("ngay-31-2.md", "Title: Ngày 31/2\nDate: 31/2/2017\nCategory: Thời sự\n\nThân.\n", 2,
     "không đọc được ngày tháng “31/2/2017”: tháng 2/2017 chỉ có 28 ngày"),
    ("thang-13.md", "Title: Tháng 13\nDate: 2017-13-01\nCategory: Thời sự\n\nThân.\n", 2,
     "“2017-13-01”: không có tháng 13"),
    ("nam-1.md", "Title: Năm 1\nDate: 1/1/0001\nCategory: Thời sự\n\nThân.\n", 2,
     "“1/1/0001”: năm 1 là trước năm 1900"),
    ("gach-ngang.md", "Title: Gạch ngang\nDate: 11-02-17\nCategory: Thời sự\n\nThân.\n", 2,
     "“11-02-17”: năm hai chữ số viết với gạch ngang"),
    ("tieng-anh.md", "Title: Tiếng Anh\nDate: Feb 8, 2017\nCategory: Thời sự\n\nThân.\n", 2,
     "không đọc được ngày tháng “Feb 8, 2017” → viết ngày trước, tháng sau"),
    ("sua-25-gio.md",
     "Title: Sửa lúc 25 giờ\nDate: 8/2/2017\nModified: 9/2/2017 25:10\nCategory: Thời sự\n\n"
     "Thân.\n", 3, "“9/2/2017 25:10”: không có giờ 25:10"),
    ("lien-ket-hong.md", GOOD.format(title="Liên kết", body="Xem\n[bài]({filename}/articles/x.md)"),
     7, "{filename}/articles/x.md trỏ tới tệp không có"),
    ("tinh-hong.md", GOOD.format(title="Tĩnh", body="[tài liệu]({static}/files/ke-hoach.pdf)"),
     6, "{static}/files/ke-hoach.pdf trỏ tới tệp không có"),
    ("tcvn3.md", GOOD.format(title="Héi nghÞ toµn quèc", body="V¨n phßng §iÒu phèi t¹i Hµ TÜnh"),
     1, "bảng mã cũ TCVN3"),
    ("vni.md", GOOD.format(title="Hoäi nghò toaøn quoác", body="Vaên phoøng Ñieàu phoái taïi Haø"),
     1, "bảng mã cũ VNI"),
]


@pytest.mark.parametrize(("name", "text", "line", "sentence"), ERRORS,
                         ids=[e[0] for e in ERRORS])
def test_each_error_is_named_with_its_line_and_fails_check_and_build(
        tmp_path, name, text, line, sentence):
    content = tiny_content(tmp_path)
    write_article(content, name, raw=text)
    result = run_check(content)
    assert result.returncode == 1
    about = lines_about(result, name)
    assert len(about) == 1, result.stderr
    assert about[0].startswith(f"Lỗi: articles/{name}:{line}: ")
    assert sentence in about[0] and " → " in about[0]
    assert "Traceback" not in result.stderr
    # the strict build refuses the same error with the same sentence, and writes nothing
    build = subprocess.run([INVOKE, "build", "--content", str(content), "--output",
                            str(tmp_path / "out")], cwd=ROOT, capture_output=True, encoding="utf-8")
    assert build.returncode == 1
    assert about[0] in build.stderr.splitlines()
    assert not (tmp_path / "out").exists()


def test_non_utf8_and_duplicate_slugs(tmp_path):
    content = tiny_content(tmp_path)
    write_article(content, "utf16.md", title="Bài mã khác", encoding="utf-16")
    write_article(content, "trung-1.md", title="Trùng địa chỉ")
    write_article(content, "trung-2.md", title="Trùng địa chỉ")
    result = run_check(content)
    assert result.returncode == 1
    assert "không được lưu bằng bảng mã UTF-8" in lines_about(result, "utf16.md")[0]
    duplicate = lines_about(result, "trung-2.md")
    assert len(duplicate) == 1 and "trùng với articles/trung-1.md" in duplicate[0]


def _days_ahead(days: int) -> str:
    return f"{dt.date.today() + dt.timedelta(days=days):%d/%m/%Y} 08:00"


WARNINGS = [
    ("tuong-lai.md", GOOD.format(title="Tương lai", body="x").replace(
        "2017-02-08 16:45", _days_ahead(60)), 2, f"ngày đăng {_days_ahead(60)} còn ở tương lai"),
    ("hai-nam-nua.md", GOOD.format(title="Hai năm nữa", body="x").replace(
        "2017-02-08 16:45", _days_ahead(730)), 2,
     f"ngày đăng {_days_ahead(730)} (đọc là {_days_ahead(730)}) ở hơn một năm sau hôm nay: "
     "có gõ nhầm năm không?"),
    ("nam-1985.md", GOOD.format(title="Năm 1985", body="x").replace("2017-02-08 16:45", "1/1/1985"),
     2, "ngày đăng 1/1/1985 (đọc là 01/01/1985 00:00) trước năm 1990: có gõ nhầm năm không?"),
    ("sua-1985.md", GOOD.format(title="Sửa 1985", body="x").replace(
        "Category", "Modified: 1985-01-02 08:00\nCategory"), 3,
     "ngày cập nhật 1985-01-02 08:00 (đọc là 02/01/1985 08:00) trước năm 1990"),
    ("chu-de-moi.md", GOOD.format(title="Mới", body="x").replace("Thời sự", "Thể thao"), 3,
     "chủ đề mới “Thể thao”"),
    ("anh-khong-chu-thich.md", GOOD.format(title="Ảnh", body="Đoạn.\n\n![](/images/x.jpg)"), 8,
     "ảnh không có chú thích"),
    ("sapo-dai.md", GOOD.format(title="Dài", body="x").replace("Sapo.", "Rất dài. " * 40), 4,
     "quá 300"),
    ("to-hop.md", GOOD.format(title="To\u0302\u0309 ho\u031b\u0323p", body="x"), 1,
     "dạng tổ hợp (NFD)"),
]


@pytest.mark.parametrize(("name", "text", "line", "sentence"), WARNINGS,
                         ids=[w[0] for w in WARNINGS])
def test_each_warning_is_named_and_exits_zero(tmp_path, name, text, line, sentence):
    content = tiny_content(tmp_path)
    write_article(content, name, raw=text)
    if name == "anh-khong-chu-thich.md":
        from PIL import Image

        Image.new("RGB", (1200, 800), "#4a7").save(content / "images" / "x.jpg")
    result = run_check(content)
    about = lines_about(result, name)
    assert result.returncode == 0, result.stderr
    assert len(about) == 1 and about[0].startswith(f"Cảnh báo: articles/{name}:{line}: ")
    assert sentence in about[0]
    # warnings alone never stop the build
    build_site(tmp_path / "out", content=content)


def test_a_clean_tree_has_no_problem(tmp_path):
    result = run_check(tiny_content(tmp_path))
    assert result.returncode == 0
    assert "0 lỗi, 0 cảnh báo" in result.stdout


def test_check_writes_nothing(tmp_path):
    content = tiny_content(tmp_path)
    before = sorted(p for p in tmp_path.rglob("*"))
    run_check(content)
    assert sorted(p for p in tmp_path.rglob("*")) == before


def test_future_article_is_held_back_until_its_date(tmp_path):
    content = tiny_content(tmp_path)
    write_article(content, "sap-dang.md", title="Sắp đăng", date="2099-01-01 08:00")
    output = tmp_path / "out"
    build_site(output, content=content)
    assert not (output / "sap-dang").exists()
    with pytest.raises(BuildFailed):
        write_article(content, "hong.md", raw="Title: x\n\nKhông ngày.\n")
        build_site(output, content=content)
