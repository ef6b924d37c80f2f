"""What the officers' desk reads: the inbox tabs with their counts, the filtered and sorted
list of reports, and one report with everything its desk page shows. Read-only; every query
filters with ``report_visibility_condition`` so an officer never lists what is not theirs.

Written for a million reports (STYLE.md 14): visibility is a condition on the report row, the
tab counts read only the statuses their tabs are about (served by the partial indexes of
``Report.Meta``) and are kept 30 s per officer, and "all" is counted only up to a cap."""

import dataclasses
import datetime

from django.core.cache import cache
from django.db.models import Case, Count, DateTimeField, Exists, F, OuterRef, Q, QuerySet, When
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from pakn.core.db_functions import Folded
from pakn.core.selectors import working_calendar_get
from pakn.core.text import text_fold
from pakn.organisations.models import MembershipRole, subtree_condition
from pakn.organisations.selectors import memberships_active_of
from pakn.reports.deadlines import add_working_days, add_working_hours
from pakn.reports.models import ANSWERED_STATUSES, OPEN_STATUSES, Event, Report
from pakn.reports.models import ReportStatus as S
from pakn.reports.selectors import (
    report_visible_to_officer,
    reports_visible_to_officer,
    units_under,
)
from pakn.statistics.selectors import counted_condition, timeliness_conditions

ROUTING_STATUSES = (S.SUBMITTED, S.RETURNED)
HANDLING_STATUSES = (S.ASSIGNED, S.IN_PROGRESS, S.PENDING_APPROVAL, S.PENDING_REVIEW)
# "Due soon": an answer deadline within this many working days, a routing deadline within
# this many working hours.
DUE_SOON_WORKING_DAYS = 2
DUE_SOON_WORKING_HOURS = 4
# "Tất cả" is counted up to this many reports; beyond, the inbox says "hơn 1.000".
INBOX_COUNT_CAP = 1000
# How long an officer's tab counts are kept; an event touching one of their units clears
# them sooner (``inbox_counts_forget``).
INBOX_COUNTS_SECONDS = 30


@dataclasses.dataclass(frozen=True)
class OfficerScope:
    """Where the officer works: unit paths by kind of role (one query to build)."""

    coordinating_paths: tuple[str, ...]
    unit_paths: tuple[str, ...]
    leader_paths: tuple[str, ...]
    # The units in those subtrees, as ids: the tab conditions compare the report's unit
    # columns with literals, which the partial indexes serve and PostgreSQL costs truly.
    coordinating_unit_ids: tuple[int, ...] = ()
    handling_unit_ids: tuple[int, ...] = ()

    @property
    def is_coordinator(self) -> bool:
        return bool(self.coordinating_paths)

    @property
    def is_unit_officer(self) -> bool:
        return bool(self.unit_paths)


def officer_scope(user) -> OfficerScope:
    rows = [(m.role, m.unit_path) for m in memberships_active_of(user)]
    coordinating = tuple(sorted({p for r, p in rows if r in MembershipRole.COORDINATING}))
    handling = tuple(sorted({p for r, p in rows if r in MembershipRole.HANDLING}))
    units = list(units_under(coordinating + handling).values_list("pk", "path"))
    return OfficerScope(
        coordinating_paths=coordinating,
        unit_paths=handling,
        leader_paths=tuple(sorted({p for r, p in rows if r == MembershipRole.LEADER})),
        coordinating_unit_ids=_ids_under(units, coordinating),
        handling_unit_ids=_ids_under(units, handling),
    )


def _ids_under(units, paths) -> tuple[int, ...]:
    return tuple(sorted(pk for pk, path in units if path.startswith(paths))) if paths else ()


def _under(field: str, unit_ids) -> Q:
    """``field`` (a unit) one of ``unit_ids``: a condition on the report row, no join."""
    return Q(**{f"{field}__in": unit_ids}) if unit_ids else Q(pk__in=[])


def _co_handled_by(unit_ids) -> Q:
    if not unit_ids:
        return Q(pk__in=[])
    through = Report.co_handling_units.through
    return Q(pk__in=through.objects.filter(unit__in=unit_ids).values("report_id"))


@dataclasses.dataclass(frozen=True)
class InboxTab:
    slug: str
    label: str
    audience: str  # "coordinator", "unit" or "all"


TABS = [
    InboxTab("cho-chuyen-xu-ly", _("Chờ phân loại, chuyển xử lý"), "coordinator"),
    InboxTab("chuyen-tra", _("Đơn vị chuyển trả"), "coordinator"),
    InboxTab("xin-gia-han", _("Đề nghị gia hạn"), "coordinator"),
    InboxTab("cho-xem-xet", _("Kết quả chờ xem xét"), "coordinator"),
    InboxTab("cho-cong-khai", _("Chờ quyết định công khai"), "coordinator"),
    InboxTab("khong-hai-long", _("Đánh giá không hài lòng"), "coordinator"),
    InboxTab("moi-chuyen-den", _("Mới chuyển đến"), "unit"),
    InboxTab("dang-xu-ly", _("Đang xử lý"), "unit"),
    InboxTab("cho-lanh-dao-duyet", _("Chờ lãnh đạo duyệt"), "unit"),
    InboxTab("phoi-hop", _("Phối hợp xử lý"), "unit"),
    InboxTab("qua-han", _("Quá hạn"), "all"),
    InboxTab("tat-ca", _("Tất cả"), "all"),
]
TAB_SLUGS = {tab.slug for tab in TABS}


def _effective_deadline():
    """The deadline that matters now: routing while the coordinator holds the report, the
    answer deadline while a unit does, none once it is over."""
    return Case(
        When(status__in=ROUTING_STATUSES, then=F("routing_deadline")),
        When(status__in=HANDLING_STATUSES, then=F("answer_deadline")),
        default=None,
        output_field=DateTimeField(),
    )


def _tab_conditions(scope: OfficerScope, now: datetime.datetime) -> dict[str, Q | Exists]:
    coordinated = _under("coordinating_unit", scope.coordinating_unit_ids)
    handled = _under("current_unit", scope.handling_unit_ids)
    publication_decided = Exists(
        Event.objects.filter(report=OuterRef("pk"), action__in=("publish", "unpublish"))
    )
    return {
        "cho-chuyen-xu-ly": coordinated & Q(status=S.SUBMITTED),
        "chuyen-tra": coordinated & Q(status=S.RETURNED),
        "xin-gia-han": coordinated
        & Q(status=S.IN_PROGRESS, extension_requested_days__isnull=False),
        "cho-xem-xet": coordinated & Q(status=S.PENDING_REVIEW),
        "cho-cong-khai": coordinated
        & Q(status__in=(S.ANSWERED, S.CLOSED), is_published=False)
        & ~publication_decided,
        "khong-hai-long": coordinated & Q(status=S.ANSWERED, rating__review_pending=True),
        "moi-chuyen-den": handled & Q(status=S.ASSIGNED),
        "dang-xu-ly": handled & Q(status=S.IN_PROGRESS),
        "cho-lanh-dao-duyet": handled & Q(status=S.PENDING_APPROVAL),
        "phoi-hop": _co_handled_by(scope.handling_unit_ids) & Q(status__in=OPEN_STATUSES),
        "qua-han": Q(status__in=ROUTING_STATUSES, routing_deadline__lt=now)
        | Q(status__in=HANDLING_STATUSES, answer_deadline__lt=now),
        "tat-ca": Q(),
    }


def inbox_tabs_for(scope: OfficerScope) -> list[InboxTab]:
    audiences = {"all"}
    if scope.is_coordinator:
        audiences.add("coordinator")
    if scope.is_unit_officer:
        audiences.add("unit")
    return [tab for tab in TABS if tab.audience in audiences]


def inbox_default_tab(scope: OfficerScope) -> str:
    if scope.is_coordinator:
        return "cho-chuyen-xu-ly"
    if scope.leader_paths and set(scope.leader_paths) == set(scope.unit_paths):
        return "cho-lanh-dao-duyet"
    if scope.is_unit_officer:
        return "moi-chuyen-den"
    return "tat-ca"


def inbox_base(user) -> QuerySet[Report]:
    """The reports the officer may see (a condition on the row: no duplicates to remove)."""
    return reports_visible_to_officer(user)


# The statuses each tab is about. A count reads only these rows, which the partial indexes
# of ``Report.Meta`` hold, instead of the years of closed reports.
_TAB_STATUSES = {
    "cho-cong-khai": Q(status__in=ANSWERED_STATUSES, is_published=False),
    # Only the answered reports whose rating asks for a review: every answered report would
    # be a quarter of all reports, read for a handful (make bench, 100,000 reports).
    "khong-hai-long": Q(status=S.ANSWERED, rating__review_pending=True),
}


def _counted_rows(slugs) -> Q:
    condition = Q(status__in=OPEN_STATUSES)
    for slug in slugs:
        condition |= _TAB_STATUSES.get(slug, Q(pk__in=[]))
    return condition


def _counts_key(user) -> str:
    return f"backoffice:inbox-counts:{user.pk}"


def inbox_counts(user, scope: OfficerScope, tabs: list[InboxTab]) -> dict[str, int]:
    """Every tab's count: one aggregate over the rows of the statuses the tabs are about,
    plus a count of "all" capped at ``INBOX_COUNT_CAP`` + 1 (see ``inbox_count_label``).
    Kept ``INBOX_COUNTS_SECONDS`` per officer; the officer's scope is part of the value, so
    a changed membership is never served another scope's counts."""
    slugs = tuple(tab.slug for tab in tabs)
    stamp = (scope, slugs)
    kept = cache.get(_counts_key(user))
    if kept is not None and kept[0] == stamp:
        return kept[1]
    counts = _inbox_counts_computed(user, scope, slugs)
    cache.set(_counts_key(user), (stamp, counts), INBOX_COUNTS_SECONDS)
    return counts


def _inbox_counts_computed(user, scope: OfficerScope, slugs: tuple[str, ...]) -> dict[str, int]:
    conditions = _tab_conditions(scope, timezone.now())
    aggregates = {
        slug.replace("-", "_"): Count("pk", filter=conditions[slug])
        for slug in slugs
        if slug != "tat-ca"
    }
    counts: dict[str, int] = {}
    if aggregates:
        totals = inbox_base(user).filter(_counted_rows(slugs)).aggregate(**aggregates)
        counts = {slug: totals[slug.replace("-", "_")] for slug in slugs if slug != "tat-ca"}
    if "tat-ca" in slugs:
        counts["tat-ca"] = capped_count(inbox_base(user))
    return counts


def capped_count(reports: QuerySet) -> int:
    """How many rows ``reports`` has, counting no further than ``INBOX_COUNT_CAP`` + 1."""
    return reports.order_by().values("pk")[: INBOX_COUNT_CAP + 1].count()


def inbox_count_label(count: int) -> str:
    """A count as the inbox shows it: exact up to the cap, "hơn 1.000" beyond."""
    if count > INBOX_COUNT_CAP:
        return _("hơn %(count)s") % {"count": number_format(INBOX_COUNT_CAP, force_grouping=True)}
    return number_format(count, force_grouping=True)


def inbox_counts_forget(user_ids) -> None:
    """Drops the kept counts of these officers (called once an event touching one of their
    units has committed)."""
    cache.delete_many([f"backoffice:inbox-counts:{pk}" for pk in user_ids])


@dataclasses.dataclass
class InboxFilters:
    status: str = ""
    category: object = None
    commune: object = None
    unit: object = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    overdue_only: bool = False
    timeliness: str = ""  # one of TIMELINESS_FILTERS: what a dashboard tile counts
    coordinating_unit: object = None  # the reports a coordinating unit received (subtree)
    query: str = ""
    sort: str = "han-xu-ly"


# The dashboard's tiles as inbox filters: the statistics' own conditions, under the names the
# inbox's addresses use, so a tile's link lists exactly the reports the tile counts.
TIMELINESS_FILTERS = {
    "tong-so": ("total", _("Đã chuyển xử lý (mọi tiến độ)")),
    "da-xu-ly": ("processed", _("Đã xử lý")),
    "da-xu-ly-dung-han": ("processed_on_time", _("Đã xử lý đúng hạn")),
    "da-xu-ly-qua-han": ("processed_late", _("Đã xử lý quá hạn")),
    "dang-xu-ly": ("in_progress", _("Đang xử lý")),
    "dang-xu-ly-trong-han": ("in_progress_on_time", _("Đang xử lý trong hạn")),
    "dang-xu-ly-qua-han": ("in_progress_late", _("Đang xử lý quá hạn")),
    "sap-den-han": ("due_soon", _("Đến hạn trong 2 ngày làm việc tới")),
}
TIMELINESS_SLUGS = {name: slug for slug, (name, _label) in TIMELINESS_FILTERS.items()}


def timeliness_condition(slug: str, now: datetime.datetime) -> Q:
    """The condition of a dashboard tile (``TIMELINESS_FILTERS``) on a report."""
    name = TIMELINESS_FILTERS[slug][0]
    if name == "total":
        return counted_condition()
    due_soon_until = add_working_days(working_calendar_get(), now, DUE_SOON_WORKING_DAYS)
    return counted_condition() & timeliness_conditions(now, due_soon_until)[name]


SORTS = {
    "han-xu-ly": (F("effective_deadline").asc(nulls_last=True), F("submitted_at").desc()),
    "moi-nhat": (F("submitted_at").desc(nulls_last=True), F("id").desc()),
    "cu-nhat": (F("submitted_at").asc(nulls_last=True), F("id").asc()),
}


def inbox_reports(user, scope: OfficerScope, tab: str, filters: InboxFilters) -> QuerySet:
    now = timezone.now()
    reports = inbox_base(user)
    if tab != "tat-ca":
        reports = reports.filter(_tab_conditions(scope, now)[tab])
    if filters.status:
        reports = reports.filter(status=filters.status)
    if filters.category is not None:
        reports = reports.filter(
            Q(category=filters.category) | Q(category__parent=filters.category)
        )
    if filters.commune is not None:
        reports = reports.filter(commune=filters.commune)
    if filters.unit is not None:
        reports = reports.filter(subtree_condition([filters.unit], field="current_unit__path"))
    if filters.date_from:
        reports = reports.filter(submitted_at__date__gte=filters.date_from)
    if filters.date_to:
        reports = reports.filter(submitted_at__date__lte=filters.date_to)
    if filters.overdue_only:
        reports = reports.filter(_tab_conditions(scope, now)["qua-han"])
    if filters.timeliness in TIMELINESS_FILTERS:
        reports = reports.filter(timeliness_condition(filters.timeliness, now))
    if filters.coordinating_unit is not None:
        reports = reports.filter(
            subtree_condition([filters.coordinating_unit], field="coordinating_unit__path")
        )
    if filters.query:
        words = text_fold(filters.query).split()
        reports = reports.annotate(
            title_folded=Folded("title"), content_folded=Folded("content")
        ).filter(Q(code__iexact=filters.query.strip()) | _all_words(words))
    return (
        reports.annotate(effective_deadline=_effective_deadline())
        .select_related("current_unit", "category")
        .order_by(*SORTS.get(filters.sort, SORTS["han-xu-ly"]))
    )


def _all_words(words) -> Q:
    """Every word in the title, the content or the code, marks ignored ("duong" finds
    "đường")."""
    condition = Q()
    for word in words[:8]:
        condition &= (
            Q(title_folded__contains=word)
            | Q(content_folded__contains=word)
            | Q(code__icontains=word)
        )
    return condition


@dataclasses.dataclass(frozen=True)
class DeadlineLimits:
    """The moments before which a deadline counts as "due soon", computed once per page."""

    now: datetime.datetime
    routing_soon: datetime.datetime
    answer_soon: datetime.datetime


def deadline_limits() -> DeadlineLimits:
    now = timezone.now()
    calendar = working_calendar_get()
    return DeadlineLimits(
        now=now,
        routing_soon=add_working_hours(calendar, now, DUE_SOON_WORKING_HOURS),
        answer_soon=add_working_days(calendar, now, DUE_SOON_WORKING_DAYS),
    )


def deadline_state(report: Report, limits: DeadlineLimits) -> tuple[datetime.datetime | None, str]:
    """The deadline that matters now and "overdue", "soon" or ""."""
    if report.status in ROUTING_STATUSES:
        deadline, soon = report.routing_deadline, limits.routing_soon
    elif report.status in HANDLING_STATUSES:
        deadline, soon = report.answer_deadline, limits.answer_soon
    else:
        return report.answer_deadline, ""
    if deadline is None:
        return None, ""
    if deadline < limits.now:
        return deadline, "overdue"
    if deadline <= soon:
        return deadline, "soon"
    return deadline, ""


def report_for_desk(user, code: str) -> Report:
    """One report the officer may see, with what its header shows; 404 otherwise. The
    report is fetched by its code first and then that one row is checked against the
    visibility condition, so the page never walks the officer's whole visible set."""
    report = get_object_or_404(
        Report.objects.select_related(
            "category__parent",
            "citizen_category",
            "commune",
            "province",
            "current_unit",
            "coordinating_unit",
            "reporter",
            "entered_by",
            "duplicate_of",
        ),
        code=code,
    )
    if not report_visible_to_officer(user, report):
        raise Http404
    return report
