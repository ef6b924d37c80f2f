"""E-mail sent by a background task after commit, so a slow mail server never holds up a page."""

from django.core.mail import send_mail
from django.db import transaction
from django_tasks import task


@task()
def email_send_task(to: str, subject: str, body: str) -> int:
    return send_mail(subject, body, None, [to], fail_silently=False)


def email_queue(*, to: str, subject: str, body: str) -> None:
    if to:
        transaction.on_commit(lambda: email_send_task.enqueue(to, subject, body))
