"""A caller whose reports an operator entered registers later with the same phone: once the
phone's SMS code is verified (never before), the contact becomes their own account and
"Phản ánh của tôi" lists the reports entered for them. Through the registration pages."""

import uuid

import pytest
from django.urls import reverse

from pakn.accounts.models import AccountType, User
from pakn.accounts.services.contacts import contact_find_or_create
from pakn.accounts.tests.test_pages import individual_form
from pakn.organisations.models import AdministrativeArea
from pakn.organisations.services import areas_load_official
from pakn.reports.services.submission import ReportDetails, report_submit
from pakn.testing.captcha import post_with_captcha

pytestmark = pytest.mark.django_db(transaction=True)
PHONE = "+84912345678"  # individual_form's phone, "0912 345 678"


@pytest.fixture
def areas():
    areas_load_official()
    province = AdministrativeArea.objects.get(code="56")
    return province, province.children.get(name="Phường Nha Trang")


@pytest.fixture
def entered(org):
    contact = contact_find_or_create(full_name="Nguyễn Văn An", phone=PHONE)
    return report_submit(
        reporter=contact,
        details=ReportDetails(title="Nước ngập đường Hùng Vương", content="Ngập sau mưa."),
        idempotency_key=uuid.uuid4(),
        channel="hotline",
        entered_by=org["operator"],
    )


def test_registering_with_the_phone_makes_the_entered_reports_mine(
    client, areas, entered, sms_outbox
):
    contact_pk = entered.reporter_id
    response = post_with_captcha(client, reverse("accounts:register"), individual_form(areas))
    assert response["Location"] == reverse("accounts:register-verify")
    # Before the code: the contact is untouched, the reports are nobody's account's.
    contact = User.objects.get(pk=contact_pk)
    assert contact.account_type == AccountType.CONTACT and contact.phone == PHONE
    assert not contact.is_active and not contact.has_usable_password()
    wrong = client.post(reverse("accounts:register-verify"), {"code": "000000"})
    assert wrong.status_code == 200
    assert User.objects.get(pk=contact_pk).account_type == AccountType.CONTACT

    response = client.post(
        reverse("accounts:register-verify"), {"code": sms_outbox.last_code(PHONE)}
    )

    assert response.status_code == 302
    account = User.objects.get(username="056090001234")
    assert account.pk == contact_pk  # the contact became the account
    assert account.account_type == AccountType.INDIVIDUAL and account.is_active
    assert account.check_password("Khanhhoa@2026") and account.phone_verified_at
    assert User.objects.filter(phone=PHONE).count() == 1
    mine = client.get(reverse("reports:mine")).content.decode()
    assert entered.code in mine and "Nước ngập đường Hùng Vương" in mine


def test_an_unverified_registration_with_the_phone_takes_nothing(client, areas, entered):
    post_with_captcha(client, reverse("accounts:register"), individual_form(areas))
    pending = User.objects.get(username="056090001234")
    assert not pending.is_active
    contact = User.objects.get(pk=entered.reporter_id)
    assert contact.account_type == AccountType.CONTACT and contact.phone == PHONE
    entered.refresh_from_db()
    assert entered.reporter_id == contact.pk
    # A later call from that phone still finds the contact, not the pending registration.
    assert contact_find_or_create(full_name="", phone=PHONE).pk == contact.pk
