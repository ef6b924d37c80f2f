"""A person's own account: details, phone change by SMS code, export and deletion."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pakn.accounts.models import AccountType, OneTimeCode, OtpPurpose, User
from pakn.accounts.services.otp import OtpIssued, otp_issue, otp_verify
from pakn.core.sms import sms_queue

PROFILE_FIELDS = (
    "full_name",
    "email",
    "address_province_id",
    "address_commune_id",
    "address_street",
    "organisation_name",
    "organisation_address",
    "organisation_phone",
    "organisation_email",
)


def profile_update(*, user: User, **changes) -> User:
    """Saves the editable details; the phone number changes only through an SMS code."""
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"not editable here: {', '.join(sorted(unknown))}")
    for field, value in changes.items():
        setattr(user, field, value)
    user.save(update_fields=[field.removesuffix("_id") for field in changes] or None)
    return user


PHONE_TAKEN_SMS = (
    "PAKN: Vua co nguoi yeu cau dung so dien thoai cua ban cho mot tai khoan khac. "
    "So cua ban khong bi thay doi. Neu can ho tro, hay lien he duong day nong."
)


def _phone_owner(*, phone: str, user: User) -> User | None:
    return (
        User.objects.filter(phone=phone)
        .exclude(pk=user.pk)
        .exclude(account_type=AccountType.OFFICER)
        .first()
    )


@transaction.atomic
def phone_change_request(*, user: User, new_phone: str, ip_address: str | None) -> OtpIssued:
    """Sends a code to the new number. A number that belongs to another account gets no code
    and its owner is told; the page answers the same either way, so that it does not tell who
    has an account."""
    if new_phone == user.phone:
        raise ValidationError({"phone": _("Đây là số điện thoại hiện tại của Ông/bà.")})
    owner = _phone_owner(phone=new_phone, user=user)
    issued = otp_issue(
        phone=new_phone,
        purpose=OtpPurpose.PHONE_CHANGE,
        ip_address=ip_address,
        user=user,
        deliver=owner is None,
    )
    if owner is not None and owner.is_active and owner.phone_verified_at:
        warning = sms_queue(phone=owner.phone, body=PHONE_TAKEN_SMS)
        # The page shows the fate of this SMS as it would show the code's.
        OneTimeCode.objects.filter(
            phone=new_phone, purpose=OtpPurpose.PHONE_CHANGE, used_at__isnull=True
        ).update(sms=warning)
    return issued


def phone_change_confirm(*, user: User, new_phone: str, code: str) -> User:
    """Replaces the phone number once the code sent to the new number is checked. For a
    number that has an account no code was sent: the typed one is compared with one that
    cannot match, so the answer is the usual wrong-code one."""
    taken = _phone_owner(phone=new_phone, user=user) is not None
    otp_verify(phone=new_phone, purpose=OtpPurpose.PHONE_CHANGE, code="" if taken else code)
    with transaction.atomic():
        if User.objects.filter(phone=new_phone).exclude(pk=user.pk).exists():
            # Only someone who holds the new phone gets here (it was taken after the code).
            raise ValidationError(_("Số điện thoại này đã được dùng cho một tài khoản khác."))
        user.phone = new_phone
        user.phone_verified_at = timezone.now()
        user.save(update_fields=["phone", "phone_verified_at"])
    return user


def account_export(*, user: User) -> dict:
    """The person's data as a document they can download (their right under Decree 13/2023
    and the 2025 Personal Data Protection Law). Later parts add their reports."""
    return {
        "account": {
            "username": user.username,
            "account_type": user.account_type,
            "full_name": user.full_name,
            "phone": user.phone_display,
            "email": user.email,
            "address": {
                "province": user.address_province.name if user.address_province_id else "",
                "commune": user.address_commune.name if user.address_commune_id else "",
                "street": user.address_street,
            },
            "organisation": {
                "name": user.organisation_name,
                "address": user.organisation_address,
                "phone": user.organisation_phone,
                "email": user.organisation_email,
            }
            if user.account_type == AccountType.ORGANISATION
            else None,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "phone_verified_at": user.phone_verified_at.isoformat()
            if user.phone_verified_at
            else None,
        },
        "exported_at": timezone.now().isoformat(),
    }


@transaction.atomic
def account_delete(*, user: User, password: str) -> None:
    """Erases the person's data and closes the account. What they sent stays, anonymised."""
    if not user.check_password(password):
        raise ValidationError({"password": _("Mật khẩu không đúng.")})
    user.username = f"deleted-{secrets.token_hex(8)}"
    user.full_name = ""
    user.first_name = ""
    user.last_name = ""
    user.email = ""
    user.phone = ""
    user.phone_verified_at = None
    user.address_province = None
    user.address_commune = None
    user.address_street = ""
    user.organisation_name = ""
    user.organisation_address = ""
    user.organisation_phone = ""
    user.organisation_email = ""
    user.is_active = False
    user.deleted_at = timezone.now()
    user.set_unusable_password()
    user.rotate_session_token()
    user.save()
    user.one_time_codes.all().delete()
