"""The operators' e-mail queue (issue 16): drafts made from mail listed with sender, subject,
age and refused files; an operator completes one and sends it into the workflow, and the
sender gets the receipt with the code by e-mail; or discards it with a reason, confirmed.
Every door is checked on the server: only the coordinating centre's coordinators and
operators see the queue, only an operator may send."""

from pathlib import Path

import pytest

from pakn.reports.models import Event, InboundEmail, InboundEmailStatus, ReportChannel, ReportStatus
from pakn.reports.services.mail_intake import inbound_email_receive

MAIL = Path(__file__).resolve().parents[2] / "reports" / "tests" / "mail"
QUEUE = "/can-bo/thu-dien-tu/"
pytestmark = pytest.mark.django_db


def receive(name: str) -> InboundEmail:
    return inbound_email_receive(raw=(MAIL / name).read_bytes(), source=name)


def completed(desk, **changes) -> dict:
    data = {
        "title": "Đèn đường hỏng trên đường Trần Phú",
        "content": "Đèn đường trước số 12 Trần Phú đã hỏng ba ngày nay.",
        "kind": "report",
        "citizen_category": desk["lighting"].pk,
        "address_province": desk["province"].pk,
        "address_commune": desk["ward"].pk,
        "address": "12 Trần Phú",
        "latitude": "12.245000",
        "longitude": "109.194000",
    }
    return data | changes


def test_the_queue_lists_drafts_with_sender_subject_age_and_refused_files(client, desk):
    receive("01-plain.eml")
    receive("03-attachments.eml")
    receive("07-not-an-email.eml")
    client.force_login(desk["operator"])
    page = client.get(QUEUE).content.decode()
    assert "2 thư chờ xử lý" in page
    assert "Nguyễn Văn An" in page and "an.nguyen@example.vn" in page
    assert "Ổ gà trên Quốc lộ 1 - có ảnh" in page
    assert "hoa-don.exe" in page
    assert "không có dòng tiêu đề thư" in page  # the failure, with its reason
    assert "Thư điện tử đến" in page  # the menu entry


def test_an_operator_completes_and_sends_a_draft_and_the_sender_gets_the_code(
    client, desk, mailoutbox, django_capture_on_commit_callbacks
):
    record = receive("01-plain.eml")
    client.force_login(desk["operator"])
    draft_page = client.get(f"{QUEUE}{record.pk}/").content.decode()
    assert "trước số 12 Trần Phú" in draft_page and "Gửi vào quy trình" in draft_page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{QUEUE}{record.pk}/", completed(desk))
    assert response.status_code == 302
    record.refresh_from_db()
    report = record.report
    assert record.status == InboundEmailStatus.SENT and record.handled_by == desk["operator"]
    assert report.status == ReportStatus.SUBMITTED and report.code
    assert report.channel == ReportChannel.EMAIL
    assert report.entered_by == desk["operator"]
    assert (report.commune, report.citizen_category) == (desk["ward"], desk["lighting"])
    assert str(report.latitude) == "12.245000"
    assert Event.objects.get(report=report, action="submit").actor == desk["operator"]
    # The receipt goes by the notification rules to the sender, a contact without account.
    [receipt] = [m for m in mailoutbox if m.to == ["an.nguyen@example.vn"]]
    assert report.code in receipt.subject + receipt.body
    assert "Đã gửi phản ánh" in client.get(QUEUE).content.decode()

    # Posted again (a double click): nothing more is sent, the operator is told why.
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(f"{QUEUE}{record.pk}/", completed(desk), follow=True)
    assert len([m for m in mailoutbox if m.to == ["an.nguyen@example.vn"]]) == 1
    assert "Đã gửi vào quy trình" in again.content.decode()


def test_a_form_with_errors_keeps_what_the_operator_typed(client, desk):
    record = receive("05-no-body.eml")
    client.force_login(desk["operator"])
    response = client.post(f"{QUEUE}{record.pk}/", completed(desk, content="", address="Chợ Đầm"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Vui lòng nhập nội dung phản ánh, kiến nghị." in page
    assert "Chợ Đầm" in page
    record.refresh_from_db()
    assert record.status == InboundEmailStatus.DRAFTED


def test_discarding_asks_for_a_reason_and_a_confirmation(client, desk, mailoutbox):
    record = receive("02-html-only.eml")
    client.force_login(desk["operator"])
    url = f"{QUEUE}{record.pk}/loai/"
    page = client.post(url, {"discard-reason": "Thư quảng cáo"}, follow=True).content.decode()
    assert "Vui lòng đánh dấu ô xác nhận để loại thư." in page
    page = client.post(url, {"discard-confirm": "on"}, follow=True).content.decode()
    assert "Vui lòng nhập lý do loại thư." in page
    record.refresh_from_db()
    assert record.status == InboundEmailStatus.DRAFTED

    client.post(url, {"discard-reason": "Thư quảng cáo", "discard-confirm": "on"})
    record.refresh_from_db()
    assert record.status == InboundEmailStatus.DISCARDED
    assert record.discard_reason == "Thư quảng cáo"
    assert record.report.status == ReportStatus.DRAFT  # never entered the workflow
    assert mailoutbox == []
    assert "Không có thư nào chờ xử lý." in client.get(QUEUE).content.decode()
    # Sending it afterwards changes nothing.
    client.post(f"{QUEUE}{record.pk}/", completed(desk))
    record.refresh_from_db()
    assert record.status == InboundEmailStatus.DISCARDED


def test_a_coordinator_sees_the_queue_but_only_an_operator_sends(client, desk):
    record = receive("01-plain.eml")
    client.force_login(desk["coordinator"])
    page = client.get(f"{QUEUE}{record.pk}/").content.decode()
    assert "Chỉ tổng đài viên của đơn vị tiếp nhận gửi được thư này" in page
    assert client.post(f"{QUEUE}{record.pk}/", completed(desk)).status_code == 403
    record.refresh_from_db()
    assert record.status == InboundEmailStatus.DRAFTED


@pytest.mark.parametrize("who", ["handler_a", "operator_a", "reporter"])
def test_nobody_else_reaches_the_mail(client, desk, who):
    record = receive("03-attachments.eml")
    attachment = record.report.attachments.first()
    client.force_login(desk[who])
    assert "Ổ gà" not in client.get(QUEUE).content.decode()
    urls = [f"{QUEUE}{record.pk}/", f"{QUEUE}{record.pk}/tep/{attachment.pk}/"]
    for url in urls:
        assert client.get(url).status_code in (302, 403, 404), url
    client.post(f"{QUEUE}{record.pk}/loai/", {"discard-reason": "x", "discard-confirm": "on"})
    client.post(f"{QUEUE}{record.pk}/", completed(desk))
    record.refresh_from_db()
    assert record.status == InboundEmailStatus.DRAFTED


def test_the_operator_opens_the_mail_s_files(client, desk):
    record = receive("03-attachments.eml")
    photo = record.report.attachments.get(original_name="o-ga.jpg")
    client.force_login(desk["operator"])
    page = client.get(f"{QUEUE}{record.pk}/").content.decode()
    assert "hoa-don.exe" in page and "chương trình chạy được" in page
    response = client.get(f"{QUEUE}{record.pk}/tep/{photo.pk}/")
    assert response.status_code == 200
    assert (
        b"".join(response.streaming_content if response.streaming else [response.content])[:2]
        == b"\xff\xd8"
    )


def test_the_queue_costs_the_same_queries_for_many_messages(
    client, desk, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(desk["operator"])
    receive("01-plain.eml")
    with CaptureQueriesContext(connection) as few:
        client.get(QUEUE)
    for name in (
        "02-html-only.eml",
        "03-attachments.eml",
        "05-no-body.eml",
        "06-wrong-charset.eml",
    ):
        receive(name)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(QUEUE).content.decode()
    assert "5 thư chờ xử lý" in page


def test_a_draft_its_sender_sent_from_my_reports_leaves_the_queue(client, desk):
    from pakn.accounts.tests.factories import UserFactory
    from pakn.reports.services.submission import ReportDetails, report_submit

    citizen = UserFactory(email="an.nguyen@example.vn")
    record = receive("01-plain.eml")
    assert record.report.reporter == citizen
    report_submit(
        reporter=citizen,
        details=ReportDetails(title="Đèn đường hỏng", content="Trước số 12 Trần Phú."),
        idempotency_key=record.report.idempotency_key,
        channel=ReportChannel.EMAIL,
    )
    client.force_login(desk["operator"])
    assert "Không có thư nào chờ xử lý." in client.get(QUEUE).content.decode()
    page = client.post(f"{QUEUE}{record.pk}/", completed(desk), follow=True).content.decode()
    assert "Phản ánh của thư này đã được gửi." in page
