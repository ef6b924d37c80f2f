"""The operators' pages: a call's intake (find the caller by phone, or record a contact, then
the citizens' report form), "Hỏi tình trạng" and the call log. Only operators take calls;
operators and coordinators read their units' log. The caller's phone shows on these pages
only (officers' side, never public)."""

import functools

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pakn.accounts.decorators import officer_required
from pakn.accounts.models import AccountType, User
from pakn.backoffice.hotline.forms import (
    CallerLookupForm,
    CallLogFilterForm,
    ContactForm,
    EnquiryForm,
    OtherCallForm,
)
from pakn.backoffice.hotline.models import CallKind
from pakn.backoffice.hotline.selectors import (
    call_log_for,
    call_log_units,
    caller_find,
    caller_reports,
    operator_unit,
    report_for_enquiry,
    report_status_sentence,
)
from pakn.backoffice.hotline.services import (
    call_log_record,
    hotline_contact_record,
    hotline_report_submit,
)
from pakn.core.http import client_ip
from pakn.core.selectors import site_settings_get
from pakn.core.typed_input import Paginator
from pakn.reports.form_uploads import form_keep_typed, form_uploads_pending, form_uploads_take
from pakn.reports.forms import ReportForm

# The citizens' form handling, shared rather than copied: the details the form collected,
# the files kept under the form's token while it comes back with errors.
from pakn.reports.forms import report_details as report_details_from_form
from pakn.reports.models import VIETNAM_LATITUDE, VIETNAM_LONGITUDE, Report, ReportStatus
from pakn.reports.services.attachments import (
    MAX_ATTACHMENTS,
    upload_token_issue,
)
from pakn.reports.workflow import WorkflowError

CALL_LOG_PER_PAGE = 50


def operator_required(view):
    """An officer with an operator role; anyone else on the officers' side: 404."""

    @officer_required
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if operator_unit(request.user) is None:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def _caller(pk: int) -> User:
    return get_object_or_404(
        User.objects.exclude(account_type=AccountType.OFFICER).filter(deleted_at=None), pk=pk
    )


@operator_required
@require_http_methods(["GET", "POST"])
def intake(request):
    """ "Tiếp nhận cuộc gọi": the caller by phone, their reports, or a new contact. The
    phone is posted, never put in an address (addresses end up in access logs)."""
    lookup = CallerLookupForm(request.POST or None)
    caller, reports, contact_form = None, [], None
    if lookup.is_valid():
        phone = lookup.cleaned_data["so"]
        caller = caller_find(phone=phone)
        if caller is not None:
            reports = caller_reports(caller)
        else:
            contact_form = ContactForm(initial={"phone": lookup.data.get("so", "")})
    status = 400 if request.method == "POST" and lookup.errors else 200
    return render(
        request,
        "backoffice/hotline/intake.html",
        {"lookup": lookup, "caller": caller, "reports": reports, "contact_form": contact_form},
        status=status,
    )


@operator_required
@require_POST
def contact_add(request):
    form = ContactForm(request.POST)
    if not form.is_valid():
        lookup = CallerLookupForm(initial={"so": request.POST.get("phone", "")})
        return render(
            request,
            "backoffice/hotline/intake.html",
            {"lookup": lookup, "caller": None, "reports": [], "contact_form": form},
            status=400,
        )
    data = form.cleaned_data
    caller = hotline_contact_record(
        operator=request.user,
        full_name=data["full_name"],
        phone=data["phone"],
        address=data["address"],
    )
    return redirect("backoffice:hotline-report", caller_id=caller.pk)


def _map_context() -> dict:
    site = site_settings_get()
    return {
        "tile_url": site.map_tile_url,
        "attribution": site.map_attribution,
        "latitude": VIETNAM_LATITUDE,
        "longitude": VIETNAM_LONGITUDE,
    }


@operator_required
@require_http_methods(["GET", "POST"])
def report_enter(request, caller_id: int):
    """The citizens' report form, typed by the operator for the caller and sent at once."""
    caller = _caller(caller_id)
    operator = request.user
    status = 200
    upload_token = None
    if request.method == "POST":
        form = ReportForm(request.POST, request.FILES, require_captcha=False)
        form.is_valid()
        upload_token, status = form_uploads_take(request, form, user=operator)
        if not form.errors:
            data = form.cleaned_data
            try:
                report = hotline_report_submit(
                    operator=operator,
                    caller=caller,
                    details=report_details_from_form(data),
                    idempotency_key=data["idempotency_key"],
                    upload_token=upload_token,
                    ip_address=client_ip(request),
                )
            except WorkflowError as error:
                form.add_error(None, str(error))
            else:
                return redirect("backoffice:hotline-entered", code=report.code)
        status = status if status != 200 else 400
        form_keep_typed(form, user=operator, upload_token=upload_token)
    else:
        form = ReportForm(require_captcha=False)
        form.initial["upload_token"] = upload_token_issue(user=operator)
    return render(
        request,
        "backoffice/hotline/report_form.html",
        {
            "caller": caller,
            "form": form,
            "uploads": form_uploads_pending(operator, upload_token, None),
            "max_attachments": MAX_ATTACHMENTS,
            "map": _map_context(),
        },
        status=status,
    )


@operator_required
@require_GET
def report_entered(request, code: str):
    """The code to read to the caller; the SMS receipt is on its way to their phone."""
    report = get_object_or_404(
        Report.objects.select_related("reporter"), code=code, entered_by=request.user
    )
    return render(
        request,
        "backoffice/hotline/report_entered.html",
        {"report": report, "sentence": report_status_sentence(report)},
    )


def _caller_phone(request) -> str:
    """The phone of the caller the intake page found (by id: no phone in addresses)."""
    try:
        caller_id = int(request.GET.get("nguoi-goi", ""))
    except ValueError:
        return ""
    caller = User.objects.exclude(account_type=AccountType.OFFICER).filter(pk=caller_id).first()
    return caller.phone if caller is not None else ""


@operator_required
@require_http_methods(["GET", "POST"])
def enquiry(request):
    """ "Hỏi tình trạng": a report by its code, or the caller's reports by their phone, each
    with its public status in a sentence; each enquiry is one call in the log."""
    form = EnquiryForm(request.POST or None, initial={"phone": _caller_phone(request)})
    found: list[Report] = []
    caller = None
    searched = False
    if request.method == "POST" and form.is_valid():
        searched = True
        code, phone = (form.cleaned_data["code"] or "").strip(), form.cleaned_data["phone"]
        if code:
            report = report_for_enquiry(code=code)
            found = [report] if report is not None else []
        if phone:
            caller = caller_find(phone=phone)
            if not code and caller is not None:
                found = caller_reports(caller)
        call_log_record(
            operator=request.user,
            kind=CallKind.STATUS_ENQUIRY,
            caller_phone=phone or "",
            caller=caller,
            report=found[0] if len(found) == 1 else None,
        )
    return render(
        request,
        "backoffice/hotline/enquiry.html",
        {
            "form": form,
            "searched": searched,
            "results": [(report, report_status_sentence(report)) for report in found],
        },
        status=400 if request.method == "POST" and form.errors else 200,
    )


def call_log_reader_required(view):
    @officer_required
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not call_log_units(request.user).exists():
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


@call_log_reader_required
@require_http_methods(["GET", "POST"])
def call_log(request):
    """The log of the reader's units, by date; an operator also records an "other" call."""
    other_form = None
    is_operator = operator_unit(request.user) is not None
    if is_operator:
        other_form = OtherCallForm(request.POST or None)
        if request.method == "POST" and other_form.is_valid():
            phone = other_form.cleaned_data["phone"] or ""
            call_log_record(
                operator=request.user,
                kind=CallKind.OTHER,
                caller_phone=phone,
                caller=caller_find(phone=phone) if phone else None,
                note=other_form.cleaned_data["note"],
            )
            messages.success(request, _("Đã ghi cuộc gọi vào nhật ký."))
            return redirect("backoffice:hotline-log")
    elif request.method == "POST":
        raise Http404
    filters = CallLogFilterForm(request.GET or None)
    dates = filters.cleaned_data if filters.is_valid() else {}
    calls = call_log_for(
        request.user, date_from=dates.get("tu_ngay"), date_to=dates.get("den_ngay")
    )
    page = Paginator(calls, CALL_LOG_PER_PAGE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "backoffice/hotline/call_log.html",
        {
            "filters": filters,
            "page": page,
            "query": query.urlencode(),
            "other_form": other_form,
            "draft_status": ReportStatus.DRAFT,
        },
        status=400 if request.method == "POST" else 200,
    )
