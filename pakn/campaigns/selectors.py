"""Reading the campaigns: which units must report, what they declared, and what the system
itself counted beside it (accounts registered with an address in the commune, reports sent
from it) in the same period.

"Registered accounts" has one definition (``accounts_registered``), shared with the review
report: individuals and organisations who registered in the period and still have their
account; contacts (callers without an account) and officers are not accounts of the public."""

import dataclasses
import datetime
from collections import defaultdict
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pakn.accounts.models import AccountType, User
from pakn.campaigns.models import AdoptionFigures, Campaign, CampaignPeriod, ReportingGroup
from pakn.organisations.models import AdministrativeArea, AreaLevel, Unit, UnitKind
from pakn.statistics.selectors import StatisticsFilters, reports_in_scope

G = ReportingGroup
# Which units make up each group. Communes, wards and special zones are all commune
# committees: their commune's official type (division_type) tells them apart.
GROUP_UNIT_KINDS: dict[str, tuple[str, ...]] = {
    G.COMMUNE: (UnitKind.COMMUNE_COMMITTEE,),
    G.WARD: (UnitKind.COMMUNE_COMMITTEE,),
    G.SPECIAL_ZONE: (UnitKind.COMMUNE_COMMITTEE,),
    G.AGENCY: (UnitKind.DEPARTMENT,),
    G.SCHOOL: (UnitKind.SCHOOL,),
    G.COMPANY: (UnitKind.PUBLIC_SERVICE_COMPANY, UnitKind.ENTERPRISE),
}
COMMUNE_GROUP_BY_TYPE = {"xã": G.COMMUNE, "phường": G.WARD, "đặc khu": G.SPECIAL_ZONE}
PUBLIC_ACCOUNT_TYPES = (AccountType.INDIVIDUAL, AccountType.ORGANISATION)

STATUS_ON_TIME = "on_time"
STATUS_LATE = "late"
STATUS_MISSING = "missing"
STATUS_OVERDUE = "overdue"  # missing and past the deadline
STATUS_LABELS = {
    STATUS_ON_TIME: gettext_lazy("Đã gửi đúng hạn"),
    STATUS_LATE: gettext_lazy("Gửi muộn"),
    STATUS_MISSING: gettext_lazy("Chưa gửi"),
    STATUS_OVERDUE: gettext_lazy("Quá hạn, chưa gửi"),
}


def local_day_start(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))


def accounts_registered(
    date_from: datetime.date | None = None, date_to: datetime.date | None = None
) -> QuerySet[User]:
    """Accounts of the public registered between the two days (both included, local time)."""
    users = User.objects.filter(account_type__in=PUBLIC_ACCOUNT_TYPES, deleted_at__isnull=True)
    if date_from:
        users = users.filter(date_joined__gte=local_day_start(date_from))
    if date_to:
        users = users.filter(date_joined__lt=local_day_start(date_to + datetime.timedelta(days=1)))
    return users


def unit_reporting_group(kind: str, commune: AdministrativeArea | None) -> str | None:
    if kind == UnitKind.COMMUNE_COMMITTEE:
        if commune is None:
            return None
        return COMMUNE_GROUP_BY_TYPE.get(commune.division_type.strip().casefold())
    for group, kinds in GROUP_UNIT_KINDS.items():
        if kind in kinds and group not in COMMUNE_GROUP_BY_TYPE.values():
            return group
    return None


@dataclasses.dataclass(frozen=True)
class ReportingUnit:
    unit: Unit
    group: str
    commune: AdministrativeArea | None  # a commune committee's own commune

    @property
    def group_label(self) -> str:
        return str(dict(G.choices)[self.group])


def campaign_reporting_units(campaign: Campaign) -> list[ReportingUnit]:
    """The active units of the campaign's groups, by group then name; two queries."""
    kinds = {
        kind for group in campaign.reporting_groups for kind in GROUP_UNIT_KINDS.get(group, ())
    }
    communes = AdministrativeArea.objects.filter(level=AreaLevel.COMMUNE).order_by("code")
    units = (
        Unit.objects.filter(is_active=True, kind__in=kinds)
        .prefetch_related(Prefetch("areas", queryset=communes, to_attr="commune_areas"))
        .order_by("name")
    )
    order = {group: index for index, group in enumerate(G.values)}
    found = []
    for unit in units:
        commune = unit.commune_areas[0] if unit.commune_areas else None
        group = unit_reporting_group(unit.kind, commune)
        if group in campaign.reporting_groups:
            found.append(ReportingUnit(unit=unit, group=group, commune=commune))
    return sorted(found, key=lambda r: (order[r.group], r.unit.name))


def figures_history(period: CampaignPeriod, unit: Unit) -> list[AdoptionFigures]:
    """Every submission of the unit for the period, newest first (the current one first)."""
    return list(
        AdoptionFigures.objects.filter(period=period, unit=unit)
        .select_related("submitted_by")
        .order_by("-created_at", "-id")
    )


def figures_status(period: CampaignPeriod, first_at: datetime.datetime | None, today) -> str:
    """On time when first sent on or before the deadline day (local time)."""
    if first_at is None:
        return STATUS_OVERDUE if today > period.deadline else STATUS_MISSING
    return STATUS_ON_TIME if timezone.localdate(first_at) <= period.deadline else STATUS_LATE


@dataclasses.dataclass
class AdoptionLine:
    unit_id: int
    unit_name: str
    group: str
    group_label: str
    commune_id: int | None = None
    commune_name: str = ""
    population: int | None = None
    population_is_demo: bool = False
    status: str = STATUS_MISSING
    first_submitted_at: datetime.datetime | None = None
    last_submitted_at: datetime.datetime | None = None
    corrections: int = 0  # submissions after the first
    people_guided: int | None = None
    app_installs: int | None = None
    accounts_declared: int | None = None
    solutions: str = ""
    notes: str = ""
    accounts_counted: int | None = None  # None: not a commune, the system cannot count
    reports_counted: int | None = None

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def reported(self) -> bool:
        return self.first_submitted_at is not None

    def _share(self, value: int | None) -> float | None:
        if value is None or not self.population:
            return None
        return round(100 * value / self.population, 2)

    @property
    def declared_share(self) -> float | None:
        """Declared registrations as a share of the population (%), where it is known."""
        return self._share(self.accounts_declared)

    @property
    def counted_share(self) -> float | None:
        return self._share(self.accounts_counted)


@dataclasses.dataclass
class AdoptionGroupLine:
    group: str
    label: str
    units: int = 0
    reported: int = 0
    late: int = 0
    missing: int = 0
    people_guided: int = 0
    app_installs: int = 0
    accounts_declared: int = 0
    accounts_counted: int = 0
    reports_counted: int = 0
    population: int = 0  # of the communes whose population is known

    @property
    def declared_share(self) -> float | None:
        return round(100 * self.accounts_declared / self.population, 2) if self.population else None

    @property
    def counted_share(self) -> float | None:
        return round(100 * self.accounts_counted / self.population, 2) if self.population else None


@dataclasses.dataclass
class AdoptionTable:
    period: CampaignPeriod
    lines: list[AdoptionLine]
    groups: list[AdoptionGroupLine]
    totals: AdoptionGroupLine
    population_has_demo: bool = False

    @property
    def missing_lines(self) -> list[AdoptionLine]:
        return [line for line in self.lines if not line.reported]


def counted_by_commune(
    commune_ids, date_from: datetime.date, date_to: datetime.date
) -> dict[int, tuple[int, int]]:
    """(accounts registered, reports sent) per commune in the period: two grouped queries.
    Reports are the statistics' sent reports (``reports_in_scope``), placed by their commune."""
    commune_ids = [pk for pk in commune_ids if pk]
    accounts = dict(
        accounts_registered(date_from, date_to)
        .filter(address_commune_id__in=commune_ids)
        .values("address_commune_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("address_commune_id", "n")
    )
    reports = dict(
        reports_in_scope(StatisticsFilters(date_from=date_from, date_to=date_to))
        .filter(commune_id__in=commune_ids)
        .values("commune_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("commune_id", "n")
    )
    return {pk: (accounts.get(pk, 0), reports.get(pk, 0)) for pk in commune_ids}


def adoption_table(
    period: CampaignPeriod, *, now: datetime.datetime | None = None
) -> AdoptionTable:
    """Every unit that must report, what it declared (its latest figures) and what the
    system counted; the sums per group. A fixed number of queries whatever the units."""
    today = timezone.localdate(now or timezone.now())
    reporting = campaign_reporting_units(period.campaign)
    submissions: dict[int, list[AdoptionFigures]] = defaultdict(list)
    for figures in AdoptionFigures.objects.filter(period=period).order_by("created_at", "id"):
        submissions[figures.unit_id].append(figures)
    counted = counted_by_commune(
        [r.commune.pk for r in reporting if r.commune], period.start_date, period.end_date
    )
    lines = []
    for item in reporting:
        rows = submissions.get(item.unit.pk, [])
        line = AdoptionLine(
            unit_id=item.unit.pk, unit_name=item.unit.name, group=item.group,
            group_label=item.group_label,
        )  # fmt: skip
        if item.commune:
            line.commune_id, line.commune_name = item.commune.pk, item.commune.name
            line.population = item.commune.population
            line.population_is_demo = item.commune.population_is_demo and bool(line.population)
            line.accounts_counted, line.reports_counted = counted.get(item.commune.pk, (0, 0))
        line.status = figures_status(period, rows[0].created_at if rows else None, today)
        if rows:
            current = rows[-1]
            line.first_submitted_at, line.last_submitted_at = rows[0].created_at, current.created_at
            line.corrections = len(rows) - 1
            line.people_guided, line.app_installs = current.people_guided, current.app_installs
            line.accounts_declared = current.accounts_registered
            line.solutions, line.notes = current.solutions, current.notes
        lines.append(line)
    groups = {g: AdoptionGroupLine(group=g, label=str(label)) for g, label in G.choices
              if g in period.campaign.reporting_groups}  # fmt: skip
    totals = AdoptionGroupLine(group="total", label=_("Tổng số"))
    for line in lines:
        for target in (groups[line.group], totals):
            _group_add(target, line)
    return AdoptionTable(
        period=period, lines=lines, groups=list(groups.values()), totals=totals,
        population_has_demo=any(line.population_is_demo for line in lines),
    )  # fmt: skip


def _group_add(target: AdoptionGroupLine, line: AdoptionLine) -> None:
    target.units += 1
    target.reported += line.reported
    target.late += line.status == STATUS_LATE
    target.missing += not line.reported
    target.people_guided += line.people_guided or 0
    target.app_installs += line.app_installs or 0
    target.accounts_declared += line.accounts_declared or 0
    target.accounts_counted += line.accounts_counted or 0
    target.reports_counted += line.reports_counted or 0
    if line.population:
        target.population += line.population


def periods_open_for(
    units: list[Unit], *, today: datetime.date
) -> list[tuple[CampaignPeriod, list[Unit]]]:
    """The periods of active campaigns started by ``today`` that ask any of ``units`` for
    figures, newest first, each with the units it asks."""
    periods = list(
        CampaignPeriod.objects.filter(campaign__is_active=True, start_date__lte=today)
        .select_related("campaign")
        .order_by("-deadline", "-id")[:20]
    )
    result = []
    campaigns: dict[int, set[int]] = {}
    for period in periods:
        if period.campaign_id not in campaigns:
            campaigns[period.campaign_id] = {
                r.unit.pk for r in campaign_reporting_units(period.campaign)
            }
        asked = [unit for unit in units if unit.pk in campaigns[period.campaign_id]]
        if asked:
            result.append((period, asked))
    return result


def submitted_units(period: CampaignPeriod) -> set[int]:
    return set(AdoptionFigures.objects.filter(period=period).values_list("unit_id", flat=True))
