"""Contacts: people who report by hotline or e-mail without an account."""

import pytest

from pakn.accounts.models import AccountType, User
from pakn.accounts.services.contacts import contact_find, contact_find_or_create

pytestmark = pytest.mark.django_db


def test_a_new_caller_becomes_a_contact_who_cannot_log_in():
    contact = contact_find_or_create(full_name="Trần Văn Bình", phone="+84905123456")

    assert contact.account_type == AccountType.CONTACT
    assert not contact.has_usable_password()
    assert not contact.is_active
    assert not contact.check_password("")


def test_the_same_caller_is_found_again_by_phone_or_email():
    first = contact_find_or_create(full_name="Trần Văn Bình", phone="+84905123456")
    again = contact_find_or_create(full_name="", phone="+84905123456")
    by_mail = contact_find_or_create(full_name="B", email="binh@example.vn")
    by_mail_again = contact_find_or_create(full_name="B", email="BINH@example.vn")

    assert again.pk == first.pk
    assert by_mail_again.pk == by_mail.pk != first.pk
    assert User.objects.filter(account_type=AccountType.CONTACT).count() == 2


def test_a_caller_with_an_account_is_matched_to_it_and_officers_never_are():
    citizen = User.objects.create_user(
        username="056090001234", phone="+84905000111", full_name="Lê Thị Hoa", is_active=True
    )
    User.objects.create_user(
        username="canbo.a", phone="+84905000222", account_type=AccountType.OFFICER
    )

    assert contact_find_or_create(full_name="x", phone="+84905000111").pk == citizen.pk
    officer_phone = contact_find_or_create(full_name="Người gọi", phone="+84905000222")
    assert officer_phone.account_type == AccountType.CONTACT
    assert contact_find(phone="+84909999999") is None
