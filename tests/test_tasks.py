"""The invoke tasks as an editor or deployer types them."""

import datetime as dt
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

INVOKE = str(Path(sys.executable).with_name("invoke"))


def invoke(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([INVOKE, *args], cwd=ROOT, capture_output=True, encoding="utf-8")


def test_task_list_has_every_task():
    listing = invoke("--list").stdout
    for name in ("build", "serve", "new", "check", "publish", "bench", "test", "clean"):
        assert f"  {name} " in listing


def test_new_scaffolds_a_draft_and_refuses_to_overwrite(tmp_path):
    before = dt.datetime.now(dt.timezone(dt.timedelta(hours=7))).replace(second=0, microsecond=0)
    made = invoke("new", "Đoàn công tác thăm Hà Tĩnh", "--content", str(tmp_path))
    assert made.returncode == 0, made.stderr
    article = tmp_path / "articles" / "doan-cong-tac-tham-ha-tinh.md"
    header = article.read_text("utf-8").split("\n\n")[0].splitlines()
    meta = {key: value.strip() for key, value in (line.split(":", 1) for line in header)}
    assert meta["Title"] == "Đoàn công tác thăm Hà Tĩnh"
    assert meta["Status"] == "draft"
    assert meta["Slug"] == "doan-cong-tac-tham-ha-tinh"
    written = dt.datetime.strptime(meta["Date"], "%Y-%m-%d %H:%M")
    assert abs(written - before.replace(tzinfo=None)) < dt.timedelta(minutes=2)

    article.write_text("Bài của phóng viên, không được mất.", encoding="utf-8")
    again = invoke("new", "Đoàn công tác thăm Hà Tĩnh", "--content", str(tmp_path))
    assert again.returncode != 0
    assert "đã có" in again.stderr and "Traceback" not in again.stderr
    assert article.read_text("utf-8") == "Bài của phóng viên, không được mất."


def test_build_task_reports_a_bad_article_in_one_sentence(tmp_path):
    from tiny_site import tiny_content, write_article

    content = tiny_content(tmp_path)
    write_article(content, "hong.md", raw="Date: 2017-02-08\nCategory: Thời sự\n\nKhông tiêu đề.\n")
    result = invoke("build", "--content", str(content), "--output", str(tmp_path / "out"))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if "articles/hong.md" in line]
    assert len(lines) == 1 and "thiếu Title" in lines[0]
    assert not (tmp_path / "out").exists()
