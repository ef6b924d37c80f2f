"""report_apply and message_send tell the layers above (notifications, public caches) only
once their change has committed."""

import pytest
from django.db import transaction

from pakn.core.public_cache import public_cache_get_or_set
from pakn.reports.models import Event
from pakn.reports.services.exchange import message_send
from pakn.reports.signals import message_posted, report_changed
from pakn.reports.tests.factories import ReportFactory
from pakn.reports.workflow import report_apply

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    calls = []

    def listener(sender, signal, **kwargs):
        calls.append(kwargs)

    report_changed.connect(listener, dispatch_uid="test-heard")
    message_posted.connect(listener, dispatch_uid="test-heard-message")
    yield calls
    report_changed.disconnect(dispatch_uid="test-heard")
    message_posted.disconnect(dispatch_uid="test-heard-message")


def test_an_action_is_announced_after_commit_with_its_event(
    org, heard, django_capture_on_commit_callbacks
):
    report = ReportFactory(reporter=org["reporter"], coordinating_unit=org["centre"])
    with django_capture_on_commit_callbacks(execute=True):
        report_apply(report_id=report.pk, action="submit", actor=org["reporter"])
        assert heard == []  # not before the commit
    event = Event.objects.get(report=report)
    assert heard == [{"report_id": report.pk, "event_id": event.pk, "action": "submit"}]


def test_a_rolled_back_action_is_never_announced(org, heard):
    report = ReportFactory(reporter=org["reporter"], coordinating_unit=org["centre"])
    with pytest.raises(RuntimeError), transaction.atomic():
        report_apply(report_id=report.pk, action="submit", actor=org["reporter"])
        raise RuntimeError
    assert heard == []


def test_an_action_expires_the_cached_public_pages(org, django_capture_on_commit_callbacks):
    report = ReportFactory(reporter=org["reporter"], coordinating_unit=org["centre"])
    assert public_cache_get_or_set("home-count", lambda: 0) == 0
    with django_capture_on_commit_callbacks(execute=True):
        report_apply(report_id=report.pk, action="submit", actor=org["reporter"])
    assert public_cache_get_or_set("home-count", lambda: 1) == 1


def test_a_message_is_announced_with_its_side(org, heard, django_capture_on_commit_callbacks):
    report = ReportFactory(reporter=org["reporter"], coordinating_unit=org["centre"])
    with django_capture_on_commit_callbacks(execute=True):
        report_apply(report_id=report.pk, action="submit", actor=org["reporter"])
        message = message_send(report=report, author=org["reporter"], body="Bổ sung ảnh.")
    # The reply is a workflow action: its event is announced too, after the message.
    assert heard[-2] == {"report_id": report.pk, "message_id": message.pk, "from_citizen": True}
    assert heard[-1]["action"] == "reply"
