"""Read-only queries about reports. Who may see what lives in pakn.reports.access; its
functions are re-exported here for the code that imported them from this module."""

from django.db.models import QuerySet

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
