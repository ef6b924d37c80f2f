"""Every cell of the statistics against a count made directly from the reports' events
(issue #7: "the same numbers as the officers' dashboards, tested from the same events")."""

import datetime
from contextlib import contextmanager
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.db.models import Max

from pakn.organisations.models import AdministrativeArea, AreaLevel, Category, Unit
from pakn.reports.models import Event, Rating, Report
from pakn.reports.tests.factories import ReportFactory
from pakn.reports.workflow import report_apply
from pakn.statistics.selectors import (
    COLUMNS,
    VIEW_COMMUNE,
    VIEW_SECTOR,
    VIEW_UNIT,
    StatisticsFilters,
    statistics_summary,
    statistics_table,
)

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
# A Monday morning; every scenario is placed relative to it.
NOW = datetime.datetime(2026, 6, 15, 9, 0, tzinfo=HCM)


@contextmanager
def clock(moment: datetime.datetime):
    """The workflow's "now" (deadlines, answer times and event times) set to ``moment``."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def at(days: float) -> datetime.datetime:
    return NOW + datetime.timedelta(days=days)


class Province:
    """Builds reports through ``report_apply`` only, as officers and citizens would."""

    def __init__(self, org):
        self.org = org
        self.province = AdministrativeArea.objects.create(
            code="56", level=AreaLevel.PROVINCE, name="Khánh Hòa", division_type="Tỉnh",
            codename="khanh_hoa",
        )  # fmt: skip
        self.communes = [
            AdministrativeArea.objects.create(
                code=code,
                level=AreaLevel.COMMUNE,
                name=name,
                division_type="Phường",
                codename=code,
                parent=self.province,
            )  # fmt: skip
            for code, name in (("22333", "Phường Nha Trang"), ("22411", "Phường Cam Ranh"))
        ]
        urban = Category.objects.create(name="Hạ tầng đô thị", code="tk-urban")
        self.categories = [
            Category.objects.create(name="Chiếu sáng", code="tk-lighting", parent=urban),
            Category.objects.create(name="Y tế", code="tk-health"),
        ]
        self.urban = urban

    def sent(self, when, *, commune=0, category=0) -> Report:
        report = ReportFactory(
            reporter=self.org["reporter"],
            commune=self.communes[commune],
            category=self.categories[category],
        )
        with clock(when):
            report_apply(report_id=report.pk, action="submit", actor=self.org["reporter"])
        return report

    def act(self, report, when, action, actor, **params):
        with clock(when):
            return report_apply(report_id=report.pk, action=action, actor=self.org[actor], **params)

    def forwarded(self, when, unit="department", **kwargs) -> Report:
        report = self.sent(when, **kwargs)
        self.act(report, when, "forward", "coordinator", unit_id=self.org[unit].pk)
        return report

    def answered(self, sent, answered, unit="department", rating=None, **kwargs) -> Report:
        report = self.forwarded(sent, unit, **kwargs)
        handler = "handler" if unit == "department" else "other_handler"
        self.act(report, sent, "accept", handler)
        self.act(report, answered, "submit_answer", handler, content="Đã khắc phục.")
        if unit == "department":
            self.act(report, answered, "approve_answer", "leader")
        else:
            self.act(report, answered, "approve_answer", "other_leader")
        if rating:
            self.act(report, answered, "rate", "reporter", value=rating)
        return report


@pytest.fixture
def province(org):
    from pakn.accounts.tests.factories import OfficerFactory
    from pakn.organisations.models import MembershipRole
    from pakn.organisations.tests.factories import MembershipFactory

    org["other_leader"] = OfficerFactory(username="other.leader")
    MembershipFactory(user=org["other_leader"], unit=org["other"], role=MembershipRole.LEADER)
    return Province(org)


@pytest.fixture
def scenario(province):
    """Reports in every class of timeliness, in two departments and a sub-unit, two communes
    and two sectors, plus reports the statistics must leave out."""
    p, org = province, province.org
    p.answered(at(-30), at(-28), rating="very_satisfied")  # processed on time
    p.answered(at(-60), at(-20), rating="not_satisfied", commune=1)  # processed late
    p.answered(at(-40), at(-39), unit="other", rating="satisfied", category=1)  # on time
    p.answered(at(-90), at(-10), unit="other", category=1, commune=1)  # late, not rated
    p.forwarded(at(-1))  # in progress on time
    late_open = p.forwarded(at(-45), category=1)  # in progress late
    p.act(late_open, at(-44), "accept", "handler")
    sub = p.forwarded(at(-2))  # forwarded on to the sub-unit: in progress on time there
    p.act(sub, at(-2), "accept", "handler")
    p.act(sub, at(-2), "forward_sub_unit", "handler", unit_id=org["sub_unit"].pk)
    p.forwarded(at(-50), unit="other", commune=1)  # assigned, never accepted: late
    # Left out: a draft, a report waiting for the coordinator, a rejected and a withdrawn one.
    ReportFactory(reporter=org["reporter"])
    p.sent(at(-3))
    rejected = p.sent(at(-5))
    p.act(rejected, at(-5), "reject", "coordinator", reason="Không thuộc phạm vi.")
    withdrawn = p.forwarded(at(-6))
    p.act(withdrawn, at(-6), "withdraw", "reporter", reason="Đã tự giải quyết.")
    return province


def expected_from_events(now, unit_of=None, key_of=None, only=lambda report: True):
    """Seed 002's columns counted report by report from the events alone: the last event
    gives the state and the deadline, the approval event the answer time and its deadline,
    the last forward the handling unit."""
    lines: dict = {}
    for report in Report.objects.exclude(status="draft"):
        events = list(Event.objects.filter(report=report).order_by("created_at", "id"))
        last = events[-1]
        forwards = [e for e in events if e.action in ("forward", "forward_sub_unit")]
        if not forwards or last.to_status in ("rejected", "merged", "withdrawn", "returned"):
            continue
        if not only(report):
            continue
        unit = forwards[-1].to_unit
        key = key_of(report, unit) if key_of else (unit_of(unit) if unit_of else "all")
        line = lines.setdefault(key, dict.fromkeys(COLUMNS, 0))
        line["total"] += 1
        if last.to_status in ("answered", "closed"):
            answer = [e for e in events if e.action in ("approve_answer", "review_answer")][-1]
            line["processed"] += 1
            late = answer.created_at > answer.deadline
            line["processed_late" if late else "processed_on_time"] += 1
        else:
            line["in_progress"] += 1
            late = now > last.deadline
            line["in_progress_late" if late else "in_progress_on_time"] += 1
        rating = Rating.objects.filter(report=report).first()
        if rating:
            line["ratings"] += 1
            line[rating.value] += 1
    return lines


def as_dict(line) -> dict:
    return {name: getattr(line, name) for name in COLUMNS}


def test_totals_match_the_events_in_all_four_classes(scenario):
    summary = statistics_summary(now=NOW)
    expected = expected_from_events(NOW)["all"]
    assert as_dict(summary) == expected
    # The scenario has every class, so nothing here is trivially zero.
    assert expected["processed_on_time"] == 2 and expected["processed_late"] == 2
    assert expected["in_progress_on_time"] == 2 and expected["in_progress_late"] == 2
    assert (expected["very_satisfied"], expected["satisfied"], expected["not_satisfied"]) == (
        1, 1, 1,
    )  # fmt: skip


def test_each_unit_line_matches_the_events(scenario):
    org = scenario.org
    agencies = {org["department"].pk, org["other"].pk, org["centre"].pk}

    def agency(unit):  # a sub-unit counts in its department's line
        return next(pk for pk in agencies if unit.path.startswith(Unit.objects.get(pk=pk).path))

    table = statistics_table(view=VIEW_UNIT, now=NOW)
    expected = expected_from_events(NOW, unit_of=agency)
    assert {line.unit_id: as_dict(line) for line in table.lines} == expected
    assert as_dict(table.totals) == expected_from_events(NOW)["all"]
    assert [line.label for line in table.lines] == ["Sở Xây dựng", "Sở Y tế"]  # most first


def test_unit_filter_with_and_without_sub_units(scenario):
    org = scenario.org
    department = org["department"]
    table = statistics_table(filters=StatisticsFilters(unit_id=department.pk), now=NOW)
    by_unit = {line.unit_id: as_dict(line) for line in table.lines}
    expected = expected_from_events(NOW, unit_of=lambda unit: unit.pk)
    assert by_unit == {department.pk: expected[department.pk],
                       org["sub_unit"].pk: expected[org["sub_unit"].pk]}  # fmt: skip
    assert table.lines[0].label == "Sở Xây dựng (trực tiếp xử lý)"
    in_subtree = {
        name: expected[department.pk][name] + expected[org["sub_unit"].pk][name] for name in COLUMNS
    }
    assert as_dict(table.totals) == in_subtree

    alone = statistics_table(
        filters=StatisticsFilters(unit_id=department.pk, include_sub_units=False), now=NOW
    )
    assert as_dict(alone.totals) == expected[department.pk]
    assert [line.label for line in alone.lines] == ["Sở Xây dựng"]
    sub_alone = statistics_table(
        filters=StatisticsFilters(unit_id=org["sub_unit"].pk, include_sub_units=False), now=NOW
    )
    assert [line.label for line in sub_alone.lines] == [org["sub_unit"].name]
    assert as_dict(sub_alone.lines[0]) == expected[org["sub_unit"].pk]


def test_sector_and_commune_views_and_filters(scenario):
    p = scenario
    sector = statistics_table(view=VIEW_SECTOR, now=NOW)
    expected = expected_from_events(NOW, key_of=lambda report, unit: report.category_id)
    assert {int(line.key.split("-")[1]): as_dict(line) for line in sector.lines} == expected
    assert "Hạ tầng đô thị › Chiếu sáng" in [line.label for line in sector.lines]

    commune = statistics_table(view=VIEW_COMMUNE, now=NOW)
    expected = expected_from_events(NOW, key_of=lambda report, unit: report.commune_id)
    assert {int(line.key.split("-")[1]): as_dict(line) for line in commune.lines} == expected

    # A top sector includes its sub-sectors; filters combine.
    urban = statistics_summary(filters=StatisticsFilters(category_id=p.urban.pk), now=NOW)
    lighting = p.categories[0]
    assert (
        as_dict(urban)
        == expected_from_events(NOW, only=lambda report: report.category_id == lighting.pk)["all"]
    )
    both = statistics_summary(
        filters=StatisticsFilters(category_id=p.categories[1].pk, commune_id=p.communes[1].pk),
        now=NOW,
    )
    assert both.total == 1  # the late answer of Sở Y tế in Cam Ranh


def test_period_filter_is_by_date_sent(scenario):
    filters = StatisticsFilters(date_from=at(-45).date(), date_to=at(-28).date())
    summary = statistics_summary(filters=filters, now=NOW)
    first, last = filters.date_from, filters.date_to
    expected = expected_from_events(
        NOW, only=lambda report: first <= report.submitted_at.astimezone(HCM).date() <= last
    )["all"]
    assert as_dict(summary) == expected
    assert expected["total"] == 3  # sent 30, 40 and 45 days before


def test_lateness_moves_with_time(scenario):
    latest = Report.objects.filter(status="assigned").aggregate(Max("answer_deadline"))
    after_every_deadline = latest["answer_deadline__max"] + datetime.timedelta(minutes=1)
    summary = statistics_summary(now=after_every_deadline)
    assert summary.in_progress_on_time == 0
    assert summary.in_progress_late == summary.in_progress == 4


@pytest.mark.parametrize("view", [VIEW_UNIT, VIEW_SECTOR, VIEW_COMMUNE])
def test_query_count_does_not_grow_with_reports(province, django_assert_num_queries, view):
    def build(count):
        for i in range(count):
            report = province.forwarded(at(-i - 1), commune=i % 2, category=i % 2)
            if i % 3 == 0:
                province.act(report, at(-i - 1), "accept", "handler")

    build(5)
    filters = StatisticsFilters(unit_id=province.org["department"].pk)
    queries = 3 if view == VIEW_UNIT else 2  # the unit's depth, the counts, the lines' names
    with django_assert_num_queries(queries):
        statistics_table(filters=filters, view=view, now=NOW)
    build(45)
    with django_assert_num_queries(queries):
        table = statistics_table(filters=filters, view=view, now=NOW)
    assert table.totals.total == 50
    with django_assert_num_queries(1):
        statistics_summary(now=NOW)


@pytest.mark.parametrize("seed", [7, 8])
def test_totals_and_unit_lines_match_the_events_on_random_data(province, seed):
    """Issue 13: the statistics equal the counts taken from the events alone, here for a
    random mix of reports (answered on time or late, rated or not, in progress, never
    accepted, rejected, withdrawn, left with the coordinator) in two units, two communes and
    two sectors."""
    import random

    rng = random.Random(seed)
    p, org = province, province.org
    for _ in range(24):
        sent = -rng.uniform(1, 100)
        unit = rng.choice(("department", "other"))
        where = {"commune": rng.randrange(2), "category": rng.randrange(2)}
        kind = rng.choice(("answered", "answered", "open", "assigned", "rejected", "withdrawn",
                           "waiting"))  # fmt: skip
        if kind == "answered":
            rating = rng.choice((None, "very_satisfied", "satisfied", "not_satisfied"))
            answered = min(sent + rng.uniform(0.5, 40), -0.1)
            p.answered(at(sent), at(answered), unit, rating, **where)
        elif kind == "open":
            report = p.forwarded(at(sent), unit, **where)
            p.act(
                report, at(sent), "accept", "handler" if unit == "department" else "other_handler"
            )
        elif kind == "assigned":
            p.forwarded(at(sent), unit, **where)
        elif kind == "rejected":
            report = p.sent(at(sent), **where)
            p.act(report, at(sent), "reject", "coordinator", reason="Không thuộc phạm vi.")
        elif kind == "withdrawn":
            report = p.forwarded(at(sent), unit, **where)
            p.act(report, at(sent), "withdraw", "reporter", reason="Đã tự giải quyết.")
        else:
            p.sent(at(sent), **where)
    agencies = {org["department"].pk, org["other"].pk, org["centre"].pk}

    def agency(unit):
        return next(pk for pk in agencies if unit.path.startswith(Unit.objects.get(pk=pk).path))

    expected = expected_from_events(NOW)["all"]
    assert expected["total"] > 0
    assert as_dict(statistics_summary(now=NOW)) == expected
    table = statistics_table(view=VIEW_UNIT, now=NOW)
    assert {line.unit_id: as_dict(line) for line in table.lines} == expected_from_events(
        NOW, unit_of=agency
    )
