"""Issue 11, uploads: what a file is downloaded as, a PDF with something glued after its end,
an Office file that unpacks to far more than it weighs, all built here with Pillow and zipfile
(real files, no binary fixtures)."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from pakn.accounts.tests.factories import UserFactory
from pakn.reports.models import Attachment
from pakn.reports.services import attachments
from pakn.reports.services.attachments import AttachmentRejected, attachment_create

pytestmark = pytest.mark.django_db

CONTENT_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"/>'
)


def pdf_bytes() -> bytes:
    """A real one-page PDF (Pillow writes it), ending with ``%%EOF``."""
    output = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(output, format="PDF")
    return output.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.fixture
def citizen():
    return UserFactory()


# A PDF ends at its last %%EOF ----------------------------------------------------------------


@pytest.mark.parametrize(
    "glued",
    [
        b"<html><script>alert(document.cookie)</script></html>",
        b"PK\x03\x04" + bytes(40),
        b"\n#!/bin/sh\nrm -rf /\n",
    ],
)
def test_a_pdf_with_anything_after_its_last_end_marker_is_refused(citizen, glued):
    with pytest.raises(AttachmentRejected, match="“cong-van.pdf”.*sau phần cuối tệp PDF"):
        attachment_create(
            uploaded_by=citizen, uploaded_file=upload("cong-van.pdf", pdf_bytes() + glued)
        )
    assert not Attachment.objects.exists()


def test_a_pdf_cut_before_its_end_marker_is_refused(citizen):
    cut = pdf_bytes()[:-200]
    with pytest.raises(AttachmentRejected, match="“cong-van.pdf”.*bị cắt cụt"):
        attachment_create(uploaded_by=citizen, uploaded_file=upload("cong-van.pdf", cut))


@pytest.mark.parametrize("ending", [b"", b"\n", b"\r\n", b"\r\n\x00\x00\x00"])
def test_a_pdf_ending_with_line_ends_or_padding_is_accepted(citizen, ending):
    attachment = attachment_create(
        uploaded_by=citizen, uploaded_file=upload("cong-van.pdf", pdf_bytes() + ending)
    )
    assert attachment.content_type == "application/pdf"


def test_a_pdf_with_an_incremental_update_is_accepted(citizen):
    """Signed or edited PDFs carry a second body and a second ``%%EOF``."""
    update = b"\n5 0 obj\n<< /Producer (PAKN) >>\nendobj\nstartxref\n0\n%%EOF\n"
    attachment = attachment_create(
        uploaded_by=citizen, uploaded_file=upload("da-ky.pdf", pdf_bytes() + update)
    )
    assert attachment.file.name.endswith(".pdf")


# An Office file's total unpacked size ----------------------------------------------------------


def test_a_docx_of_many_parts_each_under_a_megabyte_adding_up_to_a_bomb_is_refused(
    citizen, tmp_path
):
    """No single part is squeezed more than the per-part check looks at (parts under 1 MB),
    but together they unpack to 45 MB from a few dozen kilobytes."""
    path = tmp_path / "bom.docx"
    almost_a_megabyte = bytes(1024 * 1024 - 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", b"<w:document/>")
        for number in range(45):
            archive.writestr(f"word/media/phan-{number}.xml", almost_a_megabyte)
    assert path.stat().st_size < 100_000
    with pytest.raises(AttachmentRejected, match="“bao-cao.docx”.*bom nén"):
        attachment_create(
            uploaded_by=citizen, uploaded_file=upload("bao-cao.docx", path.read_bytes())
        )
    assert not Attachment.objects.exists()


def test_a_docx_over_the_total_unpacked_size_is_refused_even_at_a_modest_ratio(
    citizen, tmp_path, monkeypatch
):
    """Parts stored as they are (pictures are) do not compress, so no ratio trips; the total
    alone refuses the file."""
    path = tmp_path / "lon.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", b"<w:document/>")
        for number in range(3):
            archive.writestr(f"word/media/anh-{number}.bin", bytes(range(256)) * 4096)
    monkeypatch.setattr(attachments, "MAX_OFFICE_UNCOMPRESSED_BYTES", 2 * 1024 * 1024)
    with pytest.raises(AttachmentRejected, match="bom nén"):
        attachment_create(uploaded_by=citizen, uploaded_file=upload("lon.docx", path.read_bytes()))


def test_an_ordinary_docx_is_still_accepted(citizen, tmp_path):
    path = tmp_path / "don.docx"
    text = ("<w:p>Đề nghị sửa đèn đường trước nhà số 12.</w:p>" * 2000).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", b"<w:document>" + text + b"</w:document>")
    attachment = attachment_create(
        uploaded_by=citizen, uploaded_file=upload("don.docx", path.read_bytes())
    )
    assert attachment.file.name.endswith(".docx")


# The name a file is downloaded under -----------------------------------------------------------


def test_an_html_name_on_a_pdf_downloads_with_the_pdf_extension(client, citizen):
    attachment = attachment_create(
        uploaded_by=citizen, uploaded_file=upload("evil.html", pdf_bytes())
    )
    client.force_login(citizen)
    response = client.get(f"/tep-dinh-kem/{attachment.pk}/")
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert 'filename="evil.pdf"' in disposition
    assert ".html" not in disposition
    assert response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize(
    ("sent_as", "downloaded_as"),
    [
        ("don.PDF", "don.pdf"),
        ("ban sao.pdf.exe", "ban sao.pdf.pdf"),
        ("khong-ten", "khong-ten.pdf"),
    ],
)
def test_the_download_name_keeps_the_senders_name_with_the_detected_extension(
    client, citizen, sent_as, downloaded_as
):
    attachment = attachment_create(uploaded_by=citizen, uploaded_file=upload(sent_as, pdf_bytes()))
    client.force_login(citizen)
    response = client.get(f"/tep-dinh-kem/{attachment.pk}/")
    assert downloaded_as in response["Content-Disposition"]
