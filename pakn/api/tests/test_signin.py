"""Sign-in for apps: the pages' forms, services, SMS codes and login lockout, with tokens
that expire, are stored hashed and can be revoked one device or every device at once."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken
from rest_framework.test import APIClient

from pakn.accounts.models import AccountType, User
from pakn.api.tests.conftest import token_client
from pakn.backoffice.tests.desk_setup import PASSWORD
from pakn.core.tests.captcha_solver import captcha_fields
from pakn.organisations.models import MembershipRole, TwoFactorPolicy

pytestmark = pytest.mark.django_db(transaction=True)  # SMS leave after commit

LOGIN = "/api/v1/auth/login/"


def _login(login: str, password: str, **extra):
    return APIClient().post(LOGIN, {"login": login, "password": password, **extra},
                            format="json")  # fmt: skip


def test_an_organisation_registers_with_its_business_code(desk, sms_outbox):
    app = APIClient()
    body = {
        "username": "4200977745", "organisation_name": "Công ty TNHH Biển Xanh",
        "full_name": "Lê Thị Hoa", "phone": "0905111222", "address_province": desk["province"].pk,
        "address_commune": desk["ward"].pk, "password1": "Bien-Xanh-2026!",
        "password2": "Bien-Xanh-2026!",
    }  # fmt: skip
    assert app.post("/api/v1/auth/register/organisation/", body, format="json").status_code == 202
    code = sms_outbox.last_code("+84905111222")
    confirmed = app.post("/api/v1/auth/register/confirm/",
                         {"username": "4200977745", "phone": "0905111222", "code": code},
                         format="json")  # fmt: skip
    assert confirmed.status_code == 200, confirmed.content
    account = User.objects.get(username="4200977745")
    assert account.account_type == AccountType.ORGANISATION and account.is_active
    assert _login("4200977745", "Bien-Xanh-2026!").status_code == 200


def test_registration_never_tells_whether_an_account_exists(desk, sms_outbox):
    """The page's rule: the same answer for an ID number already registered; its owner gets
    an SMS instead, and no code can open anything."""
    body = {
        "username": desk["reporter"].username, "full_name": "Kẻ Mạo Danh",
        "phone": "0977000111", "address_province": desk["province"].pk,
        "address_commune": desk["ward"].pk, "password1": "Mao-Danh-2026!",
        "password2": "Mao-Danh-2026!",
    }  # fmt: skip
    answer = APIClient().post("/api/v1/auth/register/", body, format="json")
    assert answer.status_code == 202
    fresh = APIClient().post(
        "/api/v1/auth/register/", {**body, "username": "056206675763", "phone": "0977000222"},
        format="json",
    )  # fmt: skip
    assert fresh.status_code == 202, fresh.content
    assert set(answer.json()) == set(fresh.json())
    assert answer.json()["detail"] == fresh.json()["detail"]


def test_a_bad_registration_names_each_field(desk):
    answer = APIClient().post("/api/v1/auth/register/", {"username": "123", "phone": "12"},
                              format="json")  # fmt: skip
    assert answer.status_code == 400
    errors = answer.json()["errors"]
    assert {"username", "phone", "full_name", "password1"} <= set(errors)


def test_login_by_id_number_or_phone_gives_a_hashed_expiring_token(desk):
    desk["reporter"].phone = "+84912000111"  # as registration stores it
    desk["reporter"].save(update_fields=["phone"])
    by_id = _login(desk["reporter"].username, PASSWORD)
    assert by_id.status_code == 200
    token = by_id.json()["token"]
    stored = AuthToken.objects.get(user=desk["reporter"])
    assert token not in (stored.digest, stored.token_key) and len(stored.digest) == 128
    assert stored.expiry > timezone.now() + datetime.timedelta(days=13)
    assert _login(desk["reporter"].phone_display, PASSWORD).status_code == 200


def test_wrong_passwords_share_the_login_pages_lockout(desk):
    """Five wrong tries through the app lock the account's login from that address on the
    page as well: the same django-axes counters."""
    for _ in range(4):
        assert _login(desk["reporter"].username, "sai-mat-khau").status_code == 400
    locked = _login(desk["reporter"].username, "sai-mat-khau")
    assert locked.status_code == 429
    assert locked["Content-Type"] == "application/problem+json"
    assert int(locked["Retry-After"]) == 15 * 60
    assert "tạm dừng 15 phút" in locked.json()["detail"]
    browser = Client()
    form = browser.get("/dang-nhap/").content.decode()
    page = browser.post("/dang-nhap/", {"login": desk["reporter"].username, "password": PASSWORD,
                                        **captcha_fields(form)})  # fmt: skip
    assert page.status_code == 429, "the right password waits on the page too"


def test_logout_ends_this_device_and_logout_everywhere_every_one(desk):
    phone, tablet = token_client(desk["reporter"]), token_client(desk["reporter"])
    browser = Client()
    browser.force_login(desk["reporter"])
    assert phone.post("/api/v1/auth/logout/").status_code == 204
    assert phone.get("/api/v1/me/").status_code == 401
    assert tablet.get("/api/v1/me/").status_code == 200
    assert tablet.post("/api/v1/auth/logout-everywhere/").status_code == 204
    assert tablet.get("/api/v1/me/").status_code == 401
    assert not AuthToken.objects.filter(user=desk["reporter"]).exists()
    assert browser.get("/tai-khoan/").status_code == 302, "the browser's session ended too"


def test_logging_out_everywhere_on_the_pages_signs_the_apps_out(desk):
    phone = token_client(desk["reporter"])
    browser = Client()
    browser.force_login(desk["reporter"])
    browser.post("/tai-khoan/dang-xuat-tat-ca/")
    assert phone.get("/api/v1/me/").status_code == 401


def test_forgot_password_then_a_new_one_signs_every_device_out(desk, sms_outbox):
    desk["reporter"].phone = "+84912000111"  # as registration stores it
    desk["reporter"].save(update_fields=["phone"])
    phone = token_client(desk["reporter"])
    app = APIClient()
    asked = app.post("/api/v1/auth/password/forgot/", {"phone": desk["reporter"].phone_display},
                     format="json")  # fmt: skip
    assert asked.status_code == 202
    code = sms_outbox.last_code(desk["reporter"].phone)
    reset = app.post("/api/v1/auth/password/reset/", {
        "phone": desk["reporter"].phone_display, "code": code,
        "password1": "Mat-Khau-Moi-2026", "password2": "Mat-Khau-Moi-2026",
    }, format="json")  # fmt: skip
    assert reset.status_code == 200, reset.content
    assert phone.get("/api/v1/me/").status_code == 401
    assert _login(desk["reporter"].username, "Mat-Khau-Moi-2026").status_code == 200
    # Asking again at once: the code limits of the pages, with Retry-After.
    again = app.post("/api/v1/auth/password/forgot/", {"phone": desk["reporter"].phone_display},
                     format="json")  # fmt: skip
    again = app.post("/api/v1/auth/password/forgot/", {"phone": desk["reporter"].phone_display},
                     format="json")  # fmt: skip
    assert again.status_code == 429 and int(again["Retry-After"]) > 0


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_an_officer_with_a_device_gives_the_code_at_sign_in(desk):
    device = TOTPDevice.objects.create(user=desk["handler_a"], name="PAKN", confirmed=True)
    without = _login("handler.a", PASSWORD)
    assert without.status_code == 400 and "otp_token" in without.json()["errors"]
    assert _login("handler.a", PASSWORD, otp_token=_code(device)).status_code == 200
    wrong = _login("handler.a", PASSWORD, otp_token="000000")
    assert wrong.status_code == 400
    assert wrong.json()["errors"]["otp_token"] == ["Mã xác thực không đúng hoặc đã hết hạn."]


def test_a_role_that_must_have_two_factor_sets_it_up_on_the_website_first(desk):
    TwoFactorPolicy.objects.create(role=MembershipRole.HANDLER, totp_required=True)
    refused = _login("handler.a", PASSWORD)
    assert refused.status_code == 403
    assert refused.json()["type"] == "urn:pakn:problem:two-factor-setup-required"


def test_an_officers_token_ends_when_idle_like_the_session(desk, settings):
    officer = token_client(desk["handler_a"])
    assert officer.get("/api/v1/me/notifications/").status_code == 200
    later = timezone.now() + datetime.timedelta(minutes=settings.OFFICER_SESSION_IDLE_MINUTES + 1)
    with time_machine.travel(later, tick=False):
        assert officer.get("/api/v1/me/notifications/").status_code == 401


def test_a_temporary_password_is_changed_on_the_website_first(desk):
    officer = desk["handler_a"]
    officer.password_must_change = True
    officer.save(update_fields=["password_must_change"])
    refused = _login("handler.a", PASSWORD)
    assert refused.status_code == 403
    assert refused.json()["type"] == "urn:pakn:problem:password-must-change"
