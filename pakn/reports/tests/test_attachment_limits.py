"""Every size and count limit of attachments tried just under and just over, against the
checking service (not the upload form). The limits are written here as the product states
them (25 MB photos, 100 MB videos, 10 MB documents, 10 files), not read from the module's
constants, so raising a constant fails a test. Big files are sparse or only declared:
nothing of that size is written or read."""

import io
import struct
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from PIL import Image

from pakn.accounts.tests.factories import UserFactory
from pakn.reports.models import Attachment, AttachmentKind, ReportStatus
from pakn.reports.services.attachments import AttachmentRejected, _detect, attachment_create
from pakn.reports.tests.factories import ReportFactory

pytestmark = pytest.mark.django_db
MB = 1024 * 1024
PHOTO_LIMIT, VIDEO_LIMIT, DOCUMENT_LIMIT, FILES_PER_REPORT = 25 * MB, 100 * MB, 10 * MB, 10


def _box(box_type: bytes, payload: bytes = b"") -> bytes:
    return struct.pack(">I4s", 8 + len(payload), box_type) + payload


def _zip(parts: dict[str, bytes]) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return output.getvalue()


def png() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (16, 12), "red").save(output, format="PNG")
    return output.getvalue()


def pdf() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (16, 12), "red").save(output, format="PDF")
    return output.getvalue()


def doc(stream: str = "WordDocument") -> bytes:
    """The start of an OLE2 compound file whose directory names its main stream."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + stream.encode("utf-16-le") + bytes(64)


def pptx() -> bytes:
    return _zip({"[Content_Types].xml": b"<Types/>", "ppt/presentation.xml": b"<p:presentation/>"})


def docx() -> bytes:
    return _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})


def mov_head(brand: bytes = b"qt  ") -> bytes:
    return _box(b"ftyp", brand + b"\x00\x00\x02\x00" + brand)


def declared(name: str, content: bytes, size: int) -> SimpleUploadedFile:
    """A small file whose upload declares ``size`` bytes: the service trusts the larger of the
    declared and the real size, so this is how a file of that size looks to it."""
    upload = SimpleUploadedFile(name, content)
    upload.size = size
    return upload


def sparse_video(size: int, head: bytes) -> TemporaryUploadedFile:
    """A real video of exactly ``size`` bytes: its header, a ``moov`` box and an ``mdat`` box
    that fills the rest (sparse on disk)."""
    moov = _box(b"moov", _box(b"mvhd", bytes(100)))
    upload = TemporaryUploadedFile("clip.mov", "video/quicktime", 0, None)
    upload.write(head + moov + struct.pack(">I4s", size - len(head) - len(moov), b"mdat"))
    upload.truncate(size)
    upload.size = size
    upload.seek(0)
    return upload


@pytest.mark.parametrize(
    ("name", "build", "limit", "kind"),
    [
        ("anh.png", png, PHOTO_LIMIT, AttachmentKind.PHOTO),
        ("van-ban.pdf", pdf, DOCUMENT_LIMIT, AttachmentKind.DOCUMENT),
        ("don.doc", doc, DOCUMENT_LIMIT, AttachmentKind.DOCUMENT),
        ("don.docx", docx, DOCUMENT_LIMIT, AttachmentKind.DOCUMENT),
        ("trinh-bay.pptx", pptx, DOCUMENT_LIMIT, AttachmentKind.DOCUMENT),
    ],
)
def test_size_limits_at_their_edge(name, build, limit, kind):
    content = build()
    at_limit = _detect(declared(name, content, limit), name=name, size=limit)
    assert at_limit.kind == kind
    citizen = UserFactory()
    with pytest.raises(AttachmentRejected, match=f"“{name}” quá lớn: tối đa {limit // MB} MB"):
        attachment_create(uploaded_by=citizen, uploaded_file=declared(name, content, limit + 1))
    assert not Attachment.objects.exists()


def test_a_video_of_exactly_100_mb_is_accepted_and_one_byte_more_is_not():
    exactly = sparse_video(VIDEO_LIMIT, mov_head())
    detected = _detect(exactly, name="clip.mov", size=VIDEO_LIMIT)
    assert (detected.kind, detected.content_type, detected.extension) == (
        AttachmentKind.VIDEO, "video/quicktime", ".mov"
    )  # fmt: skip
    exactly.close()
    over = sparse_video(VIDEO_LIMIT + 1, mov_head())
    with pytest.raises(AttachmentRejected, match="“clip.mov” quá lớn: tối đa 100 MB"):
        attachment_create(uploaded_by=UserFactory(), uploaded_file=over)
    over.close()


@pytest.mark.parametrize(
    ("name", "build", "content_type", "extension"),
    [
        ("quay.mov", lambda: mov_head() + _box(b"moov", _box(b"mvhd", bytes(100)))
         + _box(b"mdat", b"\x01" * 200), "video/quicktime", ".mov"),
        ("don.doc", doc, "application/msword", ".doc"),
        ("trinh-bay.pptx", pptx,
         "application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx"),
    ],
)  # fmt: skip
def test_mov_doc_and_pptx_are_accepted_and_stored_as_such(name, build, content_type, extension):
    attachment = attachment_create(
        uploaded_by=UserFactory(), uploaded_file=declared(name, build(), 0)
    )
    assert (attachment.content_type, attachment.file.name[-len(extension) :]) == (
        content_type, extension
    )  # fmt: skip


def test_an_old_excel_file_is_not_taken_for_a_word_document():
    with pytest.raises(AttachmentRejected, match="chỉ nhận tài liệu Word"):
        attachment_create(
            uploaded_by=UserFactory(), uploaded_file=declared("so-lieu.xls", doc("Workbook"), 0)
        )


def test_ten_files_on_a_report_and_not_one_more():
    citizen = UserFactory()
    report = ReportFactory(reporter=citizen, status=ReportStatus.DRAFT)
    content = docx()
    for number in range(FILES_PER_REPORT):
        attachment_create(uploaded_by=citizen, report=report,
                          uploaded_file=declared(f"don-{number}.docx", content, 0))  # fmt: skip
    with pytest.raises(AttachmentRejected, match="tối đa 10 tệp"):
        attachment_create(uploaded_by=citizen, report=report,
                          uploaded_file=declared("don-11.docx", content, 0))  # fmt: skip
    assert Attachment.objects.filter(report=report).count() == FILES_PER_REPORT
