"""Notifications quote a report's title and an event's note (a reason, a remark): the phone and
ID numbers in them are masked by core's one rule, in every spelling of the table, in the app,
the e-mail and the text message; ordinary numbers are quoted as written."""

import pytest

from pakn.core.tests.personal_number_spellings import all_params, masked
from pakn.notifications.models import Notification, NotificationKind
from pakn.reports.tests.factories import ReportFactory
from pakn.reports.workflow import report_apply

pytestmark = pytest.mark.django_db


@pytest.fixture
def reporter(org):
    org["reporter"].email = "dan@example.vn"
    org["reporter"].save()
    return org["reporter"]


def act(capture, **kwargs):
    with capture(execute=True):
        return report_apply(**kwargs)


@pytest.mark.parametrize("spelling", all_params())
def test_the_title_in_the_receipt_and_the_reason_of_a_refusal(
    org, reporter, spelling, django_capture_on_commit_callbacks, mailoutbox, sms_outbox
):
    title = f"Cột điện nghiêng, gọi {spelling.text}"
    report = ReportFactory(reporter=reporter, coordinating_unit=org["centre"], title=title)
    act(django_capture_on_commit_callbacks, report_id=report.pk, action="submit", actor=reporter)
    reason = f"Đã có phản ánh trùng; mời liên hệ {spelling.text} nếu cần."
    act(django_capture_on_commit_callbacks, report_id=report.pk, action="reject",
        actor=org["coordinator"], reason=reason)  # fmt: skip

    receipts = Notification.objects.filter(kind=NotificationKind.RECEIVED)
    assert {n.recipient_id for n in receipts} == {reporter.pk, org["coordinator"].pk}
    for receipt in receipts:
        assert f"“{masked(title, spelling.found)}”" in receipt.body
    refusal = Notification.objects.get(recipient=reporter, kind=NotificationKind.REJECTED)
    assert refusal.body == f"Lý do: {masked(reason, spelling.found)}"
    sent = [n.body for n in Notification.objects.all()]
    sent += [m.subject + m.body for m in mailoutbox] + [t["body"] for t in sms_outbox.messages()]
    assert mailoutbox and sms_outbox.messages()  # the refusal went out by every channel
    for number in spelling.found:
        assert not any(number in text for text in sent), number
