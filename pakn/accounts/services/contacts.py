"""People who report by hotline or e-mail without an account ("người liên hệ").

A contact is a ``User`` of kind ``contact`` with an unusable password and a generated
username, so that every report keeps one non-null reporter and the person's reports follow
them: found again by phone (or e-mail address) the next time they call or write, and theirs
once they register with the same phone."""

import secrets

from django.db import transaction

from pakn.accounts.models import AccountType, User


def _contact_username() -> str:
    return f"lien-he-{secrets.token_hex(6)}"


def contact_find(*, phone: str = "", email: str = "") -> User | None:
    """The person with this phone (E.164) or e-mail address: an account if one exists,
    otherwise an earlier contact. Officers are never matched."""
    people = User.objects.exclude(account_type=AccountType.OFFICER).filter(deleted_at=None)
    if phone:
        found = people.filter(phone=phone).order_by("-is_active", "pk").first()
        if found is not None:
            return found
    if email:
        return people.filter(email__iexact=email).order_by("-is_active", "pk").first()
    return None


@transaction.atomic
def contact_find_or_create(*, full_name: str, phone: str = "", email: str = "") -> User:
    """The account or contact for this phone or e-mail address, created as a contact when
    nobody has it. ``phone`` must already be normalised to E.164."""
    if not phone and not email:
        raise ValueError("A contact needs a phone or an e-mail address.")
    found = contact_find(phone=phone, email=email)
    if found is not None:
        if found.account_type == AccountType.CONTACT and full_name and not found.full_name:
            found.full_name = full_name
            found.save(update_fields=["full_name"])
        return found
    contact = User(
        username=_contact_username(),
        account_type=AccountType.CONTACT,
        full_name=full_name,
        phone=phone,
        email=email,
        is_active=False,
    )
    contact.set_unusable_password()
    contact.save()
    return contact
