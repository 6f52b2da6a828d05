"""A photo whose EXIF is broken is used as it stands, with no English warning in the output.

Pillow warns `Corrupt EXIF data. Expecting to read 4 bytes but only got 0.` for the EXIF some
phones and editing programs write; no EXIF reaches a derivative, so the warning is ignored
(plugins/images/pixels.py) rather than printed into the build an editor reads.
"""

import io
import struct
import warnings

from images_site import build, photo, write_article
from PIL import Image

# A TIFF header and one IFD entry (Orientation = 1), cut before the next-IFD offset.
BROKEN_EXIF = (b"Exif\x00\x00II*\x00" + struct.pack("<I", 8) + struct.pack("<H", 1)
               + struct.pack("<HHII", 0x0112, 3, 1, 1))


def test_a_photo_with_broken_exif_is_used_without_a_warning(tmp_path, capfd):
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    buffer = io.BytesIO()
    photo((1200, 800)).save(buffer, "JPEG", quality=85, exif=BROKEN_EXIF)
    (content / "images" / "exif-hong.jpg").write_bytes(buffer.getvalue())
    write_article(content, "bai-anh.md", "![Ảnh có EXIF hỏng](/images/exif-hong.jpg)\n")
    with warnings.catch_warnings(record=True) as heard:
        warnings.simplefilter("always")  # what Python would print, pytest's capture aside
        build(tmp_path)
    assert not [str(w.message) for w in heard if "EXIF" in str(w.message)]
    output = capfd.readouterr()
    assert "EXIF" not in output.err + output.out
    page = (tmp_path / "output" / "bai-anh" / "index.html").read_text(encoding="utf-8")
    assert "Ảnh có EXIF hỏng" in page
    made = sorted((tmp_path / "output").rglob("*.jpg"))
    assert made, "no derivative written"
    with Image.open(made[0]) as derivative:
        assert derivative.size[0] <= 1200 and not derivative.getexif()
