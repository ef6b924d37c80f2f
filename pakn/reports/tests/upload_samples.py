"""Real files for the upload tests, built on the spot with Pillow and zipfile: good ones and the
attacks of issue 11 (no binary fixtures)."""

import io
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

OFFICE_CONTENT_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"/>'
)
HTML_PAGE = b"<!doctype html><html><body><script>fetch('/tai-khoan/')</script></body></html>"


def pdf_bytes() -> bytes:
    """A real one-page PDF (Pillow writes it), ending with ``%%EOF``."""
    output = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(output, format="PDF")
    return output.getvalue()


def png_bytes() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (32, 24), (200, 40, 40)).save(output, format="PNG")
    return output.getvalue()


def docx_bomb_bytes() -> bytes:
    """A DOCX whose parts are each just under 1 MB of zeros: 45 MB unpacked from a few KB."""
    output = io.BytesIO()
    almost_a_megabyte = bytes(1024 * 1024 - 1)
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", OFFICE_CONTENT_TYPES)
        archive.writestr("word/document.xml", b"<w:document/>")
        for number in range(45):
            archive.writestr(f"word/media/phan-{number}.xml", almost_a_megabyte)
    return output.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def stored_files() -> set[Path]:
    """Every file under the uploads' folder: what a refused request must not leave behind."""
    root = Path(settings.MEDIA_ROOT) / "attachments"
    return {path for path in root.rglob("*") if path.is_file()} if root.exists() else set()
