"""The private exchange (trao đổi) between a reporter and the handling unit. A message is a
workflow action (``reply`` for the reporter, ``message`` for the unit): report_apply decides
who may write and when, and the reporter's reply restarts a clock paused by a question."""

from django.db import transaction
from django.utils import timezone

from pakn.organisations.models import MembershipRole
from pakn.reports.access import report_roles
from pakn.reports.models import Message, Report
from pakn.reports.services.attachments import attachments_stored
from pakn.reports.workflow import report_apply


def message_send_with_files(
    *, report: Report, author, body: str, uploaded_files=(), expected_status=None
) -> Message:
    """The exchange form's send, for citizens and units alike: the uploaded files become the
    message's attachments in the same transaction, or nothing is recorded. Raises
    AttachmentRejected (naming the file), WorkflowError or PermissionDenied."""
    with attachments_stored(uploaded_by=author, uploaded_files=uploaded_files) as stored:
        return message_send(
            report=report,
            author=author,
            body=body,
            attachment_ids=[a.pk for a in stored],
            expected_status=expected_status,
        )


@transaction.atomic
def message_send(
    *, report: Report, author, body: str, attachment_ids=(), expected_status=None
) -> Message:
    action = "reply" if report.reporter_id == author.pk else "message"
    report_apply(
        report_id=report.pk,
        action=action,
        actor=author,
        expected_status=expected_status,
        body=body,
        attachment_ids=attachment_ids,
    )
    # The message the action just wrote, in this transaction.
    return Message.objects.filter(report=report, author=author).latest("pk")


def messages_mark_read(*, report: Report, reader) -> int:
    """Marks the other side's messages as read by ``reader``."""
    roles = report_roles(reader, report)
    unread = Message.objects.filter(report=report, read_at__isnull=True)
    if "reporter" in roles:
        unread = unread.filter(author_unit__isnull=False)
    elif roles & MembershipRole.HANDLING:
        unread = unread.filter(author_unit__isnull=True)
    else:
        return 0
    return unread.update(read_at=timezone.now())
