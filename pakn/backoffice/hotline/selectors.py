"""What the operators' pages read: the operator's unit, a caller and their reports, a
report's status as a sentence to read aloud, and the call log of a unit."""

import datetime

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from pakn.accounts.models import User
from pakn.accounts.services.contacts import contact_find
from pakn.backoffice.hotline.models import CallLog
from pakn.organisations.models import Membership, MembershipRole, Unit
from pakn.reports.access import units_of
from pakn.reports.models import Report, ReportStatus
from pakn.reports.selectors import reports_of_reporter

CALL_LOG_READERS = (MembershipRole.OPERATOR, MembershipRole.COORDINATOR)


def operator_unit(user) -> Unit | None:
    """The unit whose hotline ``user`` answers (their first operator role), or None: only
    operators take calls."""
    membership = (
        Membership.objects.filter(user=user, is_active=True, role=MembershipRole.OPERATOR)
        .select_related("unit")
        .order_by("unit__path")
        .first()
    )
    return membership.unit if membership is not None else None


def caller_find(*, phone: str) -> User | None:
    """The account or contact with this phone (E.164); never an officer."""
    return contact_find(phone=phone)


def caller_reports(caller: User, *, limit: int = 20) -> list[Report]:
    """The caller's sent reports, newest first (drafts are nobody's business but theirs)."""
    return list(
        reports_of_reporter(caller)
        .exclude(status=ReportStatus.DRAFT)
        .select_related("current_unit")
        .order_by("-submitted_at", "-id")[:limit]
    )


def report_status_sentence(report: Report) -> str:
    """The report's public status in one sentence an operator can read aloud to a caller:
    what the citizen's own page shows (status, unit, deadline), nothing internal."""
    values = {
        "code": report.code,
        "status": report.get_status_display(),
        "unit": report.current_unit.name if report.current_unit_id else "",
        "deadline": (
            f"{timezone.localtime(report.answer_deadline):%d/%m/%Y}"
            if report.answer_deadline
            else ""
        ),
        "date": (
            f"{timezone.localtime(report.answered_at):%d/%m/%Y}" if report.answered_at else ""
        ),
    }
    if report.status in (ReportStatus.ANSWERED, ReportStatus.CLOSED) and values["date"]:
        return (
            _("Phản ánh %(code)s đã có kết quả xử lý ngày %(date)s; trạng thái: %(status)s.")
            % values
        )
    if values["unit"] and values["deadline"]:
        return (
            _(
                "Phản ánh %(code)s đang ở trạng thái “%(status)s”, do %(unit)s xử lý, "
                "hạn xử lý ngày %(deadline)s."
            )
            % values
        )
    if values["unit"]:
        return _("Phản ánh %(code)s đang ở trạng thái “%(status)s”, do %(unit)s xử lý.") % values
    return _("Phản ánh %(code)s đang ở trạng thái “%(status)s”.") % values


def report_for_enquiry(*, code: str) -> Report | None:
    """A sent report by its code (drafts do not exist for anyone but their author)."""
    return (
        Report.objects.exclude(status=ReportStatus.DRAFT)
        .select_related("current_unit")
        .filter(code=code.strip().upper())
        .first()
    )


def call_log_units(user) -> QuerySet[Unit]:
    """The units whose call log ``user`` reads: where they are an operator or coordinator."""
    return units_of(user, CALL_LOG_READERS)


def call_log_for(
    user, *, date_from: datetime.date | None = None, date_to: datetime.date | None = None
):
    """The calls of the reader's units, newest first, within the dates if given."""
    calls = CallLog.objects.filter(unit__in=call_log_units(user).values("pk"))
    if date_from:
        calls = calls.filter(created_at__gte=_day_start(date_from))
    if date_to:
        calls = calls.filter(created_at__lt=_day_start(date_to + datetime.timedelta(days=1)))
    return calls.select_related("operator", "caller", "report", "unit").order_by(
        "-created_at", "-id"
    )


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
