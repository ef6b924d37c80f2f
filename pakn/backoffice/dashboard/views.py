"""The leaders' dashboard (issue #6): for each unit an officer leads, administers, coordinates
or follows, the counts by state, on time and late, the reports due within the next two
working days, and the same per direct sub-unit, with links to the inbox. The numbers come from
the statistics selectors, so they are the public statistics' numbers."""

import dataclasses

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from pakn.accounts.decorators import officer_required
from pakn.accounts.models import AccountType
from pakn.backoffice.desk.selectors import DUE_SOON_WORKING_DAYS, TIMELINESS_FILTERS
from pakn.core.selectors import working_calendar_get
from pakn.organisations.models import MembershipRole, Unit
from pakn.organisations.unit_administration import units_administered_by
from pakn.reports.deadlines import add_working_days
from pakn.reports.models import ReportStatus
from pakn.statistics.answer_quality import answers_sent_back_for_quality
from pakn.statistics.forms import PERIOD_12_MONTHS, PERIODS, period_dates
from pakn.statistics.selectors import (
    StatisticsFilters,
    StatisticsLine,
    StatisticsTable,
    WeekLine,
    dashboard_memberships,
    statistics_table,
    status_counts,
    weekly_trend,
)

INBOX_URL = "/can-bo/phan-anh/"
SHOWN_STATES = (
    ReportStatus.SUBMITTED,
    ReportStatus.RETURNED,
    ReportStatus.ASSIGNED,
    ReportStatus.IN_PROGRESS,
    ReportStatus.PENDING_APPROVAL,
    ReportStatus.PENDING_REVIEW,
    ReportStatus.ANSWERED,
    ReportStatus.CLOSED,
    ReportStatus.REJECTED,
    ReportStatus.MERGED,
    ReportStatus.WITHDRAWN,
)


@dataclasses.dataclass
class DashboardSection:
    unit: Unit
    coordinating: bool  # the reports the unit received as coordinator, per handling agency
    table: StatisticsTable
    states: list[tuple[str, str, int, str]]  # status, label, count, inbox link
    trend: list[WeekLine] = dataclasses.field(default_factory=list)

    @property
    def trend_max(self) -> int:
        """The scale of the trend's bars (at least 1, so that an empty trend draws)."""
        return max([1, *(max(week.received, week.answered) for week in self.trend)])


def inbox_link(**params) -> str:
    return f"{INBOX_URL}?{urlencode({k: v for k, v in params.items() if v not in (None, '')})}"


# Each tile and column counts one class of the statistics; its link filters the inbox with the
# same condition (TIMELINESS_FILTERS), the same unit and the same period.
TILE_FILTERS = {name: slug for slug, (name, _label) in TIMELINESS_FILTERS.items()}


def _scope_params(unit: Unit, coordinating: bool, period: tuple) -> dict:
    date_from, date_to = period
    return {
        "date_from": date_from.isoformat() if date_from else None,
        "date_to": date_to.isoformat() if date_to else None,
        "coordinating_unit" if coordinating else "unit": unit.pk,
    }


def _timeliness_links(**params) -> dict[str, str]:
    return {name: inbox_link(**params, timeliness=slug) for name, slug in TILE_FILTERS.items()}


def dashboard_scopes(user) -> list[tuple[Unit, bool]]:
    """The units whose dashboard ``user`` sees: (unit, as coordinator). A unit inside
    another one already shown is left out (its numbers are in its parent's lines)."""
    memberships = dashboard_memberships(user).select_related("unit").order_by("unit__path")
    scopes: dict[tuple[int, bool], Unit] = {}
    for membership in memberships:
        coordinating = membership.role == MembershipRole.COORDINATOR
        scopes.setdefault((membership.unit.pk, coordinating), membership.unit)
    kept: list[tuple[Unit, bool]] = []
    for (_pk, coordinating), unit in scopes.items():
        if any(
            c == coordinating and unit.in_subtree_of(other) and unit.pk != other.pk
            for other, c in kept
        ):
            continue
        kept.append((unit, coordinating))
    return kept


def _section(unit: Unit, coordinating: bool, period: tuple, now) -> DashboardSection:
    date_from, date_to = period
    if coordinating:
        filters = StatisticsFilters(
            date_from=date_from, date_to=date_to, coordinating_unit_id=unit.pk
        )
    else:
        filters = StatisticsFilters(date_from=date_from, date_to=date_to, unit_id=unit.pk)
    due_soon_until = add_working_days(working_calendar_get(), now, DUE_SOON_WORKING_DAYS)
    table = statistics_table(filters=filters, now=now, due_soon_until=due_soon_until)
    if not coordinating:
        # Every direct sub-unit has its line, also those with nothing in hand.
        shown = {line.unit_id for line in table.lines}
        table.lines += [
            StatisticsLine(key=f"unit-{child.pk}", label=child.name, unit_id=child.pk)
            for child in Unit.objects.subtree_of(unit)
            .filter(depth=unit.depth + 1, is_active=True)
            .order_by("name")
            if child.pk not in shown
        ]
    scope = _scope_params(unit, coordinating, period)
    table.totals.links = _timeliness_links(**scope)
    for line in table.lines:
        # The unit's own line counts what it handles itself, which no inbox filter selects
        # apart from its sub-units: that line has no links.
        if line.unit_id and (coordinating or line.unit_id != unit.pk):
            line.links = _timeliness_links(**scope | {"unit": line.unit_id})
            line.link = line.links["total"]
    counts = status_counts(filters=filters)
    labels = dict(ReportStatus.choices)
    states = [
        (state, labels[state], counts.get(state, 0),
         inbox_link(status=state, **scope))
        for state in SHOWN_STATES
        if counts.get(state) or not coordinating and state not in (
            ReportStatus.SUBMITTED, ReportStatus.RETURNED, ReportStatus.REJECTED,
            ReportStatus.MERGED, ReportStatus.WITHDRAWN,
        )
    ]  # fmt: skip
    return DashboardSection(unit=unit, coordinating=coordinating, table=table, states=states,
                            trend=weekly_trend(filters=filters, now=now))  # fmt: skip


def dashboard(request):
    """Citizens get a 404: the page does not exist for them."""
    if request.user.is_authenticated and request.user.account_type != AccountType.OFFICER:
        raise Http404
    return _dashboard(request)


@officer_required
@require_GET
def _dashboard(request):
    scopes = dashboard_scopes(request.user)
    if not scopes:
        raise Http404
    period = request.GET.get("period") or PERIOD_12_MONTHS
    if period not in dict(PERIODS) or period == "custom":
        period = PERIOD_12_MONTHS
    now = timezone.now()
    dates = period_dates(period, timezone.localdate(now))
    sections = [_section(unit, coordinating, dates, now) for unit, coordinating in scopes]
    return render(
        request,
        "backoffice/dashboard.html",
        {
            "sections": sections,
            "period": period,
            "periods": [(key, label) for key, label in PERIODS if key != "custom"],
            "due_soon_days": DUE_SOON_WORKING_DAYS,
            "sent_back_for_quality": answers_sent_back_for_quality(
                units=Unit.objects.subtree_of(*[unit.path for unit, _c in scopes]),
                date_from=dates[0],
                date_to=dates[1],
            ),  # fmt: skip
            "is_unit_admin": units_administered_by(request.user).exists(),
            "title": _("Bảng điều khiển"),
        },
    )
