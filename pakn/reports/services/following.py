"""Following someone else's report ("Theo dõi"): a citizen who finds, while typing, that the
matter was already reported follows that report instead of sending another; a reporter whose
report was merged follows the surviving one. A follower sees the report as the public does
(never the reporter's words or identity) and hears of its public events
(pakn.notifications.rules, audience "followers")."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from pakn.reports.models import Report, ReportFollower
from pakn.reports.workflow import WorkflowError


def report_follow(*, user, report: Report) -> ReportFollower:
    """``user`` follows a published report; following it again changes nothing."""
    if not report.is_published or not report.code:
        raise WorkflowError(_("Chỉ theo dõi được phản ánh đã công khai."))
    if report.reporter_id == user.pk:
        raise WorkflowError(_("Đây là phản ánh của Ông/bà, đã có trong danh sách."))
    return _follower_add(user=user, report=report)


def report_follower_add_merged(*, report: Report, merged: Report) -> ReportFollower | None:
    """The reporter of ``merged`` follows ``report``, the one it was merged into."""
    if merged.reporter_id == report.reporter_id:
        return None
    return _follower_add(user=merged.reporter, report=report, merged_from=merged)


def _follower_add(*, user, report: Report, merged_from: Report | None = None) -> ReportFollower:
    existing = ReportFollower.objects.filter(report=report, user=user).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return ReportFollower.objects.create(report=report, user=user, merged_from=merged_from)
    except IntegrityError:  # followed at the same moment from another tab
        return ReportFollower.objects.get(report=report, user=user)


def report_unfollow(*, user, report: Report) -> bool:
    deleted, _rows = ReportFollower.objects.filter(report=report, user=user).delete()
    return bool(deleted)
