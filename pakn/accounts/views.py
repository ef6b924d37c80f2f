"""Citizens' and organisations' account pages (seed 002: Đăng ký, Đăng nhập, Quên mật khẩu,
Đổi mật khẩu, Quản lý tài khoản, Xóa tài khoản). Each view parses a form, calls one service
and renders; refusals come back on the same page with everything typed still there."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pakn.accounts.decorators import citizen_required
from pakn.accounts.forms import (
    AccountDeleteForm,
    AdministrativeArea,
    ForgotPasswordForm,
    IndividualRegistrationForm,
    LoginForm,
    OneTimeCodeForm,
    OrganisationProfileForm,
    OrganisationRegistrationForm,
    PasswordChangeForm,
    PasswordResetForm,
    PhoneChangeForm,
    ProfileForm,
)
from pakn.accounts.models import AccountType, OtpPurpose
from pakn.accounts.services.otp import OtpError, otp_sms_failed
from pakn.accounts.services.passwords import (
    login_username,
    password_change,
    password_reset_complete,
    password_reset_request,
    sessions_end_everywhere,
)
from pakn.accounts.services.profile import (
    account_delete,
    account_export,
    phone_change_confirm,
    phone_change_request,
    profile_update,
)
from pakn.accounts.services.registration import (
    RegistrationDetails,
    account_activate,
    account_register,
    account_registration_resend,
)
from pakn.core.forms import form_add_service_errors
from pakn.core.http import client_ip
from pakn.core.typed_input import ID_MAX, parse_int
from pakn.core.validators import mask_identifier, phone_national

SESSION_PENDING_REGISTRATION = "accounts:pending-registration"
SESSION_PASSWORD_RESET_PHONE = "accounts:password-reset-phone"  # noqa: S105 - a session key
SESSION_PHONE_CHANGE = "accounts:phone-change"


def _apply_password_error(form, error: ValidationError) -> None:
    """Password validators speak about "password"; show it under the new-password field."""
    if hasattr(error, "error_dict"):
        form_add_service_errors(form, error)
    else:
        form.add_error("password1", error)


@require_http_methods(["GET", "POST"])
def register(request, account_type: str = AccountType.INDIVIDUAL):
    form_class = (
        OrganisationRegistrationForm
        if account_type == AccountType.ORGANISATION
        else IndividualRegistrationForm
    )
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        details = RegistrationDetails(
            account_type=form.account_type,
            username=data["username"],
            full_name=data["full_name"],
            phone=data["phone"],
            email=data.get("email", ""),
            address_province_id=data["address_province"].pk,
            address_commune_id=data["address_commune"].pk,
            address_street=data.get("address_street", ""),
            password=data["password1"],
            organisation_name=data.get("organisation_name", ""),
            organisation_address=data.get("address_street", ""),
            organisation_phone=data.get("organisation_phone", ""),
            organisation_email=data.get("organisation_email", ""),
        )
        try:
            account_register(details=details, ip_address=client_ip(request))
        except ValidationError as error:
            _apply_password_error(form, error)
        except OtpError as error:
            form.add_error("phone", str(error))
        else:
            request.session[SESSION_PENDING_REGISTRATION] = {
                "username": details.username,
                "phone": details.phone,
            }
            return redirect("accounts:register-verify")
    return render(
        request,
        "accounts/register.html",
        {"form": form, "account_type": form.account_type},
    )


@require_http_methods(["GET", "POST"])
def register_verify(request):
    """The same page whether a new account waits or the ID/phone already had one (then no
    code was sent and none can match): nothing here tells which."""
    pending = request.session.get(SESSION_PENDING_REGISTRATION)
    if not isinstance(pending, dict):
        messages.info(request, _("Vui lòng đăng ký trước khi nhập mã xác thực."))
        return redirect("accounts:register")
    username, phone = pending["username"], pending["phone"]
    form = OneTimeCodeForm(request.POST if "code" in request.POST else None)
    if request.method == "POST" and "resend" in request.POST:
        try:
            account_registration_resend(
                username=username, phone=phone, ip_address=client_ip(request)
            )
        except OtpError as error:
            messages.error(request, str(error))
        else:
            if not otp_sms_failed(phone=phone, purpose=OtpPurpose.REGISTRATION):
                messages.success(request, _("Đã gửi lại mã xác thực đến số điện thoại của Ông/bà."))
        return redirect("accounts:register-verify")
    if request.method == "POST" and form.is_valid():
        try:
            user = account_activate(username=username, phone=phone, code=form.cleaned_data["code"])
        except (OtpError, ValidationError) as error:
            form.add_error("code", " ".join(getattr(error, "messages", [str(error)])))
        else:
            del request.session[SESSION_PENDING_REGISTRATION]
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Đăng ký thành công. Chào mừng Ông/bà đến với hệ thống!"))
            return redirect("accounts:profile")
    return render(
        request,
        "accounts/otp.html",
        {
            "form": form,
            "title": _("Xác thực tài khoản"),
            "masked_phone": mask_identifier(phone_national(phone)),
            "can_resend": True,
            "sms_failed": otp_sms_failed(phone=phone, purpose=OtpPurpose.REGISTRATION),
        },
    )


def _after_login_url(request) -> str:
    """Where a citizen goes once signed in: the page they were going to (``next``, only
    when it is on this site), otherwise their reports (LOGIN_REDIRECT_URL)."""
    next_url = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return reverse(settings.LOGIN_REDIRECT_URL)


@require_http_methods(["GET", "POST"])
def login_view(request):
    if request.user.is_authenticated and request.method == "GET":
        return redirect(_after_login_url(request))
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = login_username(form.cleaned_data["login"])
        user = authenticate(request, username=username, password=form.cleaned_data["password"])
        if getattr(request, "axes_locked_out", False):
            # AxesMiddleware replaces this response with lockout_response().
            return HttpResponse(status=429)
        if user is None or user.is_backoffice_user:
            # Officers and administrators log in on the officers' tab, with the second factor.
            form.add_error(
                None,
                _("Tên đăng nhập hoặc mật khẩu không đúng. Cán bộ vui lòng dùng mục Cán bộ.")
                if user is not None
                else _("Tên đăng nhập hoặc mật khẩu không đúng."),
            )
        else:
            login(request, user)
            return redirect(_after_login_url(request))
    return render(request, "accounts/login.html", {"form": form})


@require_POST
def logout_view(request):
    logout(request)
    messages.info(request, _("Ông/bà đã đăng xuất."))
    return redirect("portal:home")


@login_required
@require_POST
def logout_everywhere(request):
    sessions_end_everywhere(user=request.user)
    logout(request)
    messages.info(request, _("Đã đăng xuất khỏi mọi thiết bị."))
    return redirect("accounts:login")


@require_http_methods(["GET", "POST"])
def forgot_password(request):
    form = ForgotPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        phone = form.cleaned_data["phone"]
        try:
            password_reset_request(phone=phone, ip_address=client_ip(request))
        except OtpError as error:
            form.add_error("phone", str(error))
        else:
            request.session[SESSION_PASSWORD_RESET_PHONE] = phone
            return redirect("accounts:password-reset")
    return render(request, "accounts/forgot_password.html", {"form": form})


@require_http_methods(["GET", "POST"])
def password_reset(request):
    phone = request.session.get(SESSION_PASSWORD_RESET_PHONE)
    if not phone:
        return redirect("accounts:forgot-password")
    form = PasswordResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            password_reset_complete(
                phone=phone,
                code=form.cleaned_data["code"],
                new_password=form.cleaned_data["password1"],
            )
        except OtpError as error:
            form.add_error("code", str(error))
        except ValidationError as error:
            _apply_password_error(form, error)
        else:
            del request.session[SESSION_PASSWORD_RESET_PHONE]
            messages.success(request, _("Đã đặt mật khẩu mới. Vui lòng đăng nhập."))
            return redirect("accounts:login")
    return render(
        request,
        "accounts/password_reset.html",
        {
            "form": form,
            "masked_phone": mask_identifier(phone_national(phone)),
            "sms_failed": otp_sms_failed(phone=phone, purpose=OtpPurpose.PASSWORD_RESET),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def password_change_view(request):
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = password_change(
                user=request.user,
                old_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["password1"],
            )
        except ValidationError as error:
            _apply_password_error(form, error)
        else:
            update_session_auth_hash(request, user)  # this session stays, with a new key
            messages.success(
                request, _("Đã đổi mật khẩu. Các phiên đăng nhập trên thiết bị khác đã kết thúc.")
            )
            next_url = request.GET.get("next", "")
            if next_url.startswith("/") and not next_url.startswith("//"):
                return redirect(next_url)
            # Officers have no citizen profile; their home is the officers' tab.
            return redirect("backoffice:home" if user.is_officer else "accounts:profile")
    return render(request, "accounts/password_change.html", {"form": form})


@citizen_required
@require_http_methods(["GET", "POST"])
def profile(request):
    user = request.user
    form_class = (
        OrganisationProfileForm if user.account_type == AccountType.ORGANISATION else ProfileForm
    )
    initial = {
        name: getattr(user, name)
        for name in form_class.base_fields
        if name not in {"address_province", "address_commune"}
    }
    initial["address_province"] = user.address_province_id
    initial["address_commune"] = user.address_commune_id
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = dict(form.cleaned_data)
        changes["address_province_id"] = changes.pop("address_province").pk
        changes["address_commune_id"] = changes.pop("address_commune").pk
        profile_update(user=user, **changes)
        messages.success(request, _("Đã lưu thông tin tài khoản."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form, "account": user})


@citizen_required
@require_http_methods(["GET", "POST"])
def phone_change(request):
    form = PhoneChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        new_phone = form.cleaned_data["phone"]
        try:
            phone_change_request(
                user=request.user, new_phone=new_phone, ip_address=client_ip(request)
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        except OtpError as error:
            form.add_error("phone", str(error))
        else:
            request.session[SESSION_PHONE_CHANGE] = new_phone
            return redirect("accounts:phone-change-verify")
    return render(request, "accounts/phone_change.html", {"form": form})


@citizen_required
@require_http_methods(["GET", "POST"])
def phone_change_verify(request):
    new_phone = request.session.get(SESSION_PHONE_CHANGE)
    if not new_phone:
        return redirect("accounts:phone-change")
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            phone_change_confirm(
                user=request.user, new_phone=new_phone, code=form.cleaned_data["code"]
            )
        except (OtpError, ValidationError) as error:
            form.add_error("code", " ".join(getattr(error, "messages", [str(error)])))
        else:
            del request.session[SESSION_PHONE_CHANGE]
            messages.success(request, _("Đã đổi số điện thoại."))
            return redirect("accounts:profile")
    return render(
        request,
        "accounts/otp.html",
        {
            "form": form,
            "title": _("Xác thực số điện thoại mới"),
            "masked_phone": mask_identifier(phone_national(new_phone)),
            "can_resend": False,
            "retry_url": reverse("accounts:phone-change"),
            "sms_failed": otp_sms_failed(phone=new_phone, purpose=OtpPurpose.PHONE_CHANGE),
        },
    )


@citizen_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = AccountDeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account_delete(user=request.user, password=form.cleaned_data["password"])
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            logout(request)
            messages.success(request, _("Tài khoản của Ông/bà đã được xóa."))
            return redirect("portal:home")
    return render(request, "accounts/delete_account.html", {"form": form})


@citizen_required
@require_GET
def download_my_data(request):
    document = account_export(user=request.user)
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"pakn-du-lieu-ca-nhan-{timezone.localdate():%Y%m%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def communes_of_province(request):
    """Communes, wards and special zones of a province, for the address selects."""
    try:
        province_id = parse_int(request.GET.get("tinh", ""), minimum=1, maximum=ID_MAX)
    except ValidationError:
        return JsonResponse({"error": _("Thiếu mã tỉnh, thành phố.")}, status=400)
    communes = AdministrativeArea.objects.filter(parent_id=province_id, is_active=True).order_by(
        "name"
    )
    return JsonResponse({"communes": [{"id": c.pk, "name": c.name} for c in communes]})


def register_organisation(request):
    return register(request, account_type=AccountType.ORGANISATION)
