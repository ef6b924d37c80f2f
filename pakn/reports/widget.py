"""What the agencies' widget shows and where it lives (pakn/portal/widget.py serves it; the
unit administration page gives its code): read-only, public titles only."""

import dataclasses
import datetime

from django.urls import reverse
from django.utils.http import urlencode

from pakn.organisations.models import Unit
from pakn.reports.forms import SUGGESTED_UNIT_PARAMETER
from pakn.reports.models import ANSWERED_STATUSES, Report

# The two shapes an agency can choose: a column beside its pages, a strip across them.
WIDGET_SIZES = {
    "sidebar": {"width": "300", "height": "520", "reports": 5},
    "banner": {"width": "100%", "height": "200", "reports": 3},
}
WIDGET_DEFAULT_SIZE = "sidebar"


@dataclasses.dataclass(frozen=True)
class WidgetReport:
    code: str
    title: str
    answered_at: datetime.datetime


def reports_answered_for_widget(*, unit: Unit, limit: int) -> list[WidgetReport]:
    """The latest published, answered reports of ``unit`` and its sub-units, newest answer
    first: public titles only."""
    reports = (
        Report.objects.filter(
            is_published=True,
            status__in=ANSWERED_STATUSES,
            answered_at__isnull=False,
            code__isnull=False,
            current_unit__in=Unit.objects.subtree_of(unit).values("pk"),
        )
        .exclude(public_title="")
        .order_by("-answered_at", "-id")
        .values_list("code", "public_title", "answered_at")[:limit]
    )
    return [WidgetReport(*row) for row in reports]


def widget_send_url(unit: Unit) -> str:
    """The report form with ``unit`` suggested as the handler (a suggestion the coordinator
    sees, not a forced choice)."""
    return f"{reverse('reports:send')}?{urlencode({SUGGESTED_UNIT_PARAMETER: unit.code})}"


def widget_url(unit: Unit, size: str) -> str:
    return f"{reverse('portal:widget', args=[unit.code])}?{urlencode({'kieu': size})}"


def widget_script_url(unit: Unit, size: str) -> str:
    return f"{reverse('portal:widget-script', args=[unit.code])}?{urlencode({'kieu': size})}"
