"""Deadline reminders as a table (pure function), then the scheduler pass and its command:
each reminder goes once per deadline, also with two schedulers at once."""

import datetime
import threading
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection

from pakn.core.calendar import WorkingCalendar
from pakn.notifications.models import (
    DigestSent,
    Notification,
    NotificationKind,
    ReminderKind,
    ReminderSent,
)
from pakn.notifications.reminders import reminders_due
from pakn.notifications.scheduler import digests_run, reminders_run
from pakn.reports.models import ReportStatus
from pakn.reports.tests.factories import ReportFactory

VN = ZoneInfo("Asia/Ho_Chi_Minh")
HALF, MOST, DUE, LATE = (ReminderKind.HALF_TIME, ReminderKind.MOST_TIME, ReminderKind.DEADLINE,
                         ReminderKind.LATE)  # fmt: skip


def at(day, hour, minute=0):
    return datetime.datetime(2026, *day, hour, minute, tzinfo=VN)


# (assigned, deadline, now, due kinds). Working day: 07:30–11:30, 13:30–17:00 (450 minutes).
CASES = [
    # Mon 7 Dec 07:30 → Wed 9 Dec 17:00: 1,350 working minutes; 50 % = Tue 11:15.
    ("before any", at((12, 7), 7, 30), at((12, 9), 17), at((12, 7), 16), []),
    ("49 %", at((12, 7), 7, 30), at((12, 9), 17), at((12, 8), 11, 1), []),
    ("50 %", at((12, 7), 7, 30), at((12, 9), 17), at((12, 8), 11, 15), [HALF]),
    ("lunch keeps 50 %", at((12, 7), 7, 30), at((12, 9), 17), at((12, 8), 13), [HALF]),
    ("80 % = Wed 10:30", at((12, 7), 7, 30), at((12, 9), 17), at((12, 9), 10, 30), [HALF, MOST]),
    ("one minute before", at((12, 7), 7, 30), at((12, 9), 17), at((12, 9), 16, 59), [HALF, MOST]),
    ("deadline", at((12, 7), 7, 30), at((12, 9), 17), at((12, 9), 17), [HALF, MOST, DUE]),
    ("evening: not yet late", at((12, 7), 7, 30), at((12, 9), 17), at((12, 9), 22), [HALF, MOST, DUE]),
    ("next morning: late", at((12, 7), 7, 30), at((12, 9), 17), at((12, 10), 7, 30),
     [HALF, MOST, DUE, LATE]),
    # Fri 11 Dec 07:30 → Mon 14 Dec 17:00: the weekend does not count.
    ("Friday evening 50 %", at((12, 11), 7, 30), at((12, 14), 17), at((12, 11), 17), [HALF]),
    ("Sunday still 50 %", at((12, 11), 7, 30), at((12, 14), 17), at((12, 13), 12), [HALF]),
    ("Monday 13:30 is 77 %", at((12, 11), 7, 30), at((12, 14), 17), at((12, 14), 13, 30), [HALF]),
    ("Monday 14:00 is 80 %", at((12, 11), 7, 30), at((12, 14), 17), at((12, 14), 14), [HALF, MOST]),
    ("late deadline Friday: Saturday not late", at((12, 7), 7, 30), at((12, 11), 17),
     at((12, 12), 10), [HALF, MOST, DUE]),
    ("late deadline Friday: Monday late", at((12, 7), 7, 30), at((12, 11), 17),
     at((12, 14), 7, 30), [HALF, MOST, DUE, LATE]),
    # Wed 29 Apr → Mon 4 May: 30 April and 1 May are public holidays.
    ("holidays do not count", at((4, 29), 7, 30), at((5, 4), 17), at((5, 1), 12), [HALF]),
    ("after the holidays", at((4, 29), 7, 30), at((5, 4), 17), at((5, 4), 14), [HALF, MOST]),
    ("no deadline", at((4, 29), 7, 30), None, at((5, 4), 14), []),
]  # fmt: skip


@pytest.mark.parametrize(("name", "assigned", "deadline", "now", "expected"), CASES,
                         ids=[case[0] for case in CASES])  # fmt: skip
def test_reminders_due(name, assigned, deadline, now, expected):
    calendar = WorkingCalendar()
    assert reminders_due(calendar, assigned_at=assigned, deadline=deadline, now=now) == expected


ASSIGNED, DEADLINE = at((12, 7), 7, 30), at((12, 9), 17)


@pytest.fixture
def late_report(org):
    return ReportFactory(
        code="PAKN-2026-000777", reporter=org["reporter"], status=ReportStatus.IN_PROGRESS,
        coordinating_unit=org["centre"], current_unit=org["department"],
        assigned_at=ASSIGNED, answer_deadline=DEADLINE,
    )  # fmt: skip


def kinds_of(user):
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


@pytest.mark.django_db
def test_each_reminder_goes_once_per_deadline(org, late_report, django_capture_on_commit_callbacks):
    def run(now):
        with django_capture_on_commit_callbacks(execute=True):
            return reminders_run(now=now)

    assert run(at((12, 8), 11, 15)) == 1  # 50 %
    assert run(at((12, 8), 11, 20)) == 0  # same pass again: nothing new
    assert kinds_of(org["handler"]) == [NotificationKind.REMINDER]
    assert kinds_of(org["leader"]) == [NotificationKind.REMINDER]
    assert kinds_of(org["coordinator"]) == []
    note = Notification.objects.filter(recipient=org["handler"]).first()
    assert "PAKN-2026-000777" in note.title and "50%" in note.body

    assert run(at((12, 10), 8)) == 2  # 80 % and deadline at once: one reminder + escalation
    assert kinds_of(org["handler"]) == [NotificationKind.REMINDER] * 2
    assert NotificationKind.LATE in kinds_of(org["leader"])
    assert kinds_of(org["coordinator"]) == [NotificationKind.LATE]
    assert kinds_of(org["other_handler"]) == []
    assert run(at((12, 10), 9)) == 0
    assert ReminderSent.objects.filter(report=late_report).count() == 4

    # An extension gives a new deadline, and new reminders for it.
    late_report.answer_deadline = at((12, 16), 17)
    late_report.save()
    assert run(at((12, 14), 9)) == 1
    assert ReminderSent.objects.filter(report=late_report).count() == 5


@pytest.mark.django_db
def test_a_reopened_report_counts_its_reminders_from_the_reopening(
    org, late_report, django_capture_on_commit_callbacks
):
    from unittest import mock

    from pakn.reports.models import Event

    reopened = at((12, 14), 7, 30)  # Monday; the new deadline is Wednesday evening
    with mock.patch("django.utils.timezone.now", return_value=reopened):
        Event.objects.create(report=late_report, action="reopen", actor=org["coordinator"],
                             from_status="answered", to_status="in_progress")  # fmt: skip
    late_report.answer_deadline = at((12, 16), 17)
    late_report.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_run(now=at((12, 14), 16)) == 0  # 28 % of the new period
        assert reminders_run(now=at((12, 15), 11, 15)) == 1  # 50 %
    assert list(ReminderSent.objects.values_list("kind", flat=True)) == [HALF]


@pytest.mark.django_db
def test_no_reminders_once_answered_or_while_waiting_for_the_citizen(
    org, late_report, django_capture_on_commit_callbacks
):
    late_report.waiting_for_citizen_since = at((12, 8), 9)
    late_report.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_run(now=at((12, 8), 11, 15)) == 0
    late_report.waiting_for_citizen_since = None
    late_report.status = ReportStatus.ANSWERED
    late_report.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_run(now=at((12, 10), 8)) == 0
    assert Notification.objects.count() == 0


@pytest.mark.django_db
def test_daily_digest_once_a_working_day_after_the_morning_start(
    org, late_report, django_capture_on_commit_callbacks, mailoutbox
):
    org["handler"].email = "handler@example.vn"
    org["handler"].save()
    with django_capture_on_commit_callbacks(execute=True):
        assert digests_run(now=at((12, 10), 7)) == 0  # before 07:30
        assert digests_run(now=at((12, 12), 9)) == 0  # Saturday
        queued = digests_run(now=at((12, 10), 8))
        assert digests_run(now=at((12, 10), 15)) == 0  # once a day
    # The handler, the leader and the coordinator all have the late report.
    assert queued == 3
    assert DigestSent.objects.filter(date=datetime.date(2026, 12, 10)).count() >= 3
    digest = Notification.objects.get(recipient=org["handler"], kind=NotificationKind.DIGEST)
    assert "Quá hạn xử lý: 1" in digest.body
    assert [m.to for m in mailoutbox] == [["handler@example.vn"]]


@pytest.mark.django_db
def test_the_scheduler_command_does_one_pass(org, django_capture_on_commit_callbacks):
    from io import StringIO

    from django.utils import timezone

    now = timezone.now()
    ReportFactory(
        code="PAKN-2026-000778", reporter=org["reporter"], status=ReportStatus.IN_PROGRESS,
        coordinating_unit=org["centre"], current_unit=org["department"],
        assigned_at=now - datetime.timedelta(days=30), answer_deadline=now - datetime.timedelta(days=10),
    )  # fmt: skip
    output = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("pakn_scheduler", stdout=output)
    assert "reminders queued: 2" in output.getvalue()  # deadline reminder + escalation
    assert set(ReminderSent.objects.values_list("kind", flat=True)) == {HALF, MOST, DUE, LATE}
    assert NotificationKind.LATE in kinds_of(org["coordinator"])


@pytest.mark.django_db(transaction=True)
def test_two_schedulers_at_once_send_each_reminder_once(org, late_report):
    barrier = threading.Barrier(2)
    errors = []

    def scheduler():
        try:
            barrier.wait()
            reminders_run(now=at((12, 10), 8))
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=scheduler) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert ReminderSent.objects.filter(report=late_report).count() == 4
    assert kinds_of(org["handler"]) == [NotificationKind.REMINDER]
    assert kinds_of(org["coordinator"]) == [NotificationKind.LATE]


def _pass_queries(org, count, now):
    from django.db import connection as conn
    from django.test.utils import CaptureQueriesContext

    from pakn.reports.models import Report
    from pakn.reports.reminder_schedule import report_next_reminder_at

    Report.objects.all().delete()
    # In one INSERT (a thousand factory saves would take a minute), each with the scheduler
    # moment that Report.save would have stored.
    reports = [
        ReportFactory.build(
            reporter=org["reporter"], status=ReportStatus.IN_PROGRESS,
            coordinating_unit=org["centre"], current_unit=org["department"],
            assigned_at=ASSIGNED if due else now,
            answer_deadline=DEADLINE if due else at((12, 31), 17),
        )
        for due in (number % 2 == 0 for number in range(count))
    ]  # fmt: skip
    for report in reports:
        report.next_reminder_at = report_next_reminder_at(report)
    Report.objects.bulk_create(reports)
    with CaptureQueriesContext(conn) as queries:
        queued = reminders_run(now=now, send=False)
    assert queued == 2 * ((count + 1) // 2)  # each due one: the deadline reminder + escalation
    return len(queries)


@pytest.mark.django_db
def test_a_pass_reads_in_the_same_number_of_queries_for_10_and_1000_reports(org):
    now = at((12, 10), 8)
    assert _pass_queries(org, 10, now) == _pass_queries(org, 1000, now) <= 8


@pytest.mark.django_db
def test_the_next_reminder_moment_follows_the_deadline(org, late_report):
    late_report.refresh_from_db()
    assert late_report.next_reminder_at == at((12, 8), 11, 15)  # 50 % of the working time
    reminders_run(now=at((12, 8), 11, 15), send=False)
    late_report.refresh_from_db()
    assert late_report.next_reminder_at == at((12, 9), 10, 30)  # then 80 %
    reminders_run(now=at((12, 10), 8), send=False)
    late_report.refresh_from_db()
    assert late_report.next_reminder_at is None  # everything for this deadline went out
    late_report.answer_deadline = at((12, 16), 17)  # an extension
    late_report.save()
    late_report.refresh_from_db()
    assert late_report.next_reminder_at is not None
    late_report.status = ReportStatus.ANSWERED
    late_report.save(update_fields=["status"])
    late_report.refresh_from_db()
    assert late_report.next_reminder_at is None


def _old_digest_counts(officer, now):
    """The digest rule as one aggregate per officer (before the grouped query)."""
    from django.db.models import Count, Q

    from pakn.core.selectors import working_calendar_get
    from pakn.organisations.models import MembershipRole as R
    from pakn.reports.deadlines import add_working_days
    from pakn.reports.models import Report
    from pakn.reports.reminder_schedule import DEADLINE_STATUSES, UNIT_CLOCK_STATUSES
    from pakn.reports.selectors import units_of

    handling = list(units_of(officer, (R.HANDLER, R.LEADER)))
    coordinating = list(units_of(officer, (R.COORDINATOR,)))
    due_by = add_working_days(working_calendar_get(), now, 2)
    hands = Q(current_unit__in=handling, status__in=UNIT_CLOCK_STATUSES)
    mine = hands | Q(coordinating_unit__in=coordinating, status__in=DEADLINE_STATUSES)
    S = ReportStatus
    return Report.objects.aggregate(
        new_count=Count("pk", filter=Q(current_unit__in=handling, status=S.ASSIGNED)
                        | Q(coordinating_unit__in=coordinating, status__in=(S.SUBMITTED, S.RETURNED))),
        due_soon_count=Count("pk", filter=hands & Q(answer_deadline__gte=now, answer_deadline__lte=due_by)),
        late_count=Count("pk", filter=mine & Q(answer_deadline__lt=now)),
    )  # fmt: skip


def _random_reports(org, count, seed):
    import random

    rng = random.Random(seed)
    units = [org["centre"], org["department"], org["sub_unit"], org["other"], None]
    for _ in range(count):
        deadline = rng.choice([None, at((12, 9), 17), at((12, 11), 17), at((12, 30), 17)])
        ReportFactory(
            reporter=org["reporter"], status=rng.choice(list(ReportStatus.values)),
            coordinating_unit=rng.choice(units), current_unit=rng.choice(units),
            assigned_at=ASSIGNED if deadline else None, answer_deadline=deadline,
        )  # fmt: skip


@pytest.mark.django_db
def test_digest_counts_equal_one_aggregate_per_officer_on_random_data(org):
    from pakn.notifications.scheduler import digest_counts

    _random_reports(org, 120, seed=13)
    now = at((12, 10), 8)
    for name in ("coordinator", "handler", "leader", "other_handler", "sub_handler", "operator"):
        assert digest_counts(org[name], now=now) == _old_digest_counts(org[name], now), name


@pytest.mark.django_db
def test_the_digest_pass_reads_in_the_same_number_of_queries_for_more_officers_and_reports(org):
    """Reads (not the one row written per officer) do not grow with officers or reports."""
    from django.test.utils import CaptureQueriesContext

    from pakn.accounts.tests.factories import OfficerFactory
    from pakn.organisations.models import MembershipRole
    from pakn.organisations.tests.factories import MembershipFactory
    from pakn.reports.models import Report

    reads = []
    for number in (10, 200):
        Report.objects.all().delete()
        DigestSent.objects.all().delete()
        _random_reports(org, number, seed=number)
        for _ in range(5):
            MembershipFactory(user=OfficerFactory(), unit=org["other"], role=MembershipRole.LEADER)
        with CaptureQueriesContext(connection) as queries:
            digests_run(now=at((12, 10), 8))
        reads.append(sum(1 for q in queries if q["sql"].lstrip().upper().startswith("SELECT")))
    assert reads[0] == reads[1]
