"""Hypothesis strategies for the data files content holds: the programme YAML, photos.

Like hostile.py, each starts from something that builds and puts hostile pieces in at random
places, or is a known trap kept as a literal (YAML tags, aliases, decompression bombs).
"""

import copy
import io
import zlib

import yaml
from hostile import date_strings, hostile_text
from hypothesis import strategies as st

# -- the programme ---------------------------------------------------------------------------

def base_programme() -> dict:
    """The README's programme, complete enough to build."""
    return {
        "event": {"name": "Hội nghị toàn quốc Văn phòng Điều phối nông thôn mới",
                  "start": "24/02/2017 06:30", "end": "24/02/2017 11:30",
                  "organizer": "Văn phòng Điều phối nông thôn mới Trung ương",
                  "venue": "trung-tam-van-hoa", "updated": "09/02/2017 08:00",
                  "tentative": True},
        "places": {
            "trung-tam-van-hoa": {"name": "Trung tâm Văn hóa – Điện ảnh Hà Tĩnh",
                                  "address": {"district": "Thành phố Hà Tĩnh",
                                              "province": "Hà Tĩnh"},
                                  "geo": [18.3425, 105.9055]},
            "vuon-mau-thach-ha": {"name": "Vườn mẫu Thạch Hà", "address": "Thạch Hà, Hà Tĩnh"},
        },
        "sessions": [
            {"id": "tham-quan", "title": "Tham quan thực tế mô hình nông thôn mới",
             "kind": "visit", "start": "06:30", "end": "08:40"},
            {"id": "hoi-nghi", "title": "Phiên toàn thể hội nghị", "kind": "plenary",
             "start": "09:40", "end": "11:30", "place": "trung-tam-van-hoa",
             "speakers": ["Thanh Hà"]},
        ],
        "delegations": [
            {"id": "doan-1", "name": "Đoàn 1", "session": "tham-quan", "stops": [
                {"place": "trung-tam-van-hoa", "depart": "06:30"},
                {"place": "vuon-mau-thach-ha", "arrive": "06:45", "depart": "07:25",
                 "distance_km": "5,8"},
            ]},
        ],
    }


def _places(node, path=()):
    """Every path into the document: (path, node) for mappings, lists and leaves alike."""
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _places(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _places(value, (*path, index))


_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.sampled_from([2**64, -(2**63), 10**100]),
    st.floats(allow_nan=True, allow_infinity=True), hostile_text(4), date_strings(),
    st.sampled_from(["khong-co", "trung-tam-van-hoa", "tham-quan", "hoi-nghi", "doan-1",
                     "visit", "plenary", "break", "Asia/Ho_Chi_Minh", "Mars/Olympus",
                     "../../etc", "11:30", "06:00", "23:59", "24:00", "00:00", "5,8", "-3",
                     "Tiêu đề\nxuống dòng", ""]),
)
_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3),
    st.dictionaries(st.one_of(st.text(max_size=8), st.sampled_from(
        ["id", "name", "start", "end", "place", "stops", "kind", "title", "geo"])),
        inner, max_size=3)), max_leaves=6)


@st.composite
def programme_documents(draw) -> dict:
    """The base programme with a few random places replaced, removed or added to."""
    document = copy.deepcopy(base_programme())
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(list(_places(document))))
        if not path:
            continue
        *parents, last = path
        holder = document
        for step in parents:
            holder = holder[step]
        action = draw(st.sampled_from(["replace", "replace", "delete", "add", "swap"]))
        if action == "replace":
            holder[last] = draw(_VALUES)
        elif action == "delete":
            del holder[last]
        elif action == "add" and isinstance(holder[last], dict):
            holder[last][draw(st.text(max_size=10))] = draw(_VALUES)
        elif action == "add" and isinstance(holder[last], list):
            holder[last].append(draw(_VALUES))
        elif action == "swap" and isinstance(holder, dict) and {"start", "end"} <= holder.keys():
            holder["start"], holder["end"] = holder["end"], holder["start"]
    return document


def dump_programme(document: object) -> str:
    """YAML as an editor's file would hold it (block style, Unicode kept)."""
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=1000)


def _nested_aliases(depth: int, fan: int) -> str:
    lines = ['a0: &a0 ["ha", "ha"]']
    for level in range(1, depth + 1):
        refs = ", ".join([f"*a{level - 1}"] * fan)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + f"\nevent: {{name: *a{depth}}}\n"


RAW_YAML = [
    "event: !!python/object/apply:os.system ['touch PWNED']\n",
    "event: !!python/name:os.system\n",
    "!!python/object:argparse.Namespace {x: 1}\n",
    "event: &e {name: x, self: *e}\n",
    "sessions: &s [*s]\n",
    "places: &p {a: *p}\nevent: {venue: *p}\n",
    "event:\n\tname: x\n",
    "event: {name: \"x\n",
    "? [a, b]\n: x\n",
    "? {a: b}\n: x\nevent: {name: x}\n",
    "event: {name: !!binary aGk=, start: !!set {a, b}}\n",
    "event: !!omap [{a: 1}]\n",
    "<<: *undefined\n",
    "event:\n  <<: [1, 2]\n",
    "--- a\n--- b\n",
    "[" * 5000 + "]" * 5000 + "\n",
    "a: " + "[" * 200 + "]" * 200 + "\n",
    "event: {name: x, start: 24/02/2017 06:30, end: 24/02/2017 05:30}\n" * 3,
    "sessions:\n  - id: x\n    start: 99999999999999999999:00\n",
    "sessions: 1e400\n",
    "\ufeff\ufeffevent: {}\n",
    "\x00\x01\x02",
    "event: {name: \"\\uD800\"}\n",
    "%YAML 9.9\n---\na: 1\n",
    "%TAG !x! tag:yaml.org,2002:python/\n---\nevent: !x!object/apply:os.system ['x']\n",
    _nested_aliases(8, 8),
]


def raw_yaml() -> st.SearchStrategy[bytes]:
    """Hostile YAML as bytes: known traps, random text, and bytes that are not UTF-8 at all."""
    return st.one_of(
        st.sampled_from(RAW_YAML).map(str.encode),
        st.builds(lambda a, b: (a + b).encode(), st.sampled_from(RAW_YAML),
                  st.sampled_from(RAW_YAML)),
        hostile_text().map(lambda text: text.encode()),
        st.binary(max_size=64),
        st.builds(lambda text, junk: dump_programme(base_programme()).replace(
            "  ", text, 1).encode() + junk, st.sampled_from(["\t", " \t", "   ", "\x00"]),
            st.binary(max_size=4)),
    )


# -- photos ----------------------------------------------------------------------------------

def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares a size and holds almost no pixels: a decompression bomb's shape."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (len(data).to_bytes(4, "big") + kind + data
                + zlib.crc32(kind + data).to_bytes(4, "big"))
    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))


def _image(mode: str, size: tuple[int, int], kind: str, orientation: int | None) -> bytes:
    from PIL import Image

    picture = Image.new(mode, size)
    buffer = io.BytesIO()
    options = {}
    if orientation is not None:
        exif = Image.Exif()
        exif[0x0112] = orientation
        options["exif"] = exif.tobytes()
    try:
        picture.save(buffer, kind, **options)
    except (OSError, ValueError, KeyError):  # a mode this format cannot hold: as RGB, then
        buffer = io.BytesIO()
        picture.convert("RGB").save(buffer, kind, **options)
    return buffer.getvalue()


def photos() -> st.SearchStrategy[bytes]:
    """Image files: odd modes, sizes and EXIF orientations, truncated, bombs, not images."""
    images = st.builds(
        _image, st.sampled_from(["RGB", "RGBA", "L", "LA", "P", "CMYK", "I;16", "1", "I", "F"]),
        st.tuples(st.integers(16, 64), st.integers(16, 64))
        | st.sampled_from([(1, 1), (16, 3000), (3000, 16), (15, 40)]),
        st.sampled_from(["JPEG", "PNG", "GIF", "WEBP", "TIFF", "BMP"]),
        st.none() | st.sampled_from([0, 1, 3, 5, 6, 8, 9, 65535]))
    return st.one_of(
        images,
        st.builds(lambda data, keep: data[:keep], images, st.integers(0, 300)),
        st.binary(max_size=256),
        st.sampled_from([_png_header_only(9000, 9000), _png_header_only(60000, 60000),
                         _png_header_only(0, 10), b"", b"GIF89a", b"\xff\xd8\xff"]),
    )
