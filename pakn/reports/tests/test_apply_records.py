"""What one applied action leaves behind, besides the status: the event's notes, the signal
the notifications and the inbox counts listen to, and the cost of applying it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pakn.reports.models import Event, ReportStatus
from pakn.reports.signals import report_changed
from pakn.reports.tests.factories import ReportFactory
from pakn.reports.workflow import HANDLERS, TRANSITIONS, report_apply

pytestmark = pytest.mark.django_db


def submitted(org):
    return ReportFactory(
        reporter=org["reporter"],
        status=ReportStatus.SUBMITTED,
        code="PAKN-2026-000123",
        coordinating_unit=org["centre"],
    )


def test_every_action_has_a_handler():
    assert {t.action for t in TRANSITIONS} <= set(HANDLERS)


def test_the_coordinators_note_is_kept_for_officers_and_the_citizen_reads_the_move(org):
    report = submitted(org)

    report_apply(report_id=report.pk, action="forward", actor=org["coordinator"],
                 unit_id=org["department"].pk, note="Gấp, đã gọi điện cho phòng")  # fmt: skip

    event = Event.objects.get(report=report, action="forward")
    assert event.internal_note == "Gấp, đã gọi điện cho phòng"
    assert "Gấp" not in event.note
    assert org["department"].name in event.note
    assert event.actor_unit == org["centre"]


def test_listeners_hear_which_report_and_event_changed_once_committed(
    org, django_capture_on_commit_callbacks
):
    report = submitted(org)
    heard = []

    def listen(sender, **kwargs):
        heard.append(kwargs)

    report_changed.connect(listen)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            report_apply(report_id=report.pk, action="forward", actor=org["coordinator"],
                         unit_id=org["department"].pk)  # fmt: skip
    finally:
        report_changed.disconnect(listen)

    event = Event.objects.get(report=report, action="forward")
    assert [(h["report_id"], h["event_id"], h["action"]) for h in heard] == [
        (report.pk, event.pk, "forward")
    ]


def _unit_reads_alone(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries.captured_queries
        if 'FROM "organisations_unit"' in q["sql"] and "JOIN" not in q["sql"]
        and '"organisations_unit"."id" = ' in q["sql"]
    ]  # fmt: skip


def test_a_coordinators_action_reads_the_reports_units_with_the_report(org):
    """The report's units come in the same query as the locked row; reading them one by one
    would add a query to every action on every page and in the API."""
    report = submitted(org)

    with CaptureQueriesContext(connection) as queries:
        report_apply(report_id=report.pk, action="reject", actor=org["coordinator"],
                     reason="Không thuộc thẩm quyền")  # fmt: skip

    assert _unit_reads_alone(queries) == []
    assert Event.objects.get(report=report, action="reject").actor_unit == org["centre"]


def test_a_handlers_action_reads_the_reports_units_with_the_report(org):
    report = submitted(org)
    report_apply(report_id=report.pk, action="forward", actor=org["coordinator"],
                 unit_id=org["department"].pk)  # fmt: skip

    with CaptureQueriesContext(connection) as queries:
        report_apply(report_id=report.pk, action="accept", actor=org["handler"])

    assert _unit_reads_alone(queries) == []
    assert Event.objects.get(report=report, action="accept").actor_unit == org["department"]
