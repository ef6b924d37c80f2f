"""The files of a report form posted with its signed upload token, the same for every form
that sends a report (the citizen's, the operator's intake for a caller, the proposal): files
already sent stay under the token when the form comes back with errors, a token the server did
not issue to this account stores nothing, and a refused form keeps what was typed."""

import uuid

from django.db.models import Q
from django.utils.translation import gettext as _

from pakn.reports.models import Attachment, Report
from pakn.reports.services.attachments import (
    MAX_ATTACHMENTS,
    AttachmentRejected,
    UploadTokenInvalid,
    attachment_create,
    upload_token_issue,
    upload_token_read,
)


def form_uploads_pending(user, upload_token, draft: Report | None) -> list[Attachment]:
    """The files ``user`` sent under the token (and those of their draft), oldest first."""
    condition = Q(pk__in=[])
    if upload_token is not None:
        condition |= Q(upload_token=upload_token, report__isnull=True, message__isnull=True)
    if draft is not None:
        condition |= Q(report=draft)
    return list(
        Attachment.objects.filter(condition, uploaded_by=user, answer__isnull=True).order_by(
            "created_at", "id"
        )
    )


def _uploads_store(form, user, upload_token, already: int, files) -> None:
    """Keeps every accepted file under the form's token; a refused file is named under the
    file field."""
    if not files:
        return
    if already + len(files) > MAX_ATTACHMENTS:
        form.add_error(
            "attachments",
            _("Chỉ được đính kèm tối đa %(count)d tệp.") % {"count": MAX_ATTACHMENTS},
        )
        return
    for uploaded_file in files:
        try:
            attachment_create(
                uploaded_by=user, uploaded_file=uploaded_file, upload_token=upload_token
            )
        except AttachmentRejected as error:
            form.add_error("attachments", str(error))


def form_uploads_take(request, form, *, user, draft: Report | None = None):
    """Reads the posted form's upload token and keeps the files sent with it. Returns the
    token (None when it is missing or not this account's) and the status the page answers
    with if the form comes back (400 for a token the server did not issue)."""
    signed = request.POST.get("upload_token", "")
    try:
        upload_token: uuid.UUID | None = upload_token_read(user=user, signed=signed)
    except UploadTokenInvalid as error:
        if signed or request.FILES:
            form.add_error(None, str(error))
            return None, 400
        return None, 200
    already = len(form_uploads_pending(user, upload_token, draft))
    _uploads_store(form, user, upload_token, already, form.cleaned_data.get("attachments"))
    return upload_token, 200


def form_keep_typed(form, *, user, upload_token) -> None:
    """A refused form shows again what was typed, with the hidden keys as posted, and a new
    token when the posted one could not be used."""
    form.data = form.data.copy()
    if upload_token is None:
        form.data["upload_token"] = upload_token_issue(user=user)
