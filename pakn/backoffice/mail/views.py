"""The operators' e-mail queue: the drafts that mail to the intake mailbox became, to be
completed and sent into the workflow or discarded with a reason; and the messages that could
not be read, with why. Thin views over pakn.reports.services.mail_intake; a message the
officer may not handle (pakn.reports.access.inbound_emails_visible_to) is a 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pakn.accounts.decorators import officer_required
from pakn.backoffice.mail.forms import DiscardForm, EmailDraftForm
from pakn.core.file_responses import stored_file_response
from pakn.core.http import client_ip
from pakn.core.selectors import site_settings_get
from pakn.reports.access import inbound_emails_visible_to
from pakn.reports.forms import report_details
from pakn.reports.mailbox import mailbox_source
from pakn.reports.models import (
    VIETNAM_LATITUDE,
    VIETNAM_LONGITUDE,
    Attachment,
    InboundEmailStatus,
    MailboxState,
    ReportStatus,
)
from pakn.reports.services.attachments import attachment_download_name
from pakn.reports.services.mail_intake import (
    InboundEmailNotPending,
    inbound_email_discard,
    inbound_email_send,
)
from pakn.reports.workflow import WorkflowError, report_actions_available

PAGE_SIZE = 50


def _visible_or_404(request):
    visible = inbound_emails_visible_to(request.user)
    if not visible.query.is_empty():
        return visible
    raise PermissionDenied


@officer_required
@require_GET
def mail_queue(request):
    visible = _visible_or_404(request)
    pending = (
        # A sender with an account may have sent the draft themselves from "my reports".
        visible.filter(status=InboundEmailStatus.DRAFTED, report__status=ReportStatus.DRAFT)
        .select_related("report")
        .order_by("received_at", "pk")
    )
    page = Paginator(pending, PAGE_SIZE).get_page(request.GET.get("trang"))
    failed = visible.filter(status=InboundEmailStatus.FAILED).order_by("-received_at", "-pk")
    return render(
        request,
        "backoffice/mail/queue.html",
        {
            "page": page,
            "failed": list(failed[:PAGE_SIZE]),
            "mailbox": MailboxState.objects.filter(source=mailbox_source()[:300]).first(),
        },
    )


def _map_context() -> dict:
    site = site_settings_get()
    return {
        "tile_url": site.map_tile_url,
        "attribution": site.map_attribution,
        "latitude": VIETNAM_LATITUDE,
        "longitude": VIETNAM_LONGITUDE,
    }


def _initial(report) -> dict:
    return {
        "title": report.title,
        "content": report.content,
        "kind": report.kind,
        "citizen_category": report.citizen_category_id,
        "address": report.address,
        "address_province": report.province_id,
        "address_commune": report.commune_id,
        "latitude": report.latitude,
        "longitude": report.longitude,
    }


@officer_required
@require_http_methods(["GET", "POST"])
def mail_draft(request, inbound_email_id: int):
    record = get_object_or_404(
        _visible_or_404(request).select_related("report__reporter"), pk=inbound_email_id
    )
    report = record.report
    pending = record.status == InboundEmailStatus.DRAFTED and report is not None
    form = None
    if pending:
        form = EmailDraftForm(request.POST or None, initial=_initial(report))
        if request.method == "POST" and form.is_valid():
            try:
                sent = inbound_email_send(
                    inbound_email_id=record.pk,
                    operator=request.user,
                    details=report_details(form.cleaned_data),
                    ip_address=client_ip(request),
                )
            except (InboundEmailNotPending, WorkflowError) as error:
                messages.error(request, str(error))
                return redirect("backoffice:mail-draft", inbound_email_id=record.pk)
            messages.success(
                request,
                _("Đã gửi phản ánh %(code)s; người gửi nhận thư báo mã số.") % {"code": sent.code},
            )
            return redirect("backoffice:mail-queue")
    status = 400 if form is not None and form.errors else 200
    return render(
        request,
        "backoffice/mail/draft.html",
        {
            "record": record,
            "report": report,
            "form": form,
            "may_send": pending and "submit" in report_actions_available(request.user, report),
            "discard_form": DiscardForm(prefix="discard") if pending else None,
            "attachments": list(report.attachments.all()) if report else [],
            "map": _map_context(),
        },
        status=status,
    )


@officer_required
@require_POST
def mail_discard(request, inbound_email_id: int):
    record = get_object_or_404(_visible_or_404(request), pk=inbound_email_id)
    form = DiscardForm(request.POST, prefix="discard")
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("backoffice:mail-draft", inbound_email_id=record.pk)
    try:
        inbound_email_discard(
            inbound_email_id=record.pk, operator=request.user, reason=form.cleaned_data["reason"]
        )
    except (InboundEmailNotPending, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect("backoffice:mail-draft", inbound_email_id=record.pk)
    messages.success(request, _("Đã loại thư của %(sender)s.") % {"sender": record.sender})
    return redirect("backoffice:mail-queue")


@officer_required
@require_GET
def mail_attachment(request, inbound_email_id: int, attachment_id: int):
    """A file of the message's draft, for the officers who handle the message (the drafts
    are not on the desk yet, whose file pages serve sent reports)."""
    record = get_object_or_404(_visible_or_404(request), pk=inbound_email_id)
    attachment = get_object_or_404(
        Attachment.objects.filter(report__isnull=False, report_id=record.report_id),
        pk=attachment_id,
    )
    return stored_file_response(
        attachment.file,
        as_attachment=not attachment.content_type.startswith("image/"),
        filename=attachment_download_name(attachment),
        content_type=attachment.content_type or "application/octet-stream",
    )
