"""ID numbers and phone numbers never reach the logs, whatever happens on the account pages."""

import logging

import pytest
from django.test import Client
from django.urls import reverse

from pakn.accounts.models import User
from pakn.accounts.tests.factories import UserFactory
from pakn.reports.models import Report
from pakn.testing.captcha import post_with_captcha

pytestmark = pytest.mark.django_db(transaction=True)
CCCD = "056090001234"
PHONE_NATIONAL = "0912345678"


def test_logins_lockouts_and_codes_log_no_personal_numbers(client, caplog, settings):
    settings.SMS_BACKEND = "console"  # the backend that writes messages to the log
    caplog.set_level(logging.DEBUG)
    UserFactory(username=CCCD, phone="+84912345678")
    for _ in range(6):  # failures, then the lockout
        post_with_captcha(client, reverse("accounts:login"), {"login": CCCD, "password": "x"})
    post_with_captcha(client, reverse("accounts:login"), {"login": PHONE_NATIONAL, "password": "x"})
    client.cookies.clear()
    post_with_captcha(client, reverse("accounts:forgot-password"), {"phone": PHONE_NATIONAL})

    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "SMS to" in logged  # the console backend did log the message…
    assert CCCD not in logged  # …but no ID number
    assert PHONE_NATIONAL not in logged and "912345678" not in logged  # and no phone


def test_the_hotline_and_following_by_phone_log_no_phone(client, caplog, settings, org):
    """Issue 16: an operator looks a caller up, records them and enters their report, asks
    for a status by phone and logs a call; the caller follows the report by code and phone
    (right and wrong code, a refused request): the phone is in none of the log lines."""
    settings.SMS_BACKEND = "console"
    caplog.set_level(logging.DEBUG)
    phone_typed, phone_e164 = "0905 123 456", "+84905123456"
    client.force_login(org["operator"])
    client.post(reverse("backoffice:hotline-intake"), {"so": phone_typed})
    client.post(reverse("backoffice:hotline-intake"), {"so": "0905 12"})  # refused
    client.post(
        reverse("backoffice:hotline-contact-add"),
        {"full_name": "Lê Văn Cường", "phone": phone_typed, "address": ""},
    )
    caller = User.objects.get(phone=phone_e164)
    page = client.get(reverse("backoffice:hotline-report", args=[caller.pk])).content.decode()
    token = page.split('name="upload_token" value="', 1)[1].split('"', 1)[0]
    client.post(
        reverse("backoffice:hotline-report", args=[caller.pk]),
        {"idempotency_key": "8f1a4b1e-7c53-4d7b-9a51-0b6d6b7a3c11", "upload_token": token,
         "title": "Cây đổ", "content": "Cây đổ trên đường.", "kind": "report"},
    )  # fmt: skip
    code = Report.objects.get(reporter=caller).code
    client.post(reverse("backoffice:hotline-enquiry"), {"phone": phone_typed})
    client.post(reverse("backoffice:hotline-log"), {"phone": phone_typed, "note": "Hỏi"})
    visitor = Client()
    for attempt in ({"code": code, "phone": phone_typed}, {"code": code, "phone": phone_typed}):
        visitor.post(reverse("portal:follow"), attempt)  # the second is refused: too soon
    visitor.post(reverse("portal:follow-code"), {"otp": "000000"})

    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "SMS to" in logged  # the console backend did log the messages…
    assert "905123456" not in logged and "0905 123 456" not in logged  # …but no phone
