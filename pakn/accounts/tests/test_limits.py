"""Rate limits at their edges, with a frozen clock: the one-time codes (one a minute, three an
hour, five a day per phone) and the login lockout (five failures, fifteen minutes)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from pakn.accounts.models import OneTimeCode, OtpPurpose
from pakn.accounts.services.otp import OtpThrottled, otp_issue
from pakn.accounts.tests.factories import UserFactory
from pakn.testing.captcha import captcha_fields

pytestmark = pytest.mark.django_db
PHONE = "+84912345678"
START = datetime.datetime(2026, 12, 1, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def issue_at(moment: datetime.datetime):
    with time_machine.travel(moment, tick=False):
        return otp_issue(phone=PHONE, purpose=OtpPurpose.REGISTRATION, ip_address=None)


def refused_at(moment: datetime.datetime, match: str) -> None:
    with pytest.raises(OtpThrottled, match=match):
        issue_at(moment)


def after(**delta) -> datetime.datetime:
    return START + datetime.timedelta(**delta)


def test_a_new_code_after_exactly_sixty_seconds_not_before():
    issue_at(START)
    refused_at(after(seconds=59), "chờ 2 giây")
    issue_at(after(seconds=60))
    assert OneTimeCode.objects.count() == 2


def test_the_third_code_of_an_hour_is_the_last_until_the_first_is_an_hour_old():
    for minutes in (0, 1, 2):
        issue_at(after(minutes=minutes))
    refused_at(after(minutes=59, seconds=59), "3 mã trong một giờ")
    refused_at(after(hours=1), "3 mã trong một giờ")
    issue_at(after(hours=1, seconds=1))
    assert OneTimeCode.objects.count() == 4


def test_the_fifth_code_of_a_day_is_the_last_until_the_first_is_a_day_old():
    for hours in (0, 2, 4, 6, 8):
        issue_at(after(hours=hours))
    refused_at(after(hours=10), "5 mã trong ngày")
    refused_at(after(days=1), "5 mã trong ngày")
    issue_at(after(days=1, seconds=1))
    assert OneTimeCode.objects.count() == 6


def log_in(client, password: str):
    url = reverse("accounts:login")
    page = client.get(url)
    data = {"login": "056090001234", "password": password}
    return client.post(url, {**data, **captcha_fields(page.content.decode())})


def test_four_failures_still_let_the_right_password_in(client):
    UserFactory(username="056090001234")
    for _ in range(4):
        assert log_in(client, "sai-mat-khau").status_code == 200
    assert log_in(client, "Matkhau@2026").status_code == 302
    assert "_auth_user_id" in client.session


@pytest.mark.parametrize(("later", "status"), [(899, 429), (901, 302)])
def test_the_fifth_failure_locks_for_fifteen_minutes(client, later, status):
    """(A try during the lock counts as a failure and starts the fifteen minutes again.)"""
    UserFactory(username="056090001234")
    with time_machine.travel(START, tick=False):
        for _ in range(5):
            log_in(client, "sai-mat-khau")
        assert log_in(client, "Matkhau@2026").status_code == 429
    with time_machine.travel(after(seconds=later), tick=False):
        assert log_in(client, "Matkhau@2026").status_code == status
