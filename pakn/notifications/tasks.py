"""Background tasks: working out who is told and writing their notifications happens in the
worker, so the officer or citizen who acted does not wait for it."""

from django_tasks import task


@task()
def event_notify_task(event_id: int) -> int:
    from pakn.notifications.services import event_notify

    return event_notify(event_id=event_id)


@task()
def message_notify_task(message_id: int) -> int:
    from pakn.notifications.services import message_notify

    return message_notify(message_id=message_id)


@task()
def reminder_notify_task(reminder_id: int) -> int:
    from pakn.notifications.scheduler import reminder_notify

    return reminder_notify(reminder_id=reminder_id)


@task()
def digest_notify_task(digest_id: int) -> int:
    from pakn.notifications.scheduler import digest_notify

    return digest_notify(digest_id=digest_id)
