"""The account pages of seed 002 through the Django test client."""

import json

import pytest
from django.urls import reverse

from pakn.accounts.models import AccountType, OneTimeCode, User
from pakn.accounts.tests.factories import OfficerFactory, UserFactory
from pakn.organisations.models import AdministrativeArea
from pakn.organisations.services import areas_load_official
from pakn.testing.captcha import post_with_captcha

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def areas():
    areas_load_official()
    province = AdministrativeArea.objects.get(code="56")
    commune = province.children.get(name="Phường Nha Trang")
    return province, commune


def individual_form(areas, **overrides):
    province, commune = areas
    data = {
        "username": "056090001234",
        "full_name": "Nguyễn Văn An",
        "phone": "0912 345 678",
        "email": "an@example.vn",
        "address_province": province.pk,
        "address_commune": commune.pk,
        "address_street": "12 Trần Phú",
        "password1": "Khanhhoa@2026",
        "password2": "Khanhhoa@2026",
    }
    return {**data, **overrides}


def test_an_individual_registers_and_activates_with_the_sms_code(client, areas, sms_outbox):
    response = post_with_captcha(client, reverse("accounts:register"), individual_form(areas))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:register-verify")
    user = User.objects.get(username="056090001234")
    assert not user.is_active and user.phone == "+84912345678"

    verify_page = client.get(reverse("accounts:register-verify"))
    assert "******5678" in verify_page.content.decode()
    code = sms_outbox.last_code("+84912345678")
    response = client.post(reverse("accounts:register-verify"), {"code": code})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.is_active and user.phone_verified_at is not None
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_a_wrong_captcha_keeps_what_was_typed(client, areas):
    url = reverse("accounts:register")
    client.get(url)
    response = client.post(
        url, {**individual_form(areas), "captcha_id": "00000000-0000-0000-0000-000000000000",
              "captcha_answer": "99"},
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mã số xác thực không đúng" in html
    assert 'value="Nguyễn Văn An"' in html and 'value="056090001234"' in html
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("username", "056590001234", "thế kỷ sinh"),
        ("username", "12345", "9 chữ số"),
        ("phone", "02583822222", "10 chữ số"),
        ("password2", "Khac@2026xx", "không khớp"),
        ("password1", "12345678", "mật khẩu"),
    ],
)
def test_bad_registration_input_gets_a_clear_vietnamese_message(
    client, areas, field, value, message
):
    data = individual_form(areas, **{field: value})
    if field == "password1":
        data["password2"] = value
    response = post_with_captcha(client, reverse("accounts:register"), data)
    assert response.status_code == 200
    assert message in response.content.decode().lower() or message in response.content.decode()
    assert not User.objects.filter(is_active=True).exists()


def test_a_commune_of_another_province_is_refused(client, areas):
    other_commune = AdministrativeArea.objects.get(code="01").children.first()
    response = post_with_captcha(
        client,
        reverse("accounts:register"),
        individual_form(areas, address_commune=other_commune.pk),
    )
    assert "không thuộc tỉnh" in response.content.decode()


def test_an_organisation_registers_with_its_business_code(client, areas, sms_outbox):
    province, commune = areas
    data = {
        "username": "4201234567",
        "organisation_name": "Công ty TNHH Thủy sản Vân Phong",
        "organisation_phone": "02583822222",
        "organisation_email": "info@vanphong.vn",
        "address_province": province.pk,
        "address_commune": commune.pk,
        "address_street": "KCN Ninh Thủy",
        "full_name": "Trần Thị Bích",
        "phone": "0987654321",
        "email": "bich@vanphong.vn",
        "password1": "Thuysan#Bien9",
        "password2": "Thuysan#Bien9",
    }
    response = post_with_captcha(client, reverse("accounts:register-organisation"), data)
    assert response.status_code == 200
    assert "chữ số kiểm tra sai" in response.content.decode()
    data["username"] = "0300588569"  # a real, valid business code
    response = post_with_captcha(client, reverse("accounts:register-organisation"), data)
    assert response.status_code == 302
    client.post(reverse("accounts:register-verify"), {"code": sms_outbox.last_code("+84987654321")})
    organisation = User.objects.get(username="0300588569")
    assert organisation.is_active
    assert organisation.account_type == AccountType.ORGANISATION
    assert str(organisation) == "Công ty TNHH Thủy sản Vân Phong"


def test_login_by_username_or_phone_and_no_hint_about_unknown_accounts(client):
    UserFactory(username="056090001234", phone="+84912345678")
    wrong_password = post_with_captcha(
        client, reverse("accounts:login"), {"login": "056090001234", "password": "sai-mat-khau"}
    ).content.decode()
    unknown_user = post_with_captcha(
        client, reverse("accounts:login"), {"login": "056090009999", "password": "sai-mat-khau"}
    ).content.decode()
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in wrong_password
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in unknown_user
    response = post_with_captcha(
        client, reverse("accounts:login"), {"login": "0912345678", "password": "Matkhau@2026"}
    )
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == User.objects.get(username="056090001234").pk


@pytest.mark.parametrize(
    ("next_url", "landing"),
    [
        ("", "/phan-anh-cua-toi/"),
        ("/phan-anh-cua-toi/PAKN-2026-000001/", "/phan-anh-cua-toi/PAKN-2026-000001/"),
        ("https://evil.example/", "/phan-anh-cua-toi/"),
        ("//evil.example/", "/phan-anh-cua-toi/"),
        ("/\\evil.example/", "/phan-anh-cua-toi/"),
    ],
)
def test_after_login_a_citizen_lands_where_they_were_going_or_on_their_reports(
    client, next_url, landing
):
    UserFactory(username="056090001234")
    url = reverse("accounts:login") + (f"?next={next_url}" if next_url else "")

    response = post_with_captcha(client, url, {"login": "056090001234", "password": "Matkhau@2026"})

    assert response.status_code == 302
    assert response["Location"] == landing
    # Signed in already, the login page sends them the same way.
    assert client.get(url)["Location"] == landing


def test_the_menu_offers_a_signed_in_citizen_their_reports(client):
    assert "Phản ánh của tôi" not in client.get("/").content.decode()
    client.force_login(UserFactory())

    html = client.get("/").content.decode()

    assert '<a href="/phan-anh-cua-toi/">Phản ánh của tôi</a>' in html


def test_five_failures_lock_the_username_from_that_address_for_everyone(client):
    UserFactory(username="056090001234")
    for _ in range(5):
        post_with_captcha(
            client, reverse("accounts:login"), {"login": "056090001234", "password": "x"}
        )
    locked = post_with_captcha(
        client, reverse("accounts:login"), {"login": "056090001234", "password": "Matkhau@2026"}
    )
    assert locked.status_code == 429
    assert "15 phút" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # An unknown username is locked the same way: the answer tells nothing about accounts.
    for _ in range(5):
        post_with_captcha(
            client, reverse("accounts:login"), {"login": "056090007777", "password": "x"}
        )
    unknown = post_with_captcha(
        client, reverse("accounts:login"), {"login": "056090007777", "password": "x"}
    )
    assert unknown.status_code == 429


def test_officers_use_their_own_tab(client):
    OfficerFactory(username="xuly.sxd")
    response = post_with_captcha(
        client, reverse("accounts:login"), {"login": "xuly.sxd", "password": "Matkhau@2026"}
    )
    assert "mục Cán bộ" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_forgot_password_answers_the_same_for_unknown_numbers(client, sms_outbox):
    UserFactory(username="056090001234", phone="+84912345678")
    known = post_with_captcha(client, reverse("accounts:forgot-password"), {"phone": "0912345678"})
    client.cookies.clear()
    unknown = post_with_captcha(
        client, reverse("accounts:forgot-password"), {"phone": "0987000111"}
    )
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(sms_outbox.messages("+84912345678")) == 1
    assert sms_outbox.messages("+84987000111") == []
    assert OneTimeCode.objects.filter(phone="+84987000111").count() == 1  # counted all the same


def test_forgot_password_sets_a_new_one_and_ends_other_sessions(client, sms_outbox):
    user = UserFactory(username="056090001234", phone="+84912345678")
    other_device = type(client)()
    other_device.force_login(user)
    post_with_captcha(client, reverse("accounts:forgot-password"), {"phone": "0912345678"})
    response = client.post(
        reverse("accounts:password-reset"),
        {"code": sms_outbox.last_code("+84912345678"), "password1": "Moi@Khanhhoa1",
         "password2": "Moi@Khanhhoa1"},
    )  # fmt: skip
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Moi@Khanhhoa1")
    assert other_device.get(reverse("accounts:profile")).status_code == 302  # logged out


def test_change_password_needs_the_old_one_and_keeps_this_session(client):
    user = UserFactory()
    client.force_login(user)
    old_key = client.session.session_key
    wrong = client.post(
        reverse("accounts:password-change"),
        {"old_password": "sai", "password1": "Moi@Khanhhoa1", "password2": "Moi@Khanhhoa1"},
    )
    assert "Mật khẩu hiện tại không đúng." in wrong.content.decode()
    right = client.post(
        reverse("accounts:password-change"),
        {
            "old_password": "Matkhau@2026",
            "password1": "Moi@Khanhhoa1",
            "password2": "Moi@Khanhhoa1",
        },
    )
    assert right.status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200
    assert client.session.session_key != old_key  # rotated


def test_a_new_phone_replaces_the_old_only_after_its_code(client, sms_outbox):
    user = UserFactory(phone="+84912345678")
    client.force_login(user)
    client.post(reverse("accounts:phone-change"), {"phone": "0987654321"})
    user.refresh_from_db()
    assert user.phone == "+84912345678"
    client.post(
        reverse("accounts:phone-change-verify"), {"code": sms_outbox.last_code("+84987654321")}
    )
    user.refresh_from_db()
    assert user.phone == "+84987654321"


def test_log_out_everywhere_ends_every_session(client):
    user = UserFactory()
    other_device = type(client)()
    other_device.force_login(user)
    client.force_login(user)
    client.post(reverse("accounts:logout-everywhere"))
    assert other_device.get(reverse("accounts:profile")).status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_download_my_data_is_my_data(client, areas):
    province, commune = areas
    user = UserFactory(full_name="Lê Thị Hoa", address_province=province, address_commune=commune)
    client.force_login(user)
    response = client.get(reverse("accounts:download-my-data"))
    assert response["Content-Disposition"].startswith("attachment;")
    document = json.loads(response.content)
    assert document["account"]["full_name"] == "Lê Thị Hoa"
    assert document["account"]["address"]["province"] == "Tỉnh Khánh Hòa"


def test_deleting_the_account_erases_personal_data(client):
    user = UserFactory(username="056090001234", full_name="Phạm Văn Dũng", phone="+84912345678")
    client.force_login(user)
    wrong = client.post(reverse("accounts:delete-account"), {"password": "sai", "confirm": "on"})
    assert "Mật khẩu không đúng." in wrong.content.decode()
    client.post(reverse("accounts:delete-account"), {"password": "Matkhau@2026", "confirm": "on"})
    user.refresh_from_db()
    assert user.deleted_at is not None and not user.is_active
    assert user.full_name == "" and user.phone == "" and "056090001234" not in user.username
    assert not User.objects.filter(username="056090001234").exists()
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_communes_endpoint_lists_a_province_and_refuses_garbage(client, areas):
    province, _ = areas
    communes = client.get(reverse("accounts:communes"), {"tinh": province.pk}).json()["communes"]
    assert len(communes) == 65
    assert client.get(reverse("accounts:communes"), {"tinh": "abc"}).status_code == 400
