"""ID numbers and phone numbers never reach the logs, whatever happens on the account pages."""

import logging

import pytest
from django.urls import reverse

from pakn.accounts.tests.factories import UserFactory
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
