"""Seed 004: a department's administrator manages its units' officers, and nothing else."""

import io

import openpyxl
import pytest
from django.urls import reverse

from pakn.accounts.models import AccountType, User
from pakn.accounts.tests.factories import OfficerFactory
from pakn.organisations.models import (
    Membership,
    MembershipChange,
    MembershipChangeAction,
    MembershipRole,
    Unit,
    UnitKind,
)
from pakn.organisations.tests.factories import MembershipFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    province = UnitFactory(name="UBND tỉnh", code="tinh", kind=UnitKind.PROVINCE)
    department = UnitFactory(parent=province, name="Sở Khoa học và Công nghệ", code="skhcn")
    office = UnitFactory(parent=department, name="Phòng Chuyển đổi số", code="skhcn-cds",
                         kind=UnitKind.SUB_UNIT)  # fmt: skip
    other = UnitFactory(parent=province, name="Sở Y tế", code="syt")
    admin = OfficerFactory(username="quantri.skhcn", full_name="Quản trị Sở KH&CN")
    MembershipFactory(user=admin, unit=department, role=MembershipRole.UNIT_ADMIN)
    inside = MembershipFactory(unit=office, role=MembershipRole.HANDLER).user
    outside = MembershipFactory(unit=other, role=MembershipRole.HANDLER).user
    both = MembershipFactory(unit=office, role=MembershipRole.HANDLER).user
    MembershipFactory(user=both, unit=other, role=MembershipRole.LEADER)
    return {
        "department": Unit.objects.get(pk=department.pk),
        "office": Unit.objects.get(pk=office.pk),
        "other": Unit.objects.get(pk=other.pk),
        "admin": admin,
        "inside": inside,
        "outside": outside,
        "both": both,
    }


@pytest.fixture
def admin_client(client, tree):
    client.force_login(tree["admin"])
    return client


def test_the_list_shows_only_officers_inside_the_subtree(admin_client, tree):
    html = admin_client.get(reverse("backoffice:administration")).content.decode()
    assert tree["inside"].username in html
    assert tree["outside"].username not in html
    assert tree["both"].username not in html  # also holds a role outside: not theirs to manage
    assert "Sở Y tế" not in html


@pytest.mark.parametrize("who", ["outside", "both"])
@pytest.mark.parametrize(
    "url_name", ["officer-detail", "officer-toggle-active", "officer-password-reset"]
)
def test_officers_outside_the_subtree_are_404(admin_client, tree, who, url_name):
    url = reverse(f"backoffice:{url_name}", args=[tree[who].pk])
    response = admin_client.post(url) if url_name != "officer-detail" else admin_client.get(url)
    assert response.status_code == 404
    officer = User.objects.get(pk=tree[who].pk)
    assert officer.is_active and officer.check_password("Matkhau@2026")


def test_a_unit_outside_cannot_be_chosen_for_a_new_officer(admin_client, tree):
    response = admin_client.post(
        reverse("backoffice:officer-add"),
        {"full_name": "Nguyễn Văn Ngoài", "username": "ngoai.syt", "unit": tree["other"].pk,
         "role": MembershipRole.HANDLER},
    )  # fmt: skip
    assert response.status_code == 200
    assert not User.objects.filter(username="ngoai.syt").exists()


def test_an_officer_is_created_with_a_one_time_password_and_audited(admin_client, tree):
    response = admin_client.post(
        reverse("backoffice:officer-add"),
        {"full_name": "Lê Văn Số", "username": "levanso.cds", "unit": tree["office"].pk,
         "role": MembershipRole.HANDLER, "phone": "0905123456"},
    )  # fmt: skip
    assert response.status_code == 200
    officer = User.objects.get(username="levanso.cds")
    password = response.context["password"]
    assert officer.account_type == AccountType.OFFICER and officer.check_password(password)
    assert officer.phone == "+84905123456"
    change = MembershipChange.objects.get(action=MembershipChangeAction.OFFICER_CREATE)
    assert (change.actor, change.officer, change.unit_id) == (
        tree["admin"],
        officer,
        tree["office"].pk,
    )


def test_deactivating_ends_the_officers_sessions(admin_client, client_factory, tree):
    officer_session = client_factory()
    officer_session.force_login(tree["inside"])
    admin_client.post(reverse("backoffice:officer-toggle-active", args=[tree["inside"].pk]))
    assert not User.objects.get(pk=tree["inside"].pk).is_active
    assert officer_session.get(reverse("backoffice:home")).status_code == 302
    assert MembershipChange.objects.filter(
        action=MembershipChangeAction.OFFICER_DEACTIVATE, officer=tree["inside"]
    ).exists()


def test_roles_are_granted_and_revoked_inside_the_subtree(admin_client, tree):
    officer = tree["inside"]
    admin_client.post(
        reverse("backoffice:officer-detail", args=[officer.pk]),
        {"unit": tree["department"].pk, "role": MembershipRole.LEADER},
    )
    leader = Membership.objects.get(user=officer, role=MembershipRole.LEADER)
    admin_client.post(reverse("backoffice:membership-revoke", args=[officer.pk, leader.pk]))
    leader.refresh_from_db()
    assert not leader.is_active
    actions = list(
        MembershipChange.objects.filter(officer=officer).values_list("action", flat=True)
    )
    assert sorted(actions) == ["grant", "revoke"]
    # A grant in a unit outside the subtree is refused by the form.
    admin_client.post(
        reverse("backoffice:officer-detail", args=[officer.pk]),
        {"unit": tree["other"].pk, "role": MembershipRole.LEADER},
    )
    assert not Membership.objects.filter(user=officer, unit=tree["other"]).exists()


def test_a_sub_unit_is_created_under_an_administered_unit_only(admin_client, tree):
    admin_client.post(
        reverse("backoffice:sub-unit-add"),
        {"parent": tree["office"].pk, "name": "Tổ Dữ liệu", "code": "skhcn-cds-dl",
         "kind": UnitKind.SUB_UNIT},
    )  # fmt: skip
    assert Unit.objects.get_parent(Unit.objects.get(code="skhcn-cds-dl")).pk == tree["office"].pk
    admin_client.post(
        reverse("backoffice:sub-unit-add"),
        {
            "parent": tree["other"].pk,
            "name": "Phòng lạ",
            "code": "syt-la",
            "kind": UnitKind.SUB_UNIT,
        },
    )
    assert not Unit.objects.filter(code="syt-la").exists()


def test_an_officer_without_the_role_sees_404(client, tree):
    client.force_login(tree["inside"])
    assert client.get(reverse("backoffice:administration")).status_code == 404


def test_a_file_of_another_type_is_refused_with_a_message(admin_client):
    upload = io.BytesIO(b"MZ\x90\x00 not a spreadsheet")
    upload.name = "danh-sach.exe"
    response = admin_client.post(reverse("backoffice:officers-bulk-upload"), {"file": upload})
    assert response.status_code == 200
    assert "Chỉ nhận tệp .xlsx hoặc .csv." in response.content.decode()


def test_the_template_lists_the_units_administered(admin_client):
    response = admin_client.get(reverse("backoffice:officers-bulk-template"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    codes = {row[4] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert codes == {"skhcn", "skhcn-cds"}
