"""A gateway that refuses a message (issue 16, notifications): the message is tried again by
the scheduler with growing delays, then listed in the admin for a person to resend; a
one-time code is tried only while it is valid and is not kept at all once its tries are
spent. The gateway is a real closed port, then a real HTTP server."""

import datetime

import pytest
from django.utils import timezone

from pakn.core.models import OutgoingSms, SmsStatus
from pakn.core.sms import sms_needs_person, sms_queue, sms_retries_queue
from pakn.core.tests.test_sms import FakeGateway
from pakn.core.tests.test_sms_failures import CODE, TEXT, database_text, dead_port
from pakn.core.validators import mask_identifier
from pakn.notifications.scheduler import scheduler_pass

pytestmark = pytest.mark.django_db(transaction=True)
ADMIN_LIST = "/admin/core/outgoingsms/"
PHONE = "+84912345678"


@pytest.fixture
def dead_gateway(settings):
    settings.SMS_BACKEND = "http"
    settings.SMS_HTTP_URL = f"http://127.0.0.1:{dead_port()}/send"
    settings.SMS_HTTP_RETRIES = 0
    settings.SMS_RETRY_MINUTES = [1, 5, 30]


@pytest.fixture
def live_gateway(settings):
    gateway = FakeGateway(statuses=[])
    yield gateway
    gateway.close()


def minutes_ahead(moment: datetime.datetime, *, since: datetime.datetime) -> float:
    return round((moment - since).total_seconds() / 60)


def test_a_dead_gateway_is_retried_with_backoff_then_listed_for_a_person(
    dead_gateway, live_gateway, settings, admin_client
):
    message = sms_queue(phone=PHONE, body="Phan anh PAKN-2026-000123 da duoc tiep nhan.")
    message.refresh_from_db()
    assert (message.status, message.attempts) == (SmsStatus.FAILED, 1)
    assert "ConnectionError" in message.last_error
    assert minutes_ahead(message.next_attempt_at, since=timezone.now()) == 1
    # Not before its moment.
    assert sms_retries_queue(now=message.next_attempt_at - datetime.timedelta(seconds=1)) == 0

    for expected_delay in (5, 30):
        scheduler_pass(now=message.next_attempt_at)  # the scheduler queues the due try
        message.refresh_from_db()
        assert message.status == SmsStatus.FAILED
        assert minutes_ahead(message.next_attempt_at, since=timezone.now()) == expected_delay
    assert sms_retries_queue(now=message.next_attempt_at) == 1
    message.refresh_from_db()
    assert message.attempts == 4 and message.next_attempt_at is None
    assert list(sms_needs_person(OutgoingSms.objects.all())) == [message]

    # Listed in the admin for a person, the phone masked.
    page = admin_client.get(ADMIN_LIST, {"can_gui_lai": "1"}).content.decode()
    assert f"/{message.pk}/change/" in page
    assert PHONE not in page and mask_identifier(PHONE) in page
    # The gateway is back; the person resends it from the list.
    settings.SMS_HTTP_URL = live_gateway.url
    response = admin_client.post(
        ADMIN_LIST, {"action": "resend", "_selected_action": [message.pk]}, follow=True
    )
    assert "Đã xếp 1 tin vào hàng đợi gửi lại." in response.content.decode()
    message.refresh_from_db()
    assert message.status == SmsStatus.SENT
    assert "PAKN-2026-000123" in live_gateway.requests[0]["body"]
    assert list(sms_needs_person(OutgoingSms.objects.all())) == []


def test_a_code_is_tried_only_while_valid_and_dropped_after(
    dead_gateway, live_gateway, settings, admin_client
):
    expires = timezone.now() + datetime.timedelta(minutes=5)
    message = sms_queue(phone=PHONE, body=TEXT, secret=CODE, secret_expires_at=expires)
    message.refresh_from_db()
    assert message.status == SmsStatus.FAILED
    assert message.sealed_secret != ""  # kept sealed for the try in a minute
    assert minutes_ahead(message.next_attempt_at, since=timezone.now()) == 1
    assert CODE not in database_text()

    sms_retries_queue(now=message.next_attempt_at)
    message.refresh_from_db()
    # The next delay (5 minutes) would end after the code: no more tries, the code is gone.
    assert message.attempts == 2 and message.next_attempt_at is None
    assert message.sealed_secret == ""
    assert CODE not in database_text()

    # Listed, but a person's resend cannot send a code that is no longer there.
    settings.SMS_HTTP_URL = live_gateway.url
    response = admin_client.post(
        ADMIN_LIST, {"action": "resend", "_selected_action": [message.pk]}, follow=True
    )
    assert "người dùng cần yêu cầu mã mới" in response.content.decode()
    assert live_gateway.requests == []


def test_the_otp_service_gives_its_code_s_lifetime(settings, tmp_path):
    from pakn.accounts.models import OneTimeCode, OtpPurpose
    from pakn.accounts.services.otp import otp_issue

    settings.SMS_OUTBOX_DIR = tmp_path
    otp_issue(phone=PHONE, purpose=OtpPurpose.REGISTRATION, ip_address=None)
    code = OneTimeCode.objects.get()
    assert code.sms.secret_expires_at == code.expires_at
