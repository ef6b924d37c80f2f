"""Following a report by its code and phone, without an account (pakn/reports/follow.py):
ask, type the SMS code, read the report. The pages never show the phone typed, and answer
the same whether or not the code and phone match."""

from urllib.parse import urlencode

from django import forms
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from pakn.accounts.forms import PhoneField
from pakn.accounts.services.otp import OtpError
from pakn.core.http import client_ip
from pakn.reports.follow import (
    FOLLOW_LIFETIME,
    report_follow_confirm,
    report_follow_request,
    report_followed_get,
)
from pakn.reports.models import Answer, AnswerStatus, Event

PENDING_KEY = "follow_pending"  # {"code": …, "phone": …} between the two steps


class FollowRequestForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Mã số phản ánh"),
        max_length=30,
        error_messages={"required": gettext_lazy("Vui lòng nhập mã số phản ánh.")},
        widget=forms.TextInput(attrs={"placeholder": "PAKN-2026-000123", "autocomplete": "off"}),
    )
    phone = PhoneField(
        label=gettext_lazy("Số điện thoại đã dùng khi gửi phản ánh"),
        error_messages={"required": gettext_lazy("Vui lòng nhập số điện thoại.")},
    )


class FollowCodeForm(forms.Form):
    otp = forms.CharField(
        label=gettext_lazy("Mã xác thực (OTP)"),
        max_length=6,
        error_messages={"required": gettext_lazy("Vui lòng nhập mã xác thực.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


@require_http_methods(["GET", "POST"])
def follow_request(request):
    form = FollowRequestForm(request.POST or None, initial={"code": request.GET.get("ma", "")})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            code, phone = form.cleaned_data["code"].strip().upper(), form.cleaned_data["phone"]
            try:
                report_follow_request(code=code, phone=phone, ip_address=client_ip(request))
            except OtpError as error:
                form.add_error(None, str(error))
                status = 429
            else:
                request.session[PENDING_KEY] = {"code": code, "phone": phone}
                return redirect("portal:follow-code")
    return render(request, "portal/follow_request.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def follow_code(request):
    pending = request.session.get(PENDING_KEY)
    if not pending:
        return redirect("portal:follow")
    form = FollowCodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                report = report_follow_confirm(
                    session=request.session,
                    code=pending["code"],
                    phone=pending["phone"],
                    otp=form.cleaned_data["otp"],
                )
            except OtpError as error:
                form.add_error("otp", str(error))
            else:
                del request.session[PENDING_KEY]
                return redirect("portal:follow-report", code=report.code)
    return render(
        request,
        "portal/follow_code.html",
        {"form": form, "code": pending["code"]},
        status=status,
    )


@require_GET
def follow_report(request, code: str):
    """The citizen's view of the report, for a session granted it; any other: the form."""
    report = report_followed_get(session=request.session, code=code)
    if report is None:
        return redirect(f"{reverse('portal:follow')}?{urlencode({'ma': code[:30]})}")
    answers = (
        Answer.objects.filter(report=report, status=AnswerStatus.PUBLISHED)
        .select_related("unit")
        .order_by("-published_at")
    )
    events = Event.objects.filter(report=report, is_public=True).select_related("actor_unit")
    response = render(
        request,
        "portal/follow_report.html",
        {
            "report": report,
            "answers": answers,
            "events": events,
            "minutes": int(FOLLOW_LIFETIME.total_seconds() // 60),
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response
