"""What editors read when a photo cannot be used: one sentence naming the article and the photo."""

from __future__ import annotations

from pathlib import Path

from sitekit.problems import Problem
from sitekit.source_lines import line_of

from .library import Photo
from .pixels import NOT_IMAGE, TOO_LARGE, TOO_SMALL
from .settings import Recipe

_REEXPORT = "mở ảnh gốc bằng phần mềm ảnh, lưu lại dạng JPEG rồi chép đè vào content/images/"


def problem(article: str, source: Path, ref: str, photo: Photo | None, recipe: Recipe) -> Problem:
    """Describe what is wrong with photo `ref` (as written) of `article`."""
    line = line_of(str(source), ref)  # the file is read again only when something is wrong
    if photo is None:
        return Problem(article, f"không tìm thấy ảnh “{ref}”",
                       "kiểm tra tên tệp (chữ hoa, chữ thường, dấu) hoặc chép ảnh vào "
                       "content/images/", line)
    manifest = photo.manifest
    size = f"{manifest.width}×{manifest.height} điểm ảnh"
    if manifest.error == NOT_IMAGE:
        return Problem(article, f"tệp “{ref}” không phải là ảnh (không đọc được định dạng)",
                       f"{_REEXPORT}", line)
    if manifest.error == TOO_LARGE:
        limit = f"{recipe.max_pixels / 1_000_000:g}".replace(".", ",")
        measured = f" ({size})" if manifest.width else ""
        return Problem(article, f"ảnh “{ref}” quá lớn{measured}, vượt giới hạn {limit} triệu "
                                "điểm ảnh: có thể là tệp độc hại (bom giải nén)",
                       "thu nhỏ ảnh (cạnh dài khoảng 3000–6000 điểm ảnh) rồi chép đè", line)
    if manifest.error == TOO_SMALL:
        return Problem(article, f"ảnh “{ref}” quá nhỏ ({size}; mỗi cạnh cần ít nhất "
                                f"{recipe.min_side} điểm ảnh)",
                       "dùng ảnh gốc cỡ lớn thay cho ảnh thu nhỏ hoặc biểu tượng", line)
    return Problem(article, f"ảnh “{ref}” bị hỏng hoặc chép chưa hết, không giải mã được",
                   f"chép lại ảnh từ máy ảnh hoặc điện thoại; nếu vẫn lỗi, {_REEXPORT}", line)
