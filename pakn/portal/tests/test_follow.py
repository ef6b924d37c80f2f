"""A caller without an account follows the report an operator entered for them: code and
phone on "Tra cứu", a one-time SMS code, then that one report's citizen view in that browser
session for a limited time. The answer never tells whether the code and phone match."""

import datetime
import re
import uuid

import pytest
import time_machine
from django.db.models import F
from django.test import Client
from django.urls import reverse

from pakn.accounts.models import AccountType, OneTimeCode, User
from pakn.reports.models import Report, ReportStatus
from pakn.reports.services.submission import ReportDetails, report_submit
from pakn.reports.workflow import report_apply

pytestmark = pytest.mark.django_db
PHONE, NATIONAL = "+84905123456", "0905 123 456"
FOLLOW = "/tra-cuu/theo-doi/"


@pytest.fixture
def entered(org, django_capture_on_commit_callbacks):
    contact = User.objects.create(username="lien-he-1", account_type=AccountType.CONTACT,
                                  full_name="Lê Văn Cường", phone=PHONE, is_active=False)  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        report = report_submit(
            reporter=contact,
            details=ReportDetails(title="Cây đổ chắn đường", content="Cây đổ trên đường Lê Lợi."),
            idempotency_key=uuid.uuid4(),
            entered_by=org["operator"],
            channel="hotline",
        )
    report_apply(report_id=report.pk, action="forward", actor=org["coordinator"],
                 unit_id=org["department"].pk)  # fmt: skip
    report.refresh_from_db()
    return report


def _ask(client, code, phone, capture):
    with capture(execute=True):
        return client.post(FOLLOW, {"code": code, "phone": phone})


def _follow(client, code, sms_outbox, capture):
    _ask(client, code.lower(), NATIONAL, capture)
    return client.post(reverse("portal:follow-code"), {"otp": sms_outbox.last_code(PHONE)})


def test_the_caller_reads_their_report_after_the_sms_code(
    client, entered, sms_outbox, django_capture_on_commit_callbacks
):
    response = _follow(client, entered.code, sms_outbox, django_capture_on_commit_callbacks)

    assert response.url == reverse("portal:follow-report", args=[entered.code])
    page = client.get(response.url)
    text = page.content.decode()
    assert entered.get_status_display() in text and "Sở Xây dựng" in text
    assert "Cây đổ chắn đường" in text
    assert "0905" not in text and "905123456" not in text  # the phone is never shown back
    assert page["Cache-Control"] == "private, no-store"


def test_another_browser_or_another_report_is_not_opened(
    client, org, entered, sms_outbox, django_capture_on_commit_callbacks
):
    _follow(client, entered.code, sms_outbox, django_capture_on_commit_callbacks)
    other = report_submit(
        reporter=org["reporter"],
        details=ReportDetails(title="Khác", content="Khác"),
        idempotency_key=uuid.uuid4(),
    )
    response = client.get(reverse("portal:follow-report", args=[other.code]))
    assert response.status_code == 302 and response.url.startswith(FOLLOW)
    stranger = Client().get(reverse("portal:follow-report", args=[entered.code]))
    assert stranger.status_code == 302


def test_the_grant_ends_after_its_time(
    client, entered, sms_outbox, django_capture_on_commit_callbacks
):
    _follow(client, entered.code, sms_outbox, django_capture_on_commit_callbacks)
    url = reverse("portal:follow-report", args=[entered.code])
    assert client.get(url).status_code == 200
    with time_machine.travel(datetime.timedelta(hours=1, minutes=1)):
        assert client.get(url).status_code == 302


@pytest.mark.parametrize(
    ("code", "phone"),
    [("right", "0912000111"), ("PAKN-2026-999999", NATIONAL)],
    ids=["wrong-phone", "wrong-code"],
)
def test_no_oracle_the_same_answer_and_no_sms_when_nothing_matches(
    client, entered, sms_outbox, django_capture_on_commit_callbacks, code, phone
):
    code = entered.code if code == "right" else code
    matching = Client()
    good = _ask(matching, entered.code, NATIONAL, django_capture_on_commit_callbacks)
    sms_outbox_before = len(sms_outbox.messages())
    _minutes_pass(2)  # past the minute between two codes to one phone
    bad = _ask(client, code, phone, django_capture_on_commit_callbacks)

    assert (bad.status_code, bad.url) == (good.status_code, good.url)
    assert len(sms_outbox.messages()) == sms_outbox_before  # nothing sent
    good_page = matching.get(bad.url).content.decode().replace(entered.code, "CODE")
    bad_page = client.get(bad.url).content.decode().replace(code, "CODE")
    assert _without_tokens(good_page) == _without_tokens(bad_page)
    # The code typed after a mismatch never opens anything, even the right report's code.
    response = client.post(reverse("portal:follow-code"), {"otp": sms_outbox.last_code(PHONE)})
    assert response.status_code == 400 and "Mã xác thực không đúng" in response.content.decode()
    assert client.get(reverse("portal:follow-report", args=[entered.code])).status_code == 302


def _minutes_pass(minutes: int) -> None:
    OneTimeCode.objects.update(created_at=F("created_at") - datetime.timedelta(minutes=minutes))


def _without_tokens(page: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def test_the_limits_of_the_otp_service_hold_matching_or_not(
    client, entered, sms_outbox, django_capture_on_commit_callbacks
):
    first = _ask(client, entered.code, NATIONAL, django_capture_on_commit_callbacks)
    again = _ask(client, "PAKN-2026-999999", NATIONAL, django_capture_on_commit_callbacks)
    assert first.status_code == 302
    assert again.status_code == 429 and "Vui lòng chờ" in again.content.decode()
    assert OneTimeCode.objects.filter(phone=PHONE, purpose="report_follow").count() == 1


def test_five_wrong_codes_void_it(client, entered, sms_outbox, django_capture_on_commit_callbacks):
    _ask(client, entered.code, NATIONAL, django_capture_on_commit_callbacks)
    right = sms_outbox.last_code(PHONE)
    wrong = "000000" if right != "000000" else "111111"
    for _ in range(5):
        client.post(reverse("portal:follow-code"), {"otp": wrong})
    response = client.post(reverse("portal:follow-code"), {"otp": right})
    assert "hết hiệu lực" in response.content.decode()


def test_a_draft_is_never_followed(client, org, sms_outbox, django_capture_on_commit_callbacks):
    contact = User.objects.create(username="lien-he-2", account_type=AccountType.CONTACT,
                                  phone=PHONE, is_active=False)  # fmt: skip
    Report.objects.create(reporter=contact, title="Nháp", content="…", code="PAKN-2026-000777",
                          status=ReportStatus.DRAFT)  # fmt: skip
    _ask(client, "PAKN-2026-000777", NATIONAL, django_capture_on_commit_callbacks)
    assert sms_outbox.messages(PHONE) == []


def test_the_search_page_leads_to_following(client, db):
    assert FOLLOW in client.get("/tra-cuu/").content.decode()


def test_the_contacts_sms_links_to_following_and_an_accounts_sms_to_signing_in(
    client, org, settings, sms_outbox, django_capture_on_commit_callbacks
):
    settings.PUBLIC_BASE_URL = "https://pakn.example.vn"
    contact = User.objects.create(username="lien-he-3", account_type=AccountType.CONTACT,
                                  phone=PHONE, is_active=False)  # fmt: skip
    org["reporter"].phone = "+84912000111"
    org["reporter"].save()
    reports = {}
    for reporter in (contact, org["reporter"]):
        with django_capture_on_commit_callbacks(execute=True):
            reports[reporter.pk] = report_submit(
                reporter=reporter,
                details=ReportDetails(title="Cây đổ", content="Cây đổ."),
                idempotency_key=uuid.uuid4(),
                entered_by=org["operator"],
            )
    code = reports[contact.pk].code
    [receipt] = sms_outbox.messages(PHONE)
    assert receipt["body"].endswith(f"https://pakn.example.vn/t/{code}/")
    [citizens] = sms_outbox.messages("+84912000111")
    assert citizens["body"].endswith(f"/r/{reports[org['reporter'].pk].code}/")

    response = client.get(f"/t/{code}/")
    assert response.url == f"{FOLLOW}?ma={code}"
    assert f'value="{code}"' in client.get(response.url).content.decode()
