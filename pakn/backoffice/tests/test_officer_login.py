"""Officers log in on their own tab; two-factor authentication when their role requires it."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from pakn.accounts.tests.factories import OfficerFactory, UserFactory
from pakn.organisations.models import MembershipRole, TwoFactorPolicy
from pakn.organisations.tests.factories import MembershipFactory
from pakn.testing.captcha import captcha_fields

pytestmark = pytest.mark.django_db


def login(client, username, password="Matkhau@2026"):
    page = client.get(reverse("backoffice:login"))
    return client.post(
        reverse("backoffice:login"),
        {"username": username, "password": password, **captcha_fields(page.content.decode())},
    )


def current_token(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.fixture
def handler():
    return MembershipFactory(role=MembershipRole.HANDLER, user__username="xuly.sxd").user


def test_an_officer_without_two_factor_logs_in_when_the_role_allows_it(client, handler):
    response = login(client, "xuly.sxd")
    assert response.status_code == 302
    assert client.get(reverse("backoffice:home")).status_code == 200


def test_citizens_cannot_use_the_officers_tab(client):
    UserFactory(username="056090001234")
    response = login(client, "056090001234")
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_mandatory_policy_sends_the_officer_to_set_up_totp_first(client, handler):
    TwoFactorPolicy.objects.create(role=MembershipRole.HANDLER, totp_required=True)
    login(client, "xuly.sxd")
    assert client.get(reverse("backoffice:home"))["Location"].startswith(
        reverse("backoffice:totp-setup")
    )
    page = client.get(reverse("backoffice:totp-setup"))
    assert "data:image/svg+xml;base64," in page.content.decode()
    device = TOTPDevice.objects.get(user=handler, confirmed=False)
    wrong = client.post(reverse("backoffice:totp-setup"), {"token": "000000"})
    assert "không đúng" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # django-otp slows down retries after a failure; time passes
    client.post(reverse("backoffice:totp-setup"), {"token": current_token(device)})
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("backoffice:home")).status_code == 200


def test_an_officer_with_a_device_must_give_the_code_after_the_password(client, handler):
    device = TOTPDevice.objects.create(user=handler, name="PAKN", confirmed=True)
    response = login(client, "xuly.sxd")
    assert response["Location"].startswith(reverse("backoffice:login-two-factor"))
    assert "_auth_user_id" not in client.session  # not logged in before the second factor
    wrong = client.post(reverse("backoffice:login-two-factor"), {"token": "123456"})
    assert "không đúng" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # django-otp slows down retries after a failure; time passes
    ok = client.post(reverse("backoffice:login-two-factor"), {"token": current_token(device)})
    assert ok.status_code == 302
    assert client.get(reverse("backoffice:home")).status_code == 200


def test_the_policy_applies_to_officers_already_logged_in_without_a_device(client, handler):
    login(client, "xuly.sxd")
    TwoFactorPolicy.objects.create(role=MembershipRole.HANDLER, totp_required=True)
    response = client.get(reverse("backoffice:administration"))
    assert response["Location"].startswith(reverse("backoffice:totp-setup"))


def test_another_role_s_policy_does_not_apply(client, handler):
    TwoFactorPolicy.objects.create(role=MembershipRole.COORDINATOR, totp_required=True)
    login(client, "xuly.sxd")
    assert client.get(reverse("backoffice:home")).status_code == 200


def test_officer_pages_need_an_officer(client):
    client.force_login(UserFactory())
    assert client.get(reverse("backoffice:home")).status_code == 302
    client.force_login(OfficerFactory())
    assert client.get(reverse("backoffice:home")).status_code == 200
