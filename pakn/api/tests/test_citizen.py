"""What a citizen's app does through /api/v1/me/: drafts, sending once per Idempotency-Key,
files checked like the form's, the own list and page, the exchange, rating in its window,
withdrawal, notifications, profile and data download; someone else's report stays hidden."""

import datetime
import io

import pytest
import time_machine
from django.utils import timezone
from PIL import Image

from pakn.api.tests.conftest import token_client
from pakn.backoffice.tests.desk_setup import report_at, submitted_report
from pakn.notifications.models import Notification
from pakn.reports.models import Attachment, Message, Report, ReportStatus
from pakn.reports.tests.upload_samples import HTML_PAGE, pdf_bytes
from pakn.reports.workflow import report_apply

pytestmark = pytest.mark.django_db

REPORT = {
    "title": "Rác thải ùn ứ ở chợ Xóm Mới",
    "content": "Rác không được thu gom ba ngày nay, bốc mùi cả khu chợ.",
    "kind": "report",
}


def _file(name: str, content: bytes) -> io.BytesIO:
    handle = io.BytesIO(content)
    handle.name = name
    return handle


def _jpeg(name: str = "anh.jpg") -> io.BytesIO:
    output = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 60)).save(output, format="JPEG")
    output.name = name
    output.seek(0)
    return output


def test_the_same_key_and_body_give_the_same_answer_another_body_422(desk):
    app = token_client(desk["reporter"])
    first = app.post("/api/v1/me/reports/", REPORT, format="json", HTTP_IDEMPOTENCY_KEY="gui-1")
    assert first.status_code == 201
    again = app.post("/api/v1/me/reports/", REPORT, format="json", HTTP_IDEMPOTENCY_KEY="gui-1")
    assert again.status_code == 201
    assert again.json() == first.json()
    assert Report.objects.filter(reporter=desk["reporter"]).count() == 1
    other = app.post("/api/v1/me/reports/", {**REPORT, "title": "Tiêu đề khác"}, format="json",
                     HTTP_IDEMPOTENCY_KEY="gui-1")  # fmt: skip
    assert other.status_code == 422
    assert other.json()["type"] == "urn:pakn:problem:idempotency-key-reused"
    assert first.json()["code"] in other.json()["detail"]
    missing = app.post("/api/v1/me/reports/", REPORT, format="json")
    assert missing.status_code == 400 and "Idempotency-Key" in missing.json()["errors"]
    # Another citizen may use the same key: keys belong to their account.
    neighbour = token_client(desk["other_citizen"])
    assert neighbour.post("/api/v1/me/reports/", REPORT, format="json",
                          HTTP_IDEMPOTENCY_KEY="gui-1").status_code == 201  # fmt: skip


def test_a_draft_is_saved_given_files_and_sent(desk):
    app = token_client(desk["reporter"])
    created = app.post("/api/v1/me/drafts/", {"title": "Nháp"}, format="json")
    assert created.status_code == 201
    draft_id = created.json()["draft_id"]
    assert created.json()["status"] == ReportStatus.DRAFT and created.json()["code"] is None
    saved = app.put(f"/api/v1/me/drafts/{draft_id}/", REPORT, format="json")
    assert saved.status_code == 200 and saved.json()["content"] == REPORT["content"]
    attached = app.post(f"/api/v1/me/drafts/{draft_id}/attachments/",
                        {"attachments": [_jpeg(), _file("bien-ban.pdf", pdf_bytes())]},
                        format="multipart")  # fmt: skip
    assert attached.status_code == 201, attached.content
    assert [a["kind"] for a in attached.json()["attachments"]] == ["photo", "document"]
    sent = app.post(f"/api/v1/me/drafts/{draft_id}/send/")
    assert sent.status_code == 201
    assert sent.json()["status"] == ReportStatus.SUBMITTED and sent.json()["code"]
    assert len(sent.json()["attachments"]) == 2
    again = app.post(f"/api/v1/me/drafts/{draft_id}/send/")
    assert again.status_code == 201 and again.json()["code"] == sent.json()["code"]
    assert app.get(f"/api/v1/me/drafts/{draft_id}/").status_code == 404, "no longer a draft"


def test_an_empty_draft_is_not_sent(desk):
    app = token_client(desk["reporter"])
    draft_id = app.post("/api/v1/me/drafts/", {"title": "Chỉ có tiêu đề"},
                        format="json").json()["draft_id"]  # fmt: skip
    refused = app.post(f"/api/v1/me/drafts/{draft_id}/send/")
    assert refused.status_code == 400
    assert refused.json()["errors"]["content"] == ["Vui lòng nhập nội dung phản ánh, kiến nghị."]


def test_files_are_checked_by_their_content_as_on_the_form(desk):
    app = token_client(desk["reporter"])
    refused = app.post("/api/v1/me/reports/",
                       {**REPORT, "attachments": [_file("anh.jpg", HTML_PAGE)]},
                       format="multipart", HTTP_IDEMPOTENCY_KEY="tep-1")  # fmt: skip
    assert refused.status_code == 400
    assert "anh.jpg" in refused.json()["errors"]["attachments"][0]
    assert not Report.objects.filter(reporter=desk["reporter"]).exists(), "nothing half-sent"
    assert not Attachment.objects.exists()
    many = app.post("/api/v1/me/reports/",
                    {**REPORT, "attachments": [_jpeg(f"{n}.jpg") for n in range(11)]},
                    format="multipart", HTTP_IDEMPOTENCY_KEY="tep-2")  # fmt: skip
    assert many.status_code == 400 and "10" in many.json()["errors"]["attachments"][0]


def test_my_reports_filter_and_another_persons_report_is_not_found(desk):
    mine = submitted_report(desk, title="Đèn đường hỏng")
    submitted_report(desk, title="Ổ gà trên đường")
    theirs = submitted_report(desk, reporter=desk["other_citizen"], title="Cây đổ")
    app = token_client(desk["reporter"])
    found = app.get("/api/v1/me/reports/", {"q": "Đèn"}).json()["results"]
    assert [r["code"] for r in found] == [mine.code]
    assert app.get("/api/v1/me/reports/", {"status": "answered"}).json()["results"] == []
    assert app.get("/api/v1/me/reports/", {"date_from": "2026-13-01"}).status_code == 400
    assert app.get(f"/api/v1/me/reports/{theirs.code}/").status_code == 404
    assert app.post(f"/api/v1/me/reports/{theirs.code}/withdraw/").status_code == 404
    officer = token_client(desk["coordinator"])
    assert officer.get("/api/v1/me/reports/").status_code == 403


def test_the_exchange_goes_both_ways_with_files(desk):
    report = report_at(desk, "unit_a")
    report_apply(report_id=report.pk, action="ask_citizen", actor=desk["handler_a"],
                 question="Xin gửi thêm ảnh vị trí cột đèn.")  # fmt: skip
    app = token_client(desk["reporter"])
    detail = app.get(f"/api/v1/me/reports/{report.code}/").json()
    assert detail["exchange"][0]["body"] == "Xin gửi thêm ảnh vị trí cột đèn."
    assert detail["exchange"][0]["from_citizen"] is False
    assert Message.objects.get(report=report).read_at is not None, "read by opening the report"
    sent = app.post(f"/api/v1/me/reports/{report.code}/messages/",
                    {"body": "Ảnh đây ạ.", "attachments": [_jpeg()]}, format="multipart")  # fmt: skip
    assert sent.status_code == 201, sent.content
    reply = sent.json()["exchange"][-1]
    assert reply["from_citizen"] is True and reply["attachments"][0]["kind"] == "photo"
    # The unit reads it on its desk, with the file.
    unit = token_client(desk["handler_a"])
    desk_view = unit.get(f"/api/v1/desk/reports/{report.code}/").json()
    assert desk_view["exchange"][-1]["body"] == "Ảnh đây ạ."
    file_url = desk_view["exchange"][-1]["attachments"][0]["url"]
    assert unit.get(file_url).status_code == 200
    assert app.get(reply["attachments"][0]["url"]).status_code == 200
    assert (
        token_client(desk["other_citizen"]).get(reply["attachments"][0]["url"]).status_code == 404
    )
    empty = app.post(f"/api/v1/me/reports/{report.code}/messages/", {"body": " "}, format="json")
    assert empty.status_code == 400


def _answered(desk) -> Report:
    report = report_at(desk, "unit_a")
    report_apply(report_id=report.pk, action="submit_answer", actor=desk["handler_a"],
                 content="Đã thay bóng đèn.")  # fmt: skip
    return report_apply(report_id=report.pk, action="approve_answer", actor=desk["leader_a"])


def test_rating_can_be_changed_for_seven_days(desk):
    report = _answered(desk)
    app = token_client(desk["reporter"])
    url = f"/api/v1/me/reports/{report.code}/rating/"
    first = app.put(url, {"value": "not_satisfied", "comment": "Chưa sáng."}, format="json")
    assert first.status_code == 200 and first.json()["can_rate"] is True
    assert app.put(url, {"value": "sao"}, format="json").status_code == 400
    later = timezone.now() + datetime.timedelta(days=8)
    with time_machine.travel(later, tick=False):
        app = token_client(desk["reporter"])
        assert app.get(f"/api/v1/me/reports/{report.code}/").json()["can_rate"] is False
        refused = app.put(url, {"value": "satisfied"}, format="json")
        assert refused.status_code == 400
        assert refused.json()["detail"] == "Đánh giá chỉ được thay đổi trong 7 ngày."


def test_withdrawal_while_not_yet_handled(desk):
    report = submitted_report(desk)
    app = token_client(desk["reporter"])
    withdrawn = app.post(f"/api/v1/me/reports/{report.code}/withdraw/",
                         {"reason": "Đã tự khắc phục."}, format="json")  # fmt: skip
    assert withdrawn.status_code == 200
    assert withdrawn.json()["status"] == ReportStatus.WITHDRAWN
    again = app.post(f"/api/v1/me/reports/{report.code}/withdraw/")
    assert again.status_code == 400
    assert again.json()["report"]["status"] == ReportStatus.WITHDRAWN


def test_notifications_are_listed_and_marked_read(desk, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = report_at(desk, "unit_a")  # forwarded and accepted: the reporter is told
    app = token_client(desk["reporter"])
    listed = app.get("/api/v1/me/notifications/").json()["results"]
    assert listed and listed[0]["report_code"] == report.code
    first = listed[0]["id"]
    assert app.post(f"/api/v1/me/notifications/{first}/read/").json()["read_at"]
    assert app.post("/api/v1/me/notifications/read-all/").status_code == 200
    assert not Notification.objects.filter(recipient=desk["reporter"], read_at=None).exists()
    other = token_client(desk["other_citizen"])
    assert other.post(f"/api/v1/me/notifications/{first}/read/").status_code == 404


def test_profile_and_data_download(desk):
    app = token_client(desk["reporter"])
    assert app.get("/api/v1/me/").json()["full_name"] == "Nguyễn Thị Lan"
    changed = app.put("/api/v1/me/", {"full_name": "Nguyễn Thị Lan Anh",
                                      "address_province": desk["province"].pk,
                                      "address_commune": desk["ward"].pk}, format="json")  # fmt: skip
    assert changed.status_code == 200 and changed.json()["full_name"] == "Nguyễn Thị Lan Anh"
    wrong = app.put("/api/v1/me/", {"full_name": "", "address_province": desk["province"].pk,
                                    "address_commune": 999999}, format="json")  # fmt: skip
    assert wrong.status_code == 400 and {"full_name", "address_commune"} <= set(
        wrong.json()["errors"]
    )
    data = app.get("/api/v1/me/data/")
    assert data.status_code == 200 and "no-store" in data["Cache-Control"]
    assert data.json()["account"]["full_name"] == "Nguyễn Thị Lan Anh"
