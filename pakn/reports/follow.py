"""Following a report without an account (issue 16): a caller whose report an operator
entered types its code and their phone on "Tra cứu", gets a one-time SMS code, and the
browser session may then read that one report's citizen view (status, public timeline,
answer) for FOLLOW_LIFETIME.

No oracle: whether the code and phone match never shows. The answer to the request is the
same, the rate limits count the same rows (``otp_issue(deliver=False)`` records an attempt
that sends nothing), and the code typed afterwards is compared with one that cannot match.
``report_followed_get`` is the one check every door (page, and any future API) asks."""

import datetime

from django.utils import timezone

from pakn.accounts.models import OtpPurpose
from pakn.accounts.services.otp import OtpIssued, otp_issue, otp_verify
from pakn.reports.models import Report, ReportStatus

FOLLOW_LIFETIME = datetime.timedelta(hours=1)
SESSION_KEY = "followed_reports"  # {report id: expiry as a POSIX timestamp}


def _normalised_code(code: str) -> str:
    return (code or "").strip().upper()


def _followable(*, code: str, phone: str) -> Report | None:
    """The sent report with this code whose reporter has this phone (E.164)."""
    if not code or not phone:
        return None
    return (
        Report.objects.exclude(status=ReportStatus.DRAFT)
        .filter(code=_normalised_code(code), reporter__phone=phone, reporter__deleted_at=None)
        .first()
    )


def report_follow_request(*, code: str, phone: str, ip_address: str | None) -> OtpIssued:
    """Sends the code by SMS when the report and phone match; records the same attempt
    either way (and raises OtpThrottled past the limits, either way)."""
    report = _followable(code=code, phone=phone)
    return otp_issue(
        phone=phone,
        purpose=OtpPurpose.REPORT_FOLLOW,
        ip_address=ip_address,
        deliver=report is not None,
    )


def report_follow_confirm(*, session, code: str, phone: str, otp: str) -> Report:
    """Checks the SMS code and grants this session the report; raises OtpInvalid."""
    report = _followable(code=code, phone=phone)
    otp_verify(
        phone=phone,
        purpose=OtpPurpose.REPORT_FOLLOW,
        code=otp if report is not None else "",
    )
    granted = dict(session.get(SESSION_KEY) or {})
    now = timezone.now().timestamp()
    granted = {key: until for key, until in granted.items() if until > now}
    granted[str(report.pk)] = now + FOLLOW_LIFETIME.total_seconds()
    session[SESSION_KEY] = granted
    return report


def report_followed_get(*, session, code: str) -> Report | None:
    """The report ``code`` if this session was granted it and the grant has not expired
    (and the report still belongs to a phone-holder: a deleted reporter ends it)."""
    granted = session.get(SESSION_KEY) or {}
    if not granted:
        return None
    report = (
        Report.objects.exclude(status=ReportStatus.DRAFT)
        .filter(code=_normalised_code(code), reporter__deleted_at=None)
        .select_related("current_unit")
        .first()
    )
    if report is None:
        return None
    until = granted.get(str(report.pk))
    if until is None or until <= timezone.now().timestamp():
        return None
    return report
