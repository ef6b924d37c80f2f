"""Registration of individuals and organisations, activated by an SMS code to their phone."""

from dataclasses import dataclass

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pakn.accounts.models import AccountType, OtpPurpose, User
from pakn.accounts.services.otp import OtpIssued, otp_issue, otp_verify


@dataclass(frozen=True)
class RegistrationDetails:
    """What the registration form collected, already validated and normalised."""

    account_type: AccountType
    username: str
    full_name: str
    phone: str  # E.164
    email: str
    address_province_id: int | None
    address_commune_id: int | None
    address_street: str
    password: str
    organisation_name: str = ""
    organisation_address: str = ""
    organisation_phone: str = ""
    organisation_email: str = ""


def _pending(user: User) -> bool:
    return not user.is_active and user.phone_verified_at is None and user.deleted_at is None


@transaction.atomic
def account_register(*, details: RegistrationDetails, ip_address: str | None) -> OtpIssued:
    """Creates an inactive account and sends the activation code to its phone.

    Registering again with the same ID before activating replaces the pending details, so that
    a mistyped phone number can be corrected and nobody can hold an ID number hostage."""
    existing = User.objects.select_for_update().filter(username=details.username).first()
    if existing is not None and not _pending(existing):
        raise ValidationError(
            {
                "username": _(
                    "Tài khoản này đã được đăng ký. Vui lòng đăng nhập hoặc lấy lại mật khẩu."
                )
            }
        )
    phone_owner = (
        User.objects.filter(phone=details.phone)
        .exclude(account_type=AccountType.OFFICER)
        .exclude(username=details.username)
        .first()
    )
    if phone_owner is not None:
        if _pending(phone_owner):
            phone_owner.phone = ""
            phone_owner.save(update_fields=["phone"])
        else:
            raise ValidationError(
                {"phone": _("Số điện thoại này đã được dùng cho một tài khoản khác.")}
            )
    user = existing or User(username=details.username)
    user.account_type = details.account_type
    user.full_name = details.full_name
    user.phone = details.phone
    user.email = details.email
    user.address_province_id = details.address_province_id
    user.address_commune_id = details.address_commune_id
    user.address_street = details.address_street
    user.organisation_name = details.organisation_name
    user.organisation_address = details.organisation_address
    user.organisation_phone = details.organisation_phone
    user.organisation_email = details.organisation_email
    user.is_active = False
    validate_password(details.password, user)
    user.set_password(details.password)
    user.save()
    return otp_issue(
        phone=user.phone, purpose=OtpPurpose.REGISTRATION, ip_address=ip_address, user=user
    )


def account_registration_resend(*, username: str, ip_address: str | None) -> OtpIssued:
    user = User.objects.filter(username=username).first()
    if user is None or not _pending(user):
        raise ValidationError(_("Không tìm thấy đăng ký đang chờ xác thực."))
    return otp_issue(
        phone=user.phone, purpose=OtpPurpose.REGISTRATION, ip_address=ip_address, user=user
    )


def account_activate(*, username: str, code: str) -> User:
    """Checks the activation code and opens the account. The code is checked outside any
    enclosing transaction, so that a wrong try is counted even though activation fails."""
    user = User.objects.filter(username=username).first()
    if user is None or not _pending(user):
        raise ValidationError(_("Không tìm thấy đăng ký đang chờ xác thực."))
    otp_verify(phone=user.phone, purpose=OtpPurpose.REGISTRATION, code=code)
    user.is_active = True
    user.phone_verified_at = timezone.now()
    user.save(update_fields=["is_active", "phone_verified_at"])
    return user
