"""The citizen's own pages (seed 002): "Gửi phản ánh, kiến nghị", "Phản ánh, kiến nghị của tôi"
and "Xem chi tiết" with the timeline, the answer, the exchange (trao đổi) and the rating.
Each view parses a form, calls one service and renders; a refused form comes back with
everything typed still there. Another person's report is a 404, never a 403: its existence is
not disclosed."""

import uuid
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pakn.accounts.decorators import citizen_required
from pakn.core.file_responses import stored_file_response
from pakn.core.http import client_ip
from pakn.core.offline import kept_offline_for_session
from pakn.core.selectors import site_settings_get
from pakn.core.typed_input import Paginator, parse_decimal, parse_int
from pakn.reports.duplicates import DuplicateQuery, duplicates_public
from pakn.reports.form_uploads import form_keep_typed, form_uploads_pending, form_uploads_take
from pakn.reports.forms import (
    SUGGESTED_UNIT_PARAMETER,
    MessageForm,
    MyReportsFilterForm,
    RatingForm,
    ReportDraftForm,
    ReportForm,
    report_details,
)
from pakn.reports.models import (
    VIETNAM_LATITUDE,
    VIETNAM_LONGITUDE,
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
from pakn.reports.search import reports_public
from pakn.reports.selectors import my_reports_filtered, reports_followed_by, reports_of_reporter
from pakn.reports.services.actions import answer_days_usual
from pakn.reports.services.attachments import (
    MAX_ATTACHMENTS,
    AttachmentRejected,
    UploadTokenInvalid,
    attachment_download_name,
    upload_token_issue,
    upload_token_read,
)
from pakn.reports.services.exchange import message_send_with_files, messages_mark_read
from pakn.reports.services.following import report_follow, report_unfollow
from pakn.reports.services.submission import (
    report_draft_save,
    report_submit,
    report_withdraw,
)
from pakn.reports.workflow import (
    WorkflowError,
    report_action_check,
    report_actions_available,
    report_apply,
)

MY_REPORTS_PER_PAGE = 20
SIMILAR_LIMIT = 5


def _own_report(request, code: str) -> Report:
    return get_object_or_404(reports_of_reporter(request.user), code=code)


# --- Sending -------------------------------------------------------------------------------


def _draft_initial(draft: Report) -> dict:
    return {
        "idempotency_key": draft.idempotency_key,
        "title": draft.title,
        "content": draft.content,
        "kind": draft.kind,
        "citizen_category": draft.citizen_category_id,
        "address": draft.address,
        "address_province": draft.province_id,
        "address_commune": draft.commune_id,
        "latitude": "" if draft.latitude is None else str(draft.latitude),
        "longitude": "" if draft.longitude is None else str(draft.longitude),
        "hide_reporter_name": draft.hide_reporter_name,
    }


def _parse_uuid(raw) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(raw))
    except (TypeError, ValueError):
        return None


@citizen_required
@require_http_methods(["GET", "POST"])
@kept_offline_for_session  # drafts are typed offline too (static/js/report-draft.js)
def report_send(request):
    """ "Gửi phản ánh, kiến nghị": "Lưu" keeps a draft, "Gửi" sends it."""
    user = request.user
    draft = None
    status = 200
    if request.method == "POST":
        sending = "save" not in request.POST
        form = ReportForm(request.POST, request.FILES, require_captcha=sending)
        key = _parse_uuid(request.POST.get("idempotency_key"))
        if key is not None:
            draft = Report.objects.filter(reporter=user, idempotency_key=key).first()
            if draft is not None and draft.status != ReportStatus.DRAFT:
                # The same form posted again (a double click, a retry): it was already sent.
                return redirect("reports:sent", code=draft.code)
        form.is_valid()
        upload_token, status = form_uploads_take(request, form, user=user, draft=draft)
        if not form.errors:
            data = form.cleaned_data
            if sending:
                try:
                    report = report_submit(
                        reporter=user,
                        details=report_details(data),
                        idempotency_key=data["idempotency_key"],
                        upload_token=upload_token,
                        ip_address=client_ip(request),
                    )
                except WorkflowError as error:
                    form.add_error(None, str(error))
                else:
                    return redirect("reports:sent", code=report.code)
            else:
                report = report_draft_save(
                    reporter=user,
                    details=report_details(data),
                    idempotency_key=data["idempotency_key"],
                    upload_token=upload_token,
                )
                if report.status != ReportStatus.DRAFT:
                    return redirect("reports:sent", code=report.code)
                messages.success(
                    request,
                    _("Đã lưu bản nháp. Ông/bà có thể tiếp tục soạn và gửi sau."),
                )
                return redirect(f"{reverse('reports:send')}?ban-nhap={report.idempotency_key}")
        form_keep_typed(form, user=user, upload_token=upload_token)
    else:
        key = _parse_uuid(request.GET.get("ban-nhap"))
        if key is not None:
            draft = get_object_or_404(
                reports_of_reporter(user), idempotency_key=key, status=ReportStatus.DRAFT
            )
            form = ReportForm(initial=_draft_initial(draft))
        else:
            form = ReportForm()
        suggested = request.GET.get(SUGGESTED_UNIT_PARAMETER, "")
        if suggested:  # from an agency's widget: kept with the report as a suggestion
            form.initial["referring_unit"] = suggested[:60]
        form.initial["upload_token"] = upload_token_issue(user=user)
        upload_token = None  # a fresh token has nothing under it yet
    site = site_settings_get()
    if request.method == "POST":
        server_saved = timezone.now()  # what was just posted is the newest copy there is
    else:
        server_saved = draft.updated_at if draft is not None else None
    return render(
        request,
        "reports/report_form.html",
        {
            "form": form,
            "draft": draft,
            "fresh": request.method == "GET" and draft is None,
            "server_saved_ms": int(server_saved.timestamp() * 1000) if server_saved else 0,
            "uploads": form_uploads_pending(user, upload_token, draft),
            "max_attachments": MAX_ATTACHMENTS,
            "map": {
                "tile_url": site.map_tile_url,
                "attribution": site.map_attribution,
                "latitude": VIETNAM_LATITUDE,
                "longitude": VIETNAM_LONGITUDE,
            },
        },
        status=status,
    )


def _json_error(message: str, status: int, **extra) -> JsonResponse:
    return JsonResponse({"message": message, **extra}, status=status)


@citizen_required
@require_POST
def report_autosave(request):
    """The draft saved by the form's script while the citizen types. The form's key names the
    draft, so repeated saves update one draft; JSON in, JSON out, a Vietnamese message on every
    refusal."""
    user = request.user
    key = _parse_uuid(request.POST.get("idempotency_key"))
    if key is not None:
        existing = list(
            Report.objects.filter(idempotency_key=key).only("reporter_id", "status", "code")
        )
        if any(report.reporter_id != user.pk for report in existing):
            return _json_error(_("Không tìm thấy bản nháp."), 404)
        sent = next((r for r in existing if r.status != ReportStatus.DRAFT), None)
        if sent is not None:
            return _json_error(
                _("Phản ánh, kiến nghị này đã được gửi, mã số %(code)s.") % {"code": sent.code},
                409,
                url=reverse("reports:detail", args=[sent.code]),
            )
    form = ReportDraftForm(request.POST)
    if not form.is_valid():
        errors = {
            field: [str(error) for error in field_errors]
            for field, field_errors in form.errors.items()
        }
        first = next(iter(errors.values()))[0]
        return _json_error(
            _("Chưa lưu được bản nháp: %(reason)s") % {"reason": first}, 400, errors=errors
        )
    data = form.cleaned_data
    upload_token = None
    if data.get("upload_token"):
        try:
            upload_token = upload_token_read(user=user, signed=data["upload_token"])
        except UploadTokenInvalid as error:
            # The script puts the fresh token in the form and saves again.
            return _json_error(str(error), 400, upload_token=upload_token_issue(user=user))
    report = report_draft_save(
        reporter=user,
        details=report_details(data),
        idempotency_key=data["idempotency_key"],
        upload_token=upload_token,
    )
    if report.status != ReportStatus.DRAFT:  # sent by the form in the meantime
        return _json_error(
            _("Phản ánh, kiến nghị này đã được gửi, mã số %(code)s.") % {"code": report.code},
            409,
            url=reverse("reports:detail", args=[report.code]),
        )
    saved = timezone.localtime(report.updated_at)
    return JsonResponse(
        {
            "draft": str(report.idempotency_key),
            "saved_at": saved.isoformat(),
            "saved_at_ms": int(saved.timestamp() * 1000),
            "message": _("Đã lưu nháp lúc %(time)s") % {"time": f"{saved:%H:%M}"},
            "url": f"{reverse('reports:send')}?ban-nhap={report.idempotency_key}",
        }
    )


@citizen_required
@require_GET
def report_sent(request, code: str):
    report = _own_report(request, code)
    if report.status == ReportStatus.DRAFT:
        raise Http404
    return render(
        request,
        "reports/report_sent.html",
        {"report": report, "answer_days": answer_days_usual(report)},
    )


def _similar_query(params) -> DuplicateQuery:
    """What the form has so far: the title (and content), then the commune and the position
    once set; a malformed number is left out rather than refused (the form checks it)."""

    def number(name, parse, **limits):
        if not params.get(name):
            return None
        try:
            return parse(params[name], **limits)
        except ValidationError:
            return None

    latitude = number("latitude", parse_decimal, minimum=VIETNAM_LATITUDE[0],
                      maximum=VIETNAM_LATITUDE[1])  # fmt: skip
    longitude = number("longitude", parse_decimal, minimum=VIETNAM_LONGITUDE[0],
                       maximum=VIETNAM_LONGITUDE[1])  # fmt: skip
    has_position = latitude is not None and longitude is not None
    return DuplicateQuery(
        title=params.get("q", "")[:250],
        content=params.get("content", "")[:2000],
        commune_id=number("commune", parse_int, minimum=1),
        latitude=float(latitude) if has_position else None,
        longitude=float(longitude) if has_position else None,
    )


@require_GET
def similar_reports(request):
    """The published reports that may be the same matter as the one being typed
    (pakn.reports.duplicates), as links to their public pages, so that a citizen can follow
    one instead of sending it again. Public words only: anyone may ask."""
    query = _similar_query(request.GET)
    found = duplicates_public(query=query, limit=SIMILAR_LIMIT) if query.title.strip() else []
    return JsonResponse(
        {
            "reports": [
                {
                    "code": c.report.code,
                    "title": c.report.public_title,
                    "url": reverse("portal:report", args=[c.report.code]),
                    "follow_url": reverse("reports:follow", args=[c.report.code]),
                    "similarity": c.percent,
                    "distance_m": None if c.distance_m is None else round(c.distance_m),
                }
                for c in found
            ]
        }
    )


@citizen_required
@require_POST
def report_follow_view(request, code: str):
    """ "Theo dõi": the published report joins "Phản ánh, kiến nghị của tôi" and its public
    events reach the citizen's notifications."""
    report = get_object_or_404(reports_public(with_relations=False), code=code)
    try:
        report_follow(user=request.user, report=report)
    except WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Ông/bà đang theo dõi phản ánh %(code)s; kết quả xử lý sẽ được thông báo.")
            % {"code": report.code},
        )
    return redirect(f"{reverse('reports:mine')}#theo-doi")


@citizen_required
@require_POST
def report_unfollow_view(request, code: str):
    report = get_object_or_404(Report, code=code)
    if report_unfollow(user=request.user, report=report):
        messages.success(request, _("Đã bỏ theo dõi phản ánh %(code)s.") % {"code": report.code})
    return redirect(f"{reverse('reports:mine')}#theo-doi")


# --- My reports ----------------------------------------------------------------------------


@citizen_required
@require_GET
def my_reports(request):
    """ "Phản ánh, kiến nghị của tôi": two queries per page whatever its size."""
    form = MyReportsFilterForm(request.GET or None)
    reports = my_reports_filtered(request.user, form.cleaned_data if form.is_valid() else {})
    reports = reports.order_by("-created_at", "-id")
    page = Paginator(reports, MY_REPORTS_PER_PAGE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "reports/my_reports.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "followed": list(reports_followed_by(request.user)),
        },
    )


# --- Detail --------------------------------------------------------------------------------


# The actions the reporter's page offers, each as its own form there.
CITIZEN_PAGE_ACTIONS = ("withdraw", "rate", "reply")


def citizen_page_actions(user, report: Report) -> list[str]:
    """What the detail page offers: report_actions_available's, nothing re-derived."""
    return [a for a in report_actions_available(user, report) if a in CITIZEN_PAGE_ACTIONS]


def _detail_context(request, report: Report, **forms) -> dict:
    actions = citizen_page_actions(request.user, report)
    rating = Rating.objects.filter(report=report).first()
    answers = (
        Answer.objects.filter(report=report, status=AnswerStatus.PUBLISHED)
        .select_related("unit")
        .prefetch_related("attachments")
        .order_by("-published_at")
    )
    return {
        "report": report,
        "events": Event.objects.filter(report=report, is_public=True).select_related(
            "actor_unit", "to_unit"
        ),
        "answers": answers,
        "report_attachments": Attachment.objects.filter(report=report),
        "exchange": Message.objects.filter(report=report)
        .select_related("author_unit")
        .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.order_by("id"))),
        "rating": rating,
        "actions": actions,
        "can_withdraw": "withdraw" in actions,
        "can_rate": "rate" in actions,
        "can_write": "reply" in actions,
        "message_form": forms.get("message_form") or MessageForm(),
        "rating_form": forms.get("rating_form")
        or RatingForm(
            initial={"value": rating.value, "comment": rating.comment} if rating else None
        ),
    }


@require_GET
def report_short_link(request, code: str):
    """An SMS's short link: the citizen's page of the report (sign-in first, which checks
    that the report is theirs)."""
    return redirect("reports:detail", code=code)


@require_GET
def report_follow_short_link(request, code: str):
    """The short link in an SMS to a reporter without an account: following the report by
    its code and phone (pakn/reports/follow.py), the code already filled in."""
    return redirect(f"{reverse('portal:follow')}?{urlencode({'ma': code[:30]})}")


@citizen_required
@require_GET
def report_detail(request, code: str):
    """ "Xem chi tiết": the public timeline, the answer, the exchange and the rating."""
    report = _own_report(request, code)
    if report.status == ReportStatus.DRAFT:
        return redirect(f"{reverse('reports:send')}?ban-nhap={report.idempotency_key}")
    messages_mark_read(report=report, reader=request.user)
    return render(request, "reports/report_detail.html", _detail_context(request, report))


def _refused(request, code: str, error, **forms):
    """The detail page's answer to a refusal (pakn.reports.refusals): the reason on top of
    the page as the report is now, with what was typed kept where its form is still offered
    (the forms' own checks have passed: what is left is the report's state)."""

    def render_page(refusal):
        report = _own_report(request, code)
        kept = forms if refusal.status == 400 else {}
        return render(
            request, "reports/report_detail.html", _detail_context(request, report, **kept)
        )

    return action_refused_page(request, error, render_page=render_page)


def _expected_status(request) -> str | None:
    """The status the page showed, when it says (a page from before this field: None)."""
    return request.POST.get("expected_status") or None


def _refused_before_the_form(request, report: Report, action: str):
    """For a form that could not be read: a stale or refused post is told as such first."""
    try:
        report_action_check(report=report, action=action, actor=request.user,
                            expected_status=_expected_status(request))  # fmt: skip
    except (WorkflowError, PermissionDenied) as error:
        return _refused(request, report.code, error)
    return None


@citizen_required
@require_POST
def report_message(request, code: str):
    report = _own_report(request, code)
    form = MessageForm(request.POST, request.FILES)
    if not form.is_valid():
        if (refused := _refused_before_the_form(request, report, "reply")) is not None:
            return refused
    else:
        try:
            message_send_with_files(
                report=report,
                author=request.user,
                body=form.cleaned_data["body"],
                uploaded_files=form.cleaned_data["attachments"],
                expected_status=_expected_status(request),
            )
        except AttachmentRejected as error:
            form.add_error("attachments", str(error))
        except (WorkflowError, PermissionDenied) as error:
            return _refused(request, code, error, message_form=form)
        else:
            messages.success(request, _("Đã gửi nội dung trao đổi."))
            return redirect(f"{reverse('reports:detail', args=[report.code])}#trao-doi")
    return render(
        request,
        "reports/report_detail.html",
        _detail_context(request, report, message_form=form),
        status=400,
    )


@citizen_required
@require_POST
def report_withdraw_view(request, code: str):
    report = _own_report(request, code)
    if request.POST.get("confirm") != "yes":
        # The page's box to tick: a withdrawal is never sent by one stray tap.
        messages.error(request, _("Ông/bà chưa xác nhận rút phản ánh, kiến nghị."))
        return redirect(f"{reverse('reports:detail', args=[report.code])}#rut")
    try:
        report_withdraw(
            reporter=request.user,
            report=report,
            reason=request.POST.get("reason", "")[:500],
            expected_status=_expected_status(request),
            ip_address=client_ip(request),
        )
    except (WorkflowError, PermissionDenied) as error:
        return _refused(request, code, error)
    messages.success(request, _("Đã rút phản ánh, kiến nghị %(code)s.") % {"code": report.code})
    return redirect("reports:detail", code=report.code)


@citizen_required
@require_POST
def report_rate(request, code: str):
    report = _own_report(request, code)
    form = RatingForm(request.POST)
    if not form.is_valid():
        if (refused := _refused_before_the_form(request, report, "rate")) is not None:
            return refused
    else:
        try:
            report_apply(
                report_id=report.pk,
                action="rate",
                actor=request.user,
                expected_status=_expected_status(request),
                value=form.cleaned_data["value"],
                comment=form.cleaned_data["comment"],
                ip_address=client_ip(request),
            )
        except (WorkflowError, PermissionDenied) as error:
            return _refused(request, code, error, rating_form=form)
        messages.success(request, _("Cảm ơn Ông/bà đã đánh giá kết quả xử lý."))
        return redirect(f"{reverse('reports:detail', args=[report.code])}#danh-gia")
    return render(
        request,
        "reports/report_detail.html",
        _detail_context(request, report, rating_form=form),
        status=400,
    )


def _attachment_allowed(request, pk: int) -> Attachment:
    """A file of a report, its answer or its exchange, for the reporter only (officers get
    their own pages); the uploader also gets a file not yet attached to anything. Anyone else:
    404, the file's existence is not disclosed."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("report", "message__report", "answer__report"), pk=pk
    )
    owner_report = (
        attachment.report
        or (attachment.message.report if attachment.message_id else None)
        or (attachment.answer.report if attachment.answer_id else None)
    )
    if owner_report is not None:
        allowed = owner_report.reporter_id == request.user.pk
        if attachment.answer_id and attachment.answer.status != AnswerStatus.PUBLISHED:
            allowed = False  # a draft answer's files are the unit's until it is sent
    else:
        allowed = attachment.uploaded_by_id == request.user.pk
    if not allowed:
        raise Http404
    return attachment


@login_required
@require_GET
def attachment_download(request, pk: int):
    """The uploader gets the file as sent; anyone else allowed (the reporter reading a unit's
    photo) gets the photo's copy without EXIF, GPS or XMP."""
    attachment = _attachment_allowed(request, pk)
    if attachment.uploaded_by_id != request.user.pk and attachment.public_file:
        stem = attachment.original_name.rsplit(".", 1)[0] or "anh"
        return stored_file_response(
            attachment.public_file, filename=f"{stem}.jpg", content_type="image/jpeg"
        )
    return stored_file_response(
        attachment.file,
        as_attachment=not attachment.content_type.startswith("image/"),
        filename=attachment_download_name(attachment),
        content_type=attachment.content_type or "application/octet-stream",
    )


@login_required
@require_GET
def attachment_thumbnail(request, pk: int):
    """A photo's thumbnail (made by a background task from the copy without metadata), under
    the same rules as the file itself; 404 while the task has not run yet."""
    attachment = _attachment_allowed(request, pk)
    if not attachment.thumbnail:
        raise Http404
    response = stored_file_response(attachment.thumbnail, content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=86400"
    return response
