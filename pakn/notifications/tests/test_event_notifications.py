"""Who is told of what when a report moves: the channel rules of rules.py, end to end from
report_apply (signal after commit → task → notifications, e-mails and SMS)."""

import pytest

from pakn.notifications.models import Notification, NotificationKind
from pakn.reports.models import Message
from pakn.reports.services.exchange import message_send
from pakn.reports.tests.factories import ReportFactory
from pakn.reports.workflow import report_apply

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(org):
    org["reporter"].email = "dan@example.vn"
    org["reporter"].phone = "+84905123456"
    org["reporter"].save()
    for name in ("coordinator", "handler", "leader", "other_handler", "sub_handler"):
        org[name].email = f"{name.replace('_', '.')}@example.vn"
        org[name].save()
    return org


def kinds_of(user):
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def act(capture, **kwargs):
    with capture(execute=True):
        return report_apply(**kwargs)


@pytest.fixture
def submitted(people, django_capture_on_commit_callbacks, mailoutbox):
    """A sent report whose receipt (in the app, by e-mail and SMS) has gone out."""
    report = ReportFactory(reporter=people["reporter"], coordinating_unit=people["centre"],
                           title="Cột điện nghiêng, gọi tôi 0905123456")  # fmt: skip
    act(django_capture_on_commit_callbacks, report_id=report.pk, action="submit",
        actor=people["reporter"])  # fmt: skip
    assert [m.to for m in mailoutbox] == [["dan@example.vn"]]  # the receipt
    mailoutbox.clear()
    report.refresh_from_db()
    return report


def forward(org, report, capture):
    act(capture, report_id=report.pk, action="forward", actor=org["coordinator"],
        unit_id=org["department"].pk)  # fmt: skip


def test_a_forwarded_report_tells_the_unit_by_app_and_mail_and_the_citizen_in_the_app(
    people, submitted, django_capture_on_commit_callbacks, mailoutbox, sms_outbox
):
    forward(people, submitted, django_capture_on_commit_callbacks)

    assert kinds_of(people["reporter"]) == [NotificationKind.FORWARDED, NotificationKind.RECEIVED]
    assert kinds_of(people["handler"]) == [NotificationKind.ASSIGNED]
    assert kinds_of(people["leader"]) == [NotificationKind.ASSIGNED]
    assert kinds_of(people["other_handler"]) == []
    assert kinds_of(people["sub_handler"]) == []  # only the receiving unit itself
    assert sorted(m.to[0] for m in mailoutbox) == ["handler@example.vn", "leader@example.vn"]
    assert sms_outbox.messages() == []  # forwarding costs the citizen no text message
    notification = Notification.objects.get(recipient=people["handler"])
    assert submitted.code in notification.title
    assert "Sở Xây dựng" in notification.body
    assert "0905123456" not in notification.body  # phones never quoted
    assert notification.url == f"/can-bo/phan-anh/{submitted.code}/"
    citizen_note = Notification.objects.get(recipient=people["reporter"], kind="forwarded")
    assert citizen_note.url == f"/phan-anh-cua-toi/{submitted.code}/"


def test_a_question_reaches_the_citizen_by_app_sms_and_mail(
    people, submitted, django_capture_on_commit_callbacks, mailoutbox, sms_outbox
):
    forward(people, submitted, django_capture_on_commit_callbacks)
    act(django_capture_on_commit_callbacks, report_id=submitted.pk, action="accept",
        actor=people["handler"])  # fmt: skip
    mailoutbox.clear()
    act(django_capture_on_commit_callbacks, report_id=submitted.pk, action="ask_citizen",
        actor=people["handler"], question="Xin cho biết số nhà chính xác.")  # fmt: skip

    assert NotificationKind.QUESTION in kinds_of(people["reporter"])
    assert [m.to for m in mailoutbox] == [["dan@example.vn"]]
    texts = sms_outbox.messages()
    assert [t["to"] for t in texts] == ["+84905123456"]
    assert submitted.code in texts[0]["body"]
    assert people["reporter"].username not in texts[0]["body"] + mailoutbox[0].body


def test_the_answer_path_tells_the_leader_then_the_citizen_and_never_the_actor(
    people, submitted, django_capture_on_commit_callbacks, mailoutbox, sms_outbox
):
    forward(people, submitted, django_capture_on_commit_callbacks)
    for action, actor, params in [
        ("accept", "handler", {}),
        ("submit_answer", "handler", {"content": "Đã dựng lại cột điện."}),
        ("send_back_answer", "leader", {"note": "Bổ sung ngày hoàn thành."}),
        ("submit_answer", "handler", {"content": "Đã dựng lại cột điện ngày 20/11."}),
        ("approve_answer", "leader", {}),
    ]:
        act(django_capture_on_commit_callbacks, report_id=submitted.pk, action=action,
            actor=people[actor], **params)  # fmt: skip

    leader_kinds = kinds_of(people["leader"])
    assert leader_kinds.count(NotificationKind.APPROVAL_NEEDED) == 2
    assert NotificationKind.SENT_BACK in kinds_of(people["handler"])
    assert NotificationKind.SENT_BACK not in leader_kinds  # the leader sent it back himself
    assert NotificationKind.ANSWERED in kinds_of(people["reporter"])
    assert any(
        "kết quả" in t["body"].lower() or "ket qua" in t["body"] for t in sms_outbox.messages()
    )


def test_internal_actions_never_reach_the_citizen(
    people, submitted, django_capture_on_commit_callbacks
):
    forward(people, submitted, django_capture_on_commit_callbacks)
    before = kinds_of(people["reporter"])
    act(django_capture_on_commit_callbacks, report_id=submitted.pk, action="return",
        actor=people["handler"], reason="Không thuộc thẩm quyền của Sở.")  # fmt: skip

    assert kinds_of(people["reporter"]) == before
    returned = Notification.objects.get(recipient=people["coordinator"], kind="returned")
    assert "Không thuộc thẩm quyền" in returned.body


def test_a_not_satisfied_rating_asks_the_coordinator_to_review(
    people, submitted, django_capture_on_commit_callbacks
):
    forward(people, submitted, django_capture_on_commit_callbacks)
    for action, actor, params in [
        ("accept", "handler", {}),
        ("submit_answer", "handler", {"content": "Đã xử lý."}),
        ("approve_answer", "leader", {}),
        ("rate", "reporter", {"value": "satisfied"}),
    ]:
        act(django_capture_on_commit_callbacks, report_id=submitted.pk, action=action,
            actor=people[actor], **params)  # fmt: skip
    assert NotificationKind.NOT_SATISFIED not in kinds_of(people["coordinator"])

    act(django_capture_on_commit_callbacks, report_id=submitted.pk, action="rate",
        actor=people["reporter"], value="not_satisfied")  # fmt: skip
    assert NotificationKind.NOT_SATISFIED in kinds_of(people["coordinator"])


def test_messages_go_to_the_other_side(
    people, submitted, django_capture_on_commit_callbacks, sms_outbox
):
    forward(people, submitted, django_capture_on_commit_callbacks)
    act(django_capture_on_commit_callbacks, report_id=submitted.pk, action="accept",
        actor=people["handler"])  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        message_send(report=submitted, author=people["reporter"], body="Nhà tôi số 12.")
    assert NotificationKind.MESSAGE in kinds_of(people["handler"])
    assert NotificationKind.MESSAGE not in kinds_of(people["leader"])  # handlers only
    assert NotificationKind.MESSAGE not in kinds_of(people["reporter"])

    with django_capture_on_commit_callbacks(execute=True):
        message_send(report=submitted, author=people["handler"], body="Cảm ơn, đã ghi nhận.")
    assert NotificationKind.MESSAGE in kinds_of(people["reporter"])
    assert Message.objects.filter(report=submitted).count() == 2
    assert [t["to"] for t in sms_outbox.messages()] == ["+84905123456"]


def test_nothing_is_sent_when_the_change_is_rolled_back(people, submitted):
    from django.db import transaction

    before = Notification.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        report_apply(report_id=submitted.pk, action="forward", actor=people["coordinator"],
                     unit_id=people["department"].pk)  # fmt: skip
        raise RuntimeError("the page failed after the action")
    assert Notification.objects.count() == before


def test_e_mails_link_to_the_report_when_the_public_address_is_set(
    people, submitted, django_capture_on_commit_callbacks, mailoutbox, settings
):
    settings.PUBLIC_BASE_URL = "https://pakn.khanhhoa.gov.vn"
    forward(people, submitted, django_capture_on_commit_callbacks)

    bodies = [m.body for m in mailoutbox]
    assert bodies
    assert all(
        f"https://pakn.khanhhoa.gov.vn/can-bo/phan-anh/{submitted.code}/" in body for body in bodies
    )


def test_without_a_public_address_e_mails_say_where_to_look(
    people, submitted, django_capture_on_commit_callbacks, mailoutbox, settings
):
    settings.PUBLIC_BASE_URL = ""
    forward(people, submitted, django_capture_on_commit_callbacks)

    assert mailoutbox and all("“Thông báo”" in m.body for m in mailoutbox)
    assert not any("http" in m.body for m in mailoutbox)


def test_an_event_notified_again_tells_nobody_twice(
    people, submitted, django_capture_on_commit_callbacks, mailoutbox, sms_outbox
):
    """A worker that dies after telling some people runs the whole task again (issue #11):
    those already told (in the app, by e-mail, by SMS) are not told a second time."""
    from pakn.core.models import OutgoingSms
    from pakn.notifications.tasks import event_notify_task
    from pakn.reports.models import Event

    forward(people, submitted, django_capture_on_commit_callbacks)
    act(django_capture_on_commit_callbacks, report_id=submitted.pk, action="accept",
        actor=people["handler"])  # fmt: skip
    act(django_capture_on_commit_callbacks, report_id=submitted.pk, action="ask_citizen",
        actor=people["handler"], question="Xin cho biết số nhà chính xác.")  # fmt: skip
    told = (Notification.objects.count(), len(mailoutbox), OutgoingSms.objects.count())
    assert kinds_of(people["reporter"]).count(NotificationKind.QUESTION) == 1
    assert len(sms_outbox.messages()) == 1

    question = Event.objects.get(report=submitted, action="ask_citizen")
    with django_capture_on_commit_callbacks(execute=True):
        event_notify_task.enqueue(question.pk)  # the same task, run again

    assert (Notification.objects.count(), len(mailoutbox), OutgoingSms.objects.count()) == told
    assert kinds_of(people["reporter"]).count(NotificationKind.QUESTION) == 1
    assert len(sms_outbox.messages()) == 1
