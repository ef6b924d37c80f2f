"""Issue 11, uploads: what a file is downloaded as, a PDF with something glued after its end,
an Office file that unpacks to far more than it weighs, all built here with Pillow and zipfile
(real files, no binary fixtures)."""

import datetime
import re
import uuid
import zipfile

import pytest
import time_machine
from django.utils import timezone

from pakn.accounts.tests.factories import UserFactory
from pakn.reports.models import Attachment
from pakn.reports.services import attachments
from pakn.reports.services.attachments import (
    AttachmentRejected,
    UploadTokenInvalid,
    attachment_create,
    upload_token_read,
)
from pakn.reports.services.submission import ReportDetails, report_draft_save
from pakn.reports.tests.upload_samples import OFFICE_CONTENT_TYPES as CONTENT_TYPES
from pakn.reports.tests.upload_samples import pdf_bytes, upload

pytestmark = pytest.mark.django_db


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


# Upload tokens come from the server, for one account ------------------------------------------

SEND_URL = "/gui-phan-anh/"
AUTOSAVE_URL = "/gui-phan-anh/luu-nhap/"
TOKEN_FIELD = re.compile(r'name="upload_token" value="([^"]+)"')


def page_fields(client) -> tuple[str, dict]:
    html = client.get(SEND_URL).content.decode()
    key = re.search(r'name="idempotency_key" value="([0-9a-f-]{36})"', html).group(1)
    return html, {"idempotency_key": key, "upload_token": TOKEN_FIELD.search(html).group(1)}


def refused_form(hidden: dict, **overrides) -> dict:
    """The form as a citizen posts it with an empty title (so it is shown again)."""
    return {
        **hidden,
        "title": "",
        "content": "Nắp cống bị vỡ ngay trước cổng trường, rất nguy hiểm cho học sinh.",
        "kind": "report",
        "address": "15 Lê Lợi",
        "save": "1",
        "attachments": [upload("nap-cong.pdf", pdf_bytes())],
        **overrides,
    }


@pytest.fixture
def citizen_client(client, citizen):
    client.force_login(citizen)
    return client


def test_the_form_carries_a_token_the_server_issued_for_this_account(citizen_client, citizen):
    _html, hidden = page_fields(citizen_client)
    token = upload_token_read(user=citizen, signed=hidden["upload_token"])
    with pytest.raises(UploadTokenInvalid):
        upload_token_read(user=UserFactory(), signed=hidden["upload_token"])
    response = citizen_client.post(SEND_URL, refused_form(hidden))
    assert response.status_code == 200
    assert Attachment.objects.get().upload_token == token
    assert "nap-cong.pdf" in response.content.decode()


@pytest.mark.parametrize(
    "chosen",
    [
        "5f0c7a52-9d1e-4c2b-8a3f-2b6d9e1c4a70",
        "00000000-0000-0000-0000-000000000000",
        "tu-dat:abc:def",
    ],
)
def test_a_token_chosen_by_the_client_is_refused_and_the_form_keeps_what_was_typed(
    citizen_client, chosen
):
    _html, hidden = page_fields(citizen_client)
    response = citizen_client.post(SEND_URL, refused_form(hidden, upload_token=chosen))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Phiên tải tệp của biểu mẫu không hợp lệ hoặc đã hết hạn" in html
    assert "vui lòng chọn lại tệp đính kèm" in html
    assert "Nắp cống bị vỡ ngay trước cổng trường" in html and 'value="15 Lê Lợi"' in html
    assert not Attachment.objects.exists()
    fresh = TOKEN_FIELD.search(html).group(1)
    assert fresh != chosen and fresh != hidden["upload_token"]
    # The fresh token works: the citizen picks the file again and it is kept.
    again = citizen_client.post(SEND_URL, refused_form({**hidden, "upload_token": fresh}))
    assert again.status_code == 200 and Attachment.objects.count() == 1


def test_another_persons_token_is_refused(client, citizen):
    other = UserFactory()
    client.force_login(other)
    _html, others_hidden = page_fields(client)
    client.force_login(citizen)
    _html, hidden = page_fields(client)
    response = client.post(
        SEND_URL, refused_form(hidden, upload_token=others_hidden["upload_token"])
    )
    assert response.status_code == 400
    assert not Attachment.objects.exists()


def test_a_token_older_than_pending_files_are_kept_is_refused(citizen_client):
    with time_machine.travel(timezone.now() - datetime.timedelta(hours=25), tick=False):
        _html, hidden = page_fields(citizen_client)
    response = citizen_client.post(SEND_URL, refused_form(hidden))
    assert response.status_code == 400
    assert not Attachment.objects.exists()


def test_the_draft_saved_by_the_script_refuses_a_chosen_token_and_gives_a_fresh_one(
    citizen_client, citizen
):
    data = {"idempotency_key": str(uuid.uuid4()), "title": "Nắp cống vỡ", "kind": "report"}
    refused = citizen_client.post(AUTOSAVE_URL, {**data, "upload_token": str(uuid.uuid4())})
    assert refused.status_code == 400
    payload = refused.json()
    assert payload["message"].startswith("Phiên tải tệp của biểu mẫu không hợp lệ")
    upload_token_read(user=citizen, signed=payload["upload_token"])
    saved = citizen_client.post(AUTOSAVE_URL, {**data, "upload_token": payload["upload_token"]})
    assert saved.status_code == 200


# A quota of files waiting for their report -----------------------------------------------------


def pdf_of_size(size: int) -> bytes:
    """A real PDF padded to exactly ``size`` bytes with line ends after its ``%%EOF``."""
    content = pdf_bytes()
    return content + b"\n" * (size - len(content))


@pytest.fixture
def small_quota(settings):
    settings.UPLOADS_PENDING_MAX_FILES = 3
    settings.UPLOADS_PENDING_MAX_MB = 1
    return settings


def test_pending_files_up_to_the_count_are_kept_and_one_more_is_refused(citizen, small_quota):
    token = uuid.uuid4()
    for number in range(3):
        attachment_create(uploaded_by=citizen, uploaded_file=upload(f"to-{number}.pdf", pdf_bytes()),
                          upload_token=token)  # fmt: skip
    with pytest.raises(AttachmentRejected, match="đang có 3 tệp .*tối đa 3 tệp, 1 MB chờ gửi"):
        attachment_create(uploaded_by=citizen, uploaded_file=upload("to-4.pdf", pdf_bytes()),
                          upload_token=uuid.uuid4())  # fmt: skip
    assert Attachment.objects.count() == 3
    # Another account has its own quota.
    attachment_create(uploaded_by=UserFactory(), uploaded_file=upload("khac.pdf", pdf_bytes()),
                      upload_token=uuid.uuid4())  # fmt: skip


def test_pending_bytes_up_to_the_limit_are_kept_and_one_byte_more_is_refused(citizen, small_quota):
    megabyte = 1024 * 1024
    attachment_create(uploaded_by=citizen, uploaded_file=upload("a.pdf", pdf_of_size(megabyte // 2)),
                      upload_token=uuid.uuid4())  # fmt: skip
    with pytest.raises(AttachmentRejected, match="tối đa 3 tệp, 1 MB"):
        attachment_create(uploaded_by=citizen,
                          uploaded_file=upload("b.pdf", pdf_of_size(megabyte // 2 + 1)),
                          upload_token=uuid.uuid4())  # fmt: skip
    exactly = attachment_create(uploaded_by=citizen,
                                uploaded_file=upload("b.pdf", pdf_of_size(megabyte // 2)),
                                upload_token=uuid.uuid4())  # fmt: skip
    assert exactly.size == megabyte // 2
    assert Attachment.objects.count() == 2


def test_files_attached_to_a_sent_report_no_longer_count(citizen_client, citizen, small_quota):
    _html, hidden = page_fields(citizen_client)
    for number in range(3):
        citizen_client.post(SEND_URL, refused_form(
            hidden, attachments=[upload(f"to-{number}.pdf", pdf_bytes())]))  # fmt: skip
    over = citizen_client.post(SEND_URL, refused_form(hidden))
    html = over.content.decode()
    assert "mỗi tài khoản chỉ được giữ tối đa 3 tệp" in html
    assert Attachment.objects.count() == 3
    draft = report_draft_save(
        reporter=citizen,
        details=ReportDetails(title="Nắp cống vỡ", content="Trước cổng trường."),
        idempotency_key=uuid.UUID(hidden["idempotency_key"]),
        upload_token=upload_token_read(user=citizen, signed=hidden["upload_token"]),
    )
    assert draft.attachments.count() == 3
    citizen_client.post(SEND_URL, refused_form(hidden))
    assert Attachment.objects.filter(report__isnull=True).count() == 1
