import datetime
import io
import re
import uuid
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from pakn.reports.models import (
    Answer,
    AnswerStatus,
    Event,
    Message,
    Rating,
    Report,
    ReportStatus,
)
from pakn.reports.services.submission import ReportDetails, report_submit

CODE_PATTERN = re.compile(r"^PAKN-\d{4}-\d{6}$")
# The demo history is written backwards from "now": a fixed now (a Wednesday in June, far from
# New Year and Tết) makes its dates, deadlines and late share the same on every run.
DEMO_NOW = datetime.datetime(2026, 6, 10, 10, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture(autouse=True)
def _pinned_clock():
    with time_machine.travel(DEMO_NOW, tick=True):
        yield


def seed() -> str:
    out = io.StringIO()
    call_command(
        "seed_demo", "--allow-production", "--citizens", "20", "--reports", "60", stdout=out
    )
    return out.getvalue()


@pytest.fixture
def seeded(db) -> str:
    return seed()


def test_every_status_is_represented(seeded):
    statuses = set(Report.objects.values_list("status", flat=True))
    assert set(ReportStatus.values) - statuses <= {ReportStatus.PENDING_REVIEW}
    assert Report.objects.count() == 60
    assert "Created 60 demo reports" in seeded


def test_codes_are_unique_and_well_formed(seeded):
    codes = list(Report.objects.exclude(status=ReportStatus.DRAFT).values_list("code", flat=True))
    assert all(CODE_PATTERN.match(code) for code in codes)
    assert len(codes) == len(set(codes))
    assert not Report.objects.filter(status=ReportStatus.DRAFT, code__isnull=False).exists()


def test_events_follow_the_workflow(seeded):
    for report in Report.objects.exclude(status=ReportStatus.DRAFT).prefetch_related("events"):
        events = list(report.events.all())
        assert events, report.code
        assert events[0].action == "submit"
        assert events[0].from_status == ReportStatus.DRAFT
        assert events[-1].to_status == report.status
        for before, after in zip(events, events[1:], strict=False):
            assert after.from_status == before.to_status
            assert after.created_at >= before.created_at
    assert not Event.objects.filter(report__status=ReportStatus.DRAFT).exists()


def test_closed_ends_and_reasons(seeded):
    rejected = Report.objects.filter(status=ReportStatus.REJECTED)
    assert all(r.events.last().note for r in rejected)
    for merged in Report.objects.filter(status=ReportStatus.MERGED):
        assert merged.duplicate_of is not None
        assert merged.duplicate_of.code in merged.events.last().note


def test_answers_deadlines_ratings_and_messages(db):
    out = io.StringIO()
    call_command(
        "seed_demo", "--allow-production", "--citizens", "20", "--reports", "300", stdout=out
    )
    answered = Report.objects.filter(status__in=[ReportStatus.ANSWERED, ReportStatus.CLOSED])
    assert answered.exists()
    for report in answered:
        assert report.answers.filter(status=AnswerStatus.PUBLISHED).count() == 1
        assert report.answered_at and report.answer_deadline
    late = [r for r in answered if r.answered_at > r.answer_deadline]
    assert 0.05 < len(late) / answered.count() < 0.4
    assert answered.filter(is_published=True).exclude(public_title="").exists()
    assert Rating.objects.exists() and Rating.objects.count() < answered.count()
    assert Message.objects.filter(author_unit__isnull=True).exists()
    assert Message.objects.filter(author_unit__isnull=False).exists()
    assert Answer.objects.filter(status=AnswerStatus.PENDING_APPROVAL).exists()
    lats = Report.objects.exclude(latitude=None).values_list("latitude", "longitude")
    assert all(11.3 <= lat <= 12.9 and 108.6 <= lon <= 109.5 for lat, lon in lats)


def test_second_run_creates_nothing(seeded):
    before = (Report.objects.count(), Event.objects.count(), Answer.objects.count())
    assert "nothing was created" in seed()
    assert (Report.objects.count(), Event.objects.count(), Answer.objects.count()) == before


def test_a_real_report_gets_a_code_after_the_demo_ones(seeded):
    reporter = Report.objects.first().reporter
    report = report_submit(
        reporter=reporter,
        details=ReportDetails(title="Đèn đường hỏng", content="Đèn đường hỏng đã một tuần."),
        idempotency_key=uuid.uuid4(),
    )
    year = report.code.split("-")[1]
    demo_codes = Report.objects.filter(code__startswith=f"PAKN-{year}-").exclude(pk=report.pk)
    assert report.code not in set(demo_codes.values_list("code", flat=True))
    assert all(code < report.code for code in demo_codes.values_list("code", flat=True))


def test_the_demo_history_does_not_flood_officers_with_reminders_about_the_past(
    seeded, django_capture_on_commit_callbacks
):
    from pakn.notifications.models import Notification, ReminderSent
    from pakn.notifications.scheduler import scheduler_pass

    assert ReminderSent.objects.exists()  # late demo reports: their reminders count as sent
    with django_capture_on_commit_callbacks(execute=True):
        result = scheduler_pass()

    assert result["reminders"] == 0
    assert not Notification.objects.filter(kind__in=["reminder", "late"]).exists()
