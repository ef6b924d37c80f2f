"""The benchmark generator (bench/generate.py): data the pages can use, as the workflow leaves
it, written chunk by chunk (COPY on PostgreSQL, bulk_create on SQLite)."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db.models import Count, Max, Min

from pakn.demo.generate import bench_data_generate
from pakn.notifications.models import ReminderSent
from pakn.reports.models import OPEN_STATUSES, Event, Report, ReportStatus
from pakn.reports.search import reports_public_search

NOW = datetime.datetime(2026, 6, 10, 10, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture
def generated(db):
    with time_machine.travel(NOW, tick=True):
        # Chunks of 70 for 200 reports: three chunks, the last one short.
        made = bench_data_generate(reports=200, citizens=300, chunk=70, progress=lambda _: None)
    return made


def test_reports_spread_over_five_years_a_quarter_open(generated):
    assert Report.objects.count() == 200 == sum(generated.values())
    span = Report.objects.aggregate(first=Min("submitted_at"), last=Max("submitted_at"))
    assert span["last"] - span["first"] > datetime.timedelta(days=3 * 365)
    assert span["first"] > NOW - datetime.timedelta(days=5 * 365 + 1)
    open_share = Report.objects.filter(status__in=OPEN_STATUSES).count() / 200
    assert 0.15 < open_share < 0.35


def test_history_ends_where_the_report_stands(generated):
    """Each sent report's last status event leads to its status; codes are unique across
    chunks; a merged report points at a report that exists."""
    sent = Report.objects.exclude(status=ReportStatus.DRAFT)
    codes = list(sent.values_list("code", flat=True))
    assert len(codes) == len(set(codes)) and None not in codes
    for report in sent.prefetch_related("events"):
        events = list(report.events.all())
        assert events[0].action == "submit"
        assert events[-1].to_status == report.status, report.code
        if report.status in (ReportStatus.ASSIGNED, ReportStatus.IN_PROGRESS):
            assert report.current_unit_id is not None
            assert report.answer_deadline is not None
    merged = Report.objects.filter(status=ReportStatus.MERGED).exclude(duplicate_of=None)
    assert merged.count() == Report.objects.filter(status=ReportStatus.MERGED).count()


def test_answers_ratings_messages_and_sent_reminders_are_there(generated):
    answered = Report.objects.filter(status__in=(ReportStatus.ANSWERED, ReportStatus.CLOSED))
    assert answered.count() > 0
    assert answered.filter(answers__isnull=True).count() == 0
    assert Report.objects.filter(rating__isnull=False).exists()
    assert Report.objects.filter(messages__isnull=False).exists()
    assert ReminderSent.objects.exists()
    # The history's reminders count as sent: the scheduler's next pass finds nothing due
    # from the past, only reminders still to come.
    assert not Report.objects.filter(next_reminder_at__lte=NOW).exists()
    assert Report.objects.filter(next_reminder_at__gt=NOW).exists()
    assert Event.objects.values("report").annotate(n=Count("id")).count() >= 190


def test_published_reports_are_found_by_the_public_search(generated):
    published = Report.objects.filter(is_published=True).first()
    assert published is not None
    word = published.public_title.split()[0]
    assert published.pk in set(reports_public_search(query=word).values_list("pk", flat=True))


def test_command_adds_to_the_database_it_is_given(db):
    out = io.StringIO()
    with time_machine.travel(NOW, tick=True):
        call_command("bench_generate", "--reports", "30", "--citizens", "300",
                     "--allow-production", stdout=out)  # fmt: skip
        call_command("bench_generate", "--reports", "20", "--citizens", "300",
                     "--allow-production", stdout=out)  # fmt: skip
    assert Report.objects.count() == 50
    assert "reports 30/30 (100 %)" in out.getvalue()
    assert "reports 20/20 (100 %)" in out.getvalue()
