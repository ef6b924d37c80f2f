"""Read-only queries about reports. Who may see what lives in pakn.reports.access; its
functions are re-exported here for the code that imported them from this module."""

from django.db.models import Q, QuerySet

from pakn.reports.access import (  # noqa: F401  (re-exported)
    report_roles,
    report_visibility_condition,
    report_visible_to_officer,
    reports_visible_to_officer,
    units_of,
    units_under,
)
from pakn.reports.models import Report, ReportFollower


def reports_of_reporter(user) -> QuerySet[Report]:
    """A citizen's own reports (DESIGN.md §1)."""
    return Report.objects.filter(reporter=user)


def my_reports_filtered(user, filters: dict) -> QuerySet[Report]:
    """A citizen's reports narrowed by the "my reports" filter (``MyReportsFilterForm``'s
    cleaned data: text in the title or code, status, sent between two dates; a draft counts
    by the day it was created). The page and the app's API both list through this."""
    reports = reports_of_reporter(user).select_related("current_unit")
    if filters.get("q"):
        reports = reports.filter(Q(title__icontains=filters["q"]) | Q(code__icontains=filters["q"]))
    if filters.get("status"):
        reports = reports.filter(status=filters["status"])
    if filters.get("date_from"):
        reports = reports.filter(
            Q(submitted_at__date__gte=filters["date_from"])
            | Q(submitted_at__isnull=True, created_at__date__gte=filters["date_from"])
        )
    if filters.get("date_to"):
        reports = reports.filter(
            Q(submitted_at__date__lte=filters["date_to"])
            | Q(submitted_at__isnull=True, created_at__date__lte=filters["date_to"])
        )
    return reports


def reports_followed_by(user) -> QuerySet[ReportFollower]:
    """The reports a citizen follows (not their own), newest first, with what the list shows:
    the public title once published, the status, never the reporter's words."""
    return (
        ReportFollower.objects.filter(user=user)
        .select_related("report")
        .only(
            "created_at", "merged_from_id", "report__code", "report__status",
            "report__is_published", "report__public_title", "report__answered_at",
        )
        .order_by("-created_at", "-id")
    )  # fmt: skip
