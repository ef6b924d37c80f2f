"""The review report of seed 003 ("sơ kết 06 tháng") for any period, computed from the data.

What each figure means (one definition each, the statistics' where they already have one):

- accounts registered: ``accounts_registered`` (individuals and organisations who registered
  in the period; contacts and officers excluded);
- reports received: reports sent in the period (the statistics' ``reports_in_scope``), by
  channel and by kind;
- answered on time / late, still in hand past the deadline, ratings by level: the statistics
  table (``statistics_table``) of the reports sent in the period, per agency — the same
  numbers as the statistics page for the same dates;
- returned as out of competence: "return" events written in the period, per returning agency;
- exchanges: messages written in the period (from citizens and from units).

"Late" in seed 003's sense (74 reports, 20 %) is answered late plus still in hand past the
deadline, as a share of the reports received."""

import dataclasses
import datetime

from django.db.models import Count, Q
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from pakn.accounts.models import AccountType
from pakn.campaigns.selectors import accounts_registered, local_day_start
from pakn.core.personal_numbers import personal_numbers_mask
from pakn.organisations.models import Unit
from pakn.reports.models import Event, Message, RatingValue, Report, ReportChannel, ReportKind
from pakn.statistics.selectors import (
    STEPLEN,
    StatisticsFilters,
    counted_reports,
    reports_in_scope,
    statistics_table,
    timeliness_conditions,
)

LISTED_AT_MOST = 500  # reports listed by name in each list; the counts are always whole


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclasses.dataclass
class ReviewUnitLine:
    unit_id: int | None
    label: str
    received: int = 0
    answered: int = 0
    answered_on_time: int = 0
    answered_late: int = 0
    in_progress_late: int = 0
    returned: int = 0
    messages_from_unit: int = 0
    ratings: int = 0
    very_satisfied: int = 0
    satisfied: int = 0
    not_satisfied: int = 0

    @property
    def late(self) -> int:
        return self.answered_late + self.in_progress_late

    @property
    def late_share(self) -> float | None:
        return _share(self.late, self.received)

    @property
    def not_satisfied_share(self) -> float | None:
        return _share(self.not_satisfied, self.ratings)


@dataclasses.dataclass
class ReviewListedReport:
    code: str
    title: str
    unit: str
    submitted_at: datetime.datetime | None
    answer_deadline: datetime.datetime | None
    answered_at: datetime.datetime | None
    rating_comment: str = ""


@dataclasses.dataclass
class ReviewReport:
    date_from: datetime.date
    date_to: datetime.date
    accounts_individual: int
    accounts_organisation: int
    received: int
    by_channel: list[tuple[str, int]]
    by_kind: list[tuple[str, int]]
    returned: int
    messages: int
    messages_from_citizens: int
    messages_from_units: int
    totals: ReviewUnitLine
    units: list[ReviewUnitLine]
    late_reports: list[ReviewListedReport]
    unsatisfied_reports: list[ReviewListedReport]

    @property
    def accounts(self) -> int:
        return self.accounts_individual + self.accounts_organisation


def _between(field: str, date_from: datetime.date, date_to: datetime.date) -> Q:
    return Q(**{f"{field}__gte": local_day_start(date_from),
                f"{field}__lt": local_day_start(date_to + datetime.timedelta(days=1))})  # fmt: skip


def review_report(
    *, date_from: datetime.date, date_to: datetime.date, now: datetime.datetime | None = None
) -> ReviewReport:
    now = now or timezone.now()
    filters = StatisticsFilters(date_from=date_from, date_to=date_to)
    accounts = dict(
        accounts_registered(date_from, date_to)
        .values("account_type")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("account_type", "n")
    )
    sent = reports_in_scope(filters)
    channels = dict(
        sent.values("channel").annotate(n=Count("pk")).order_by().values_list("channel", "n")
    )
    kinds = dict(sent.values("kind").annotate(n=Count("pk")).order_by().values_list("kind", "n"))
    table = statistics_table(filters=filters, now=now)
    returns = (
        Event.objects.filter(_between("created_at", date_from, date_to), action="return")
        .annotate(prefix=Substr("actor_unit__path", 1, 2 * STEPLEN))
        .values("prefix")
        .annotate(n=Count("pk"))
        .order_by()
    )
    returned = {row["prefix"]: row["n"] for row in returns}
    messages = Message.objects.filter(_between("created_at", date_from, date_to))
    unit_messages = {
        row["prefix"]: row["n"]
        for row in messages.filter(author_unit__isnull=False)
        .annotate(prefix=Substr("author_unit__path", 1, 2 * STEPLEN))
        .values("prefix")
        .annotate(n=Count("pk"))
        .order_by()
    }
    message_counts = messages.aggregate(
        total=Count("pk"), citizens=Count("pk", filter=Q(author_unit__isnull=True))
    )
    paths = {
        u.pk: u.path for u in Unit.objects.filter(pk__in=[line.unit_id for line in table.lines])
    }
    lines: dict[str, ReviewUnitLine] = {}
    for line in table.lines:
        path = paths.get(line.unit_id, "")
        lines[path] = ReviewUnitLine(
            unit_id=line.unit_id, label=line.label, received=line.total,
            answered=line.processed, answered_on_time=line.processed_on_time,
            answered_late=line.processed_late, in_progress_late=line.in_progress_late,
            ratings=line.ratings, very_satisfied=line.very_satisfied, satisfied=line.satisfied,
            not_satisfied=line.not_satisfied,
        )  # fmt: skip
    # Agencies that returned reports or wrote to citizens without a counted report of theirs.
    missing = (set(returned) | set(unit_messages)) - set(lines) - {None, ""}
    for unit in Unit.objects.filter(path__in=missing):
        lines[unit.path] = ReviewUnitLine(unit_id=unit.pk, label=unit.name)
    for path, line in lines.items():
        line.returned = returned.get(path, 0)
        line.messages_from_unit = unit_messages.get(path, 0)
    units = sorted(lines.values(), key=lambda line: (-line.received, -line.returned, line.label))
    totals = ReviewUnitLine(unit_id=None, label=_("Tổng số"))
    for line in units:
        for field in dataclasses.fields(ReviewUnitLine):
            if field.name not in ("unit_id", "label"):
                setattr(totals, field.name, getattr(totals, field.name) + getattr(line, field.name))
    # Reports received that no agency counts yet (waiting for the coordinator, rejected...)
    # are in the total received, not in the agencies' lines.
    totals.received = sum(channels.values())
    totals.returned = sum(returned.values())
    return ReviewReport(
        date_from=date_from, date_to=date_to,
        accounts_individual=accounts.get(AccountType.INDIVIDUAL, 0),
        accounts_organisation=accounts.get(AccountType.ORGANISATION, 0),
        received=totals.received,
        by_channel=[(str(label), channels.get(value, 0)) for value, label in ReportChannel.choices],
        by_kind=[(str(label), kinds.get(value, 0)) for value, label in ReportKind.choices],
        returned=totals.returned,
        messages=message_counts["total"], messages_from_citizens=message_counts["citizens"],
        messages_from_units=message_counts["total"] - message_counts["citizens"],
        totals=totals, units=units,
        late_reports=_listed(filters, now=now, late=True),
        unsatisfied_reports=_listed(filters, now=now, late=False),
    )  # fmt: skip


def _listed(filters: StatisticsFilters, *, now, late: bool) -> list[ReviewListedReport]:
    reports = counted_reports(filters).select_related("current_unit", "rating")
    if late:
        conditions = timeliness_conditions(now)
        reports = reports.filter(conditions["processed_late"] | conditions["in_progress_late"])
        reports = reports.order_by("answer_deadline", "pk")
    else:
        reports = reports.filter(rating__value=RatingValue.NOT_SATISFIED).order_by(
            "submitted_at", "pk"
        )
    return [_listed_line(report) for report in reports[:LISTED_AT_MOST]]


def _listed_line(report: Report) -> ReviewListedReport:
    rating = getattr(report, "rating", None)
    return ReviewListedReport(
        code=report.code or "", title=personal_numbers_mask(report.title),
        unit=report.current_unit.name if report.current_unit else "",
        submitted_at=report.submitted_at, answer_deadline=report.answer_deadline,
        answered_at=report.answered_at,
        rating_comment=personal_numbers_mask(rating.comment) if rating else "",
    )  # fmt: skip
