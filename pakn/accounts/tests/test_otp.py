import datetime
import re

import pytest
from django.utils import timezone

from pakn.accounts.models import OneTimeCode, OtpPurpose
from pakn.accounts.services.otp import OtpInvalid, OtpThrottled, otp_issue, otp_verify

pytestmark = pytest.mark.django_db(transaction=True)
PHONE = "+84912345678"


def age_codes(phone=PHONE, **delta):
    """Moves this phone's codes into the past, as if time had passed."""
    for code in OneTimeCode.objects.filter(phone=phone):
        code.created_at -= datetime.timedelta(**delta)
        code.expires_at -= datetime.timedelta(**delta)
        code.save()


def test_a_code_is_sent_hashed_and_works_once(sms_outbox):
    otp_issue(phone=PHONE, purpose=OtpPurpose.REGISTRATION, ip_address="10.0.0.1")
    code = sms_outbox.last_code(PHONE)
    stored = OneTimeCode.objects.get()
    assert code not in stored.code_hash and len(stored.code_hash) == 64
    otp_verify(phone=PHONE, purpose=OtpPurpose.REGISTRATION, code=code)
    with pytest.raises(OtpInvalid):
        otp_verify(phone=PHONE, purpose=OtpPurpose.REGISTRATION, code=code)


def test_a_code_for_one_purpose_does_not_open_another(sms_outbox):
    otp_issue(phone=PHONE, purpose=OtpPurpose.REGISTRATION, ip_address=None)
    with pytest.raises(OtpInvalid):
        otp_verify(phone=PHONE, purpose=OtpPurpose.PASSWORD_RESET, code=sms_outbox.last_code(PHONE))


def test_a_code_expires_after_five_minutes(sms_outbox):
    otp_issue(phone=PHONE, purpose=OtpPurpose.REGISTRATION, ip_address=None)
    age_codes(minutes=5, seconds=1)
    with pytest.raises(OtpInvalid, match="hết hiệu lực"):
        otp_verify(phone=PHONE, purpose=OtpPurpose.REGISTRATION, code=sms_outbox.last_code(PHONE))


def test_five_wrong_tries_void_the_code(sms_outbox):
    otp_issue(phone=PHONE, purpose=OtpPurpose.REGISTRATION, ip_address=None)
    right = sms_outbox.last_code(PHONE)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    messages = []
    for _ in range(5):
        with pytest.raises(OtpInvalid) as error:
            otp_verify(phone=PHONE, purpose=OtpPurpose.REGISTRATION, code=wrong)
        messages.append(str(error.value))
    assert "còn 4 lần" in messages[0]
    assert "quá 5 lần" in messages[-1]
    with pytest.raises(OtpInvalid):
        otp_verify(phone=PHONE, purpose=OtpPurpose.REGISTRATION, code=right)


def test_resend_waits_60_seconds_and_the_newest_code_wins(sms_outbox):
    otp_issue(phone=PHONE, purpose=OtpPurpose.REGISTRATION, ip_address=None)
    first = sms_outbox.last_code(PHONE)
    with pytest.raises(OtpThrottled) as error:
        otp_issue(phone=PHONE, purpose=OtpPurpose.REGISTRATION, ip_address=None)
    assert 55 <= error.value.retry_after_seconds <= 61
    age_codes(seconds=61)
    otp_issue(phone=PHONE, purpose=OtpPurpose.REGISTRATION, ip_address=None)
    second = sms_outbox.last_code(PHONE)
    if first != second:
        with pytest.raises(OtpInvalid):
            otp_verify(phone=PHONE, purpose=OtpPurpose.REGISTRATION, code=first)
    otp_verify(phone=PHONE, purpose=OtpPurpose.REGISTRATION, code=second)


def test_at_most_three_an_hour_and_five_a_day_per_phone(sms_outbox):
    for _ in range(3):
        otp_issue(phone=PHONE, purpose=OtpPurpose.REGISTRATION, ip_address=None)
        age_codes(seconds=61)
    with pytest.raises(OtpThrottled, match="3 mã trong một giờ"):
        otp_issue(phone=PHONE, purpose=OtpPurpose.REGISTRATION, ip_address=None)
    age_codes(hours=1)
    for _ in range(2):
        otp_issue(phone=PHONE, purpose=OtpPurpose.REGISTRATION, ip_address=None)
        age_codes(minutes=25)
    with pytest.raises(OtpThrottled, match="5 mã trong ngày"):
        otp_issue(phone=PHONE, purpose=OtpPurpose.REGISTRATION, ip_address=None)
    assert len(sms_outbox.messages(PHONE)) == 5


def test_at_most_ten_an_hour_per_ip_address(sms_outbox):
    for n in range(10):
        otp_issue(phone=f"+8491234{n:04d}", purpose=OtpPurpose.REGISTRATION, ip_address="10.1.1.1")
    with pytest.raises(OtpThrottled, match="địa chỉ mạng"):
        otp_issue(phone="+84987654321", purpose=OtpPurpose.REGISTRATION, ip_address="10.1.1.1")
    otp_issue(phone="+84987654321", purpose=OtpPurpose.REGISTRATION, ip_address="10.1.1.2")


def test_codes_are_six_digits(sms_outbox):
    for n in range(5):
        otp_issue(phone=f"+8498765{n:04d}", purpose=OtpPurpose.REGISTRATION, ip_address=None)
    for message in sms_outbox.messages():
        assert re.search(r"(?<!\d)\d{6}(?!\d)", message["body"])
    assert OneTimeCode.objects.filter(expires_at__gt=timezone.now()).count() == 5
