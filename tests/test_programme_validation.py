"""Mistakes in the programme data stop the build with the file, the line and the fix."""

import logging

import pytest
from test_programme_support import (
    ARTICLE,
    DATA_FILE,
    PROGRAMME,
    build,
    errors,
    line_of,
    write_site,
)


def _fails(tmp_path, programme: str, articles=None, caplog=None):
    """Build and expect a refusal; return the single error it reported."""
    content = write_site(tmp_path, programme=programme, articles=articles)
    with pytest.raises(SystemExit) as stopped:
        build(content, tmp_path / "output")
    assert stopped.value.code == 1
    assert not (tmp_path / "output" / "chuong-trinh").exists()
    found = errors()
    assert len(found) == 1, [str(p) for p in found]
    if caplog is not None:  # the editor reads the same sentence in the build's log
        assert str(found[0]) in caplog.text
    return found[0]


def _swap(old: str, new: str, count: int = 1) -> str:
    assert PROGRAMME.count(old) >= count, old
    return PROGRAMME.replace(old, new, count)


# Each case: the broken text, the line it is on, words the sentence must say, words of the fix.
CASES = {
    "end_before_start": (
        _swap('    end: "11:30"', '    end: "08:00"'), '    end: "08:00"',
        "phiên “Phiên toàn thể” kết thúc lúc 08:00 ngày 24/02/2017, không sau lúc bắt đầu "
        "(09:00 ngày 24/02/2017)", "sửa “end” cho muộn hơn “start”"),
    "unknown_place": (
        _swap("    place: trung-tam\n", "    place: trung-tam-moi\n"), "place: trung-tam-moi",
        "phiên “Phiên toàn thể” ghi địa điểm “trung-tam-moi”, nhưng mục places không có "
        "địa điểm nào mang mã này", "dùng một mã có sẵn (trung-tam, vuon-a, khu-b)"),
    "unknown_stop_place": (
        _swap("      - place: khu-b", "      - place: khu-c"), "- place: khu-c",
        "điểm dừng thứ 2 của đoàn “Đoàn 2” ghi địa điểm “khu-c”", "thêm “khu-c:” vào mục places"),
    "overlapping_stops": (
        _swap('        arrive: "07:50"', '        arrive: "07:10"'), 'arrive: "07:10"',
        "điểm dừng thứ 3 của đoàn “Đoàn 1” (Trung tâm Văn hóa – Điện ảnh Hà Tĩnh) bắt đầu "
        "lúc 07:10, khi đoàn còn ở điểm trước (Vườn mẫu xã A, đến 07:25 mới rời): "
        "hai điểm chồng giờ nhau",
        "cho điểm sau bắt đầu sau giờ đoàn rời điểm trước"),
    "session_outside_the_event": (
        _swap('    end: "11:30"', '    end: "12:30"'), '    end: "12:30"',
        "phiên “Phiên toàn thể” (09:00 ngày 24/02/2017 – 12:30 ngày 24/02/2017) nằm ngoài "
        "thời gian hội nghị (06:30 ngày 24/02/2017 – 11:30 ngày 24/02/2017)",
        "sửa “start”/“end” của mục event"),
    "session_on_another_day": (
        _swap('    start: "09:00"', '    date: 25/02/2017\n    start: "09:00"'), "date: 25/02/2017",
        "nằm ngoài thời gian hội nghị", "cho nằm trong thời gian hội nghị"),
    "duplicate_session_id": (
        _swap("  - id: hoi-nghi", "  - id: tham-quan"), "  - id: tham-quan",
        "mã “tham-quan” bị trùng: đã dùng cho một phiên khác ở programme/chuong-trinh.yaml:",
        "mỗi phiên, đoàn và địa điểm cần một mã riêng"),
    "duplicate_place_id": (
        _swap("sessions:\n", "  vuon-a:\n    name: Vườn trùng mã\n    address: Xã X\nsessions:\n"),
        "  vuon-a:",
        "khoá “vuon-a” xuất hiện hai lần trong cùng một khối (lần đầu ở dòng",
        "mỗi mã phải là duy nhất"),
    "yaml_syntax": (
        _swap("    title: Phiên toàn thể", "    title: Phiên toàn thể: khai mạc"),
        "title: Phiên toàn thể: khai mạc",
        "tệp chương trình viết sai cú pháp YAML: có dấu hai chấm “:” ở chỗ không được phép",
        "đặt trong ngoặc kép những giá trị có dấu “:”"),
    "yaml_tab": (
        _swap("    kind: plenary", "\tkind: plenary"), "\tkind: plenary",
        "tệp chương trình viết sai cú pháp YAML", "thụt lề chỉ bằng dấu cách"),
    "missing_required_key": (
        _swap("    title: Phiên toàn thể\n", ""), "  - id: hoi-nghi",
        "phiên “hoi-nghi” thiếu khoá bắt buộc “title”",
        "thêm khoá “title” vào phiên “hoi-nghi”, ví dụ `title: "),
    "place_missing_address": (
        _swap("    address: Thôn 3, xã C, huyện D, Hà Tĩnh\n", ""), "  khu-b:",
        "địa điểm “khu-b” thiếu khoá bắt buộc “address”",
        "thêm khoá “address” vào địa điểm “khu-b”, ví dụ `address: "),
    "event_missing_updated": (
        _swap("  updated: 2017-02-09 08:00\n", ""), "event:",
        "mục event thiếu khoá bắt buộc “updated”",
        "thêm khoá “updated” vào mục event, ví dụ `updated: "),
    "missing_distance": (
        _swap("        distance_km: 12.5\n", ""), "      - place: khu-b",
        "điểm dừng thứ 2 của đoàn “Đoàn 2” thiếu khoá bắt buộc “distance_km”",
        "ví dụ `distance_km: 12,5`"),
    "bad_time_format": (
        _swap('    start: "09:00"', '    start: "9 giờ"'), 'start: "9 giờ"',
        "“9 giờ” ở khoá “start” của phiên “Phiên toàn thể” không phải là giờ hợp lệ",
        "viết giờ:phút theo 24 giờ, ví dụ 07:30"),
    "impossible_time": (
        _swap('    end: "11:30"', '    end: "25:30"'), 'end: "25:30"',
        "“25:30” ở khoá “end” của phiên “Phiên toàn thể” không phải là giờ hợp lệ",
        "viết giờ:phút theo 24 giờ"),
    "unknown_kind": (
        _swap("    kind: plenary", "    kind: hop"), "kind: hop",
        "loại phiên “hop” không có trong danh sách", "dùng một trong: registration, visit"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_mistake_names_the_file_the_line_and_the_fix(tmp_path, caplog, case):
    text, on_line, sentence, fix = CASES[case]
    caplog.set_level(logging.ERROR)
    problem = _fails(tmp_path, text, caplog=caplog)
    assert problem.path == DATA_FILE
    assert problem.line == line_of(text, on_line, occurrence=2 if case.startswith("duplicate")
                                   else 1)
    assert sentence in problem.message
    assert fix in problem.fix


def test_the_duplicate_message_points_at_the_first_one(tmp_path):
    text = CASES["duplicate_session_id"][0]
    problem = _fails(tmp_path, text)
    first = line_of(text, "  - id: tham-quan")
    assert problem.message.endswith(f"programme/chuong-trinh.yaml:{first}")


def test_times_written_without_quotes_are_times(tmp_path):
    # YAML 1.1 reads an unquoted 11:30 as the number 690; editors should not have to know.
    content = write_site(tmp_path, programme=PROGRAMME.replace('"', ""))
    output = build(content, tmp_path / "output")
    assert errors() == []
    assert (output / "lich" / "phien" / "hoi-nghi.ics").exists()


def test_an_article_linking_an_unknown_session_names_the_article_and_line(tmp_path, caplog):
    body = "Đoạn đầu.\n\nXem [lịch]({programme}khai-mac) của hội nghị."
    caplog.set_level(logging.ERROR)
    problem = _fails(tmp_path, PROGRAMME, articles={"bai-lich.md": ("Bài có lịch", body)},
                     caplog=caplog)
    assert problem.path == "articles/bai-lich.md"
    assert problem.line == line_of(ARTICLE.format(title="Bài có lịch", body=body), "{programme}")
    assert problem.message == ("bài “Bài có lịch” dẫn tới phiên “khai-mac”, nhưng chương trình "
                               "không có phiên nào mang mã này")
    assert problem.fix == "dùng một mã phiên có sẵn: tham-quan, hoi-nghi"


def test_a_wrong_programme_setting_is_named(tmp_path):
    content = write_site(tmp_path)
    with pytest.raises(SystemExit):
        build(content, tmp_path / "output", PROGRAMME={"SESSION_URL": "phien/"})
    (problem,) = errors()
    assert problem.path == "pelicanconf.py"
    assert "PROGRAMME['SESSION_URL'] phải là một mẫu chứa {id}" in problem.message
