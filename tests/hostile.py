"""Hypothesis strategies for content an editor (or an attacker) could hand the build.

Each strategy returns text shaped like what editors type (a metadata block, a date, a file
name) with hostile pieces put in at random places, so that shrinking ends on something a person
can read and retype. The data files (programme, photos) are in hostile_data.py.
"""

import datetime as dt
import unicodedata

from hypothesis import strategies as st

# Pieces that have broken text handling somewhere before: separators of the metadata block,
# bidi and zero-width marks, decomposed Vietnamese, path escapes, markup with script.
FRAGMENTS = [
    "\n", "\r\n", "\r", "\t", "  ", ":", ": ", "\x00", "\x0b", "\x1b[31m", "\u200f", "\u202e",
    "\u200b", "\ufeff", "\u2028", "\u0301", unicodedata.normalize("NFD", "Đoàn tham quan Hà Tĩnh"),
    "Đà Nẵng", "🙂", "👨‍👩‍👧", "€", "\\", "'", '"', "`", "#", "%s", "%(x)s", "{}", "{0}", "{slug}",
    "{{ 7*7 }}", "{% raw %}", "&amp;", "&#0;", "---", "Title: x", "{static}/../x",
    "{static}/../../x.jpg", "{filename}/../../../etc/passwd", "[x]({static}/../x)",
    "[x]({filename}/../../x.md)", "![ảnh](/images/../../x.jpg)", "![](/images/khong-co.jpg)",
    "<script>alert(1)</script>", "</script><script>alert(1)</script>",
    '<img src=x onerror="alert(1)">', '<a href="javascript:alert(1)" onclick="alert(1)">x</a>',
    "<!--", "<![CDATA[", "<svg onload=alert(1)>", "<style>*{}</style>", "..", "../", "/", "~",
    "[x]({programme}hoi-nghi)", "[x]({programme}khong-co)", "{programme}../../x",
    "[x]({programme}tham-quan#doan-1\"onclick=\"alert(1))", "[x]({filename}/pages/gioi-thieu.md)",
    "[x]({filename}bai.md#a)", "[x]({index})", "[x]({tag}ha-tinh)", "[x]({category}x)",
    "[^1]", "[^1]: chú thích", "*[NTM]: nông thôn mới", "{: onclick=\"alert(1)\" }",
    "-1", "0", "1e309", "NaN", "yes", "null", "[", "]", "{", "}", "['", "{'",
]

FIELDS = ["Title", "Date", "Modified", "Category", "Tags", "Author", "Summary", "Slug",
          "Status", "Image", "Featured", "Lang", "Save_as", "Url", "Template", "Authors",
          "Translation", "Keywords", "Description"]

# Values some fields give meaning to, mixed with the random ones.
MEANINGFUL = ["draft", "published", "hidden", "yes", "no", "true", "vi", "en", "index",
              "article", "page", "../x.html", "../../x.html", "../../../x.html", "/tmp/x.html",
              "x/../../../x.html", "/images/khong-co.jpg", "{static}/../x", "", " ", "a" * 300,
              ".", "index.html", "tim-kiem", "chu-de", "a#b", "a?b", "Đoàn tham quan", "en_US"]


def hostile_text(max_pieces: int = 6) -> st.SearchStrategy[str]:
    """Any Unicode but surrogates (no UTF-8 for them), hostile pieces, long runs."""
    piece = st.one_of(st.text(max_size=12), st.sampled_from(FRAGMENTS))
    return st.one_of(
        st.text(max_size=30),
        st.lists(piece, max_size=max_pieces).map("".join),
        st.builds(lambda unit, times: unit * times,
                  st.text(min_size=1, max_size=4) | st.sampled_from(["Đoàn ", "a", "ễ"]),
                  st.integers(60, 2000)),
    )


# -- dates -----------------------------------------------------------------------------------

_NUMBER = st.one_of(st.integers(0, 40), st.integers(-1, 100_000),
                    st.sampled_from([0, 1, 12, 13, 29, 30, 31, 32, 59, 60, 99, 1900, 9999]))
_YEAR = st.one_of(st.sampled_from(["0001", "0000", "1", "17", "99", "1900", "2017", "9999",
                                   "10000", "99999999999"]), st.integers(0, 10_000).map(str))
_TIME = st.one_of(
    st.just(""),
    st.builds(lambda h, m, sep: f"{sep}{h}:{m:02d}", _NUMBER, _NUMBER,
              st.sampled_from([" ", "T", ",", "  "])),
    st.builds(lambda h, m, s: f" {h:02d}:{m:02d}:{s:02d}", _NUMBER, _NUMBER, _NUMBER),
    st.builds(lambda h, m: f" {h}h{m}", _NUMBER, _NUMBER),
    st.sampled_from([" 16:45Z", "T16:45+07:00", "T16:45:00.123456+14:00", " 24:00", " 25:61",
                     "T16:45-99:00", " 16:45 GMT+7", " sáng", " 4pm"]),
)


_MOMENTS = st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31))
_PLAUSIBLE = st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2026, 1, 1))
_FORMS = ["%d/%m/%Y %H:%M", "%d/%m/%Y", "%-d/%-m/%Y", "%d.%m.%Y %Hh%M", "%Y-%m-%d %H:%M",
          "%Y-%m-%dT%H:%M:%S", "%d/%m/%y", "%Y-%m-%d", "%Y%m%d", "%d-%m-%Y %H:%M:%S"]
_ZONES = [dt.UTC, dt.timezone(dt.timedelta(hours=14)), dt.timezone(dt.timedelta(hours=-12)),
          dt.timezone(dt.timedelta(hours=7))]


def written_dates() -> st.SearchStrategy[str]:
    """Real moments (mostly plausible ones) written every way editors and ISO 8601 allow."""
    written = st.builds(lambda moment, form: moment.strftime(form) if moment.year >= 1000
                        else moment.isoformat(sep=" ", timespec="minutes"),
                        _PLAUSIBLE | _PLAUSIBLE | _MOMENTS, st.sampled_from(_FORMS))
    zoned = st.builds(lambda moment, zone: moment.replace(tzinfo=zone).isoformat(),
                      _PLAUSIBLE | _PLAUSIBLE | _MOMENTS, st.sampled_from(_ZONES))
    return written | zoned


def date_strings() -> st.SearchStrategy[str]:
    """Strings shaped like the dates editors type, with numbers out of range and odd years."""
    day_first = st.builds(lambda d, m, y, sep, time: f"{d}{sep}{m}{sep}{y}{time}",
                          _NUMBER, _NUMBER, _YEAR, st.sampled_from(["/", "-", ".", " / "]), _TIME)
    iso = st.builds(lambda y, m, d, time: f"{y}-{m:02d}-{d:02d}{time}",
                    _YEAR, _NUMBER, _NUMBER, _TIME)
    odd = st.sampled_from(["", " ", "ngày mai", "24/2", "2017", "2017-02", "08/02/17",
                           "0001-01-01", "9999-12-31 23:59", "0001-01-01 00:00", "9999-12-31",
                           "1/1/1", "31/12/9999 23:59", "2017-02-30", "2017-02-08 16:45\x00",
                           "9999-12-31T23:00-05:00", "1900-01-01T00:00+14:00"])
    return st.one_of(written_dates(), day_first, iso, odd,
                     st.builds(str.__add__, st.text(max_size=5), iso))


# -- article files ---------------------------------------------------------------------------

GOOD_META = {"Title": "Bài thử", "Date": "2017-02-08 16:45", "Category": "Thời sự"}


def _keys() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(FIELDS), st.sampled_from(FIELDS).map(str.lower),
                     st.from_regex(r"[A-Za-z][A-Za-z0-9_-]{0,12}", fullmatch=True),
                     st.text(max_size=12))


def _values() -> st.SearchStrategy[str]:
    return st.one_of(hostile_text(), date_strings(), st.sampled_from(MEANINGFUL))


@st.composite
def metadata_blocks(draw) -> str:
    """An article file: a metadata block (often starting from a good one) and a hostile body."""
    pairs = list(GOOD_META.items()) if draw(st.booleans()) else []
    pairs += draw(st.lists(st.tuples(_keys(), _values()), max_size=5))
    if draw(st.booleans()):  # shuffle, so that a repeated key can come before its first use
        pairs = draw(st.permutations(pairs))
    block = "\n".join(f"{key}: {value}" for key, value in pairs)
    body = draw(st.one_of(st.just("Nội dung bài."), hostile_text()))
    return f"{block}\n\n{body}\n"


def dated_article(date: str, modified: str | None = None) -> str:
    """A good article but for its dates."""
    lines = ["Title: Bài thử ngày tháng", f"Date: {date}", "Category: Thời sự"]
    if modified is not None:
        lines.append(f"Modified: {modified}")
    return "\n".join(lines) + "\n\nNội dung bài.\n"


# -- file names ------------------------------------------------------------------------------

def _fits(name: str) -> bool:
    encoded = name.encode("utf-8", "surrogatepass")
    return 0 < len(encoded) <= 255 and name not in (".", "..") and "/" not in name \
        and "\x00" not in name


def file_names(suffixes=(".md", ".MD", ".Md", ".markdown", ".md.md", ".md ", "", ".txt")):
    """Names a file system accepts: any Unicode, spaces, a leading `-`, dots, up to 255 bytes."""
    stem = st.one_of(
        st.text(st.characters(exclude_characters="/\x00", exclude_categories=["Cs"]),
                min_size=1, max_size=40),
        st.sampled_from(["-", "--help", "-rf", "..x", "...", ".an", " ", "bài viết", "con\u200fg",
                         unicodedata.normalize("NFD", "Đoàn tham quan"), "🙂" * 3, "a.b.c",
                         "x" * 240, "ễ" * 83, "🙂" * 61, "CON", "nul", "index", "tim-kiem"]),
    )
    return st.builds(str.__add__, stem, st.sampled_from(suffixes)).filter(_fits)
