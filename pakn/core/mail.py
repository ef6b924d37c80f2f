"""E-mail sent by a background task after commit, so a slow mail server never holds up a page."""

from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django_tasks import TaskContext, task

from pakn.core.models import IdempotencyKey
from pakn.core.workers import idempotency_key_claim


@task(queue_name="notifications", takes_context=True)
def email_send_task(context: TaskContext, to: str, subject: str, body: str) -> int:
    """Sends once per task: a run after the mail was handed over (its worker died before
    saying so) sends nothing. Killed in the very middle, the mail may go twice, with the same
    Message-ID, which mail programs show once."""
    key = f"email:{context.task_result.id}"
    if IdempotencyKey.objects.filter(key=key).exists():
        return 0
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "pakn.localhost"
    message = EmailMessage(
        subject, body, None, [to], headers={"Message-ID": f"<{context.task_result.id}@{domain}>"}
    )
    sent = message.send(fail_silently=False)
    with transaction.atomic():
        idempotency_key_claim(key=key)
    return sent


def email_queue(*, to: str, subject: str, body: str) -> None:
    if to:
        transaction.on_commit(lambda: email_send_task.enqueue(to, subject, body))
