"""A password handed out by unit administration (one officer, a reset, a spreadsheet) is
temporary: at the first login the officer is sent to change it and reaches nothing else until
then (issue 11, "should be fixed")."""

import csv
import io

import openpyxl
import pytest
from django.test import TestCase
from django.urls import reverse

from pakn.accounts.models import User
from pakn.accounts.tests.factories import OfficerFactory
from pakn.organisations.models import MembershipRole, UnitKind
from pakn.organisations.tests.factories import MembershipFactory, UnitFactory
from pakn.testing.captcha import captcha_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def department():
    return UnitFactory(name="Sở Khoa học và Công nghệ", code="skhcn", kind=UnitKind.DEPARTMENT)


@pytest.fixture
def unit_admin_client(client_factory, department):
    admin = OfficerFactory(username="quantri.skhcn")
    MembershipFactory(user=admin, unit=department, role=MembershipRole.UNIT_ADMIN)
    client = client_factory()
    client.force_login(admin)
    return client


def officer_login(client, username, password):
    page = client.get(reverse("backoffice:login"))
    return client.post(
        reverse("backoffice:login"),
        {"username": username, "password": password, **captcha_fields(page.content.decode())},
    )


def assert_held_at_the_password_change(client):
    change = reverse("accounts:password-change")
    for path in [reverse("backoffice:home"), reverse("backoffice:desk-inbox"), "/admin/", "/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(change), path
    page = client.get(change)
    assert page.status_code == 200
    assert "mật khẩu tạm" in page.content.decode()


def change_password(client, old, new="Matkhau.Moi-2026"):
    return client.post(
        reverse("accounts:password-change") + "?next=/can-bo/",
        {"old_password": old, "password1": new, "password2": new},
    )


def created_one_by_one(unit_admin_client, department):
    response = unit_admin_client.post(
        reverse("backoffice:officer-add"),
        {"full_name": "Lê Văn Số", "username": "levanso.skhcn", "unit": department.pk,
         "role": MembershipRole.HANDLER},
    )  # fmt: skip
    return "levanso.skhcn", response.context["password"]


def created_from_a_file(unit_admin_client, department):
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(["Họ và tên", "Tên đăng nhập", "Mã đơn vị", "Vai trò"])
    writer.writerow(["Cán bộ đầu mối", "daumoi.skhcn", "skhcn", "Cán bộ xử lý"])
    upload = io.BytesIO(text.getvalue().encode("utf-8-sig"))
    upload.name = "danh-sach.csv"
    with TestCase.captureOnCommitCallbacks(execute=True):  # the import's task runs
        response = unit_admin_client.post(
            reverse("backoffice:officers-bulk-upload"), {"file": upload}
        )
    import_id = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    passwords = unit_admin_client.post(
        reverse("backoffice:officers-import-passwords", args=[import_id])
    )
    sheet = openpyxl.load_workbook(io.BytesIO(passwords.content)).active
    username, password = next(sheet.iter_rows(min_row=2, values_only=True))[2::2]
    return username, password


def reset_by_the_administrator(unit_admin_client, department):
    officer = MembershipFactory(unit=department, role=MembershipRole.HANDLER).user
    response = unit_admin_client.post(
        reverse("backoffice:officer-password-reset", args=[officer.pk])
    )
    return officer.username, response.context["password"]


@pytest.mark.parametrize(
    "hand_out", [created_one_by_one, created_from_a_file, reset_by_the_administrator]
)
def test_a_temporary_password_must_be_changed_before_anything_else(
    client, unit_admin_client, department, hand_out
):
    username, temporary = hand_out(unit_admin_client, department)
    assert User.objects.get(username=username).password_must_change
    response = officer_login(client, username, temporary)
    assert response.status_code == 302
    assert_held_at_the_password_change(client)

    changed = change_password(client, temporary)
    assert changed["Location"] == "/can-bo/"
    officer = User.objects.get(username=username)
    assert not officer.password_must_change
    assert officer.check_password("Matkhau.Moi-2026")
    assert client.get(reverse("backoffice:home")).status_code == 200


def test_the_new_password_must_differ_and_follow_the_officers_policy(
    client, unit_admin_client, department
):
    username, temporary = created_one_by_one(unit_admin_client, department)
    officer_login(client, username, temporary)
    same = change_password(client, temporary, new=temporary)
    assert "Mật khẩu mới phải khác mật khẩu hiện tại." in same.content.decode()
    short = change_password(client, temporary, new="Kh@nhHoa9")  # 9 characters
    assert "ít nhất 10 ký tự" in short.content.decode()
    assert User.objects.get(username=username).password_must_change
    assert_held_at_the_password_change(client)


def test_an_officer_who_chose_a_password_is_not_held(client, department):
    MembershipFactory(unit=department, role=MembershipRole.HANDLER, user__username="xuly.a")
    officer_login(client, "xuly.a", "Matkhau@2026")
    assert client.get(reverse("backoffice:home")).status_code == 200


def test_an_officer_on_the_demo_password_outside_debug_must_change_it(client, settings):
    officer = OfficerFactory(username="dieuphoi1")
    officer.set_password(settings.DEMO_PASSWORD)
    officer.save()
    officer_login(client, "dieuphoi1", settings.DEMO_PASSWORD)
    assert_held_at_the_password_change(client)
    change_password(client, settings.DEMO_PASSWORD)
    assert client.get(reverse("backoffice:home")).status_code == 200


def test_the_demo_accounts_keep_working_under_make_run(client, settings):
    settings.DEBUG = True
    officer = OfficerFactory(username="dieuphoi1")
    officer.set_password(settings.DEMO_PASSWORD)
    officer.save()
    officer_login(client, "dieuphoi1", settings.DEMO_PASSWORD)
    assert client.get(reverse("backoffice:home")).status_code == 200
    assert not User.objects.get(username="dieuphoi1").password_must_change
