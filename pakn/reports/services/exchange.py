"""The private exchange (trao đổi) between a reporter and the handling unit."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pakn.reports.models import (
    MESSAGE_MAX_LENGTH,
    Attachment,
    Event,
    Message,
    Report,
    text_limit_message,
)
from pakn.reports.selectors import report_roles
from pakn.reports.services.actions import citizen_replied
from pakn.reports.services.attachments import attachments_stored
from pakn.reports.signals import message_posted, send_on_commit
from pakn.reports.workflow import WorkflowError

CLOSED_FOR_MESSAGES = ("draft", "rejected", "merged", "withdrawn", "closed")


def message_send_with_files(*, report: Report, author, body: str, uploaded_files=()) -> Message:
    """The exchange form's send, for citizens and units alike: the uploaded files become the
    message's attachments in the same transaction, or nothing is recorded. Raises
    AttachmentRejected (naming the file) or WorkflowError for the form to show."""
    with attachments_stored(uploaded_by=author, uploaded_files=uploaded_files) as stored:
        return message_send(
            report=report, author=author, body=body, attachment_ids=[a.pk for a in stored]
        )


@transaction.atomic
def message_send(*, report: Report, author, body: str, attachment_ids=()) -> Message:
    body = (body or "").strip()
    if not body:
        raise WorkflowError(_("Vui lòng nhập nội dung trao đổi."))
    if len(body) > MESSAGE_MAX_LENGTH:
        raise WorkflowError(text_limit_message("message", MESSAGE_MAX_LENGTH))
    report = Report.objects.select_for_update().get(pk=report.pk)
    roles = report_roles(author, report)
    if not roles & {"reporter", "handler", "leader"}:
        raise PermissionDenied("not a party to this exchange")
    if report.status in CLOSED_FOR_MESSAGES:
        raise WorkflowError(_("Phản ánh đã kết thúc, không thể gửi thêm trao đổi."))
    from_citizen = "reporter" in roles
    message = Message.objects.create(
        report=report,
        author=author,
        author_unit=None if from_citizen else report.current_unit,
        body=body,
    )
    if attachment_ids:
        Attachment.objects.filter(
            pk__in=list(attachment_ids), uploaded_by=author, report__isnull=True,
            message__isnull=True, answer__isnull=True,
        ).update(message=message, upload_token=None)  # fmt: skip
    if from_citizen:
        # citizen_replied clears the pause on the object even when no working time passed
        # (a reply the same evening): remember whether the row still holds one to clear.
        was_waiting = report.waiting_for_citizen_since is not None
        new_deadline = citizen_replied(report)
        if new_deadline is not None:
            report.save(update_fields=["waiting_for_citizen_since", "answer_deadline"])
            Event.objects.create(
                report=report, action="citizen_replied", actor=author,
                from_status=report.status, to_status=report.status,
                to_unit=report.current_unit, deadline=new_deadline, is_public=True,
                note=_("Người gửi đã bổ sung thông tin; hạn xử lý được tính tiếp."),
            )  # fmt: skip
        elif was_waiting:
            report.waiting_for_citizen_since = None
            report.save(update_fields=["waiting_for_citizen_since"])
    send_on_commit(
        message_posted, report_id=report.pk, message_id=message.pk, from_citizen=from_citizen
    )
    return message


def messages_mark_read(*, report: Report, reader) -> int:
    """Marks the other side's messages as read by ``reader``."""
    roles = report_roles(reader, report)
    unread = Message.objects.filter(report=report, read_at__isnull=True)
    if "reporter" in roles:
        unread = unread.filter(author_unit__isnull=False)
    elif roles & {"handler", "leader"}:
        unread = unread.filter(author_unit__isnull=True)
    else:
        return 0
    return unread.update(read_at=timezone.now())
