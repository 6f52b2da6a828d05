"""Shared pieces of the programme tests (this module holds no test itself).

A tiny site is written to a temporary folder and built by Pelican itself with the repository's
pelicanconf.py (every plugin, the real theme), strict like `invoke build`.
"""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup
from pelican import Pelican
from pelican.settings import read_settings

from sitekit import problems

ROOT = Path(__file__).resolve().parent.parent
DATA_FILE = "programme/chuong-trinh.yaml"

# A small programme in the shape editors write: two delegations, a visit and a plenary.
PROGRAMME = """\
event:
  id: hoi-nghi-thu
  name: Hội nghị thử nghiệm
  start: 24/02/2017 06:30
  end: 24/02/2017 11:30
  organizer:
    name: Văn phòng Điều phối thử
    url: https://example.org/vpdp
  venue: trung-tam
  updated: 2017-02-09 08:00
places:
  trung-tam:
    name: Trung tâm Văn hóa – Điện ảnh Hà Tĩnh
    address:
      street: Số 1 đường Thử
      district: Thành phố Hà Tĩnh
      province: Hà Tĩnh
    geo: [18.3425, 105.9055]
  vuon-a:
    name: Vườn mẫu xã A
    address:
      ward: Xã A
      district: Huyện B
      province: Hà Tĩnh
    tentative: true
  khu-b:
    name: Khu dân cư kiểu mẫu B
    address: Thôn 3, xã C, huyện D, Hà Tĩnh
sessions:
  - id: tham-quan
    title: Tham quan thực tế
    kind: visit
    start: "06:30"
    end: "08:40"
  - id: hoi-nghi
    title: Phiên toàn thể
    kind: plenary
    start: "09:00"
    end: "11:30"
    place: trung-tam
    description: Hơn 400 đại biểu dự.
delegations:
  - id: doan-1
    name: Đoàn 1
    session: tham-quan
    stops:
      - place: trung-tam
        depart: "06:30"
      - place: vuon-a
        arrive: "06:45"
        depart: "07:25"
        distance_km: 5,8
      - place: trung-tam
        arrive: "07:50"
        distance_km: 6.1
  - id: doan-2
    name: Đoàn 2
    session: tham-quan
    stops:
      - place: trung-tam
        depart: "06:30"
      - place: khu-b
        arrive: "06:50"
        depart: "07:35"
        distance_km: 12.5
      - place: trung-tam
        arrive: "08:40"
        distance_km: 8,7
"""

ARTICLE = """\
Title: {title}
Date: 2017-02-20 09:00
Category: Nông thôn mới
Author: Phóng viên
Summary: Bài thử về hội nghị.

{body}
"""


def write_site(root: Path, programme: str | None = PROGRAMME,
               articles: dict[str, tuple[str, str]] | None = None) -> Path:
    """Write a content tree: the programme (unless None) and articles {file: (title, body)}."""
    content = root / "content"
    (content / "articles").mkdir(parents=True, exist_ok=True)
    (content / "pages").mkdir(exist_ok=True)
    (content / "images").mkdir(exist_ok=True)
    if programme is not None:
        data = content / DATA_FILE
        data.parent.mkdir(exist_ok=True)
        data.write_text(programme, encoding="utf-8")
    for name, (title, body) in (articles or {"bai-thu.md": ("Bài thử", "Nội dung.")}).items():
        (content / "articles" / name).write_text(
            ARTICLE.format(title=title, body=body), encoding="utf-8")
    return content


def build(content: Path, output: Path, **override) -> Path:
    """Build `content` into `output` with Pelican itself; a refused build raises SystemExit."""
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={
        "PATH": str(content),
        "OUTPUT_PATH": str(output),
        "CACHE_PATH": str(output.parent / "cache"),
        "EDITORIAL": {"strict": True},
        **override,
    })
    Pelican(settings).run()
    return output


def errors() -> list[problems.Problem]:
    """The editor-facing errors of the last build in this process."""
    return problems.errors()


def page(output: Path, url: str) -> BeautifulSoup:
    """A built page by its URL (`chuong-trinh/` → chuong-trinh/index.html), parsed."""
    path = output / url / "index.html" if url.endswith("/") or not url else output / url
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def json_ld(document: BeautifulSoup) -> list[dict]:
    """Every JSON-LD block of a page, decoded."""
    return [json.loads(s.string) for s in document.find_all("script", type="application/ld+json")]


def event_ld(document: BeautifulSoup) -> dict:
    """The page's one schema.org Event (the theme may add other JSON-LD blocks)."""
    (event,) = [d for d in json_ld(document) if d.get("@type") == "Event"]
    return event


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the n-th line of `text` containing `needle` (to name expected lines)."""
    found = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    return found[occurrence - 1]
