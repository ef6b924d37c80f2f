"""The officers' desk: "Hộp thư phản ánh" (the inbox) and the page of one report, where each
action the officer may take now has its own small form posting to one URL per action.

Views only parse a form and call ``report_apply`` (or the exchange service); the forms shown
are those of ``report_actions_available``. A report the officer cannot see is a 404; every
refusal of the workflow answers through pakn.reports.refusals: an action their role does
not allow is a 403; when another officer acted first, the page comes back with the new
state and a message (409); refused input comes back with its form as typed (400)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from pakn.accounts.decorators import officer_required
from pakn.backoffice.desk.forms import ACTION_FORMS
from pakn.backoffice.desk.inbox_query import inbox_query_parse
from pakn.backoffice.desk.layout import actions_main_first
from pakn.backoffice.desk.saved_filters import saved_filters_listed
from pakn.backoffice.desk.selectors import (
    capped_count,
    deadline_limits,
    deadline_state,
    inbox_count_label,
    inbox_counts,
    report_for_desk,
)
from pakn.core.file_responses import stored_file_response
from pakn.core.http import client_ip
from pakn.core.pagination import lookahead_page
from pakn.organisations.models import MembershipRole
from pakn.organisations.unit_administration import administers_units
from pakn.reports.access import report_roles
from pakn.reports.duplicates import duplicates_for_officer
from pakn.reports.forms import MessageForm
from pakn.reports.models import (
    Answer,
    AnswerStatus,
    Attachment,
    Event,
    Message,
    Rating,
    Report,
    ReportStatus,
)
from pakn.reports.refusals import action_refused_page
from pakn.reports.services.actions import publication_personal_numbers, report_return_limit
from pakn.reports.services.attachments import (
    AttachmentRejected,
    attachment_download_name,
    attachments_stored,
)
from pakn.reports.services.exchange import message_send_with_files, messages_mark_read
from pakn.reports.workflow import (
    WorkflowError,
    report_action_check,
    report_actions_available,
    report_apply,
)
from pakn.triage.selectors import report_triage_suggest

INBOX_PAGE_SIZE = 25

SUCCESS_MESSAGES = {
    "classify": _("Đã lưu phân loại."),
    "forward": _("Đã chuyển phản ánh đến đơn vị xử lý."),
    "forward_up": _("Đã chuyển đề xuất lên bộ, ngành."),
    "give_opinion": _("Đã gửi ý kiến phối hợp đến đơn vị chủ trì."),
    "reject": _("Đã không tiếp nhận phản ánh; người gửi được thông báo lý do."),
    "merge": _("Đã gộp vào phản ánh gốc; người gửi được mời theo dõi phản ánh gốc."),
    "accept": _("Đã tiếp nhận xử lý."),
    "return": _("Đã chuyển trả phản ánh về đơn vị điều phối."),
    "forward_sub_unit": _("Đã chuyển đơn vị trực thuộc xử lý."),
    "add_co_handler": _("Đã mời đơn vị phối hợp."),
    "ask_citizen": _("Đã gửi câu hỏi cho người gửi."),
    "request_extension": _("Đã gửi đề nghị gia hạn đến đơn vị điều phối."),
    "decide_extension": _("Đã quyết định về đề nghị gia hạn."),
    "submit_answer": _("Đã trình dự thảo kết quả để lãnh đạo duyệt."),
    "approve_answer": _("Đã duyệt kết quả xử lý."),
    "send_back_answer": _("Đã trả lại dự thảo để sửa."),
    "review_answer": _("Đã gửi kết quả xử lý cho người gửi."),
    "publish": _("Đã công khai phản ánh trên cổng thông tin."),
    "unpublish": _("Đã thôi công khai."),
    "reopen": _("Đã chuyển đơn vị xử lý lại."),
    "close": _("Đã kết thúc xử lý phản ánh."),
}


# The inbox ---------------------------------------------------------------------------------


@officer_required
@require_GET
def inbox(request):
    """ "Hộp thư phản ánh": the tabs the officer's roles call for, with their counts, the
    filters, and the reports sorted by the most urgent deadline first."""
    asked = inbox_query_parse(request.user, request.GET)
    scope, tabs, tab, form = asked.scope, asked.tabs, asked.tab, asked.form
    counts = inbox_counts(request.user, scope, tabs)
    reports = asked.reports(request.user)
    page = lookahead_page(reports, INBOX_PAGE_SIZE, request.GET.get("trang"))
    # The page is fetched without counting all it belongs to; the total is counted up to the
    # cap ("hơn 1.000" beyond), whatever the number of reports.
    total = capped_count(reports)
    limits = deadline_limits()
    rows = []
    for report in page.object_list:
        deadline, state = deadline_state(report, limits)
        rows.append({"report": report, "deadline": deadline, "deadline_state": state})
    current_tab = next(t for t in tabs if t.slug == tab)
    return render(
        request,
        "backoffice/desk/inbox.html",
        {
            "tabs": [{"tab": t, "count": inbox_count_label(counts.get(t.slug, 0))} for t in tabs],
            "current_tab": current_tab,
            "form": form,
            "page": page,
            "total_label": inbox_count_label(total),
            "rows": rows,
            "filter_query": asked.filter_query,
            "inbox_query": asked.query_string,
            "saved_filters": saved_filters_listed(user=request.user, scope=scope),
            "is_unit_admin": administers_units(request.user),
        },
    )


# The report desk ---------------------------------------------------------------------------


def _current_draft(report: Report) -> Answer | None:
    return (
        Answer.objects.filter(report=report)
        .exclude(status=AnswerStatus.PUBLISHED)
        .prefetch_related("attachments")
        .order_by("-created_at")
        .first()
    )


def _form_kwargs(action: str, report: Report, draft: Answer | None) -> dict:
    if action == "forward":
        return {"suggestion": report_triage_suggest(report=report)}
    if action == "return":
        return {"return_limit": report_return_limit(report)}
    if action in ("submit_answer", "approve_answer"):
        return {"draft": draft}
    return {}


def _action_form(action, report, user, draft, data=None, files=None):
    return ACTION_FORMS[action](
        data, files, report=report, user=user, **_form_kwargs(action, report, draft)
    )


def _desk_context(request, report: Report, *, bound_form=None, message_form=None) -> dict:
    user = request.user
    roles = report_roles(user, report)
    # What the desk offers: one form per action here, the exchange's for ``message``.
    # The main action for this role and state first; the others go behind a menu.
    actions = actions_main_first(report_actions_available(user, report))
    draft = _current_draft(report)
    forms = []
    for action in (a for a in actions if a in ACTION_FORMS):
        if bound_form is not None and bound_form.action == action:
            forms.append(bound_form)
        else:
            forms.append(_action_form(action, report, user, draft))
    if bound_form is not None and bound_form not in forms:
        forms.insert(0, bound_form)  # refused: shown with its reason even if hidden now
    publish_form = next((f for f in forms if f.action == "publish"), None)
    personal_numbers = []
    if publish_form is not None:
        title = publish_form["public_title"].value() or ""
        content = publish_form["public_content"].value() or ""
        personal_numbers = publication_personal_numbers(public_title=title, public_content=content)
    rating = Rating.objects.filter(report=report).first()
    extension_request = None
    if report.extension_requested_days:
        extension_request = (
            Event.objects.filter(report=report, action="request_extension")
            .select_related("actor", "actor_unit")
            .order_by("-created_at", "-id")
            .first()
        )
    return {
        "report": report,
        "roles": roles,
        "actions": actions,
        "show_identity": bool(roles & MembershipRole.COORDINATING),
        "action_forms": forms,
        "open_action": bound_form.action if bound_form is not None else "",
        "personal_numbers": personal_numbers,
        "report_attachments": Attachment.objects.filter(report=report),
        "timeline": _timeline(report),
        "exchange": Message.objects.filter(report=report)
        .select_related("author", "author_unit")
        .prefetch_related("attachments"),
        "answers": Answer.objects.filter(report=report)
        .select_related("unit", "drafted_by", "approved_by")
        .prefetch_related("attachments")
        .order_by("-created_at"),
        "draft": draft,
        "rating": rating,
        "extension_request": extension_request,
        "co_handling_units": list(report.co_handling_units.all()),
        "duplicates": list(report.duplicates.only("code", "title")),
        "duplicate_candidates": duplicates_for_officer(report=report, officer=user)
        if "merge" in actions
        else [],
        "can_write": "message" in actions,
        "message_form": message_form or MessageForm(),
        "is_unit_admin": administers_units(user),
    }


def _timeline(report: Report) -> list[dict]:
    """Every event, internal ones included, with the statuses in words; the reporter's own
    actions are shown as "Người gửi" (their name is in the identity box for those who may)."""
    labels = dict(ReportStatus.choices)
    # The exchange shows the messages; their events appear only when one restarted the clock.
    events = (
        Event.objects.filter(report=report)
        .exclude(action__in=("reply", "message"), is_public=False)
        .select_related("actor", "actor_unit", "from_unit", "to_unit")
    )
    return [
        {
            "event": event,
            "by_reporter": event.actor_id == report.reporter_id,
            "from_label": labels.get(event.from_status, ""),
            "to_label": labels.get(event.to_status, ""),
            "status_changed": event.from_status != event.to_status,
        }
        for event in events
    ]


@officer_required
@require_GET
def report_desk(request, code: str):
    report = report_for_desk(request.user, code)
    if report_roles(request.user, report) & MembershipRole.HANDLING:
        messages_mark_read(report=report, reader=request.user)
    return render(request, "backoffice/desk/report.html", _desk_context(request, report))


def _desk_url(report: Report, anchor: str = "") -> str:
    return reverse("backoffice:desk-report", args=[report.code]) + (f"#{anchor}" if anchor else "")


def _refused(request, code: str, error, *, form=None, message_form=None):
    # One of the two forms at most: the action's, or the exchange's (its error under "body").
    """The desk's answer to a refusal (pakn.reports.refusals): on a conflict the report as it
    is now; on bad input the form as typed with the reason."""

    def render_page(refusal):
        report = report_for_desk(request.user, code)
        keep = refusal.status == 400
        return render(
            request,
            "backoffice/desk/report.html",
            _desk_context(
                request,
                report,
                bound_form=form if keep else None,
                message_form=message_form if keep else None,
            ),
        )

    return action_refused_page(
        request,
        error,
        render_page=render_page,
        form=form or message_form,
        field="body" if message_form is not None else None,
    )


def _refused_before_the_form(request, report: Report, action: str, seen_status=None):
    """For a form that could not be read: a stale or forbidden post is told as such before
    the form's own errors (no form is corrected for a person the action is not for)."""
    try:
        report_action_check(
            report=report, action=action, actor=request.user, expected_status=seen_status
        )
    except (WorkflowError, PermissionDenied) as error:
        return _refused(request, report.code, error)
    return None


@officer_required
@require_POST
def report_action(request, code: str, action: str):
    report = report_for_desk(request.user, code)
    if action not in ACTION_FORMS:
        raise Http404
    form = _action_form(
        action, report, request.user, _current_draft(report), request.POST, request.FILES
    )
    if not form.is_valid():
        seen = request.POST.get(f"{action}-expected_status") or None
        if (refused := _refused_before_the_form(request, report, action, seen)) is not None:
            return refused
    else:
        try:
            files = form.cleaned_data.get("attachments") or []
            with attachments_stored(uploaded_by=request.user, uploaded_files=files) as stored:
                params = form.params()
                if "attachments" in form.fields:
                    params["attachment_ids"] = [attachment.pk for attachment in stored]
                report_apply(
                    report_id=report.pk,
                    action=action,
                    actor=request.user,
                    expected_status=form.cleaned_data["expected_status"],
                    ip_address=client_ip(request),
                    **params,
                )
        except AttachmentRejected as error:
            form.add_error("attachments", str(error))
        except (WorkflowError, PermissionDenied) as error:
            return _refused(request, code, error, form=form)
        else:
            messages.success(request, SUCCESS_MESSAGES[action])
            return redirect(_desk_url(report))
    return render(
        request,
        "backoffice/desk/report.html",
        _desk_context(request, report, bound_form=form),
        status=400,
    )


@officer_required
@require_POST
def report_message(request, code: str):
    """The unit writes to the reporter (trao đổi), with files."""
    report = report_for_desk(request.user, code)
    form = MessageForm(request.POST, request.FILES)
    if not form.is_valid():
        if (refused := _refused_before_the_form(request, report, "message")) is not None:
            return refused
    else:
        try:
            message_send_with_files(
                report=report,
                author=request.user,
                body=form.cleaned_data["body"],
                uploaded_files=form.cleaned_data["attachments"],
            )
        except AttachmentRejected as error:
            form.add_error("attachments", str(error))
        except (WorkflowError, PermissionDenied) as error:
            return _refused(request, code, error, message_form=form)
        else:
            messages.success(request, _("Đã gửi nội dung trao đổi."))
            return redirect(_desk_url(report, "trao-doi"))
    return render(
        request,
        "backoffice/desk/report.html",
        _desk_context(request, report, message_form=form),
        status=400,
    )


@officer_required
@require_GET
def attachment_download(request, code: str, pk: int):
    """A file of a report the officer may see (of the report, its answers or its exchange);
    ``?anh-nho`` gives a photo's thumbnail (or its public copy until the thumbnail is made)."""
    report = report_for_desk(request.user, code)
    attachment = get_object_or_404(Attachment, pk=pk)
    owner_ids = {
        attachment.report_id,
        *Message.objects.filter(pk=attachment.message_id).values_list("report_id", flat=True),
        *Answer.objects.filter(pk=attachment.answer_id).values_list("report_id", flat=True),
    }
    if report.pk not in owner_ids:
        raise Http404
    stored, content_type = attachment.file, attachment.content_type
    if "anh-nho" in request.GET:
        stored, content_type = attachment.thumbnail or attachment.public_file, "image/jpeg"
        if not stored:
            raise Http404
    return stored_file_response(
        stored,
        as_attachment=not content_type.startswith("image/"),
        filename=attachment_download_name(attachment),
        content_type=content_type or "application/octet-stream",
    )
