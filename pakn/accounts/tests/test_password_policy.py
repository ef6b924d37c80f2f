"""One password policy for every door that sets a password (issue 11, "should be fixed"):
officers and administrators need 10 characters, citizens keep 8, and the demo accounts'
published password is refused unless DEBUG is on (`make run`)."""

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from pakn.accounts.models import AccountType, User
from pakn.accounts.tests.factories import OfficerFactory, UserFactory
from pakn.accounts.tests.test_pages import individual_form
from pakn.organisations.models import AdministrativeArea
from pakn.organisations.services import areas_load_official
from pakn.testing.captcha import post_with_captcha

pytestmark = pytest.mark.django_db(transaction=True)

NINE = "Kh@nhHoa9"  # 9 characters, not common, not numeric
DEMO = django_settings.DEMO_PASSWORD


@pytest.fixture
def areas():
    areas_load_official()
    province = AdministrativeArea.objects.get(code="56")
    return province, province.children.get(name="Phường Nha Trang")


def refusals(password, user):
    try:
        validate_password(password, user)
    except ValidationError as error:
        return error.messages
    return []


@pytest.mark.parametrize(
    ("user", "password", "accepted"),
    [
        (User(account_type=AccountType.INDIVIDUAL), NINE, True),
        (User(account_type=AccountType.INDIVIDUAL), "Kh@nhHo8", True),
        (User(account_type=AccountType.INDIVIDUAL), "Kh@nhH7", False),
        (User(account_type=AccountType.ORGANISATION), NINE, True),
        (User(account_type=AccountType.OFFICER), NINE, False),
        (User(account_type=AccountType.OFFICER), "Kh@nhHoa10", True),
        (User(account_type=AccountType.INDIVIDUAL, is_staff=True), NINE, False),
        (User(account_type=AccountType.INDIVIDUAL, is_superuser=True), NINE, False),
        (None, NINE, True),
    ],
)
def test_the_minimum_length_depends_on_the_account(user, password, accepted):
    assert (refusals(password, user) == []) is accepted


def test_a_short_officer_password_is_refused_in_vietnamese():
    assert refusals(NINE, User(account_type=AccountType.OFFICER)) == [
        "Mật khẩu quá ngắn: cần ít nhất 10 ký tự."
    ]


def test_the_demo_password_is_refused_outside_debug_and_allowed_under_make_run(settings):
    settings.DEBUG = False
    for user in [User(account_type=AccountType.INDIVIDUAL), User(account_type=AccountType.OFFICER)]:
        assert "mật khẩu mẫu công khai" in " ".join(refusals(DEMO, user))
        assert "mật khẩu mẫu công khai" in " ".join(refusals(DEMO.upper(), user))
    settings.DEBUG = True
    assert refusals(DEMO, User(account_type=AccountType.INDIVIDUAL)) == []


def test_registration_refuses_the_demo_password(client, areas):
    response = post_with_captcha(
        client, reverse("accounts:register"), individual_form(areas, password1=DEMO, password2=DEMO)
    )
    assert response.status_code == 200
    assert "mật khẩu mẫu công khai" in response.content.decode()
    assert not User.objects.filter(username="056090001234").exists()


def test_password_reset_refuses_the_demo_password(client, sms_outbox):
    user = UserFactory(username="056090001234", phone="+84912345678")
    post_with_captcha(client, reverse("accounts:forgot-password"), {"phone": "0912345678"})
    response = client.post(
        reverse("accounts:password-reset"),
        {"code": sms_outbox.last_code("+84912345678"), "password1": DEMO, "password2": DEMO},
    )
    assert "mật khẩu mẫu công khai" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("Matkhau@2026")


@pytest.mark.parametrize(
    ("user_factory", "password", "accepted"),
    [
        (UserFactory, NINE, True),
        (OfficerFactory, NINE, False),
        (OfficerFactory, "Kh@nhHoa10", True),
        (lambda: UserFactory(is_staff=True), NINE, False),
    ],
)
def test_changing_a_password_applies_the_account_s_length(client, user_factory, password, accepted):
    user = user_factory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:password-change"),
        {"old_password": "Matkhau@2026", "password1": password, "password2": password},
    )
    user.refresh_from_db()
    assert user.check_password(password) is accepted
    if not accepted:
        assert "cần ít nhất 10 ký tự" in response.content.decode()


def test_the_admin_s_own_password_form_applies_the_officers_length(client):
    admin = OfficerFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.post(
        reverse("admin:auth_user_password_change", args=[admin.pk]),
        {"password1": NINE, "password2": NINE, "usable_password": "true"},
    )
    assert response.status_code == 200
    assert "cần ít nhất 10 ký tự" in response.content.decode()
    admin.refresh_from_db()
    assert admin.check_password("Matkhau@2026")


def test_the_registration_page_says_the_lengths(client):
    html = client.get(reverse("accounts:register")).content.decode()
    assert "ít nhất 8 ký tự (tài khoản cán bộ: ít nhất 10 ký tự)" in html


def test_the_registration_confirmation_logs_in_a_citizen_only(client, areas, sms_outbox):
    """The last door that logs a person in: the session it makes opens neither the officers'
    tab nor the admin, whatever was typed."""
    post_with_captcha(client, reverse("accounts:register"), individual_form(areas))
    code = sms_outbox.last_code("+84912345678")
    client.post(reverse("accounts:register-verify"), {"code": code})
    assert client.get(reverse("accounts:profile")).status_code == 200
    assert client.get(reverse("backoffice:home"))["Location"].startswith(
        reverse("backoffice:login")
    )
    assert client.get(reverse("admin:index"))["Location"].startswith(reverse("admin:login"))
