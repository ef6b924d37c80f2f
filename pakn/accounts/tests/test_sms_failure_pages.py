"""A code that could not be sent is not announced as sent (issue 11, point 7): the page that
asks for it says, in Vietnamese, that the SMS did not go out and how to ask again."""

import datetime

import pytest
from django.db.models import F
from django.urls import reverse

from pakn.accounts.models import OneTimeCode, User
from pakn.accounts.tests.factories import UserFactory
from pakn.accounts.tests.test_pages import individual_form
from pakn.core.models import OutgoingSms, SmsStatus
from pakn.core.tests.test_sms_failures import unwritable_outbox
from pakn.organisations.models import AdministrativeArea
from pakn.organisations.services import areas_load_official
from pakn.testing.captcha import post_with_captcha

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def areas():
    areas_load_official()
    province = AdministrativeArea.objects.get(code="56")
    return province, province.children.get(name="Phường Nha Trang")


NOT_SENT = "Không gửi được tin nhắn chứa mã xác thực đến số"
SENT = "đã được gửi"


@pytest.fixture
def broken_outbox(settings, tmp_path):
    settings.SMS_BACKEND = "outbox"
    settings.SMS_OUTBOX_DIR = unwritable_outbox(tmp_path)
    return settings


def test_registration_says_the_code_did_not_go_out_and_resends_it(
    client, areas, broken_outbox, tmp_path, sms_outbox
):
    broken_outbox.SMS_OUTBOX_DIR = unwritable_outbox(tmp_path)
    post_with_captcha(client, reverse("accounts:register"), individual_form(areas))
    page = client.get(reverse("accounts:register-verify")).content.decode()
    assert NOT_SENT in page and "******5678" in page
    assert SENT not in page
    assert 'name="resend"' in page  # the way to try again
    assert OutgoingSms.objects.get().status == SmsStatus.FAILED

    # The outbox works again; a minute later "Gửi lại mã" sends a code that opens the account.
    broken_outbox.SMS_OUTBOX_DIR = tmp_path / "sms"
    OneTimeCode.objects.update(created_at=F("created_at") - datetime.timedelta(seconds=61))
    page = client.post(reverse("accounts:register-verify"), {"resend": "1"}, follow=True)
    assert NOT_SENT not in page.content.decode()
    assert "Đã gửi lại mã xác thực" in page.content.decode()
    code = sms_outbox.last_code("+84912345678")
    assert client.post(reverse("accounts:register-verify"), {"code": code}).status_code == 302
    assert User.objects.get(username="056090001234").is_active


def test_forgot_password_says_the_code_did_not_go_out(client, broken_outbox):
    UserFactory(phone="+84912345678")
    post_with_captcha(client, reverse("accounts:forgot-password"), {"phone": "0912345678"})
    page = client.get(reverse("accounts:password-reset")).content.decode()
    assert NOT_SENT in page and SENT not in page
    assert f'href="{reverse("accounts:forgot-password")}"' in page


def test_phone_change_says_the_code_did_not_go_out(client, broken_outbox):
    client.force_login(UserFactory(phone="+84912345678"))
    client.post(reverse("accounts:phone-change"), {"phone": "0987654321"})
    page = client.get(reverse("accounts:phone-change-verify")).content.decode()
    assert NOT_SENT in page and SENT not in page
    assert f'href="{reverse("accounts:phone-change")}"' in page


def test_a_taken_phone_shows_the_same_failure_as_a_free_one(client, areas, broken_outbox):
    """The owner's warning goes to the typed phone: when it cannot leave, the page says so,
    as it would for a code to a free number (nothing tells the two apart)."""
    owner = UserFactory(username="056090001111", phone="+84912345678")
    owner.phone_verified_at = owner.date_joined
    owner.save()
    post_with_captcha(client, reverse("accounts:register"), individual_form(areas))
    page = client.get(reverse("accounts:register-verify")).content.decode()
    assert NOT_SENT in page and SENT not in page
    assert not User.objects.filter(username="056090001234").exists()
    assert OutgoingSms.objects.get().status == SmsStatus.FAILED
