"""The draft that saves itself while the citizen types ("Gửi phản ánh, kiến nghị"): one draft
per form however often it is saved, nothing required but a title or a content, a Vietnamese
message for what is refused, and nobody else's draft touched."""

import uuid

import pytest
from django.urls import reverse

from pakn.reports.models import Report, ReportStatus
from pakn.reports.services.submission import ReportDetails, report_draft_save, report_submit

pytestmark = pytest.mark.django_db
AUTOSAVE_URL = "/gui-phan-anh/luu-nhap/"


def draft_data(key, **overrides):
    return {
        "idempotency_key": str(key),
        "title": "Cây đổ chắn đường",
        "content": "",
        "kind": "report",
        **overrides,
    }


@pytest.fixture
def citizen_client(client, org):
    client.force_login(org["reporter"])
    return client


def test_repeated_saves_make_one_draft_and_update_it(citizen_client, org):
    key = uuid.uuid4()
    first = citizen_client.post(AUTOSAVE_URL, draft_data(key))
    second = citizen_client.post(
        AUTOSAVE_URL,
        draft_data(key, content="Cây xanh đổ sau mưa.", latitude="12.2388", longitude="109.1967",
                   hide_reporter_name="on"),
    )  # fmt: skip

    assert first.status_code == second.status_code == 200
    draft = Report.objects.get(reporter=org["reporter"])
    assert draft.status == ReportStatus.DRAFT
    assert draft.code is None
    assert (draft.title, draft.content) == ("Cây đổ chắn đường", "Cây xanh đổ sau mưa.")
    assert str(draft.latitude) == "12.238800"
    assert draft.hide_reporter_name
    payload = second.json()
    assert payload["draft"] == str(key)
    assert payload["message"].startswith("Đã lưu nháp lúc ")
    assert payload["url"] == f"{reverse('reports:send')}?ban-nhap={key}"
    # The saved draft opens with what was typed.
    html = citizen_client.get(payload["url"]).content.decode()
    assert "Cây xanh đổ sau mưa." in html


def test_a_draft_without_a_kind_is_a_report_and_one_without_text_is_refused(citizen_client, org):
    key = uuid.uuid4()
    response = citizen_client.post(AUTOSAVE_URL, draft_data(key, kind=""))
    assert response.status_code == 200
    assert Report.objects.get().kind == "report"

    response = citizen_client.post(AUTOSAVE_URL, draft_data(uuid.uuid4(), title=" "))
    assert response.status_code == 400
    assert "Nhập tiêu đề hoặc nội dung để lưu bản nháp." in response.json()["message"]
    assert Report.objects.count() == 1


def test_a_too_long_title_is_refused_with_a_vietnamese_message(citizen_client, org):
    response = citizen_client.post(AUTOSAVE_URL, draft_data(uuid.uuid4(), title="Đ" * 251))

    assert response.status_code == 400
    payload = response.json()
    assert payload["message"] == "Chưa lưu được bản nháp: Tiêu đề tối đa 250 ký tự (đang có 251)."
    assert payload["errors"]["title"] == ["Tiêu đề tối đa 250 ký tự (đang có 251)."]
    assert not Report.objects.exists()


def test_a_position_outside_vietnam_or_a_bad_key_is_refused(citizen_client, org):
    response = citizen_client.post(
        AUTOSAVE_URL, draft_data(uuid.uuid4(), latitude="48.8566", longitude="2.3522")
    )
    assert response.status_code == 400
    assert "nằm ngoài lãnh thổ Việt Nam" in response.json()["message"]

    response = citizen_client.post(AUTOSAVE_URL, draft_data("khong-phai-ma"))
    assert response.status_code == 400
    assert response.json()["message"] == "Chưa lưu được bản nháp: Mã bản nháp không hợp lệ."
    assert not Report.objects.exists()


def test_another_citizens_draft_is_not_found_and_left_alone(citizen_client, org):
    theirs = report_draft_save(
        reporter=org["other_citizen"],
        details=ReportDetails(title="Bản nháp của người khác", content="Riêng tư"),
        idempotency_key=uuid.uuid4(),
    )

    response = citizen_client.post(AUTOSAVE_URL, draft_data(theirs.idempotency_key, title="Ghi đè"))

    assert response.status_code == 404
    assert response.json()["message"] == "Không tìm thấy bản nháp."
    theirs.refresh_from_db()
    assert theirs.title == "Bản nháp của người khác"
    assert not Report.objects.filter(reporter=org["reporter"]).exists()


def test_a_report_already_sent_is_not_changed_by_a_late_save(citizen_client, org):
    key = uuid.uuid4()
    sent = report_submit(
        reporter=org["reporter"],
        details=ReportDetails(title="Đèn đường hỏng", content="Đèn hỏng nhiều ngày."),
        idempotency_key=key,
    )

    response = citizen_client.post(AUTOSAVE_URL, draft_data(key, title="Sửa sau khi gửi"))

    assert response.status_code == 409
    assert sent.code in response.json()["message"]
    sent.refresh_from_db()
    assert sent.title == "Đèn đường hỏng"


def test_only_a_logged_in_citizen_saves_drafts(client, org):
    response = client.post(AUTOSAVE_URL, draft_data(uuid.uuid4()))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    client.force_login(org["handler"])
    assert client.post(AUTOSAVE_URL, draft_data(uuid.uuid4())).status_code == 403
    client.force_login(org["reporter"])
    assert client.get(AUTOSAVE_URL).status_code == 405
    assert not Report.objects.exists()


def test_the_save_needs_the_csrf_token(org):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(org["reporter"])
    assert client.post(AUTOSAVE_URL, draft_data(uuid.uuid4())).status_code == 403
    assert not Report.objects.exists()


def test_the_form_page_says_when_the_server_copy_was_made(client, org):
    """The script restores this browser's copy only when it is newer than the server's."""
    client.force_login(org["reporter"])
    draft = report_draft_save(
        reporter=org["reporter"],
        details=ReportDetails(title="Bản nháp", content=""),
        idempotency_key=uuid.uuid4(),
    )
    html = client.get(f"/gui-phan-anh/?ban-nhap={draft.idempotency_key}").content.decode()
    assert f'data-server-saved="{int(draft.updated_at.timestamp() * 1000)}"' in html
    assert "data-fresh" not in html
    html = client.get("/gui-phan-anh/").content.decode()
    assert 'data-server-saved="0"' in html and "data-fresh" in html
