import hashlib
import hmac
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from pakn.core.validators import mask_identifier, phone_national


class AccountType(models.TextChoices):
    INDIVIDUAL = "individual", _("Cá nhân")
    ORGANISATION = "organisation", _("Tổ chức, doanh nghiệp")
    OFFICER = "officer", _("Cán bộ")
    # Someone who reported by phone or e-mail without an account: no password, never logs in.
    # Registering later with the same phone turns the contact into the person's own account,
    # so the reports entered for them are theirs (pakn.accounts.services.contacts).
    CONTACT = "contact", _("Người liên hệ (chưa có tài khoản)")


class User(AbstractUser):
    """Anyone who logs in: a citizen (username = CCCD/CMND), an organisation (username =
    business code or founding-decision number) or an officer (own username).

    For an organisation, ``full_name``, ``phone`` and ``email`` are its representative's; the
    organisation's own details are the ``organisation_*`` fields."""

    account_type = models.CharField(
        _("Loại tài khoản"),
        max_length=20,
        choices=AccountType.choices,
        default=AccountType.INDIVIDUAL,
        db_index=True,
    )
    full_name = models.CharField(_("Họ và tên"), max_length=150, blank=True)
    phone = models.CharField(
        _("Số điện thoại di động"),
        max_length=16,
        blank=True,
        help_text=_("Lưu theo dạng quốc tế +84…"),
    )
    phone_verified_at = models.DateTimeField(_("Xác thực điện thoại lúc"), null=True, blank=True)
    address_province = models.ForeignKey(
        "organisations.AdministrativeArea",
        verbose_name=_("Tỉnh, thành phố"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    address_commune = models.ForeignKey(
        "organisations.AdministrativeArea",
        verbose_name=_("Xã, phường, đặc khu"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    address_street = models.CharField(_("Số nhà, đường, thôn, tổ"), max_length=250, blank=True)
    organisation_name = models.CharField(_("Tên tổ chức, doanh nghiệp"), max_length=250, blank=True)
    organisation_address = models.CharField(_("Địa chỉ tổ chức"), max_length=300, blank=True)
    organisation_phone = models.CharField(_("Điện thoại tổ chức"), max_length=20, blank=True)
    organisation_email = models.EmailField(_("Thư điện tử tổ chức"), blank=True)
    session_token = models.CharField(max_length=32, default="", blank=True, editable=False)
    password_must_change = models.BooleanField(
        _("Phải đổi mật khẩu khi đăng nhập"),
        default=False,
        help_text=_("Mật khẩu tạm do quản trị đơn vị cấp: người dùng phải đổi trước khi làm việc."),
    )
    deleted_at = models.DateTimeField(_("Xóa tài khoản lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("Người dùng")
        verbose_name_plural = _("Người dùng")
        constraints = [
            models.UniqueConstraint(
                fields=["phone"],
                # A contact keeps the phone while its owner registers with it (activation
                # then turns the contact into the account: services/registration.py).
                condition=~models.Q(phone="") & ~models.Q(account_type__in=["officer", "contact"]),
                name="user_unique_citizen_phone",
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.account_type == AccountType.ORGANISATION and self.organisation_name:
            return self.organisation_name
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name()

    @property
    def is_officer(self) -> bool:
        return self.account_type == AccountType.OFFICER

    @property
    def is_backoffice_user(self) -> bool:
        """Officers and the site's administrators: the accounts held to the stricter password,
        session and two-factor rules (a superuser made by ``createsuperuser`` is no officer)."""
        return self.account_type == AccountType.OFFICER or self.is_staff or self.is_superuser

    @property
    def phone_display(self) -> str:
        return phone_national(self.phone)

    @property
    def masked_username(self) -> str:
        """The ID number as shown to anyone but its owner and the coordinator."""
        if self.account_type == AccountType.OFFICER:
            return self.username
        return mask_identifier(self.username)

    @property
    def masked_phone(self) -> str:
        return mask_identifier(phone_national(self.phone))

    def get_session_auth_hash(self) -> str:
        """Sessions stay valid while both the password and ``session_token`` are unchanged;
        "log out everywhere" changes the token."""
        return salted_hmac(
            "pakn.accounts.User.get_session_auth_hash",
            f"{self.password}:{self.session_token}",
            algorithm="sha256",
        ).hexdigest()

    def rotate_session_token(self) -> None:
        self.session_token = secrets.token_hex(16)


class OtpPurpose(models.TextChoices):
    REGISTRATION = "registration", _("Đăng ký tài khoản")
    PASSWORD_RESET = "password_reset", _("Lấy lại mật khẩu")
    PHONE_CHANGE = "phone_change", _("Đổi số điện thoại")
    # A caller without an account follows a report entered for them by code and phone.
    REPORT_FOLLOW = "report_follow", _("Theo dõi phản ánh")


class OneTimeCode(models.Model):
    """A 6-digit code sent by SMS. Only its keyed hash is stored; it is valid for a few
    minutes, once, and void after too many wrong tries."""

    phone = models.CharField(_("Số điện thoại"), max_length=16, db_index=True)
    purpose = models.CharField(_("Mục đích"), max_length=20, choices=OtpPurpose.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="one_time_codes",
    )
    code_hash = models.CharField(max_length=64)
    sms = models.ForeignKey(
        "core.OutgoingSms",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Tin nhắn mang mã này, để trang nhập mã biết tin đã gửi được hay chưa."),
    )
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(db_index=True)
    expires_at = models.DateTimeField()
    failed_attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Mã OTP")
        verbose_name_plural = _("Mã OTP")
        indexes = [models.Index(fields=["ip_address", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} · {mask_identifier(self.phone)}"

    @staticmethod
    def hash_code(*, code: str, phone: str, purpose: str) -> str:
        key = settings.SECRET_KEY.encode()
        message = f"{purpose}:{phone}:{code}".encode()
        return hmac.new(key, message, hashlib.sha256).hexdigest()
