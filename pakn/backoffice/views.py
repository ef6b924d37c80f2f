"""Officers' pages: login with optional or mandatory two-factor authentication, the officer's
home, and delegated unit administration. Objects outside an officer's reach answer 404."""

import base64
import functools
import io
import time
from urllib.parse import urlencode

import openpyxl
import segno
from django.contrib import messages
from django.contrib.auth import authenticate, get_user_model, login, logout
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice
from openpyxl.worksheet.datavalidation import DataValidation

from pakn.accounts.decorators import officer_required
from pakn.accounts.models import AccountType
from pakn.accounts.services.passwords import password_check_at_login
from pakn.backoffice.desk_selectors import (
    inbox_count_label,
    inbox_counts,
    inbox_tabs_for,
    officer_scope,
)
from pakn.backoffice.forms import (
    BulkUploadForm,
    MembershipGrantForm,
    OfficerCreateForm,
    OfficerLoginForm,
    SubUnitCreateForm,
    TotpTokenForm,
)
from pakn.core.forms import form_add_service_errors
from pakn.core.http import client_ip
from pakn.organisations.models import Membership, MembershipRole
from pakn.organisations.unit_administration import (
    BULK_MAX_ROWS,
    OfficerDetails,
    bulk_rows_read,
    has_totp_device,
    membership_grant,
    membership_revoke,
    officer_create,
    officer_reset_password,
    officer_set_active,
    officers_administered_by,
    officers_bulk_create,
    two_factor_policy_applies,
    unit_create_child,
    units_administered_by,
)

User = get_user_model()
SESSION_PENDING_OFFICER = "backoffice:pending-officer"
PENDING_LIFETIME_SECONDS = 300
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def unit_admin_required(view):
    @officer_required
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not units_administered_by(request.user).exists():
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


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
            "is_unit_admin": units_administered_by(request.user).exists(),
            "inbox_tabs": [
                {"tab": tab, "count": inbox_count_label(counts.get(tab.slug, 0))} for tab in tabs
            ],
        },
    )


@require_POST
def officer_logout(request):
    logout(request)
    return redirect("backoffice:login")


# Unit administration ------------------------------------------------------------------------


@unit_admin_required
@require_GET
def administration(request):
    units = units_administered_by(request.user).order_by("path")
    query = request.GET.get("q", "").strip()
    officers = officers_administered_by(request.user).prefetch_related("memberships__unit")
    if query:
        officers = officers.filter(full_name__icontains=query) | officers.filter(
            username__icontains=query
        )
    return render(
        request,
        "backoffice/administration.html",
        {"units": units, "officers": officers.order_by("full_name")[:500], "query": query},
    )


@unit_admin_required
@require_http_methods(["GET", "POST"])
def officer_add(request):
    units = units_administered_by(request.user)
    form = OfficerCreateForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            officer, password = officer_create(
                actor=request.user,
                details=OfficerDetails(
                    username=data["username"],
                    full_name=data["full_name"],
                    email=data["email"],
                    phone=data["phone"],
                ),
                unit=data["unit"],
                role=data["role"],
                ip_address=client_ip(request),
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return render(
                request,
                "backoffice/password_once.html",
                {"officer": officer, "password": password},
            )
    return render(request, "backoffice/officer_form.html", {"form": form})


def _administered_officer(request, officer_id):
    return get_object_or_404(officers_administered_by(request.user), pk=officer_id)


@unit_admin_required
@require_http_methods(["GET", "POST"])
def officer_detail(request, officer_id: int):
    officer = _administered_officer(request, officer_id)
    units = units_administered_by(request.user)
    form = MembershipGrantForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        membership_grant(
            actor=request.user,
            officer=officer,
            unit=form.cleaned_data["unit"],
            role=form.cleaned_data["role"],
            ip_address=client_ip(request),
        )
        messages.success(request, _("Đã giao vai trò."))
        return redirect("backoffice:officer-detail", officer_id=officer.pk)
    memberships = (
        Membership.objects.filter(user=officer, is_active=True)
        .select_related("unit")
        .order_by("unit__path")
    )
    return render(
        request,
        "backoffice/officer_detail.html",
        {"officer": officer, "memberships": memberships, "form": form},
    )


@unit_admin_required
@require_POST
def membership_revoke_view(request, officer_id: int, membership_id: int):
    officer = _administered_officer(request, officer_id)
    membership = get_object_or_404(Membership, pk=membership_id, user=officer, is_active=True)
    try:
        membership_revoke(actor=request.user, membership=membership, ip_address=client_ip(request))
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã thu hồi vai trò."))
    return redirect("backoffice:officer-detail", officer_id=officer.pk)


@unit_admin_required
@require_POST
def officer_toggle_active(request, officer_id: int):
    officer = _administered_officer(request, officer_id)
    officer_set_active(
        actor=request.user,
        officer=officer,
        active=not officer.is_active,
        ip_address=client_ip(request),
    )
    messages.success(
        request, _("Đã mở khóa tài khoản.") if officer.is_active else _("Đã khóa tài khoản.")
    )
    return redirect("backoffice:officer-detail", officer_id=officer.pk)


@unit_admin_required
@require_POST
def officer_password_reset(request, officer_id: int):
    officer = _administered_officer(request, officer_id)
    password = officer_reset_password(
        actor=request.user, officer=officer, ip_address=client_ip(request)
    )
    return render(
        request, "backoffice/password_once.html", {"officer": officer, "password": password}
    )


@unit_admin_required
@require_http_methods(["GET", "POST"])
def sub_unit_add(request):
    units = units_administered_by(request.user)
    form = SubUnitCreateForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            unit = unit_create_child(
                actor=request.user,
                parent=data["parent"],
                name=data["name"],
                code=data["code"],
                kind=data["kind"],
                email=data["email"],
                phone=data["phone"],
                ip_address=client_ip(request),
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Đã tạo đơn vị %(name)s.") % {"name": unit.name})
            return redirect("backoffice:administration")
    return render(request, "backoffice/sub_unit_form.html", {"form": form})


@unit_admin_required
@require_http_methods(["GET", "POST"])
def officers_bulk_upload(request):
    form = BulkUploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = bulk_rows_read(filename=upload.name, content=upload.read())
        except ValidationError as error:
            form.add_error("file", error.messages)
        else:
            result = officers_bulk_create(
                actor=request.user, rows=rows, ip_address=client_ip(request)
            )
    return render(request, "backoffice/bulk_upload.html", {"form": form, "result": result})


def _bulk_template_lists(workbook, sheet, units) -> None:
    """Drop-down lists in the unit and role columns (openpyxl data validation), their values
    on a second sheet, "Danh muc" (the active sheet stays the one the import reads)."""
    lists = workbook.create_sheet("Danh muc")
    lists.append(["Mã đơn vị", "Tên đơn vị", "Vai trò"])
    roles = [str(label) for _value, label in MembershipRole.choices]
    for index in range(max(len(units), len(roles))):
        unit = units[index] if index < len(units) else None
        lists.append([unit.code if unit else None, unit.name if unit else None,
                      roles[index] if index < len(roles) else None])  # fmt: skip
    for column, letter, count, prompt in (
        ("E", "A", len(units), _("Chọn mã đơn vị trong danh sách.")),
        ("F", "C", len(roles), _("Chọn vai trò trong danh sách.")),
    ):
        validation = DataValidation(
            type="list",
            formula1=f"'Danh muc'!${letter}$2:${letter}${count + 1}",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=str(_("Giá trị không có trong danh sách")),
            error=str(prompt),
            promptTitle=str(_("Danh sách")),
            prompt=str(prompt),
        )
        validation.add(f"{column}2:{column}{BULK_MAX_ROWS + 1}")
        sheet.add_data_validation(validation)
    workbook.active = 0


@unit_admin_required
@require_GET
def officers_bulk_template(request):
    """An XLSX template with the expected columns and one example row per unit administered."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Can bo"
    sheet.append(
        ["Họ và tên", "Tên đăng nhập", "Thư điện tử", "Số điện thoại", "Mã đơn vị", "Vai trò"]
    )
    units = list(units_administered_by(request.user).order_by("path")[:500])
    for unit in units[:30]:
        sheet.append(["", "", "", "", unit.code, str(MembershipRole.HANDLER.label)])
    _bulk_template_lists(workbook, sheet, units)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-can-bo.xlsx"'
    return response
