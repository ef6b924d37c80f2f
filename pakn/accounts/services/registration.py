"""Registration of individuals and organisations, activated by an SMS code to their phone."""

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils import timezone

from pakn.accounts.models import AccountType, OneTimeCode, OtpPurpose, User
from pakn.accounts.services.otp import OtpIssued, otp_issue, otp_verify
from pakn.core.models import OutgoingSms
from pakn.core.sms import sms_queue


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


# Unaccented, like the codes' texts (a third of the price per SMS).
REGISTRATION_ATTEMPT_SMS = (
    "PAKN: Co nguoi vua dang ky tai khoan bang so giay to hoac so dien thoai cua ban. "
    "Ban da co tai khoan, hay dang nhap hoac lay lai mat khau."
)


def _pending(user: User) -> bool:
    return not user.is_active and user.phone_verified_at is None and user.deleted_at is None


def _details_fill(user: User, details: RegistrationDetails) -> User:
    user.username = details.username
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
    return user


def _owner_warn(*, owners: list[User], typed_phone: str) -> OutgoingSms | None:
    """Tells the owners of an ID number or phone that someone tried to register with it, on
    the phone each of them verified; returns the message to the phone that was typed, if any."""
    to_typed_phone = None
    for phone in dict.fromkeys(o.phone for o in owners if o.phone and o.phone_verified_at):
        message = sms_queue(phone=phone, body=REGISTRATION_ATTEMPT_SMS)
        if phone == typed_phone:
            to_typed_phone = message
    return to_typed_phone


@transaction.atomic
def account_register(*, details: RegistrationDetails, ip_address: str | None) -> OtpIssued:
    """Creates an inactive account and sends the activation code to its phone.

    Registering again with the same ID before activating replaces the pending details, so that
    a mistyped phone number can be corrected and nobody can hold an ID number hostage.

    Whether the ID number or the phone already belongs to an account never shows: the answer
    is the same "a code was sent", the password is checked and hashed the same way, and the
    confirmation page behaves the same; instead of a second account the owner gets an SMS."""
    validate_password(details.password, _details_fill(User(), details))
    password_hash = make_password(details.password)  # hashed whoever registers: same time

    existing = User.objects.select_for_update().filter(username=details.username).first()
    phone_owner = (
        User.objects.filter(phone=details.phone)
        # A contact (reported by phone, no account) is not an owner: activation turns it
        # into this account.
        .exclude(account_type__in=[AccountType.OFFICER, AccountType.CONTACT])
        .exclude(username=details.username)
        .first()
    )
    owners = [
        account
        for account in (existing, phone_owner)
        if account is not None and not _pending(account)
    ]
    if owners:
        issued = otp_issue(
            phone=details.phone,
            purpose=OtpPurpose.REGISTRATION,
            ip_address=ip_address,
            deliver=False,
        )
        warning = _owner_warn(
            owners=[o for o in owners if o.is_active and o.deleted_at is None],
            typed_phone=details.phone,
        )
        if warning is not None:
            # The page shows the fate of this SMS as it would show the code's.
            OneTimeCode.objects.filter(
                phone=details.phone, purpose=OtpPurpose.REGISTRATION, used_at__isnull=True
            ).update(sms=warning)
        return issued
    if phone_owner is not None:  # a pending registration gives the number up
        phone_owner.phone = ""
        phone_owner.save(update_fields=["phone"])
    user = _details_fill(existing or User(), details)
    user.password = password_hash
    user.save()
    return otp_issue(
        phone=user.phone, purpose=OtpPurpose.REGISTRATION, ip_address=ip_address, user=user
    )


def _pending_registration(*, username: str, phone: str) -> User | None:
    """The pending account this registration session is about, or None (then the page acts
    exactly as if it existed, and no code can open anything)."""
    user = User.objects.filter(username=username, phone=phone).first()
    return user if user is not None and _pending(user) else None


def account_registration_resend(*, username: str, phone: str, ip_address: str | None) -> OtpIssued:
    user = _pending_registration(username=username, phone=phone)
    return otp_issue(
        phone=phone,
        purpose=OtpPurpose.REGISTRATION,
        ip_address=ip_address,
        user=user,
        deliver=user is not None,
    )


def account_activate(*, username: str, phone: str, code: str) -> User:
    """Checks the activation code and opens the account. The code is checked outside any
    enclosing transaction, so that a wrong try is counted even though activation fails."""
    user = _pending_registration(username=username, phone=phone)
    # With no pending account (the ID or phone had one already) no code was sent: the typed
    # one is compared with one that cannot match, so the tries count down the same way.
    otp_verify(phone=phone, purpose=OtpPurpose.REGISTRATION, code=code if user is not None else "")
    user.is_active = True
    user.phone_verified_at = timezone.now()
    contact = (
        User.objects.filter(account_type=AccountType.CONTACT, phone=phone, deleted_at=None)
        .order_by("pk")
        .first()
    )
    if contact is not None:
        return _contact_become_account(contact=contact, account=user)
    user.save(update_fields=["is_active", "phone_verified_at"])
    return user


# What a registration writes onto the account (and so onto the contact it turns into).
ACCOUNT_FIELDS = [
    "username", "password", "account_type", "full_name", "email", "address_province_id",
    "address_commune_id", "address_street", "organisation_name", "organisation_address",
    "organisation_phone", "organisation_email", "is_active", "phone_verified_at",
]  # fmt: skip


@transaction.atomic
def _contact_become_account(*, contact: User, account: User) -> User:
    """The person who reported by phone without an account has now proved the phone is
    theirs: the contact row becomes their account (the registration's details and password
    on it), so the reports, notifications and everything else that names the contact are
    theirs without being moved. The pending registration row goes away; its codes stay
    counted for the limits."""
    OneTimeCode.objects.filter(user=account).update(user=contact)
    for name in ACCOUNT_FIELDS:
        setattr(contact, name, getattr(account, name))
    contact.date_joined = timezone.now()
    account.delete()  # first: the username is unique
    contact.save()
    return contact
