"""The statistics of seed 002 (issue #7) and the leaders' dashboard (issue #6), from one place.

One definition of timeliness, read from the deadlines and answer times stored on each report
by the workflow (DESIGN.md §3):

- processed (đã xử lý): the answer is published (status answered or closed);
  on time (đúng hạn) when ``answered_at <= answer_deadline``, late (quá hạn) otherwise;
- in progress (đang xử lý): in a handling unit's hands and not yet answered (assigned, in
  progress, waiting for the leader's or the coordinator's approval); on time while
  ``now <= answer_deadline``, late once the deadline has passed.

Which reports count: those sent and forwarded to a handling unit. Drafts are not sent;
reports waiting for the coordinator (submitted, returned) have no handling unit yet; rejected,
merged and withdrawn reports were never answered by a unit, so none of them appear in a
unit's line (nor in the totals, which are the sum of the lines). A report counts for the unit
that handles it or answered it (``current_unit``: the workflow keeps it on the answering unit);
units that only helped (co-handlers) do not count it, so no report is counted twice.

Everything is computed by the database: one aggregate query with conditional counts, grouped
by unit, sector or commune, plus one query for the names of the lines, whatever the number of
reports.
"""

import dataclasses
import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet, Subquery
from django.db.models.functions import Substr, TruncWeek
from django.utils import timezone
from django.utils.translation import gettext as _

from pakn.core.db_routing import replica_reads
from pakn.core.modes import national_mode
from pakn.organisations.models import (
    AdministrativeArea,
    Category,
    Membership,
    MembershipRole,
    Unit,
    subtree_condition,
)
from pakn.reports.models import Report, ReportStatus

S = ReportStatus
PROCESSED_STATUSES = (S.ANSWERED, S.CLOSED)
IN_PROGRESS_STATUSES = (S.ASSIGNED, S.IN_PROGRESS, S.PENDING_APPROVAL, S.PENDING_REVIEW)
COUNTED_STATUSES = PROCESSED_STATUSES + IN_PROGRESS_STATUSES
STEPLEN = Unit.steplen

VIEW_UNIT = "unit"
VIEW_SECTOR = "sector"
VIEW_COMMUNE = "commune"
VIEW_PROVINCE = "province"  # by the place a report (a proposal) comes from: national mode
VIEWS = (VIEW_UNIT, VIEW_SECTOR, VIEW_COMMUNE)


def statistics_views() -> tuple[str, ...]:
    """The tables this site offers: in national mode also one line per province (the place
    of the proposal), beside the lines per unit (each province and ministry under the
    programme's root) and per field."""
    return (*VIEWS, VIEW_PROVINCE) if national_mode() else VIEWS


# The columns of seed 002's table, in its order (the names are the attributes of a line).
COLUMNS = (
    "total",
    "processed",
    "processed_on_time",
    "processed_late",
    "in_progress",
    "in_progress_on_time",
    "in_progress_late",
    "ratings",
    "very_satisfied",
    "satisfied",
    "not_satisfied",
)

# The columns of the leaders' dashboard table, in its order (before "not satisfied").
DASHBOARD_COLUMNS = (
    "total",
    "processed",
    "processed_on_time",
    "processed_late",
    "in_progress",
    "in_progress_on_time",
    "in_progress_late",
    "due_soon",
)


def timeliness_conditions(
    now: datetime.datetime, due_soon_until: datetime.datetime | None = None
) -> dict[str, Q]:
    """The four classes of timeliness as conditions on a report; the only definition. With
    ``due_soon_until``, also "due soon": in progress with its deadline between now and then.
    The dashboard's tiles count with these and its links filter the inbox with the same."""
    processed = Q(status__in=PROCESSED_STATUSES)
    in_progress = Q(status__in=IN_PROGRESS_STATUSES)
    conditions = {
        "processed": processed,
        "processed_on_time": processed
        & (
            Q(answer_deadline__isnull=True)
            | Q(answered_at__isnull=True)
            | Q(answered_at__lte=F("answer_deadline"))
        ),
        "processed_late": processed & Q(answered_at__gt=F("answer_deadline")),
        "in_progress": in_progress,
        "in_progress_on_time": in_progress
        & (Q(answer_deadline__isnull=True) | Q(answer_deadline__gte=now)),
        "in_progress_late": in_progress & Q(answer_deadline__lt=now),
    }
    if due_soon_until is not None:
        conditions["due_soon"] = in_progress & Q(
            answer_deadline__gte=now, answer_deadline__lte=due_soon_until
        )
    return conditions


def counted_condition() -> Q:
    """The reports the statistics count (see the module's docstring) as a condition."""
    return Q(status__in=COUNTED_STATUSES, current_unit__isnull=False)


def _aggregates(now: datetime.datetime, due_soon_until: datetime.datetime | None = None) -> dict:
    conditions = timeliness_conditions(now, due_soon_until)
    return {
        "total": Count("pk"),
        **{name: Count("pk", filter=condition) for name, condition in conditions.items()},
        "ratings": Count("rating"),
        "very_satisfied": Count("rating", filter=Q(rating__value="very_satisfied")),
        "satisfied": Count("rating", filter=Q(rating__value="satisfied")),
        "not_satisfied": Count("rating", filter=Q(rating__value="not_satisfied")),
    }


@dataclasses.dataclass(frozen=True)
class StatisticsFilters:
    """What a visitor chose: the period (by date sent), a sector, a commune and a unit."""

    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    category_id: int | None = None
    commune_id: int | None = None
    unit_id: int | None = None
    include_sub_units: bool = True
    coordinating_unit_id: int | None = None  # the reports a coordinating unit received

    def cache_key(self) -> str:
        return ":".join(str(v if v is not None else "") for v in dataclasses.astuple(self))

    def as_dict(self) -> dict:
        """A JSON-friendly copy (stored with a background export)."""
        values = dataclasses.asdict(self)
        for name in ("date_from", "date_to"):
            values[name] = values[name].isoformat() if values[name] else None
        return values

    @classmethod
    def from_dict(cls, values: dict) -> "StatisticsFilters":
        values = {f.name: values.get(f.name) for f in dataclasses.fields(cls) if f.name in values}
        for name in ("date_from", "date_to"):
            if values.get(name):
                values[name] = datetime.date.fromisoformat(values[name])
        return cls(**values)


@dataclasses.dataclass
class StatisticsLine:
    """One line of the table: a unit (with its subtree), a sector or a commune."""

    key: str
    label: str
    total: int = 0
    processed: int = 0
    processed_on_time: int = 0
    processed_late: int = 0
    in_progress: int = 0
    in_progress_on_time: int = 0
    in_progress_late: int = 0
    ratings: int = 0
    very_satisfied: int = 0
    satisfied: int = 0
    not_satisfied: int = 0
    due_soon: int = 0
    unit_id: int | None = None
    link: str = ""  # where the line leads on a page (set by the view)
    links: dict[str, str] = dataclasses.field(default_factory=dict)  # per column, likewise

    def values(self) -> list[int]:
        return [getattr(self, name) for name in COLUMNS]

    @property
    def dashboard_cells(self) -> list[tuple[str, int, str]]:
        """The leaders' dashboard's columns: (name, count, link or "")."""
        return [(name, getattr(self, name), self.links.get(name, "")) for name in DASHBOARD_COLUMNS]


@dataclasses.dataclass
class StatisticsTable:
    view: str
    lines: list[StatisticsLine]
    totals: StatisticsLine


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))


def counted_reports(filters: StatisticsFilters | None = None) -> QuerySet[Report]:
    """The reports the statistics count (see the module's docstring), filtered."""
    return reports_in_scope(filters).filter(counted_condition())


def reports_in_scope(filters: StatisticsFilters | None = None) -> QuerySet[Report]:
    """Sent reports (any status) matching ``filters``."""
    filters = filters or StatisticsFilters()
    reports = Report.objects.exclude(status=S.DRAFT).exclude(submitted_at__isnull=True)
    if filters.coordinating_unit_id:
        unit_path = Unit.objects.filter(pk=filters.coordinating_unit_id).values("path")[:1]
        reports = reports.filter(
            subtree_condition([Subquery(unit_path)], field="coordinating_unit__path")
        )
    if filters.date_from:
        reports = reports.filter(submitted_at__gte=_local_midnight(filters.date_from))
    if filters.date_to:
        end = _local_midnight(filters.date_to + datetime.timedelta(days=1))
        reports = reports.filter(submitted_at__lt=end)
    if filters.category_id:
        reports = reports.filter(
            Q(category_id=filters.category_id) | Q(category__parent_id=filters.category_id)
        )
    if filters.commune_id:
        reports = reports.filter(commune_id=filters.commune_id)
    if filters.unit_id:
        if filters.include_sub_units:
            # The unit's path is read by the database inside the same query.
            unit_path = Unit.objects.filter(pk=filters.unit_id).values("path")[:1]
            reports = reports.filter(
                subtree_condition([Subquery(unit_path)], field="current_unit__path")
            )
        else:
            reports = reports.filter(current_unit_id=filters.unit_id)
    return reports


def _line(key: str, label: str, values: dict, **extra) -> StatisticsLine:
    line = StatisticsLine(key=key, label=label, **extra)
    for name in (*COLUMNS, "due_soon"):
        if name in values:
            setattr(line, name, values[name] or 0)
    return line


def _totals(lines: Iterable[StatisticsLine]) -> StatisticsLine:
    totals = StatisticsLine(key="total", label=_("Tổng số"))
    for line in lines:
        for name in (*COLUMNS, "due_soon"):
            setattr(totals, name, getattr(totals, name) + getattr(line, name))
    return totals


@replica_reads
def statistics_table(
    *,
    filters: StatisticsFilters | None = None,
    view: str = VIEW_UNIT,
    now: datetime.datetime | None = None,
    due_soon_until: datetime.datetime | None = None,
) -> StatisticsTable:
    """Seed 002's table for ``filters``, one line per unit, sector or commune; two queries."""
    filters = filters or StatisticsFilters()
    now = now or timezone.now()
    reports = counted_reports(filters)
    aggregates = _aggregates(now, due_soon_until)
    if view == VIEW_SECTOR:
        lines = _lines_by_sector(reports, aggregates)
    elif view == VIEW_COMMUNE:
        lines = _lines_by_commune(reports, aggregates)
    elif view == VIEW_PROVINCE:
        lines = _lines_by_province(reports, aggregates)
    else:
        lines = _lines_by_unit(reports, aggregates, filters)
    return StatisticsTable(view=view, lines=lines, totals=_totals(lines))


def _order(lines: list[StatisticsLine]) -> list[StatisticsLine]:
    """Most reports first, as in seed 002; then by name."""
    return sorted(lines, key=lambda line: (-line.total, line.label))


def _lines_by_unit(
    reports: QuerySet[Report], aggregates: dict, filters: StatisticsFilters
) -> list[StatisticsLine]:
    """Without a unit filter, one line per agency under the root (its subtree included); with
    a unit, one line for what the unit handles itself and one per direct sub-unit (or the
    unit's line alone, without its sub-units)."""
    base_unit = Unit.objects.filter(pk=filters.unit_id).first() if filters.unit_id else None
    if base_unit is None:
        depth = 2
    else:
        depth = base_unit.depth + 1 if filters.include_sub_units else base_unit.depth
    rows = (
        reports.annotate(unit_prefix=Substr("current_unit__path", 1, depth * STEPLEN))
        .values("unit_prefix")
        .annotate(**aggregates)
        .order_by()
    )
    rows = list(rows)
    units = {
        u.path: u
        for u in Unit.objects.filter(path__in=[r["unit_prefix"] for r in rows]).only(
            "id", "name", "path", "depth"
        )
    }
    lines = []
    for row in rows:
        unit = units.get(row["unit_prefix"])
        if unit is None:  # cannot happen: every prefix of a unit's path is a unit
            continue
        label = unit.name
        if base_unit is not None and unit.pk == base_unit.pk and filters.include_sub_units:
            label = _("%(unit)s (trực tiếp xử lý)") % {"unit": unit.name}
        lines.append(_line(f"unit-{unit.pk}", label, row, unit_id=unit.pk))
    return _order(lines)


def _lines_by_sector(reports: QuerySet[Report], aggregates: dict) -> list[StatisticsLine]:
    rows = list(reports.values("category_id").annotate(**aggregates).order_by())
    categories = {
        c.pk: c
        for c in Category.objects.filter(pk__in=[r["category_id"] for r in rows]).select_related(
            "parent"
        )
    }
    lines = []
    for row in rows:
        category = categories.get(row["category_id"])
        label = str(category) if category else _("Chưa phân loại lĩnh vực")
        lines.append(_line(f"sector-{row['category_id'] or 0}", label, row))
    return _order(lines)


def _lines_by_commune(reports: QuerySet[Report], aggregates: dict) -> list[StatisticsLine]:
    rows = list(reports.values("commune_id").annotate(**aggregates).order_by())
    communes = dict(
        AdministrativeArea.objects.filter(pk__in=[r["commune_id"] for r in rows]).values_list(
            "pk", "name"
        )
    )
    lines = []
    for row in rows:
        label = communes.get(row["commune_id"]) or _("Chưa xác định địa bàn")
        lines.append(_line(f"commune-{row['commune_id'] or 0}", label, row))
    return _order(lines)


def _lines_by_province(reports: QuerySet[Report], aggregates: dict) -> list[StatisticsLine]:
    rows = list(reports.values("province_id").annotate(**aggregates).order_by())
    provinces = dict(
        AdministrativeArea.objects.filter(pk__in=[r["province_id"] for r in rows]).values_list(
            "pk", "name"
        )
    )
    lines = []
    for row in rows:
        label = provinces.get(row["province_id"]) or _("Chưa xác định tỉnh, thành phố")
        lines.append(_line(f"province-{row['province_id'] or 0}", label, row))
    return _order(lines)


@replica_reads
def statistics_summary(
    *, filters: StatisticsFilters | None = None, now: datetime.datetime | None = None
) -> StatisticsLine:
    """The totals alone (the home page's charts): one query."""
    now = now or timezone.now()
    values = counted_reports(filters).aggregate(**_aggregates(now))
    return _line("total", _("Tổng số"), values)


def last_twelve_months(now: datetime.datetime | None = None) -> StatisticsFilters:
    """Reports sent in the last 365 days, today included (the home page's charts)."""
    today = timezone.localdate(now or timezone.now())
    return StatisticsFilters(date_from=today - datetime.timedelta(days=364), date_to=today)


def view_heading(view: str) -> str:
    """The heading of the first column of each view (seed 002's for units)."""
    return {
        VIEW_SECTOR: _("Lĩnh vực"),
        VIEW_COMMUNE: _("Xã, phường, đặc khu"),
        VIEW_PROVINCE: _("Tỉnh, thành phố"),
    }.get(view, _("Cơ quan/Đơn vị xử lý"))


def filters_describe(filters: StatisticsFilters) -> list[tuple[str, str]]:
    """The filters in words, for the page and the first rows of an export."""
    date_format = "%d/%m/%Y"
    if filters.date_from and filters.date_to:
        period = _("từ %(start)s đến %(end)s") % {
            "start": filters.date_from.strftime(date_format),
            "end": filters.date_to.strftime(date_format),
        }
    elif filters.date_from:
        period = _("từ %(start)s") % {"start": filters.date_from.strftime(date_format)}
    elif filters.date_to:
        period = _("đến %(end)s") % {"end": filters.date_to.strftime(date_format)}
    else:
        period = _("toàn bộ thời gian")
    described = [(_("Thời gian gửi"), period)]
    if filters.category_id:
        category = Category.objects.select_related("parent").filter(pk=filters.category_id).first()
        described.append((_("Lĩnh vực"), str(category) if category else "—"))
    if filters.commune_id:
        commune = AdministrativeArea.objects.filter(pk=filters.commune_id).first()
        described.append((_("Xã, phường, đặc khu"), commune.name if commune else "—"))
    if filters.unit_id:
        unit = Unit.objects.filter(pk=filters.unit_id).first()
        scope = (
            _("gồm cả đơn vị trực thuộc")
            if filters.include_sub_units
            else _("chỉ riêng đơn vị này")
        )
        described.append((_("Cơ quan, đơn vị"), f"{unit.name if unit else '—'} ({scope})"))
    return described


@replica_reads
def status_counts(*, filters: StatisticsFilters) -> dict[str, int]:
    """How many reports in each state: the leader's dashboard (one query). With a unit, the
    reports in its subtree's hands; with a coordinating unit, every report it received."""
    reports = reports_in_scope(filters)
    if filters.unit_id:
        reports = reports.filter(current_unit__isnull=False)
    rows = reports.values("status").annotate(count=Count("pk")).order_by()
    return {row["status"]: row["count"] for row in rows}


# Who has a dashboard (issue #6): the leaders, the unit administrators, the coordinators and
# the officers who follow a unit read-only.
DASHBOARD_ROLES = (
    MembershipRole.LEADER,
    MembershipRole.UNIT_ADMIN,
    MembershipRole.COORDINATOR,
    MembershipRole.VIEWER,
)


def dashboard_memberships(user) -> QuerySet[Membership]:
    if not user.is_authenticated:
        return Membership.objects.none()
    return Membership.objects.filter(user=user, is_active=True, role__in=DASHBOARD_ROLES)


@dataclasses.dataclass(frozen=True)
class WeekLine:
    """One week of the leaders' trend: reports received, answered, and answered late."""

    week_start: datetime.date
    received: int
    answered: int
    answered_late: int


def weekly_trend(
    *, filters: StatisticsFilters, now: datetime.datetime, weeks: int = 8
) -> list[WeekLine]:
    """The last ``weeks`` weeks (Monday to Sunday, local time), oldest first: two grouped
    queries whatever the number of reports. ``filters``' dates are ignored (the weeks are the
    period)."""
    zone = ZoneInfo(settings.TIME_ZONE)
    today = timezone.localtime(now, zone).date()
    first = today - datetime.timedelta(days=today.weekday(), weeks=weeks - 1)
    start = _local_midnight(first)
    scope = reports_in_scope(dataclasses.replace(filters, date_from=None, date_to=None))
    received = {
        row["week"]: row["count"]
        for row in scope.filter(submitted_at__gte=start)
        .annotate(week=TruncWeek("submitted_at", tzinfo=zone))
        .values("week")
        .annotate(count=Count("pk"))
        .order_by()
    }
    answered = {
        row["week"]: row
        for row in scope.filter(answered_at__gte=start)
        .annotate(week=TruncWeek("answered_at", tzinfo=zone))
        .values("week")
        .annotate(
            count=Count("pk"), late=Count("pk", filter=Q(answered_at__gt=F("answer_deadline")))
        )
        .order_by()
    }

    def _day(value) -> datetime.date:
        return value.date() if isinstance(value, datetime.datetime) else value

    received = {_day(week): count for week, count in received.items()}
    answered = {_day(week): row for week, row in answered.items()}
    lines = []
    for index in range(weeks):
        week = first + datetime.timedelta(weeks=index)
        row = answered.get(week, {})
        lines.append(WeekLine(week, received.get(week, 0), row.get("count", 0), row.get("late", 0)))
    return lines
