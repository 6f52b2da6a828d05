"""TCVN3 (ABC) and VNI text: the tables, the detector, and `invoke check --fix`."""

import subprocess
import sys
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT, build_site
from tiny_site import tiny_content

from sitebuild import legacy_fix
from sitekit.legacy_vietnamese import (
    capitals_font,
    detect,
    encoding_of_font,
    from_unicode,
    to_unicode,
)

INVOKE = str(Path(sys.executable).with_name("invoke"))
BASES = "aăâeêioôơuưy"
TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")  # none, sắc, huyền, hỏi, ngã, nặng
LOWER = [unicodedata.normalize("NFC", base + tone) for base in BASES for tone in TONES] + ["đ"]
UPPER = [letter.upper() for letter in LOWER]
# VN3 has codes of their own for these capitals only; the others share their lower-case byte.
VN3_CAPITALS = "ĂÂÊÔƠƯĐ"


def test_every_letter_and_tone_is_a_full_table():
    assert len(LOWER) == len(set(LOWER)) == 73  # 12 vowels × 6 tones, and đ
    assert all(unicodedata.is_normalized("NFC", letter) and len(letter) == 1 for letter in LOWER)


@pytest.mark.parametrize("letter", LOWER + UPPER)
def test_vni_round_trip(letter):
    typed = from_unicode(letter, "vni")
    assert to_unicode(typed, "vni") == letter
    # Only i with sắc or huyền is the same in VNI as in Unicode (í ì: the Latin-1 letters).
    assert (typed == letter) == (letter.isascii() or letter in "íìÍÌ")


def test_vni_spellings_are_all_different():
    assert len({from_unicode(letter, "vni") for letter in LOWER + UPPER}) == len(LOWER) * 2


@pytest.mark.parametrize("letter", LOWER)
def test_tcvn3_round_trip_lower_case(letter):
    typed = from_unicode(letter, "tcvn3")
    assert len(typed) == 1 and (typed.isascii() or "\u00a1" <= typed <= "\u00ff")
    assert to_unicode(typed, "tcvn3") == letter


@pytest.mark.parametrize("letter", UPPER)
def test_tcvn3_round_trip_capitals(letter):
    typed = from_unicode(letter, "tcvn3")
    if letter.isascii() or letter in VN3_CAPITALS:
        assert to_unicode(typed, "tcvn3") == letter
    else:
        # The capital is the lower-case byte drawn by a capitals font (.VnTimeH): inside a word
        # in capitals it comes back a capital, alone it cannot be told from the small letter.
        assert typed == from_unicode(letter.lower(), "tcvn3")
        assert to_unicode(f"T{typed}NH", "tcvn3") == f"T{letter}NH"
        assert to_unicode(typed, "tcvn3") == letter.lower()


def test_tcvn3_codes_are_all_different():
    codes = [from_unicode(letter, "tcvn3") for letter in LOWER + list(VN3_CAPITALS)]
    assert len(set(codes)) == len(codes)


# Written here from the TCVN 5712:1993 VN3 code table (byte values), not from the module.
TCVN3_PAIRS = [
    ("H\xb5 T\xdcnh", "Hà Tĩnh"),                 # B5 à, DC ĩ
    ("B\xb6o Th\xbeng", "Bảo Thắng"),             # B6 ả, BE ắ
    ("M\xad\xeang Kh\xad\xacng", "Mường Khương"),  # AD ư, EA ờ, AC ơ
    ("C\xe9ng h\xdfa", "Cộng hòa"),               # E9 ộ, DF ò
    ("T\xabi \xaei h\xe4c", "Tôi đi học"),        # AB ô, AE đ, E4 ọ
    ("\xa7\xb9i h\xe4c", "Đại học"),              # A7 Đ, B9 ạ
    ("ti\xd5ng Vi\xd6t", "tiếng Việt"),           # D5 ế, D6 ệ
    ("th\xad\xeang xuy\xaan", "thường xuyên"),    # AA ê
    ("th\xa8m v\xad\xean m\xc9u", "thăm vườn mẫu"),  # A8 ă, C9 ẫ
    ("NGH\xd6 AN, T\xdcNH", "NGHỆ AN, TĨNH"),     # capitals drawn by .VnTimeH
    ("k\xfa h\xe4p \xf1y ban", "kỳ họp ủy ban"),  # FA ỳ, F1 ủ
    ("ng\xb7 t\xad, c\xf1a M\xfc, th\xf6 ch\xf8c t\xf5", "ngã tư, của Mỹ, thử chức từ"),
    ("m\xd1 \xae\xd3 b\xe2 g\xd7 v\xf7ng", "mẹ để bõ gì vững"),  # D1 ẹ D3 ể E2 õ D7 ì F7 ữ
]
# Written here from the VNI-Windows layout: vowel, then its mark byte.
VNI_PAIRS = [
    ("Xin cha\xf8o ca\xf9c ba\xefn", "Xin chào các bạn"),  # F8 huyền, F9 sắc, EF nặng
    ("To\xe2i \xf1i ho\xefc", "Tôi đi học"),                 # E2 â/ô, F1 đ
    ("Ng\xf6\xf4\xf8i \xf4i", "Người ơi"),                   # F6 ư, F4 ơ
    ("Vie\xe4t Nam", "Việt Nam"),                            # E4 circumflex + nặng
    ("Ha\xf8 T\xf3nh", "Hà Tĩnh"),                           # F3 ĩ
    ("\xd1A\xcfI HO\xc4I", "ĐẠI HỘI"),                       # capitals: capital marks
    ("tha\xeam \xf1a\xfang kha\xe5u", "thăm đẳng khẩu"),     # EA ă, FA ă + hỏi, E5 â + hỏi
    ("Ky\xf8 ho\xefp, t\xe6nh, k\xee, ngh\xf2", "Kỳ họp, tỉnh, kỵ, nghị"),  # E6 ỉ EE ỵ F2 ị
    ("ch\xf6\xf9c t\xf6\xf8 \xf1a\xe2y, nga\xf5 t\xf6", "chức từ đây, ngã tư"),  # F5 ngã
    ("cu\xfba My\xf5, th\xf6\xfb, m\xf4\xf9i, ma\xefnh", "của Mỹ, thử, mới, mạnh"),  # FB hỏi
]


@pytest.mark.parametrize(("typed", "unicode"), TCVN3_PAIRS)
def test_known_tcvn3_words(typed, unicode):
    assert to_unicode(typed, "tcvn3") == unicode


@pytest.mark.parametrize(("typed", "unicode"), VNI_PAIRS)
def test_known_vni_words(typed, unicode):
    assert to_unicode(typed, "vni") == unicode


def _content_files() -> list[Path]:
    return sorted(p for p in (ROOT / "content").rglob("*") if p.suffix in {".md", ".yaml"})


def test_detect_leaves_the_sample_content_alone():
    files = _content_files()
    assert len(files) >= 10
    for path in files:
        assert detect(path.read_text(encoding="utf-8")) is None, path


@pytest.mark.parametrize("text", [
    "The conference in Ha Tinh brought together 400 delegates. Copyright © 2017 Acme® Inc. ©",
    "Où est le café? Noël à Haïti avec Zoë et Raphaël, naïve, où, où, où, déjà vu.",
    "Müller fährt über die Brücke nach Köln; schöne Grüße aus München, Straße.",
    "São Paulo, Raúl, Açaí, Itaú, Saúde, baú, coração, não, pão, João.",
    "1.234,5 km ± 3 °C ½ ¼ ¾ 100 × 200 ÷ 4 — 24/02/2017 06:30 – 11:30 § 3 ¶ 2",
    "Cô có con chó tên Bò; hoà, khoá, quà, quá, xuân, tiên, yên, thuê, hoè, què.",
    "«Văn phòng Điều phối» · © Báo Hà Tĩnh ® ¶ § ¹ ª º",
    "",
])
def test_detect_says_none_for_english_numbers_and_unicode(text):
    assert detect(text) is None


def test_detect_tells_the_two_encodings_apart():
    for path in _content_files():
        text = path.read_text(encoding="utf-8")
        assert detect(from_unicode(text, "tcvn3")) == "tcvn3", path
        assert detect(from_unicode(text, "vni")) == "vni", path
    assert detect(" ".join(t for t, _ in TCVN3_PAIRS)) == "tcvn3"
    assert detect(" ".join(t for t, _ in VNI_PAIRS)) == "vni"


@pytest.mark.parametrize(("font", "encoding", "capitals"), [
    (".VnTime", "tcvn3", False), (".VnTimeH", "tcvn3", True), (".VnArial", "tcvn3", False),
    (".VnArial NarrowH", "tcvn3", True), ("VnTime", "tcvn3", False),
    ("VNI-Times", "vni", False), ("VNI-Helve", "vni", False), ("vni-aptima", "vni", False),
    ("Times New Roman", None, False), ("Arial", None, False), ("", None, False),
    (None, None, False),
])
def test_encoding_of_font(font, encoding, capitals):
    assert encoding_of_font(font) == encoding
    assert capitals_font(font) is capitals


# --- invoke check --fix --------------------------------------------------------------------------

ARTICLE_TCVN3 = (
    "Title: H\xe9i ngh\xde to\xb5n qu\xe8c V\xa8n ph\xdfng \xa7i\xd2u ph\xe8i\n"
    "Date: 2017-02-08 16:45\nCategory: Th\xeai s\xf9\nSummary: Tin t\xf5 H\xb5 T\xdcnh.\n\n"
    "V\xa8n ph\xdfng \xa7i\xd2u ph\xe8i n\xabng th\xabn m\xedi t\xd8nh H\xb5 T\xdcnh "
    "t\xe6 ch\xf8c h\xe9i ngh\xde.\n\n"
    "Xem [b\xb6n \xae\xe5](https://example.vn/b\xb6n-\xae\xe5) v\xb5 <https://example.vn/\xb5>.\n"
)
ARTICLE_UNICODE = (
    "Title: Hội nghị toàn quốc Văn phòng Điều phối\n"
    "Date: 2017-02-08 16:45\nCategory: Thời sự\nSummary: Tin từ Hà Tĩnh.\n\n"
    "Văn phòng Điều phối nông thôn mới tỉnh Hà Tĩnh tổ chức hội nghị.\n\n"
    # Addresses stay as typed: only the words around them change.
    "Xem [bản đồ](https://example.vn/b\xb6n-\xae\xe5) và <https://example.vn/\xb5>.\n"
)
PAGE_UNICODE = "Title: Liên hệ\nSlug: lien-he\n\n## Ban Tổ chức\n\nĐiện thoại: 0239 3 693 224.\n"
PAGE_VNI = ("Title: Lie\xe2n he\xe4\nSlug: lien-he\n\n## Ban To\xe5 ch\xf6\xf9c\n\n"
            "\xd1ie\xe4n thoa\xefi: 0239 3 693 224.\n")


def _invoke_check(content: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([INVOKE, "check", "--content", str(content), *extra], cwd=ROOT,
                          capture_output=True, encoding="utf-8")


class _Headings(HTMLParser):
    def __init__(self):
        super().__init__()
        self.inside, self.texts = False, []

    def handle_starttag(self, tag, attrs):
        if tag == "h1":
            self.inside = True
            self.texts.append("")

    def handle_endtag(self, tag):
        if tag == "h1":
            self.inside = False

    def handle_data(self, data):
        if self.inside:
            self.texts[-1] += data


def _headings(output: Path) -> set[str]:
    found = set()
    for page in output.rglob("*.html"):
        parser = _Headings()
        parser.feed(page.read_text(encoding="utf-8"))
        found.update(" ".join(text.split()) for text in parser.texts)
    return found


def test_check_fix_converts_a_legacy_tree_which_then_builds(tmp_path):
    content = tiny_content(tmp_path)
    article = content / "articles" / "hoi-nghi.md"
    page = content / "pages" / "lien-he.md"
    programme = content / "programme" / "chuong-trinh.yaml"
    article.write_text(ARTICLE_TCVN3, encoding="utf-8")
    page.write_text(PAGE_VNI, encoding="utf-8")
    programme.parent.mkdir()
    programme_unicode = (ROOT / "content" / "programme" / "chuong-trinh.yaml").read_text("utf-8")
    programme.write_text(from_unicode(programme_unicode, "vni"), encoding="utf-8")
    originals = {path: path.read_bytes() for path in (article, page, programme)}

    # Without --fix: every file is named, with the way to fix it.
    refused = _invoke_check(content)
    assert refused.returncode == 1
    for shown, name in (("articles/hoi-nghi.md", "TCVN3"), ("pages/lien-he.md", "VNI"),
                        ("programme/chuong-trinh.yaml", "VNI")):
        line = next(line for line in refused.stderr.splitlines() if f"{shown}:1:" in line)
        assert f"bảng mã cũ {name}" in line and "invoke check --fix" in line

    fixed = _invoke_check(content, "--fix")
    assert fixed.returncode == 0, fixed.stderr
    report = fixed.stdout.splitlines()
    for shown, name, lines in (("articles/hoi-nghi.md", "TCVN3", 5),
                               ("pages/lien-he.md", "VNI", 3),
                               ("programme/chuong-trinh.yaml", "VNI", None)):
        sentence = next(line for line in report if line.startswith(f"{shown}:"))
        assert f"từ {name} sang Unicode" in sentence
        if lines is not None:
            assert f"{lines} dòng thay đổi" in sentence
    assert article.read_text(encoding="utf-8") == ARTICLE_UNICODE
    assert page.read_text(encoding="utf-8") == PAGE_UNICODE
    assert programme.read_text(encoding="utf-8") == programme_unicode
    for path, encoding in ((article, "tcvn3"), (page, "vni"), (programme, "vni")):
        assert path.with_name(f"{path.name}.{encoding}.bak").read_bytes() == originals[path]
        assert unicodedata.is_normalized("NFC", path.read_text(encoding="utf-8"))

    output = tmp_path / "output"
    build_site(output, content)
    headings = _headings(output)
    assert "Hội nghị toàn quốc Văn phòng Điều phối" in headings
    assert "Liên hệ" in headings
    assert any("Hội nghị toàn quốc Văn phòng Điều phối nông thôn mới" in h for h in headings)

    # A second --fix finds nothing left to do and writes nothing.
    before = {path: path.read_bytes() for path in content.rglob("*") if path.is_file()}
    again = _invoke_check(content, "--fix")
    assert again.returncode == 0
    assert "không đổi gì" in again.stdout
    assert {path: path.read_bytes() for path in content.rglob("*") if path.is_file()} == before


def test_fix_keeps_an_older_backup_and_reads_legacy_bytes(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    article = folder / "bai.md"
    raw = ARTICLE_TCVN3.encode("latin-1")  # saved as the 8-bit bytes, not as UTF-8
    article.write_bytes(raw)
    older = folder / "bai.md.tcvn3.bak"
    older.write_bytes(b"an older backup")
    settings = {"PATH": str(tmp_path), "ARTICLE_PATHS": ["articles"], "PAGE_PATHS": []}

    done = legacy_fix.fix_tree(settings)

    assert [(item.shown, item.encoding, item.backup.name) for item in done] == [
        ("articles/bai.md", "tcvn3", "bai.md.tcvn3.2.bak")]
    assert older.read_bytes() == b"an older backup"
    assert (folder / "bai.md.tcvn3.2.bak").read_bytes() == raw
    assert article.read_text(encoding="utf-8") == ARTICLE_UNICODE
    assert sorted(p.name for p in folder.iterdir()) == [
        "bai.md", "bai.md.tcvn3.2.bak", "bai.md.tcvn3.bak"]  # no temporary file left


def test_fix_keeps_lines_already_in_unicode(tmp_path):
    text = ("Title: H\xe9i ngh\xde t\xb5i ch\xddnh\nDate: 2017-02-08\nCategory: Thời sự\n\n"
            "Đoàn đại biểu thăm vườn mẫu ở Hà Tĩnh, café « Hồng » ©.\n"
            "\xa7o\xb5n \xae\xb9i bi\xd3u th\xa8m v\xad\xean m\xc9u \xeb H\xb5 T\xdcnh.\n\n"
            "\xb6nh: Th\xb5nh H\xb5. \xeb [\xae\xa9y](https://vi.example/\xb5) c\xf1a h\xe4.\n")
    converted, changed = legacy_fix.convert_text(text, detect(text))
    assert changed == 3
    assert converted.splitlines() == [
        "Title: Hội nghị tài chính", "Date: 2017-02-08", "Category: Thời sự", "",
        "Đoàn đại biểu thăm vườn mẫu ở Hà Tĩnh, café « Hồng » ©.",
        "Đoàn đại biểu thăm vườn mẫu ở Hà Tĩnh.", "",
        # A paragraph's and a sentence's first letters are capitals (.VnTimeH in the original).
        "Ảnh: Thành Hà. Ở [đây](https://vi.example/\xb5) của họ."]
