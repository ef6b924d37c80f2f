"""Issue 11, "every door": the citizen's doors that take a file go through the same checks as
the report form. The report form itself is in test_upload_limits.py; here the exchange with
the unit (trao đổi) and the draft the script saves."""

import uuid

import pytest

from pakn.reports.models import Attachment, Message
from pakn.reports.services.submission import ReportDetails, report_submit
from pakn.reports.tests.upload_samples import (
    HTML_PAGE,
    docx_bomb_bytes,
    pdf_bytes,
    png_bytes,
    stored_files,
    upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(org):
    return report_submit(
        reporter=org["reporter"],
        details=ReportDetails(title="Nắp cống vỡ", content="Nắp cống trước cổng trường bị vỡ."),
        idempotency_key=uuid.uuid4(),
    )


@pytest.fixture
def citizen_client(client, org):
    client.force_login(org["reporter"])
    return client


def message_url(report) -> str:
    return f"/phan-anh-cua-toi/{report.code}/trao-doi/"


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("bien-ban.pdf", HTML_PAGE, "có định dạng không được nhận"),
        ("bien-ban.pdf", pdf_bytes() + HTML_PAGE, "sau phần cuối tệp PDF"),
        ("don.docx", docx_bomb_bytes(), "bom nén"),
    ],
    ids=["html-named-pdf", "pdf-with-trailer", "docx-bomb"],
)
def test_the_citizens_exchange_refuses_what_the_report_form_refuses(
    citizen_client, report, name, content, reason
):
    before = stored_files()
    response = citizen_client.post(
        message_url(report),
        {"body": "Tôi gửi thêm biên bản.", "attachments": [upload(name, content)]},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert f"“{name}”" in html and reason in html
    assert "Tôi gửi thêm biên bản." in html  # what was typed is still there
    assert not Message.objects.exists() and not Attachment.objects.exists()
    assert stored_files() == before


def test_a_refused_second_file_leaves_the_first_one_nowhere_on_disk(citizen_client, report):
    """The first file was checked and stored, the second refused: the rollback of the rows
    must take the first file off the disk too."""
    before = stored_files()
    response = citizen_client.post(
        message_url(report),
        {
            "body": "Ảnh và biên bản.",
            "attachments": [upload("anh.png", png_bytes()), upload("bb.pdf", HTML_PAGE)],
        },
    )
    assert response.status_code == 400
    assert not Attachment.objects.exists()
    assert stored_files() == before


def test_a_message_refused_after_its_files_were_stored_leaves_no_file(citizen_client, report, org):
    from pakn.reports.workflow import report_apply

    report_apply(report_id=report.pk, action="withdraw", actor=org["reporter"])
    before = stored_files()
    response = citizen_client.post(
        message_url(report),
        {"body": "Bổ sung ảnh.", "attachments": [upload("anh.png", png_bytes())]},
    )
    assert response.status_code == 400  # the report is withdrawn: no more exchange
    assert not Message.objects.exists() and not Attachment.objects.exists()
    assert stored_files() == before


def test_the_exchange_takes_at_most_ten_files(citizen_client, report):
    files = [upload(f"anh-{n}.png", png_bytes()) for n in range(11)]
    response = citizen_client.post(
        message_url(report), {"body": "Nhiều ảnh.", "attachments": files}
    )
    assert response.status_code == 400
    assert "Chỉ được đính kèm tối đa 10 tệp." in response.content.decode()
    assert not Attachment.objects.exists()
    ten = [upload(f"anh-{n}.png", png_bytes()) for n in range(10)]
    assert (
        citizen_client.post(
            message_url(report), {"body": "Mười ảnh.", "attachments": ten}
        ).status_code
        == 302
    )
    assert Message.objects.get().attachments.count() == 10


def test_the_draft_saved_by_the_script_stores_no_file(citizen_client):
    before = stored_files()
    response = citizen_client.post(
        "/gui-phan-anh/luu-nhap/",
        {
            "idempotency_key": str(uuid.uuid4()),
            "title": "Nắp cống vỡ",
            "kind": "report",
            "attachments": [upload("anh.png", png_bytes())],
        },
    )
    assert response.status_code == 200
    assert not Attachment.objects.exists()
    assert stored_files() == before
