"""An operator takes a call: finds the caller by phone in any spelling (their account or
contact and past reports), or records a new contact, then enters the report with the
citizens' form; the report is the caller's, entered by the operator, channel ``hotline``,
and the caller gets the SMS receipt with its code. Every intake writes one call in the log."""

import re
import uuid

import pytest
from django.urls import reverse

from pakn.accounts.models import AccountType, User
from pakn.accounts.tests.factories import UserFactory
from pakn.backoffice.hotline.models import CallKind, CallLog
from pakn.reports.models import Attachment, Event, Report, ReportChannel, ReportStatus
from pakn.reports.services.attachments import upload_token_issue
from pakn.reports.tests.upload_samples import png_bytes, upload

pytestmark = pytest.mark.django_db
PHONE = "+84905123456"
INTAKE = "/can-bo/tong-dai/"


def _report_form(client, caller, **fields):
    page = client.get(reverse("backoffice:hotline-report", args=[caller.pk]))
    assert page.status_code == 200
    token = re.search(r'name="upload_token" value="([^"]+)"', page.content.decode()).group(1)
    data = {
        "idempotency_key": str(uuid.uuid4()),
        "upload_token": token,
        "title": "Đèn đường hỏng",
        "content": "Đèn đường trước nhà số 12 không sáng đã một tuần.",
        "kind": "report",
        **fields,
    }
    return data


@pytest.mark.parametrize(
    "spelling", ["0905 123 456", "0905.123.456", "+84905123456", "84905123456"]
)
def test_the_caller_is_found_by_phone_in_any_spelling_with_their_reports(client, desk, spelling):
    citizen = UserFactory(phone=PHONE, full_name="Trần Thị Bình")
    Report.objects.create(reporter=citizen, title="Ổ gà đường Trần Phú", content="…",
                          status=ReportStatus.SUBMITTED, code="PAKN-2026-000001")  # fmt: skip
    Report.objects.create(reporter=citizen, title="Bản nháp riêng", content="…")
    client.force_login(desk["operator"])

    page = client.post(INTAKE, {"so": spelling}).content.decode()

    assert "Trần Thị Bình" in page and "PAKN-2026-000001" in page
    assert "Bản nháp riêng" not in page  # a draft is the citizen's own business
    assert "Có tài khoản trên cổng" in page


def test_a_new_contact_is_recorded_and_their_report_entered_with_a_photo(
    client, desk, sms_outbox, django_capture_on_commit_callbacks
):
    client.force_login(desk["operator"])
    page = client.post(INTAKE, {"so": "0905 123 456"}).content.decode()
    assert "Người gọi chưa có trên hệ thống" in page

    response = client.post(
        reverse("backoffice:hotline-contact-add"),
        {"full_name": "Lê Văn Cường", "phone": "0905123456", "address": "12 Trần Phú"},
    )
    contact = User.objects.get(phone=PHONE)
    assert contact.account_type == AccountType.CONTACT and not contact.has_usable_password()
    assert contact.address_street == "12 Trần Phú" and not contact.username.isdigit()
    assert response.url == reverse("backoffice:hotline-report", args=[contact.pk])

    data = _report_form(client, contact, latitude="12.245", longitude="109.19")
    data["attachments"] = upload("anh.png", png_bytes(), "image/png")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("backoffice:hotline-report", args=[contact.pk]), data)

    report = Report.objects.get(reporter=contact)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response.url == reverse("backoffice:hotline-entered", args=[report.code])
    assert report.status == ReportStatus.SUBMITTED
    assert report.channel == ReportChannel.HOTLINE and report.entered_by == desk["operator"]
    assert str(report.latitude) == "12.245000"
    assert Attachment.objects.get(report=report).original_name == "anh.png"
    assert Event.objects.get(report=report, action="submit").actor == desk["operator"]
    receipt = sms_outbox.messages(PHONE)
    assert len(receipt) == 1 and report.code in receipt[0]["body"]
    call = CallLog.objects.get()
    assert (call.kind, call.report, call.caller, call.operator) == (
        CallKind.NEW_REPORT, report, contact, desk["operator"],
    )  # fmt: skip
    assert report.code in client.get(response.url).content.decode()


def test_posting_the_form_twice_sends_one_report_and_logs_one_call(client, desk):
    contact = User.objects.create(username="lien-he-x", account_type=AccountType.CONTACT,
                                  phone=PHONE, is_active=False)  # fmt: skip
    client.force_login(desk["operator"])
    data = _report_form(client, contact)
    url = reverse("backoffice:hotline-report", args=[contact.pk])
    client.post(url, data)
    client.post(url, data)
    assert Report.objects.filter(reporter=contact).count() == 1
    assert CallLog.objects.count() == 1


def test_a_refused_form_keeps_what_was_typed(client, desk):
    contact = User.objects.create(username="lien-he-x", account_type=AccountType.CONTACT,
                                  phone=PHONE, is_active=False)  # fmt: skip
    client.force_login(desk["operator"])
    data = _report_form(client, contact, title="", latitude="48.8", longitude="2.3")
    response = client.post(reverse("backoffice:hotline-report", args=[contact.pk]), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Vui lòng nhập tiêu đề." in page and "ngoài lãnh thổ Việt Nam" in page
    assert "Đèn đường trước nhà số 12" in page
    assert not Report.objects.exists() and not CallLog.objects.exists()


@pytest.mark.parametrize("name", ["coordinator", "handler_a", "leader_a"])
def test_only_operators_take_calls(client, desk, name):
    contact = User.objects.create(username="lien-he-x", account_type=AccountType.CONTACT,
                                  phone=PHONE, is_active=False)  # fmt: skip
    client.force_login(desk[name])
    assert client.get(INTAKE).status_code == 404
    assert client.get(reverse("backoffice:hotline-report", args=[contact.pk])).status_code == 404
    data = {"full_name": "X", "phone": "0905123456"}
    assert client.post(reverse("backoffice:hotline-contact-add"), data).status_code == 404
    assert client.get(reverse("backoffice:hotline-enquiry")).status_code == 404


def test_an_officer_is_never_a_caller(client, desk):
    client.force_login(desk["operator"])
    url = reverse("backoffice:hotline-report", args=[desk["handler_a"].pk])
    assert client.get(url).status_code == 404


def test_the_menu_offers_the_hotline_to_operators_only(client, desk):
    client.force_login(desk["operator"])
    assert 'href="/can-bo/tong-dai/"' in client.get("/can-bo/").content.decode()
    page = client.get(INTAKE).content.decode()
    assert 'href="/can-bo/tong-dai/" aria-current="page"' in page
    assert 'aria-current="page">Quản trị đơn vị' not in page
    client.force_login(desk["coordinator"])  # reads the log, takes no calls
    page = client.get("/can-bo/").content.decode()
    assert 'href="/can-bo/tong-dai/nhat-ky/"' in page and 'href="/can-bo/tong-dai/"' not in page
    client.force_login(desk["handler_a"])
    assert "/can-bo/tong-dai/" not in client.get("/can-bo/").content.decode()


def test_an_upload_token_of_another_officer_stores_nothing(client, desk):
    contact = User.objects.create(username="lien-he-x", account_type=AccountType.CONTACT,
                                  phone=PHONE, is_active=False)  # fmt: skip
    client.force_login(desk["operator"])
    data = _report_form(client, contact)
    data["upload_token"] = upload_token_issue(user=desk["coordinator"])
    data["attachments"] = upload("anh.png", png_bytes(), "image/png")
    response = client.post(reverse("backoffice:hotline-report", args=[contact.pk]), data)
    assert response.status_code == 400
    assert not Attachment.objects.exists() and not Report.objects.exists()


def test_a_contact_is_told_by_sms_only_and_a_closed_account_not_at_all(
    desk, sms_outbox, django_capture_on_commit_callbacks
):
    from pakn.notifications.models import Notification
    from pakn.reports.services.submission import ReportDetails, report_submit

    contact = User.objects.create(username="lien-he-x", account_type=AccountType.CONTACT,
                                  phone=PHONE, is_active=False)  # fmt: skip
    closed = UserFactory(phone="+84912000111", is_active=False)
    for reporter in (contact, closed):
        with django_capture_on_commit_callbacks(execute=True):
            report_submit(
                reporter=reporter,
                details=ReportDetails(title="Cây đổ", content="Cây đổ."),
                idempotency_key=uuid.uuid4(),
                entered_by=desk["operator"],
            )
    assert len(sms_outbox.messages(PHONE)) == 1
    assert not Notification.objects.filter(recipient=contact).exists()  # no inbox to read
    assert sms_outbox.messages("+84912000111") == []


def test_hoi_tinh_trang_opens_with_the_callers_phone(client, desk):
    caller = UserFactory(phone=PHONE)
    client.force_login(desk["operator"])
    page = client.get(reverse("backoffice:hotline-enquiry"), {"nguoi-goi": caller.pk})
    assert 'value="+84905123456"' in page.content.decode()
    officer = client.get(reverse("backoffice:hotline-enquiry"), {"nguoi-goi": desk["handler_a"].pk})
    assert 'name="phone" value' not in officer.content.decode()
    assert client.get(reverse("backoffice:hotline-enquiry"), {"nguoi-goi": "x"}).status_code == 200
