"""Programme mistakes an editor meets: each told once, at the line to fix, naming what exists."""

import pytest
from test_programme_support import ARTICLE, DATA_FILE, PROGRAMME, build, errors, line_of, write_site

THIRD_SESSION = PROGRAMME.replace("delegations:\n", """\
  - id: van-nghe
    title: Văn nghệ
    kind: performance
    start: "08:40"
    end: "09:00"
    place: trung-tam
delegations:
""")


def _refused(tmp_path, programme: str = PROGRAMME, articles=None):
    content = write_site(tmp_path, programme=programme, articles=articles)
    with pytest.raises(SystemExit) as stopped:
        build(content, tmp_path / "output")
    assert stopped.value.code == 1
    found = errors()
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


def test_an_unknown_session_of_a_delegation_lists_only_visits(tmp_path):
    text = THIRD_SESSION.replace("    session: tham-quan\n", "    session: tham-quan-x\n", 1)
    problem = _refused(tmp_path, text)
    assert problem.line == line_of(text, "session: tham-quan-x")
    assert "(tham-quan)" in problem.fix
    assert "hoi-nghi" not in problem.fix and "van-nghe" not in problem.fix


def test_an_empty_list_of_stops_is_an_error_at_its_line(tmp_path):
    start = PROGRAMME.index("  - id: doan-2")
    text = PROGRAMME[:start] + "  - id: doan-2\n    name: Đoàn 2\n    stops: []\n"
    problem = _refused(tmp_path, text)
    assert problem.path == DATA_FILE
    assert problem.line == line_of(text, "stops: []")
    assert "Đoàn 2" in problem.message and "không có điểm dừng" in problem.message


def test_an_unclosed_quote_is_named_where_it_opens(tmp_path):
    text = PROGRAMME.replace('        arrive: "06:45"', '        arrive: "06:45', 1)
    problem = _refused(tmp_path, text)
    assert problem.line == line_of(text, 'arrive: "06:45')
    assert "ngoặc kép" in problem.message and "thụt lề" not in problem.message


@pytest.mark.parametrize(("link", "sentence", "known"), [
    ("{programme}tham-quan#doan-9", "đoàn “doan-9” của phiên “tham-quan”", "doan-1, doan-2"),
    ("{programme}../../etc", "phiên “../../etc”", "tham-quan, hoi-nghi"),
    # No map is drawn (one place only has geo): its anchor leads nowhere.
    ("{programme}tham-quan#tham-quan-ban-do", "“tham-quan-ban-do”", "doan-1, doan-2"),
])
def test_a_programme_link_to_nothing_names_the_ids_that_exist(tmp_path, link, sentence, known):
    body = f"Đoạn đầu.\n\nXem [lộ trình]({link}) của đoàn."
    problem = _refused(tmp_path, articles={"bai-lich.md": ("Bài có lịch", body)})
    assert problem.path == "articles/bai-lich.md"
    assert problem.line == line_of(ARTICLE.format(title="Bài có lịch", body=body), link)
    assert sentence in problem.message
    assert known in problem.fix


def test_a_link_to_a_delegation_of_its_session_builds(tmp_path):
    body = ("Xem [lộ trình]({programme}tham-quan#doan-2), [bài]({programme}tham-quan#bai-viet)"
            " và [bản đồ]({programme}tham-quan#tham-quan-ban-do).")
    # A second place with geo: the visit gets its route map.
    text = PROGRAMME.replace("    tentative: true\n",
                             "    tentative: true\n    geo: [18.40, 105.80]\n", 1)
    content = write_site(tmp_path, programme=text,
                         articles={"bai-lich.md": ("Bài có lịch", body)})
    build(content, tmp_path / "output")
    assert errors() == []
    # The map's anchor is the figure's id on the session page the link leads to.
    session = next((tmp_path / "output").rglob("tham-quan/index.html")).read_text("utf-8")
    assert 'id="tham-quan-ban-do"' in session


def test_every_sentence_has_one_style_lower_case_and_no_full_stop_before_the_arrow(tmp_path):
    # Programme sentences were `Loại phiên “hop” … danh sách. → …`, the photo one `ảnh “…”. →`,
    # the articles' `không đọc được … → …`: one style, the one the editors' guide quotes.
    text = PROGRAMME.replace("    kind: plenary", "    kind: hop")
    body = "Xem [lịch]({programme}khong-co).\n\n![Ảnh](/images/khong-co.jpg)"
    content = write_site(tmp_path, programme=text, articles={"bai.md": ("Bài", body)})
    with pytest.raises(SystemExit):
        build(content, tmp_path / "output")
    told = [str(p) for p in errors()]
    assert any("loại phiên “hop”" in t for t in told), told
    assert any("không tìm thấy ảnh" in t for t in told), told
    for sentence in told:
        where, _, rest = sentence.partition(": ")
        assert ". →" not in rest and not rest.endswith("."), sentence
        assert not rest[:1].isupper(), sentence
