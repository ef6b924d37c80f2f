"""Officers' pages: login with optional or mandatory two-factor authentication, the officer's
home, and delegated unit administration. Objects outside an officer's reach answer 404."""

import base64
import io
import time
from urllib.parse import urlencode

import segno
from django.contrib import messages
from django.contrib.auth import authenticate, get_user_model, login, logout
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from pakn.accounts.decorators import officer_required
from pakn.accounts.models import AccountType
from pakn.accounts.services.passwords import password_check_at_login
from pakn.backoffice.desk.selectors import (
    inbox_count_label,
    inbox_counts,
    inbox_tabs_for,
    officer_scope,
)
from pakn.backoffice.forms import (
    OfficerLoginForm,
    TotpTokenForm,
)
from pakn.organisations.models import Membership
from pakn.organisations.unit_administration import (
    administers_units,
    has_totp_device,
    two_factor_policy_applies,
)

User = get_user_model()
SESSION_PENDING_OFFICER = "backoffice:pending-officer"
PENDING_LIFETIME_SECONDS = 300
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _login_url():
    return reverse("backoffice:login")


def _home_of(user) -> str:
    """Officers work in /can-bo/; an administrator who is no officer only has the admin."""
    return "backoffice:home" if user.account_type == AccountType.OFFICER else "admin:index"


def _safe_next(request):
    next_url = request.GET.get("next", "")
    if next_url.startswith("/") and not next_url.startswith("//"):
        return redirect(next_url)
    return redirect(_home_of(request.user))


@require_http_methods(["GET", "POST"])
def officer_login(request):
    form = OfficerLoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request,
            username=form.cleaned_data["username"].strip(),
            password=form.cleaned_data["password"],
        )
        if getattr(request, "axes_locked_out", False):
            return HttpResponse(status=429)  # replaced by the lockout page
        if user is None or not user.is_backoffice_user:
            form.add_error(None, _("Tên đăng nhập hoặc mật khẩu không đúng."))
            return render(request, "backoffice/login.html", {"form": form})
        password_check_at_login(user=user, password=form.cleaned_data["password"])
        if has_totp_device(user):
            request.session[SESSION_PENDING_OFFICER] = {"id": user.pk, "at": time.time()}
            return redirect(f"{_two_factor_url()}?{request.GET.urlencode()}")
        login(request, user, backend=MODEL_BACKEND)
        if two_factor_policy_applies(user):
            messages.warning(
                request,
                _(
                    "Vai trò của bạn bắt buộc xác thực hai lớp. Vui lòng cài đặt trước khi tiếp tục."
                ),
            )
            setup_url = reverse("backoffice:totp-setup")
            return redirect(f"{setup_url}?{request.GET.urlencode()}")
        return _safe_next(request)
    return render(request, "backoffice/login.html", {"form": form})


@require_http_methods(["GET", "POST"])
def admin_login(request):
    """The Django admin has no login of its own: /admin/login/ sends to the officers' login,
    which asks for the second factor, then comes back to the admin page asked for."""
    next_url = request.GET.get("next", "")
    if not next_url.startswith("/") or next_url.startswith("//"):
        next_url = reverse("admin:index")
    return redirect(f"{_login_url()}?{urlencode({'next': next_url})}")


def _two_factor_url():
    return reverse("backoffice:login-two-factor")


@require_http_methods(["GET", "POST"])
def officer_login_two_factor(request):
    pending = request.session.get(SESSION_PENDING_OFFICER)
    if not pending or time.time() - pending["at"] > PENDING_LIFETIME_SECONDS:
        request.session.pop(SESSION_PENDING_OFFICER, None)
        messages.info(request, _("Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại."))
        return redirect("backoffice:login")
    user = get_object_or_404(User, pk=pending["id"], is_active=True)
    form = TotpTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["token"].strip())
        if device is None:
            form.add_error("token", _("Mã xác thực không đúng hoặc đã hết hạn."))
        else:
            del request.session[SESSION_PENDING_OFFICER]
            login(request, user, backend=MODEL_BACKEND)
            otp_login(request, device)
            return _safe_next(request)
    return render(request, "backoffice/two_factor.html", {"form": form})


@require_http_methods(["GET", "POST"])
def totp_setup(request):
    user = request.user
    if not user.is_authenticated or not user.is_backoffice_user:
        return redirect("backoffice:login")
    if has_totp_device(user):
        # Adding a device is for someone who has none; a holder who has not given the code
        # in this session never reaches here (the middleware logs them out).
        messages.info(request, _("Bạn đã bật xác thực hai lớp."))
        return redirect(_home_of(user))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="PAKN", confirmed=False)
    form = TotpTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, _("Đã bật xác thực hai lớp."))
            return _safe_next(request)
        form.add_error("token", _("Mã xác thực không đúng. Hãy kiểm tra giờ trên điện thoại."))
    qr = segno.make(device.config_url, error="m")
    buffer = io.BytesIO()
    qr.save(buffer, kind="svg", scale=5, xmldecl=False, svgns=True)
    return render(
        request,
        "backoffice/totp_setup.html",
        {
            "form": form,
            "qr_svg_base64": base64.b64encode(buffer.getvalue()).decode(),
            "secret": base64.b32encode(device.bin_key).decode().rstrip("="),
        },
    )


@officer_required
@require_GET
def home(request):
    memberships = (
        Membership.objects.filter(user=request.user, is_active=True)
        .select_related("unit")
        .order_by("unit__path", "role")
    )
    scope = officer_scope(request.user)
    tabs = inbox_tabs_for(scope)
    counts = inbox_counts(request.user, scope, tabs)
    return render(
        request,
        "backoffice/home.html",
        {
            "memberships": memberships,
            "is_unit_admin": administers_units(request.user),
            "inbox_tabs": [
                {"tab": tab, "count": inbox_count_label(counts.get(tab.slug, 0))} for tab in tabs
            ],
        },
    )


@require_POST
def officer_logout(request):
    logout(request)
    return redirect("backoffice:login")
