"""The upload corpus of issue #5: what a citizen may attach and what is refused, built here with
Pillow and zipfile (no binary fixtures)."""

import io
import struct
import uuid
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from PIL import ExifTags, Image, ImageFile

from pakn.accounts.tests.factories import UserFactory
from pakn.reports.models import Attachment, AttachmentKind
from pakn.reports.services.attachments import (
    MAX_ATTACHMENTS,
    MAX_VIDEO_BYTES,
    AttachmentRejected,
    attachment_create,
)

pytestmark = pytest.mark.django_db


def _image_bytes(format: str, size=(64, 48), mode="RGB", **options) -> bytes:
    output = io.BytesIO()
    Image.new(mode, size, "red" if mode == "RGB" else 0).save(output, format=format, **options)
    return output.getvalue()


def _box(box_type: bytes, payload: bytes = b"") -> bytes:
    return struct.pack(">I4s", 8 + len(payload), box_type) + payload


def _mp4_head() -> bytes:
    return _box(b"ftyp", b"isom\x00\x00\x02\x00isomiso2avc1mp41")


def _zip_bytes(parts: dict[str, bytes]) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return output.getvalue()


DOCX_PARTS = {
    "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    "_rels/.rels": b'<?xml version="1.0"?><Relationships/>',
    "word/document.xml": b'<?xml version="1.0"?><w:document><w:body><w:p>Xin chao</w:p></w:body></w:document>',
}


def _upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def citizen():
    return UserFactory()


def _create(citizen, uploaded_file, **kwargs) -> Attachment:
    return attachment_create(uploaded_by=citizen, uploaded_file=uploaded_file, **kwargs)


@pytest.mark.parametrize("magic", [b"MZ\x90\x00\x03\x00\x00\x00", b"\x7fELF\x02\x01\x01\x00"])
def test_an_executable_renamed_jpg_is_refused_naming_the_file(citizen, magic):
    with pytest.raises(AttachmentRejected, match="Tệp “anh-hien-truong.jpg” không phải ảnh hợp lệ"):
        _create(citizen, _upload("anh-hien-truong.jpg", magic + b"\x00" * 500, "image/jpeg"))
    assert not Attachment.objects.exists()


def test_a_png_with_a_zip_appended_is_refused(citizen):
    polyglot = _image_bytes("PNG") + _zip_bytes({"payload.js": b"alert(1)"})
    with pytest.raises(AttachmentRejected, match="“anh.png”.*dữ liệu lạ"):
        _create(citizen, _upload("anh.png", polyglot, "image/png"))


def test_a_jpeg_hiding_a_script_in_its_comment_is_refused(citizen):
    content = _image_bytes("JPEG", comment=b"<script>alert(document.cookie)</script>")
    with pytest.raises(AttachmentRejected, match="giấu bên trong"):
        _create(citizen, _upload("anh.jpg", content, "image/jpeg"))


def test_a_jpeg_with_a_pdf_appended_is_refused(citizen):
    content = _image_bytes("JPEG") + b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF"
    with pytest.raises(AttachmentRejected, match="“anh.jpg”"):
        _create(citizen, _upload("anh.jpg", content, "image/jpeg"))


def test_a_jpeg_followed_by_another_jpeg_as_phones_make_for_hdr_is_accepted(citizen):
    content = _image_bytes("JPEG") + _image_bytes("JPEG", size=(16, 12))
    attachment = _create(citizen, _upload("hdr.jpg", content, "image/jpeg"))
    assert attachment.kind == AttachmentKind.PHOTO

    with pytest.raises(AttachmentRejected, match="dữ liệu lạ"):
        _create(citizen, _upload("hdr.jpg", content + b"MZ\x90\x00", "image/jpeg"))


def test_a_png_with_gps_is_accepted_and_its_public_copy_has_no_metadata(
    citizen, django_capture_on_commit_callbacks
):
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Điện thoại"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (12.0, 14.0, 30.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (109.0, 11.0, 45.0)
    content = _image_bytes("PNG", exif=exif)

    with django_capture_on_commit_callbacks(execute=True):
        attachment = _create(citizen, _upload("vi-tri.jpg", content, "image/jpeg"))

    attachment.refresh_from_db()
    assert attachment.kind == AttachmentKind.PHOTO
    assert attachment.content_type == "image/png"
    assert attachment.original_name == "vi-tri.jpg"
    assert attachment.file.name.endswith(".png")  # from the content, not the name
    assert "vi-tri" not in attachment.file.name
    with attachment.file.open("rb") as original, Image.open(original) as image:
        assert image.getexif().get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] == "N"
    with attachment.public_file.open("rb") as public:
        public_bytes = public.read()
    with Image.open(io.BytesIO(public_bytes)) as image:
        assert image.format == "JPEG"
        assert not image.getexif()
        assert "exif" not in image.info and "xmp" not in image.info
    assert b"Exif" not in public_bytes and "Điện thoại".encode() not in public_bytes
    assert attachment.public_file.name.endswith(".jpg")


def test_an_oversized_video_is_refused_without_reading_it(citizen):
    upload = TemporaryUploadedFile("clip.mp4", "video/mp4", 0, None)
    upload.write(_mp4_head() + struct.pack(">I4s", MAX_VIDEO_BYTES, b"mdat"))
    upload.truncate(MAX_VIDEO_BYTES + 1024)  # sparse: nothing is allocated
    upload.size = MAX_VIDEO_BYTES + 1024
    upload.seek(0)
    with pytest.raises(AttachmentRejected, match="“clip.mp4” quá lớn: tối đa 100 MB"):
        _create(citizen, upload)
    upload.close()


def test_a_small_mp4_is_accepted_and_one_with_broken_boxes_is_not(citizen):
    video = _mp4_head() + _box(b"moov", _box(b"mvhd", b"\x00" * 100)) + _box(b"mdat", b"\x01" * 500)
    attachment = _create(citizen, _upload("quay.bin", video))
    assert (attachment.kind, attachment.content_type) == (AttachmentKind.VIDEO, "video/mp4")
    assert attachment.file.name.endswith(".mp4")
    assert not attachment.public_file and not attachment.thumbnail

    with pytest.raises(AttachmentRejected, match="không phải video hợp lệ"):
        _create(citizen, _upload("quay.mp4", video + b"MZ trailing executable"))


def test_a_50_megapixel_image_is_refused_from_its_header(citizen, monkeypatch):
    content = _image_bytes("PNG", size=(10000, 5000), mode="1")
    assert len(content) < 1_000_000

    def no_decoding(self):
        raise AssertionError("the pixels must not be decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    with pytest.raises(AttachmentRejected, match="“lon.png”.*10000×5000 quá lớn"):
        _create(citizen, _upload("lon.png", content, "image/png"))


def test_a_docx_zip_bomb_is_refused(citizen, tmp_path):
    path = tmp_path / "bomb.docx"
    zeros = bytes(1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", DOCX_PARTS["[Content_Types].xml"])
        with archive.open("word/document.xml", "w") as part:
            for _ in range(200):
                part.write(zeros)
    assert path.stat().st_size < 2_000_000
    with pytest.raises(AttachmentRejected, match="“bao-cao.docx”.*bom nén"):
        _create(citizen, _upload("bao-cao.docx", path.read_bytes()))


def test_a_zip_without_office_parts_is_refused(citizen):
    content = _zip_bytes({"word/document.xml": b"<w/>", "run.exe": b"MZ"})
    with pytest.raises(AttachmentRejected, match="“tai-lieu.docx”.*không phải tài liệu DOCX"):
        _create(citizen, _upload("tai-lieu.docx", content))


def test_a_docx_with_macros_is_refused(citizen):
    content = _zip_bytes({**DOCX_PARTS, "word/vbaProject.bin": b"\x00" * 100})
    with pytest.raises(AttachmentRejected, match="macro"):
        _create(citizen, _upload("tai-lieu.docx", content))


@pytest.mark.parametrize(
    ("name", "build", "content_type", "extension"),
    [
        (
            "don.docx",
            lambda: _zip_bytes(DOCX_PARTS),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ".docx",
        ),
        (
            "bang.xlsx",
            lambda: _zip_bytes(
                {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}
            ),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ".xlsx",
        ),
        ("van-ban.pdf", lambda: _image_bytes("PDF"), "application/pdf", ".pdf"),
        ("van-ban", lambda: _image_bytes("PDF"), "application/pdf", ".pdf"),
    ],
)
def test_documents_are_accepted(citizen, name, build, content_type, extension):
    attachment = _create(citizen, _upload(name, build()))
    assert attachment.kind == AttachmentKind.DOCUMENT
    assert attachment.content_type == content_type
    assert attachment.file.name.endswith(extension)
    assert not attachment.public_file


def test_a_jpeg_is_accepted_and_gets_a_thumbnail_of_at_most_400_px(
    citizen, django_capture_on_commit_callbacks
):
    content = _image_bytes("JPEG", size=(1600, 1200))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        attachment = _create(citizen, _upload("duong.jpeg", content, "image/jpeg"))
    assert len(callbacks) == 1

    attachment.refresh_from_db()
    assert (attachment.kind, attachment.content_type) == (AttachmentKind.PHOTO, "image/jpeg")
    assert attachment.size == len(content)
    with attachment.thumbnail.open("rb") as thumbnail, Image.open(thumbnail) as image:
        assert image.format == "JPEG"
        assert max(image.size) <= 400
        assert image.size == (400, 300)


def test_a_heic_photo_is_accepted_with_a_jpeg_public_copy(citizen):
    pillow_heif = pytest.importorskip("pillow_heif")
    pillow_heif.register_heif_opener()
    try:
        content = _image_bytes("HEIF")
    except (OSError, KeyError, ValueError):
        pytest.skip("this pillow-heif cannot encode HEIC")
    attachment = _create(citizen, _upload("IMG_0001.HEIC", content, "image/heic"))
    assert (attachment.kind, attachment.content_type) == (AttachmentKind.PHOTO, "image/heic")
    assert attachment.file.name.endswith(".heic")
    with attachment.public_file.open("rb") as public, Image.open(public) as image:
        assert image.format == "JPEG" and image.size == (64, 48)


def test_an_unknown_type_is_refused(citizen):
    with pytest.raises(AttachmentRejected, match="“ghi-chu.txt” có định dạng không được nhận"):
        _create(citizen, _upload("ghi-chu.txt", "Xin chào".encode(), "text/plain"))


def test_no_more_than_the_maximum_number_of_files_per_upload(citizen):
    token = uuid.uuid4()
    content = _zip_bytes(DOCX_PARTS)
    for number in range(MAX_ATTACHMENTS):
        _create(citizen, _upload(f"don-{number}.docx", content), upload_token=token)
    with pytest.raises(AttachmentRejected, match="tối đa 10 tệp"):
        _create(citizen, _upload("don-11.docx", content), upload_token=token)
    assert Attachment.objects.filter(upload_token=token).count() == MAX_ATTACHMENTS
