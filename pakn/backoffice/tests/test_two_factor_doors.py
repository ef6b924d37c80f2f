"""Every door that logs a person in asks for the second factor when the account has an
authenticator app or a policy makes one mandatory (issue 11, point 1): the officers' login, the
Django admin's /admin/login/, the citizens' /dang-nhap/, and a session made before a policy or a
device existed."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from pakn.accounts.models import AccountType
from pakn.accounts.tests.factories import OfficerFactory, UserFactory
from pakn.organisations.models import MembershipRole, TwoFactorAudience, TwoFactorPolicy
from pakn.organisations.tests.factories import MembershipFactory
from pakn.testing.captcha import captcha_fields
from pakn.testing.province import PASSWORD

pytestmark = pytest.mark.django_db


def current_token(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def officer_login(client, username, next_url=""):
    url = reverse("backoffice:login") + (f"?next={next_url}" if next_url else "")
    page = client.get(url)
    return client.post(
        url,
        {"username": username, "password": PASSWORD, **captcha_fields(page.content.decode())},
    )


def citizen_login(client, login):
    page = client.get(reverse("accounts:login"))
    return client.post(
        reverse("accounts:login"),
        {"login": login, "password": PASSWORD, **captcha_fields(page.content.decode())},
    )


@pytest.fixture
def superuser():
    return OfficerFactory(username="quantri.heth", is_staff=True, is_superuser=True)


@pytest.fixture
def superuser_device(superuser):
    return TOTPDevice.objects.create(user=superuser, name="PAKN", confirmed=True)


def test_the_admin_login_takes_no_password_and_sends_to_the_officers_login(
    client, superuser, superuser_device
):
    response = client.post(
        reverse("admin:login") + "?next=/admin/organisations/unit/",
        {"username": "quantri.heth", "password": PASSWORD},
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("backoffice:login") + "?next=%2Fadmin%2Forganisations%2Funit%2F"
    )
    assert client.get(reverse("backoffice:home")).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 302


def test_the_admin_sends_a_visitor_to_the_officers_login_and_back_after_the_code(
    client, superuser, superuser_device
):
    to_login = client.get(reverse("admin:index"), follow=True)
    assert to_login.redirect_chain[-1][0] == reverse("backoffice:login") + "?next=%2Fadmin%2F"
    response = officer_login(client, "quantri.heth", next_url="/admin/")
    assert response["Location"].startswith(reverse("backoffice:login-two-factor"))
    assert client.get(reverse("admin:index")).status_code == 302  # password alone: no admin
    done = client.post(
        response["Location"], {"token": current_token(superuser_device)}, follow=False
    )
    assert done["Location"] == "/admin/"
    assert client.get(reverse("admin:index")).status_code == 200


@pytest.mark.parametrize("path", ["/admin/", "/can-bo/", "/can-bo/quan-tri/"])
def test_a_password_only_session_of_a_device_holder_is_valid_nowhere(
    client, superuser, superuser_device, path
):
    """Such a session came from the admin's own login before this fix, or from any door that
    forgets the second factor: it is ended, not honoured."""
    MembershipFactory(user=superuser, role=MembershipRole.UNIT_ADMIN)
    client.force_login(superuser)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("backoffice:login"))
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"])
    assert "nhập mã xác thực hai lớp" in page.content.decode()


def test_an_officer_device_holder_s_password_only_session_is_refused_without_any_policy(client):
    handler = MembershipFactory(role=MembershipRole.HANDLER).user
    TOTPDevice.objects.create(user=handler, name="PAKN", confirmed=True)
    client.force_login(handler)
    assert client.get(reverse("backoffice:home")).status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("audience", "flags"),
    [
        (TwoFactorAudience.SUPERUSER, {"is_staff": True, "is_superuser": True}),
        (TwoFactorAudience.STAFF, {"is_staff": True}),
    ],
)
def test_the_policy_can_make_two_factor_mandatory_for_administrators(client, audience, flags):
    admin_user = OfficerFactory(**flags)
    TwoFactorPolicy.objects.create(role=audience, totp_required=True)
    response = officer_login(client, admin_user.username, next_url="/admin/")
    assert response["Location"].startswith(reverse("backoffice:totp-setup"))
    admin_page = client.get(reverse("admin:index"))
    assert admin_page["Location"].startswith(reverse("backoffice:totp-setup"))
    setup = client.get(reverse("backoffice:totp-setup"))
    assert "data:image/svg+xml;base64," in setup.content.decode()
    device = TOTPDevice.objects.get(user=admin_user, confirmed=False)
    done = client.post(
        reverse("backoffice:totp-setup") + "?next=/admin/", {"token": current_token(device)}
    )
    assert done["Location"] == "/admin/"
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_superuser_policy_leaves_officers_without_that_flag_alone(client):
    TwoFactorPolicy.objects.create(role=TwoFactorAudience.SUPERUSER, totp_required=True)
    MembershipFactory(role=MembershipRole.HANDLER, user__username="xuly.a")
    officer_login(client, "xuly.a")
    assert client.get(reverse("backoffice:home")).status_code == 200


def test_the_policy_admin_offers_the_administrators(admin_client):
    page = admin_client.get(reverse("admin:organisations_twofactorpolicy_add"))
    html = page.content.decode()
    assert 'value="superuser"' in html
    assert 'value="staff"' in html


def test_a_staff_account_made_by_createsuperuser_uses_the_officers_login_not_the_citizens(client):
    staff = UserFactory(username="quantrivien", account_type=AccountType.INDIVIDUAL, is_staff=True)
    TOTPDevice.objects.create(user=staff, name="PAKN", confirmed=True)
    refused = citizen_login(client, "quantrivien")
    assert "_auth_user_id" not in client.session
    assert "Cán bộ vui lòng dùng mục Cán bộ." in refused.content.decode()
    asked = officer_login(client, "quantrivien", next_url="/admin/")
    assert asked["Location"].startswith(reverse("backoffice:login-two-factor"))
    assert "_auth_user_id" not in client.session


def test_a_citizen_session_is_untouched(client):
    citizen = UserFactory()
    citizen_login(client, citizen.username)
    assert client.get(reverse("accounts:profile")).status_code == 200
