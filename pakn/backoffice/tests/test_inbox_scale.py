"""The inbox and the desk written for a million reports (issue 13): visibility as a condition on
the report row must give exactly what the old set-of-ids definition gave; the pages must not
issue more queries as reports pile up; the tab counts (from open statuses, kept 30 s) must equal
counts taken directly from the data, and be fresh as soon as an event reaches the officer."""

import datetime
import random
import re

import pytest
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pakn.accounts.tests.factories import OfficerFactory, UserFactory
from pakn.backoffice.desk import selectors as desk_selectors
from pakn.backoffice.desk.selectors import (
    inbox_counts,
    inbox_counts_forget,
    inbox_tabs_for,
    officer_scope,
)
from pakn.backoffice.tests.desk_setup import desk_url, report_at, submitted_report
from pakn.organisations.models import Membership, MembershipRole, Unit
from pakn.organisations.tests.factories import MembershipFactory, UnitFactory
from pakn.reports.models import OPEN_STATUSES, Event, Rating, Report, ReportStatus
from pakn.reports.selectors import report_visible_to_officer, reports_visible_to_officer
from pakn.reports.workflow import report_apply

pytestmark = pytest.mark.django_db
INBOX = "/can-bo/phan-anh/"
S = ReportStatus


def old_reports_visible_to_officer(user):
    """The definition before issue 13, kept verbatim as the reference: a DISTINCT over OR-ed
    joins on the units of the officer's active memberships (subtrees)."""
    paths = list(
        Membership.objects.filter(user=user, is_active=True).values_list("unit__path", flat=True)
    )
    if not paths:
        units = Unit.objects.none()
    else:
        condition = Q()
        for path in paths:
            condition |= Q(path__startswith=path)
        units = Unit.objects.filter(condition)
    was_there = Event.objects.filter(report=OuterRef("pk"), to_unit__in=units)
    return (
        Report.objects.exclude(status="draft")
        .filter(
            Q(current_unit__in=units)
            | Q(coordinating_unit__in=units)
            | Q(co_handling_units__in=units)
            | Exists(was_there)
        )
        .distinct()
    )


def random_province(rng: random.Random, *, reports: int = 80, officers: int = 24):
    """Two trees of units (some deactivated), officers with zero to three memberships (some
    inactive, one at every root), reports in every status with or without units, co-handling
    units, events sent to units, ratings and publication decisions."""
    units = []
    for root_index in range(2):
        root = UnitFactory(name=f"Gốc {root_index}")
        units.append(root)
        for _ in range(rng.randint(2, 4)):
            child = UnitFactory(parent=Unit.objects.get(pk=root.pk))
            units.append(child)
            for _ in range(rng.randint(0, 2)):
                units.append(UnitFactory(parent=Unit.objects.get(pk=child.pk)))
    for unit in rng.sample(units, 3):
        Unit.objects.filter(pk=unit.pk).update(is_active=False)
    units = list(Unit.objects.all())
    roles = list(MembershipRole.values)
    people = []
    for _ in range(officers):
        officer = OfficerFactory()
        held = {(rng.choice(units), rng.choice(roles)) for _ in range(rng.randint(0, 3))}
        for unit, role in held:
            MembershipFactory(user=officer, unit=unit, role=role, is_active=rng.random() > 0.25)
        people.append(officer)
    everywhere = OfficerFactory()
    for root in (u for u in units if u.depth == 1):
        MembershipFactory(user=everywhere, unit=root, role=MembershipRole.COORDINATOR)
    people.append(everywhere)
    reporter = UserFactory()
    now = timezone.now()
    statuses = list(S.values)
    for index in range(reports):
        status = rng.choice(statuses)
        report = Report.objects.create(
            code=f"R{index:05d}",
            title=f"Phản ánh {index}",
            content="Nội dung",
            reporter=reporter,
            status=status,
            coordinating_unit=rng.choice(units) if rng.random() > 0.15 else None,
            current_unit=rng.choice(units) if rng.random() > 0.4 else None,
            submitted_at=now - datetime.timedelta(days=rng.randint(0, 400)),
            routing_deadline=now + datetime.timedelta(hours=rng.randint(-48, 48)),
            answer_deadline=now + datetime.timedelta(days=rng.randint(-10, 10)),
            extension_requested_days=rng.choice([None, None, 3]),
            is_published=rng.random() > 0.7,
        )
        report.co_handling_units.set(rng.sample(units, rng.choice([0, 0, 0, 1, 2])))
        for _ in range(rng.choice([0, 1, 1, 2, 3])):
            Event.objects.create(
                report=report,
                action=rng.choice(["forward", "return", "publish", "note"]),
                to_unit=rng.choice(units) if rng.random() > 0.3 else None,
            )
        if status == S.ANSWERED and rng.random() > 0.5:
            Rating.objects.create(
                report=report, value="not_satisfied", review_pending=rng.random() > 0.4
            )
    return people


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_visibility_condition_gives_exactly_what_the_old_definition_gave(seed):
    people = random_province(random.Random(seed))
    reports = list(Report.objects.all())
    seen_any = 0
    for officer in people:
        expected = set(old_reports_visible_to_officer(officer).values_list("pk", flat=True))
        assert set(reports_visible_to_officer(officer).values_list("pk", flat=True)) == expected
        # The desk's one-row check says the same for every report.
        assert {r.pk for r in reports if report_visible_to_officer(officer, r)} == expected
        seen_any += bool(expected)
    assert seen_any > len(people) // 2  # the random data is not trivially empty


def _direct_counts(officer, now) -> dict[str, int]:
    """The tab counts computed in Python from the rows, the tabs' definitions read literally."""
    visible = set(old_reports_visible_to_officer(officer).values_list("pk", flat=True))
    scope = officer_scope(officer)
    decided = set(
        Event.objects.filter(action__in=("publish", "unpublish")).values_list("report", flat=True)
    )
    reviews = set(Rating.objects.filter(review_pending=True).values_list("report", flat=True))
    co_handling = {}
    for report_id, path in Report.co_handling_units.through.objects.values_list(
        "report_id", "unit__path"
    ):
        co_handling.setdefault(report_id, []).append(path)

    def under(path, paths):
        return path is not None and any(path.startswith(p) for p in paths)

    counts = dict.fromkeys([t.slug for t in inbox_tabs_for(scope)], 0)
    rows = Report.objects.filter(pk__in=visible).values(
        "pk",
        "status",
        "coordinating_unit__path",
        "current_unit__path",
        "extension_requested_days",
        "is_published",
        "routing_deadline",
        "answer_deadline",
    )
    for row in rows:
        status = row["status"]
        coordinated = under(row["coordinating_unit__path"], scope.coordinating_paths)
        handled = under(row["current_unit__path"], scope.unit_paths)
        overdue = (status in (S.SUBMITTED, S.RETURNED) and row["routing_deadline"] < now) or (
            status in (S.ASSIGNED, S.IN_PROGRESS, S.PENDING_APPROVAL, S.PENDING_REVIEW)
            and row["answer_deadline"] < now
        )
        tabs = {
            "cho-chuyen-xu-ly": coordinated and status == S.SUBMITTED,
            "chuyen-tra": coordinated and status == S.RETURNED,
            "xin-gia-han": coordinated
            and status == S.IN_PROGRESS
            and row["extension_requested_days"] is not None,
            "cho-xem-xet": coordinated and status == S.PENDING_REVIEW,
            "cho-cong-khai": coordinated
            and status in (S.ANSWERED, S.CLOSED)
            and not row["is_published"]
            and row["pk"] not in decided,
            "khong-hai-long": coordinated and status == S.ANSWERED and row["pk"] in reviews,
            "moi-chuyen-den": handled and status == S.ASSIGNED,
            "dang-xu-ly": handled and status == S.IN_PROGRESS,
            "cho-lanh-dao-duyet": handled and status == S.PENDING_APPROVAL,
            "phoi-hop": status in OPEN_STATUSES
            and any(under(p, scope.unit_paths) for p in co_handling.get(row["pk"], [])),
            "qua-han": overdue,
            "tat-ca": True,
        }
        for slug in counts:
            counts[slug] += tabs[slug]
    return counts


@pytest.mark.parametrize("seed", [4, 5])
def test_inbox_counts_equal_counts_taken_directly_from_the_data(seed):
    people = random_province(random.Random(seed), reports=120)
    now = timezone.now()
    compared = 0
    for officer in people:
        scope = officer_scope(officer)
        counts = inbox_counts(officer, scope, inbox_tabs_for(scope))
        assert counts == _direct_counts(officer, now), officer.username
        compared += sum(counts.values())
    assert compared > 0


# Query counts that do not grow with the data --------------------------------------------------


def _bulk_reports(desk, count: int, start: int) -> None:
    """``count`` more reports in every kind of state, coordinated by the centre, some at the
    departments, some co-handled, each with the event that sent it there."""
    statuses = [S.SUBMITTED, S.RETURNED, S.ASSIGNED, S.IN_PROGRESS, S.ANSWERED, S.CLOSED]
    now = timezone.now()
    made = Report.objects.bulk_create(
        Report(
            code=f"B{start + i:06d}",
            title=f"Phản ánh số {start + i}",
            content="Nội dung",
            reporter=desk["reporter"],
            status=statuses[i % len(statuses)],
            coordinating_unit=desk["centre"],
            current_unit=[None, desk["unit_a"], desk["sub_unit"], desk["unit_b"]][i % 4],
            submitted_at=now - datetime.timedelta(hours=i),
            routing_deadline=now + datetime.timedelta(hours=i - 50),
            answer_deadline=now + datetime.timedelta(days=i % 9 - 4),
        )
        for i in range(count)
    )
    Event.objects.bulk_create(
        Event(report=r, action="forward", to_unit=r.current_unit) for r in made if r.current_unit
    )
    through = Report.co_handling_units.through
    through.objects.bulk_create(
        through(report_id=r.pk, unit_id=desk["unit_b"].pk) for r in made[::5]
    )


def _queries(client, url, user) -> int:
    inbox_counts_forget([user.pk])  # counted afresh each time, as on the first visit
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "who, tab",
    [
        ("coordinator", ""),
        ("coordinator", "?hop-thu=tat-ca"),
        ("coordinator", "?hop-thu=qua-han&trang=2"),
        ("handler_a", ""),
        ("handler_b", "?hop-thu=phoi-hop"),
        ("leader_a", "?hop-thu=tat-ca&q=phan+anh"),
    ],
)
def test_the_inbox_issues_as_many_queries_at_1000_reports_as_at_10(client, desk, who, tab):
    user = desk[who]
    client.force_login(user)
    _bulk_reports(desk, 10, 0)
    client.get(INBOX)  # warm the per-process caches (site settings, calendar)
    small = _queries(client, INBOX + tab, user)
    _bulk_reports(desk, 990, 10)
    large = _queries(client, INBOX + tab, user)
    assert large == small


def test_the_desk_issues_as_many_queries_at_1000_reports_as_at_10(client, desk):
    report = report_at(desk, "unit_a")
    _bulk_reports(desk, 9, 0)
    for who in ("coordinator", "handler_a"):
        client.force_login(desk[who])
        client.get(desk_url(report))
        small = _queries(client, desk_url(report), desk[who])
        _bulk_reports(desk, 991, 1000 if who == "coordinator" else 2000)
        large = _queries(client, desk_url(report), desk[who])
        assert large == small, who


def test_the_desk_refuses_a_report_outside_the_officers_units(client, desk):
    report = report_at(desk, "unit_a")
    client.force_login(desk["handler_b"])
    assert client.get(desk_url(report)).status_code == 404
    client.force_login(desk["handler_a"])
    assert client.get(desk_url(report)).status_code == 200


# Kept counts, cleared by events; "all" without an exact count when it is large ------------


def _tab_count(html: str, slug: str) -> str:
    match = re.search(rf'data-tab="{slug}".*?data-count>([^<]+)<', html, flags=re.DOTALL)
    return match.group(1).strip()


def test_a_forwarded_report_shows_in_the_units_counts_at_once(
    client, desk, django_capture_on_commit_callbacks
):
    client.force_login(desk["handler_a"])
    first = client.get(INBOX).content.decode()
    assert _tab_count(first, "moi-chuyen-den") == "0"
    report = submitted_report(desk)
    with django_capture_on_commit_callbacks(execute=False) as pending:
        report_apply(
            report_id=report.pk,
            action="forward",
            actor=desk["coordinator"],
            unit_id=desk["unit_a"].pk,
        )
    # Until the forwarding commits, the kept counts stand (30 s at most) ...
    assert _tab_count(client.get(INBOX).content.decode(), "moi-chuyen-den") == "0"
    for callback in pending:
        callback()
    # ... once it has, the officers of the unit (and above) count afresh.
    assert _tab_count(client.get(INBOX).content.decode(), "moi-chuyen-den") == "1"
    client.force_login(desk["sub_handler"])  # below the unit: not told, nothing changed there
    assert _tab_count(client.get(INBOX).content.decode(), "moi-chuyen-den") == "0"


def test_counts_are_kept_between_two_pages_of_the_same_officer(client, desk):
    client.force_login(desk["coordinator"])
    client.get(INBOX)
    with CaptureQueriesContext(connection) as kept:
        client.get(INBOX)
    inbox_counts_forget([desk["coordinator"].pk])
    with CaptureQueriesContext(connection) as fresh:
        client.get(INBOX)
    assert len(kept) < len(fresh)


def test_the_all_tab_says_more_than_the_cap_when_it_is_large(client, desk, monkeypatch):
    monkeypatch.setattr(desk_selectors, "INBOX_COUNT_CAP", 30)
    _bulk_reports(desk, 45, 0)
    client.force_login(desk["coordinator"])
    html = client.get(INBOX + "?hop-thu=tat-ca").content.decode()
    assert _tab_count(html, "tat-ca") == "hơn 30"
    assert "hơn 30 phản ánh, kiến nghị" in html
    assert "Trang sau" in html
    second = client.get(INBOX + "?hop-thu=tat-ca&trang=2").content.decode()
    assert len(re.findall(r"data-report-row=", second)) == 20
    assert "Trang trước" in second and "Trang sau" not in second
    # Below the cap the count is exact.
    html = client.get(INBOX + "?hop-thu=cho-chuyen-xu-ly").content.decode()
    assert _tab_count(html, "cho-chuyen-xu-ly") == "8"


def test_an_event_finds_the_officers_to_tell_in_two_queries(desk, monkeypatch):
    """After every workflow action (each report sent included) the officers whose counts
    change are found in two queries: the touched units' paths, then their officers. It was
    five (event, report, co-handling units, paths, officers)."""
    from pakn.backoffice import receivers

    report = report_at(desk, "unit_a")
    Report.co_handling_units.through.objects.create(report_id=report.pk, unit_id=desk["unit_b"].pk)
    event = report.events.order_by("-pk").first()
    told = []
    monkeypatch.setattr(receivers, "inbox_counts_forget", lambda ids: told.append(set(ids)))
    with CaptureQueriesContext(connection) as queries:
        receivers.on_report_changed(None, report_id=report.pk, event_id=event.pk, action="accept")
    assert len(queries) == 2
    # The unit, the co-handling unit and the centre that coordinates, with the units above;
    # not the sub-unit below the handling unit.
    assert {desk[n].pk for n in ("handler_a", "leader_a", "handler_b", "coordinator")} <= told[0]
    assert desk["sub_handler"].pk not in told[0]
