"""Sign-in for apps (/api/v1/auth/): register an individual or an organisation, confirm the
SMS code, log in by ID number, business code or phone, forgot password, log out here or
everywhere. Each endpoint reads the pages' own form (without the captcha) and calls the
pages' services (pakn.accounts.services), so the rules, messages and limits are the same:
codes are limited per phone and per address by the code service, wrong passwords by
django-axes with the login page's counters (per account and address), and every endpoint
here by a per-address throttle. Answers never tell whether an ID number or phone has an
account (registration and forgot password answer alike either way)."""

from django.contrib.auth import authenticate, user_logged_in
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django_otp import match_token
from drf_spectacular.utils import OpenApiExample, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from pakn.accounts.forms import (
    ForgotPasswordForm,
    IndividualRegistrationForm,
    LoginForm,
    OneTimeCodeForm,
    OrganisationRegistrationForm,
    PasswordResetForm,
)
from pakn.accounts.services.otp import OtpError, OtpIssued, OtpThrottled
from pakn.accounts.services.passwords import (
    login_username,
    password_check_at_login,
    password_reset_complete,
    password_reset_request,
    sessions_end_everywhere,
)
from pakn.accounts.services.registration import (
    RegistrationDetails,
    account_activate,
    account_register,
    account_registration_resend,
)
from pakn.api.v1.authentication import app_token_issue
from pakn.api.v1.inputs import form_cleaned, form_data, without_captcha
from pakn.api.v1.problems import Problem
from pakn.api.v1.serializers import ProfileSerializer, profile_of
from pakn.api.v1.throttles import AddressThrottle, SignInThrottle, UserThrottle
from pakn.core.http import client_ip
from pakn.core.validators import mask_identifier, normalise_vn_mobile, phone_national
from pakn.organisations.unit_administration import has_totp_device, two_factor_policy_applies

AppIndividualRegistrationForm = without_captcha(IndividualRegistrationForm)
AppOrganisationRegistrationForm = without_captcha(OrganisationRegistrationForm)
AppLoginForm = without_captcha(LoginForm)
AppForgotPasswordForm = without_captcha(ForgotPasswordForm)


class SignInEndpoint(APIView):
    authentication_classes: list = []  # no session, no CSRF: these endpoints sign in
    permission_classes = [AllowAny]
    throttle_classes = [SignInThrottle, AddressThrottle]


# --- Documentation of the bodies ------------------------------------------------------------

CodeSentSerializer = inline_serializer(
    "CodeSent",
    {
        "detail": serializers.CharField(),
        "masked_phone": serializers.CharField(),
        "expires_at": serializers.DateTimeField(),
        "resend_after_seconds": serializers.IntegerField(),
    },
)
TokenSerializer = inline_serializer(
    "SignedIn",
    {
        "token": serializers.CharField(help_text="Gửi lại trong tiêu đề `Authorization: Token …`"),
        "expires_at": serializers.DateTimeField(allow_null=True),
        "account": ProfileSerializer(),
    },
)
DetailSerializer = inline_serializer("Detail", {"detail": serializers.CharField()})

_REGISTRATION_FIELDS = {
    "full_name": serializers.CharField(max_length=150),
    "phone": serializers.CharField(max_length=20),
    "email": serializers.EmailField(required=False),
    "address_province": serializers.IntegerField(),
    "address_commune": serializers.IntegerField(),
    "address_street": serializers.CharField(max_length=250, required=False),
    "password1": serializers.CharField(),
    "password2": serializers.CharField(),
}
IndividualRegistrationSerializer = inline_serializer(
    "IndividualRegistration",
    {"username": serializers.CharField(max_length=12, help_text="Số CCCD/CMND"),
     **_REGISTRATION_FIELDS},
)  # fmt: skip
OrganisationRegistrationSerializer = inline_serializer(
    "OrganisationRegistration",
    {
        "username": serializers.CharField(
            max_length=30, help_text="Mã số doanh nghiệp / số quyết định thành lập"
        ),
        "organisation_name": serializers.CharField(max_length=250),
        "organisation_phone": serializers.CharField(max_length=20, required=False),
        "organisation_email": serializers.EmailField(required=False),
        **_REGISTRATION_FIELDS,
    },
)
PendingSerializer = inline_serializer(
    "PendingRegistration",
    {"username": serializers.CharField(max_length=30), "phone": serializers.CharField(max_length=20)},
)  # fmt: skip
ConfirmSerializer = inline_serializer(
    "RegistrationConfirm",
    {
        "username": serializers.CharField(max_length=30),
        "phone": serializers.CharField(max_length=20),
        "code": serializers.CharField(min_length=6, max_length=6),
    },
)
LoginSerializer = inline_serializer(
    "Login",
    {
        "login": serializers.CharField(
            max_length=30,
            help_text="Số CCCD/CMND, mã số doanh nghiệp, số điện thoại hoặc tên đăng nhập cán bộ",
        ),
        "password": serializers.CharField(),
        "otp_token": serializers.CharField(
            required=False, help_text="Mã xác thực hai lớp (cán bộ đã cài đặt)"
        ),
    },
)
ForgotSerializer = inline_serializer("ForgotPassword", {"phone": serializers.CharField()})
ResetSerializer = inline_serializer(
    "PasswordReset",
    {
        "phone": serializers.CharField(),
        "code": serializers.CharField(min_length=6, max_length=6),
        "password1": serializers.CharField(),
        "password2": serializers.CharField(),
    },
)

REGISTRATION_EXAMPLE = OpenApiExample(
    "Cá nhân",
    value={
        "username": "001203004005",
        "full_name": "Nguyễn Văn An",
        "phone": "0912345678",
        "email": "an@example.vn",
        "address_province": 1,
        "address_commune": 2,
        "address_street": "12 Trần Phú",
        "password1": "Mat-khau-2026!",
        "password2": "Mat-khau-2026!",
    },
    request_only=True,
)


def _code_sent(issued: OtpIssued, message: str) -> Response:
    return Response(
        {
            "detail": message,
            "masked_phone": mask_identifier(phone_national(issued.phone)),
            "expires_at": issued.expires_at,
            "resend_after_seconds": issued.resend_after_seconds,
        },
        status=202,
    )


def _otp_problem(error: OtpError, field: str) -> Exception:
    if isinstance(error, OtpThrottled):
        return Problem(
            status_code=429,
            kind="too-many-codes",
            detail=str(error),
            headers={"Retry-After": str(max(1, error.retry_after_seconds))},
        )
    return ValidationError({field: [str(error)]})


def _password_problem(error: DjangoValidationError) -> ValidationError:
    if hasattr(error, "error_dict"):
        return ValidationError({k: [str(m) for e in v for m in e.messages]
                                for k, v in error.error_dict.items()})  # fmt: skip
    return ValidationError({"password1": list(error.messages)})


def _signed_in(request, user) -> Response:
    token, clear = app_token_issue(user=user)
    django_request = request._request
    # What a login does besides the session (last login, django-axes' reset of this
    # account's failures); the officers' session timer has nothing to keep here.
    user_logged_in.send(sender=user.__class__, request=django_request, user=user)
    if hasattr(django_request, "session"):
        django_request.session.modified = False
    return Response(
        {"token": clear, "expires_at": token.expiry, "account": profile_of(user)}, status=200
    )


# --- Registration ---------------------------------------------------------------------------


class Register(SignInEndpoint):
    form_class = AppIndividualRegistrationForm

    @extend_schema(
        summary="Đăng ký tài khoản cá nhân (gửi mã xác thực qua SMS)",
        request=IndividualRegistrationSerializer,
        responses={202: CodeSentSerializer},
        examples=[REGISTRATION_EXAMPLE],
        tags=["Đăng nhập"],
    )
    def post(self, request):
        form = self.form_class(form_data(request))
        data = form_cleaned(form)
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
            issued = account_register(details=details, ip_address=client_ip(request))
        except DjangoValidationError as error:
            raise _password_problem(error) from None
        except OtpError as error:
            raise _otp_problem(error, "phone") from None
        return _code_sent(
            issued,
            _("Mã xác thực đã được gửi đến số điện thoại đăng ký. Nhập mã để hoàn tất đăng ký."),
        )


class RegisterOrganisation(Register):
    form_class = AppOrganisationRegistrationForm

    @extend_schema(
        summary="Đăng ký tài khoản tổ chức, doanh nghiệp (gửi mã xác thực qua SMS)",
        request=OrganisationRegistrationSerializer,
        responses={202: CodeSentSerializer},
        tags=["Đăng nhập"],
    )
    def post(self, request):
        return super().post(request)


def _pending(request) -> tuple[str, str]:
    data = form_data(request)
    username = (data.get("username") or "").strip().upper()
    try:
        phone = normalise_vn_mobile(data.get("phone") or "")
    except DjangoValidationError as error:
        raise ValidationError({"phone": list(error.messages)}) from None
    if not username:
        raise ValidationError({"username": [_("Vui lòng nhập số giấy tờ đã đăng ký.")]})
    return username, phone


class RegisterResend(SignInEndpoint):
    @extend_schema(
        summary="Gửi lại mã xác thực đăng ký",
        request=PendingSerializer,
        responses={202: CodeSentSerializer},
        tags=["Đăng nhập"],
    )
    def post(self, request):
        username, phone = _pending(request)
        try:
            issued = account_registration_resend(
                username=username, phone=phone, ip_address=client_ip(request)
            )
        except OtpError as error:
            raise _otp_problem(error, "phone") from None
        return _code_sent(issued, _("Đã gửi lại mã xác thực đến số điện thoại của Ông/bà."))


class RegisterConfirm(SignInEndpoint):
    @extend_schema(
        summary="Nhập mã xác thực để kích hoạt tài khoản và đăng nhập",
        request=ConfirmSerializer,
        responses={200: TokenSerializer},
        examples=[
            OpenApiExample(
                "Mã từ tin nhắn",
                value={"username": "001203004005", "phone": "0912345678", "code": "123456"},
                request_only=True,
            )
        ],
        tags=["Đăng nhập"],
    )
    def post(self, request):
        username, phone = _pending(request)
        code = form_cleaned(OneTimeCodeForm(form_data(request)))["code"]
        try:
            user = account_activate(username=username, phone=phone, code=code)
        except OtpError as error:
            raise _otp_problem(error, "code") from None
        return _signed_in(request, user)


# --- Login and logout -----------------------------------------------------------------------


class Login(SignInEndpoint):
    @extend_schema(
        summary="Đăng nhập bằng số CCCD/CMND, mã số doanh nghiệp hoặc số điện thoại",
        description=(
            "Trả về mã đăng nhập (token) cho thiết bị này. Sai mật khẩu quá 5 lần (tính chung "
            "với trang đăng nhập) thì tạm khóa 15 phút (429). Cán bộ đã cài xác thực hai lớp "
            "gửi kèm `otp_token`."
        ),
        request=LoginSerializer,
        responses={200: TokenSerializer},
        examples=[
            OpenApiExample(
                "Người dân",
                value={"login": "001203004005", "password": "Mat-khau-2026!"},
                request_only=True,
            ),
            OpenApiExample(
                "Cán bộ có xác thực hai lớp",
                value={"login": "xuly.sxd", "password": "Mat-khau-2026!", "otp_token": "123456"},
                request_only=True,
            ),
        ],
        tags=["Đăng nhập"],
    )
    def post(self, request):
        data = form_data(request)
        cleaned = form_cleaned(AppLoginForm(data))
        typed = cleaned["login"].strip()
        username = login_username(typed)
        # The Django request, so that django-axes counts this try with the login page's.
        django_request = request._request
        user = authenticate(django_request, username=username, password=cleaned["password"])
        if getattr(django_request, "axes_locked_out", False):
            # AxesMiddleware answers with pakn.accounts.lockout.lockout_response (429).
            raise Problem(status_code=429, kind="locked-out", detail=_("Tạm khóa đăng nhập."))
        if user is None:
            raise ValidationError(
                {"detail": _("Tên đăng nhập hoặc mật khẩu không đúng."), "errors": {}}
            )
        if user.is_backoffice_user:
            password_check_at_login(user=user, password=cleaned["password"])
            self._second_factor(user, (data.get("otp_token") or "").strip())
            if user.password_must_change:
                raise Problem(
                    status_code=403,
                    kind="password-must-change",
                    detail=_(
                        "Bạn đang dùng mật khẩu tạm. Vui lòng đổi mật khẩu trên trang web "
                        "trước khi dùng ứng dụng."
                    ),
                )
        return _signed_in(request, user)

    def _second_factor(self, user, token: str) -> None:
        """The officers' login rule: a holder of a device gives its code (the same
        django-otp check as /can-bo/dang-nhap/); a role that must have one but has none
        sets it up on the website first."""
        if has_totp_device(user):
            if not token:
                raise ValidationError({"otp_token": [_("Vui lòng nhập mã xác thực hai lớp.")]})
            if match_token(user, token) is None:
                raise ValidationError({"otp_token": [_("Mã xác thực không đúng hoặc đã hết hạn.")]})
        elif two_factor_policy_applies(user):
            raise Problem(
                status_code=403,
                kind="two-factor-setup-required",
                detail=_(
                    "Vai trò của bạn bắt buộc xác thực hai lớp. Vui lòng cài đặt trên trang "
                    "web trước khi dùng ứng dụng."
                ),
            )


class Logout(APIView):
    permission_classes = [IsAuthenticated]
    throttle_classes = [UserThrottle, AddressThrottle]

    @extend_schema(
        summary="Đăng xuất thiết bị này", request=None, responses={204: None}, tags=["Đăng nhập"]
    )
    def post(self, request):
        if request.auth is not None and hasattr(request.auth, "delete"):
            request.auth.delete()
        return Response(status=204)


class LogoutEverywhere(APIView):
    permission_classes = [IsAuthenticated]
    throttle_classes = [UserThrottle, AddressThrottle]

    @extend_schema(
        summary="Đăng xuất mọi thiết bị (ứng dụng và trình duyệt)",
        request=None,
        responses={204: None},
        tags=["Đăng nhập"],
    )
    def post(self, request):
        sessions_end_everywhere(user=request.user)
        return Response(status=204)


# --- Forgotten password ---------------------------------------------------------------------


class ForgotPassword(SignInEndpoint):
    @extend_schema(
        summary="Quên mật khẩu: gửi mã lấy lại mật khẩu đến số điện thoại đã đăng ký",
        request=ForgotSerializer,
        responses={202: CodeSentSerializer},
        examples=[
            OpenApiExample("Số điện thoại", value={"phone": "0912345678"}, request_only=True)
        ],  # fmt: skip
        tags=["Đăng nhập"],
    )
    def post(self, request):
        phone = form_cleaned(AppForgotPasswordForm(form_data(request)))["phone"]
        try:
            issued = password_reset_request(phone=phone, ip_address=client_ip(request))
        except OtpError as error:
            raise _otp_problem(error, "phone") from None
        return _code_sent(
            issued, _("Nếu số điện thoại đã đăng ký, mã lấy lại mật khẩu đã được gửi đến số đó.")
        )


class PasswordReset(SignInEndpoint):
    @extend_schema(
        summary="Đặt mật khẩu mới bằng mã đã nhận",
        request=ResetSerializer,
        responses={200: DetailSerializer},
        tags=["Đăng nhập"],
    )
    def post(self, request):
        data = form_data(request)
        try:
            phone = normalise_vn_mobile(data.get("phone") or "")
        except DjangoValidationError as error:
            raise ValidationError({"phone": list(error.messages)}) from None
        cleaned = form_cleaned(PasswordResetForm(data))
        try:
            password_reset_complete(
                phone=phone, code=cleaned["code"], new_password=cleaned["password1"]
            )
        except OtpError as error:
            raise _otp_problem(error, "code") from None
        except DjangoValidationError as error:
            raise _password_problem(error) from None
        return Response({"detail": _("Đã đặt mật khẩu mới. Vui lòng đăng nhập.")})
