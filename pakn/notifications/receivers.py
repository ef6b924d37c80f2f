"""Listens to the reports layer's signals (sent after commit) and queues the notifying task."""

from django.dispatch import receiver

from pakn.notifications.rules import EVENT_RULES
from pakn.notifications.tasks import event_notify_task, message_notify_task
from pakn.reports.signals import message_posted, report_changed


@receiver(report_changed, dispatch_uid="notifications-report-changed")
def on_report_changed(sender, *, event_id: int, action: str, **kwargs) -> None:
    if action in EVENT_RULES:
        event_notify_task.enqueue(event_id)


@receiver(message_posted, dispatch_uid="notifications-message-posted")
def on_message_posted(sender, *, message_id: int, **kwargs) -> None:
    message_notify_task.enqueue(message_id)
