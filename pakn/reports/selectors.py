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
from pakn.reports.models import Report


def reports_of_reporter(user) -> QuerySet[Report]:
    """A citizen's own reports (DESIGN.md §1)."""
    return Report.objects.filter(reporter=user)
