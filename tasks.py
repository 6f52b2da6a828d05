"""Tasks for editors, deployers and developers. `invoke --list` shows them.

Nothing here reads the site's settings at import time, so a broken pelicanconf.py never hides
the task list; each task runs Pelican in-process and prints Vietnamese sentences, not tracebacks.
"""

import shutil
import sys
from pathlib import Path

from invoke import Exit, task

ROOT = Path(__file__).resolve().parent
SETTINGS = ROOT / "pelicanconf.py"
PUBLISH_SETTINGS = ROOT / "publishconf.py"
CONTENT = ROOT / "content"
OUTPUT = ROOT / "output"


def _build(content: Path | None, output: Path | None, **kwargs) -> None:
    from sitebuild import console
    from sitebuild.build import BuildFailed, BuildOptions, ending_after_build
    from sitebuild.build import build as run_build

    console.setup()
    options = BuildOptions(settings_file=kwargs.pop("settings", SETTINGS), content=content,
                           output=output, **kwargs)
    try:
        print(run_build(options))
    except BuildFailed as failure:
        raise Exit(str(failure), code=1) from None
    ending_after_build()


@task(help={"content": "thư mục nội dung khác (mặc định content/)",
            "output": "thư mục kết quả khác (mặc định output/)",
            "drafts": "dựng cả bản nháp, có đánh dấu \"Bản nháp\""})
def build(c, content=None, output=None, drafts=False):
    """Dựng trang (chế độ nghiêm ngặt) rồi thay output/ trọn vẹn khi mọi kiểm tra đạt."""
    _build(Path(content) if content else None, Path(output) if output else None, drafts=drafts)


@task(help={"port": "cổng (mặc định 8000)",
            "content": "thư mục nội dung khác (mặc định content/)",
            "output": "thư mục kết quả khác (mặc định output/)"})
def serve(c, port=8000, content=None, output=None):
    """Dựng, mở trang tại http://127.0.0.1:8000/ và tự dựng lại, tải lại khi lưu tệp."""
    from sitebuild import console
    from sitebuild.build import BuildOptions
    from sitebuild.preview import Preview
    from sitebuild.serve import end_on_sigterm
    from sitebuild.serve import serve as run_server

    console.setup()
    end_on_sigterm()
    content_dir = Path(content).resolve() if content else CONTENT
    output_dir = Path(output).resolve() if output else OUTPUT
    watched = [content_dir, ROOT / "theme", ROOT / "plugins", ROOT / "sitekit", SETTINGS]
    preview = Preview(BuildOptions(settings_file=SETTINGS, content=content_dir,
                                   output=output_dir), watched)
    run_server(preview.rebuild, output_dir, watched, port=int(port),
               status=lambda: preview.status, first_look=preview.first_look)


@task(help={"title": "tiêu đề bài viết, trong ngoặc kép",
            "content": "thư mục nội dung khác (mặc định content/)"})
def new(c, title, content=None):
    """Tạo bài viết mới content/articles/<slug>.md (bản nháp) với đủ phần thông tin đầu bài."""
    from pelican.settings import read_settings

    from sitebuild.scaffold import ScaffoldError, new_article

    category = (read_settings(str(SETTINGS)).get("CATEGORIES") or ["Thời sự"])[0]
    try:
        path = new_article(title, Path(content) if content else CONTENT, category)
    except ScaffoldError as error:
        raise Exit(f"Lỗi: {error}", code=1) from None
    print(f"Đã tạo {path} (bản nháp). Mở tệp để viết bài.")


@task(name="import",  # `import` is a Python keyword: the function is import_
      help={"path": "tệp .docx, thư mục chứa các tệp .docx, hoặc mẫu trong ngoặc kép "
                    "như \"bai/*.docx\"",
            "content": "thư mục nội dung khác (mặc định content/)"})
def import_(c, path, content=None):
    """Nhập tệp Word (.docx) thành bài nháp content/articles/<slug>.md, ảnh vào content/images/."""
    from pelican.settings import read_settings

    from sitebuild.word_import import expand, import_all

    category = (read_settings(str(SETTINGS)).get("CATEGORIES") or ["Thời sự"])[0]
    paths = expand(path)
    if not paths:
        raise Exit(f"Lỗi: thư mục {path} không có tệp .docx nào → chọn đúng thư mục hoặc tệp.",
                   code=1)
    outcome = import_all(paths, Path(content) if content else CONTENT, category)
    for imported in outcome.imported:
        print(imported)
    if outcome.refused:
        raise Exit("\n".join(f"Lỗi: {sentence}" for sentence in outcome.refused), code=1)


@task(help={"content": "thư mục nội dung khác (mặc định content/)",
            "fix": "chuyển tệp gõ bằng bảng mã cũ (TCVN3, VNI) sang Unicode, giữ bản gốc .bak"})
def check(c, content=None, fix=False):
    """Kiểm tra mọi bài, trang và chương trình; liệt kê mọi lỗi, không ghi trang nào.

    Với --fix: trước đó chuyển các tệp gõ bằng TCVN3 hay VNI sang Unicode (giữ bản gốc .bak).
    """
    from sitebuild import console, legacy_fix
    from sitebuild.build import BuildOptions
    from sitebuild.build import check as run_check
    from sitekit.problems import unfinished

    console.setup()
    options = BuildOptions(settings_file=SETTINGS, content=Path(content) if content else None)
    if fix:  # before the check, which then sees the converted files
        print(legacy_fix.summary(legacy_fix.fix(options)))
    found = run_check(options)
    errors = sum(problem.severity == "error" for problem in found)
    summary = f"Kiểm tra xong: {errors} lỗi, {len(found) - errors} cảnh báo."
    if errors and unfinished():  # stopped before reading: photos, programme links unchecked
        raise Exit(summary + " Sửa các lỗi trên rồi chạy lại: ảnh và liên kết tới chương trình "
                   "chưa được kiểm tra, có thể còn lỗi khác.", code=1)
    if errors:
        raise Exit(summary + " Sửa các lỗi trên rồi chạy lại.", code=1)
    print(summary)


@task(help={"remote": "kho git đích (mặc định origin)", "branch": "nhánh (mặc định gh-pages)",
            "cname": "tên miền riêng (như tin.example.vn), ghi vào tệp CNAME",
            "allow_dirty": "cho phép xuất bản khi còn thay đổi chưa commit"})
def publish(c, remote="origin", branch="gh-pages", cname=None, allow_dirty=False):
    """Dựng nghiêm ngặt với publishconf.py vào thư mục riêng, kiểm tra, rồi đẩy đúng bản đó lên."""
    from sitebuild import console
    from sitebuild.publish import PublishError
    from sitebuild.publish import publish as run_publish

    console.setup()
    try:
        print(run_publish(ROOT, remote=remote, branch=branch, cname=cname,
                          allow_dirty=allow_dirty))
    except PublishError as error:
        raise Exit(f"Không xuất bản: {error}", code=1) from None


@task(help={"images": "đo riêng xử lý ảnh", "edit": "đo thời gian dựng lại sau khi sửa một bài",
            "search": "đo dung lượng tải và độ trễ của tìm kiếm",
            "articles": "số bài của bộ dữ liệu sinh ra (mặc định 1000)"})
def bench(c, images=False, edit=False, search=False, articles=1000):
    """Đo tốc độ so với Pelican gốc trong cùng một lần chạy; in tỉ lệ."""
    from bench import run

    run.main(images=images, edit=edit, search=search, articles=int(articles))


@task(help={"k": "chỉ chạy các bài kiểm thử khớp biểu thức này"})
def test(c, k=None):
    """Chạy toàn bộ bộ kiểm thử (cần Chromium: python3 bootstrap.py test cài đặt nó)."""
    args = [sys.executable, "-m", "pytest"] + (["-k", k] if k else [])
    c.run(" ".join(args), pty=False)


@task(help={"images": "xóa cả bộ nhớ đệm ảnh đã xử lý"})
def clean(c, images=False):
    """Xóa output/ (và bộ nhớ đệm ảnh với --images)."""
    from sitebuild import console
    from sitebuild.build import BuildFailed, one_at_a_time
    from sitebuild.staging import leftovers

    console.setup()
    targets = [OUTPUT, ROOT / ".cache" / "pelican"]
    if images:
        targets.append(ROOT / ".cache" / "images")
    try:
        with one_at_a_time(OUTPUT):  # not under a build that is writing output/
            for target in targets + leftovers(OUTPUT):
                if target.is_dir():
                    shutil.rmtree(target, ignore_errors=True)
                else:
                    target.unlink(missing_ok=True)
    except BuildFailed:
        raise Exit("Chưa xóa gì.", code=1) from None
    print("Đã xóa: " + ", ".join(str(t.relative_to(ROOT)) for t in targets))
