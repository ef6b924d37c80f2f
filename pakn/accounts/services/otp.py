"""One-time codes by SMS: issue with rate limits, verify with a try limit.

Limits (issue #4): a code lives 5 minutes, is used once and is void after 5 wrong tries; a
phone may ask again after 60 s, at most 3 times an hour and 5 a day; an IP address at most 10
times an hour. Counting uses the rows themselves, so the limits hold across several
application servers without a shared cache.
"""

import datetime
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pakn.accounts.models import OneTimeCode, OtpPurpose, User
from pakn.core.models import SmsStatus
from pakn.core.sms import sms_queue

OTP_LIFETIME = datetime.timedelta(minutes=5)
OTP_MAX_FAILED_ATTEMPTS = 5
OTP_RESEND_AFTER = datetime.timedelta(seconds=60)
OTP_MAX_PER_PHONE_HOUR = 3
OTP_MAX_PER_PHONE_DAY = 5
OTP_MAX_PER_IP_HOUR = 10

SMS_TEXT_BY_PURPOSE = {
    # Unaccented: Vietnamese gateways bill accented text as Unicode, at a third of the length.
    OtpPurpose.REGISTRATION: "Ma xac thuc dang ky PAKN cua ban la {code}. Hieu luc 5 phut. "
    "Khong cung cap ma nay cho bat ky ai.",
    OtpPurpose.PASSWORD_RESET: "Ma lay lai mat khau PAKN cua ban la {code}. Hieu luc 5 phut. "
    "Khong cung cap ma nay cho bat ky ai.",
    OtpPurpose.PHONE_CHANGE: "Ma xac thuc so dien thoai moi PAKN cua ban la {code}. "
    "Hieu luc 5 phut. Khong cung cap ma nay cho bat ky ai.",
    OtpPurpose.REPORT_FOLLOW: "Ma xem phan anh PAKN cua ban la {code}. Hieu luc 5 phut. "
    "Khong cung cap ma nay cho bat ky ai.",
}


class OtpError(Exception):
    """A user-facing refusal; ``str(error)`` is the message to show."""


class OtpThrottled(OtpError):
    def __init__(self, message: str, *, retry_after_seconds: int):
        super().__init__(message)
        self.retry_after_seconds = retry_after_seconds


class OtpInvalid(OtpError):
    pass


@dataclass(frozen=True)
class OtpIssued:
    phone: str
    expires_at: datetime.datetime
    resend_after_seconds: int


def _throttle_check(*, phone: str, ip_address: str | None, now: datetime.datetime) -> None:
    recent = OneTimeCode.objects.filter(phone=phone, created_at__gte=now - datetime.timedelta(1))
    times = sorted(recent.values_list("created_at", flat=True), reverse=True)
    if times and now - times[0] < OTP_RESEND_AFTER:
        wait = int((OTP_RESEND_AFTER - (now - times[0])).total_seconds()) + 1
        raise OtpThrottled(
            ngettext(
                "Vui lòng chờ %(seconds)d giây trước khi yêu cầu gửi lại mã.",
                "Vui lòng chờ %(seconds)d giây trước khi yêu cầu gửi lại mã.",
                wait,
            )
            % {"seconds": wait},
            retry_after_seconds=wait,
        )
    last_hour = [t for t in times if t >= now - datetime.timedelta(hours=1)]
    if len(last_hour) >= OTP_MAX_PER_PHONE_HOUR:
        wait = int((last_hour[-1] + datetime.timedelta(hours=1) - now).total_seconds()) + 1
        raise OtpThrottled(
            _(
                "Số điện thoại này đã nhận đủ 3 mã trong một giờ. "
                "Vui lòng thử lại sau %(minutes)d phút."
            )
            % {"minutes": max(1, wait // 60)},
            retry_after_seconds=wait,
        )
    if len(times) >= OTP_MAX_PER_PHONE_DAY:
        wait = int((times[-1] + datetime.timedelta(days=1) - now).total_seconds()) + 1
        raise OtpThrottled(
            _("Số điện thoại này đã nhận đủ 5 mã trong ngày. Vui lòng thử lại vào ngày mai."),
            retry_after_seconds=wait,
        )
    if ip_address:
        from_ip = OneTimeCode.objects.filter(
            ip_address=ip_address, created_at__gte=now - datetime.timedelta(hours=1)
        ).count()
        if from_ip >= OTP_MAX_PER_IP_HOUR:
            raise OtpThrottled(
                _("Có quá nhiều yêu cầu gửi mã từ địa chỉ mạng này. Vui lòng thử lại sau."),
                retry_after_seconds=3600,
            )


@transaction.atomic
def otp_issue(
    *,
    phone: str,
    purpose: OtpPurpose,
    ip_address: str | None,
    user: User | None = None,
    deliver: bool = True,
) -> OtpIssued:
    """Creates a code for ``phone`` and queues the SMS (after commit).

    ``deliver=False`` records an attempt that sends nothing: forgot-password uses it for numbers
    with no account, so that the answer, the limits and the timing are the same either way."""
    now = timezone.now()
    _throttle_check(phone=phone, ip_address=ip_address, now=now)
    code = f"{secrets.randbelow(1_000_000):06d}"
    # Earlier unused codes for the same purpose stop working: only the newest SMS counts.
    OneTimeCode.objects.filter(phone=phone, purpose=purpose, used_at__isnull=True).update(
        used_at=now
    )
    message = None
    if deliver:
        message = sms_queue(
            phone=phone,
            body=SMS_TEXT_BY_PURPOSE[purpose].format(code=code),
            secret=code,
            secret_expires_at=now + OTP_LIFETIME,
        )
    OneTimeCode.objects.create(
        phone=phone,
        purpose=purpose,
        user=user,
        code_hash=OneTimeCode.hash_code(code=code, phone=phone, purpose=purpose),
        sms=message,
        ip_address=ip_address,
        created_at=now,
        expires_at=now + OTP_LIFETIME,
    )
    return OtpIssued(
        phone=phone,
        expires_at=now + OTP_LIFETIME,
        resend_after_seconds=int(OTP_RESEND_AFTER.total_seconds()),
    )


def otp_sms_failed(*, phone: str, purpose: OtpPurpose) -> bool:
    """Whether the SMS carrying the newest live code for ``phone`` could not be sent, so that
    the page asking for the code says so instead of "a code was sent"."""
    # Issuing a code voids the earlier ones, so at most one code per phone and purpose is live.
    return OneTimeCode.objects.filter(
        phone=phone,
        purpose=purpose,
        used_at__isnull=True,
        expires_at__gt=timezone.now(),
        sms__status=SmsStatus.FAILED,
    ).exists()


def otp_verify(
    *,
    phone: str,
    purpose: OtpPurpose,
    code: str,
    before_use: Callable[[], None] | None = None,
) -> OneTimeCode:
    """Uses up the live code for ``phone`` if ``code`` matches; raises OtpInvalid otherwise.

    ``before_use`` runs once the code matches and may refuse (raise ValidationError): the code
    then stays live and no wrong try is counted, so a refused new password does not cost the
    person their code. Runs in its own transaction so that a wrong try is counted even when
    the caller's transaction rolls back."""
    code = (code or "").strip()
    now = timezone.now()
    with transaction.atomic():
        live = (
            OneTimeCode.objects.select_for_update()
            .filter(phone=phone, purpose=purpose, used_at__isnull=True, expires_at__gt=now)
            .order_by("-created_at")
            .first()
        )
        if live is None or live.failed_attempts >= OTP_MAX_FAILED_ATTEMPTS:
            raise OtpInvalid(_("Mã xác thực đã hết hiệu lực. Vui lòng yêu cầu gửi mã mới."))
        expected = OneTimeCode.hash_code(code=code, phone=phone, purpose=purpose)
        if len(code) == 6 and code.isdigit() and secrets.compare_digest(expected, live.code_hash):
            if before_use is not None:
                before_use()
            live.used_at = now
            live.save(update_fields=["used_at"])
            return live
        OneTimeCode.objects.filter(pk=live.pk).update(failed_attempts=F("failed_attempts") + 1)
        remaining = OTP_MAX_FAILED_ATTEMPTS - live.failed_attempts - 1
    if remaining <= 0:
        raise OtpInvalid(_("Nhập sai mã quá 5 lần. Mã đã bị hủy, vui lòng yêu cầu gửi mã mới."))
    raise OtpInvalid(
        ngettext(
            "Mã xác thực không đúng. Ông/bà còn %(count)d lần thử.",
            "Mã xác thực không đúng. Ông/bà còn %(count)d lần thử.",
            remaining,
        )
        % {"count": remaining}
    )
