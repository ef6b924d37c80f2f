"""Time-outs that fit (issue #11): a gateway that hangs costs one message a few seconds and
one try, not ~40 s of retries that hold the worker while everything else waits."""

import pytest

from pakn.core.models import SmsStatus
from pakn.core.sms import sms_queue
from pakn.core.tests.workers import HangingGateway

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_gateway_that_never_answers_is_tried_once_and_the_failure_recorded(settings):
    gateway = HangingGateway(hang_always=True)
    try:
        settings.SMS_BACKEND = "http"
        settings.SMS_HTTP_URL = gateway.url
        settings.SMS_HTTP_TIMEOUT = 1
        settings.SMS_HTTP_RETRIES = 2
        message = sms_queue(phone="+84912345678", body="PAKN: phản ánh đã có kết quả")
        message.refresh_from_db()
    finally:
        gateway.close()

    assert message.status == SmsStatus.FAILED
    assert "timed out" in message.last_error
    # No second try: the gateway may have taken the first one, a retry could send it twice.
    assert len(gateway.hanging) == 1
    assert message.attempts == 1
