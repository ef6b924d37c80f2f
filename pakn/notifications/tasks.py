"""Background tasks: working out who is told and writing their notifications happens in the
worker, so the officer or citizen who acted does not wait for it. The work itself is in
pakn.notifications.services, which imports no task (the scheduler enqueues these)."""

from django_tasks import task

from pakn.notifications.services import (
    digest_notify,
    event_notify,
    message_notify,
    reminder_notify,
)


@task()
def event_notify_task(event_id: int) -> int:
    return event_notify(event_id=event_id)


@task()
def message_notify_task(message_id: int) -> int:
    return message_notify(message_id=message_id)


@task()
def reminder_notify_task(reminder_id: int) -> int:
    return reminder_notify(reminder_id=reminder_id)


@task()
def digest_notify_task(digest_id: int) -> int:
    return digest_notify(digest_id=digest_id)
