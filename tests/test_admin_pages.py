"""A system administrator manages reference data and site settings in the Django admin."""

import pytest
from django.contrib import admin
from django.urls import reverse

from pakn.core.models import SiteSettings
from pakn.organisations.models import Category, Unit, UnitKind
from pakn.organisations.services import areas_load_official
from pakn.organisations.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sysadmin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.vn", "Quantri@2026")
    client.force_login(user)
    return client


def test_every_registered_model_has_a_working_list_page(sysadmin_client):
    UnitFactory(name="UBND tỉnh Khánh Hòa", kind=UnitKind.PROVINCE)
    for model in admin.site._registry:
        meta = model._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        response = sysadmin_client.get(url)
        assert response.status_code == 200, url


def test_site_settings_are_edited_and_shown_on_the_portal(sysadmin_client):
    SiteSettings.objects.get_or_create(pk=1)
    url = reverse("admin:core_sitesettings_change", args=[1])
    response = sysadmin_client.post(
        url,
        {
            "portal_name": "Cổng phản ánh, kiến nghị tỉnh Khánh Hòa",
            "short_name": "PAKN Khánh Hòa",
            "managing_agency": "Sở Khoa học và Công nghệ tỉnh Khánh Hòa",
            "hotline": "1900 1023",
            "email": "pakn@khanhhoa.gov.vn",
            "address": "01 Trần Phú, Nha Trang",
            "zalo_url": "",
            "app_store_url": "",
            "play_store_url": "",
            "map_tile_url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            "map_attribution": "© OpenStreetMap",
            "routing_limit_hours": 8,
            "morning_start": "07:30",
            "morning_end": "11:30",
            "afternoon_start": "13:30",
            "afternoon_end": "17:00",
        },
    )
    assert response.status_code == 302
    home = sysadmin_client.get("/")
    assert "Cổng phản ánh, kiến nghị tỉnh Khánh Hòa" in home.content.decode()


def test_a_bad_map_tile_url_is_refused_with_a_message(sysadmin_client):
    SiteSettings.objects.get_or_create(pk=1)
    url = reverse("admin:core_sitesettings_change", args=[1])
    response = sysadmin_client.post(
        url,
        {
            "portal_name": "PAKN",
            "short_name": "PAKN",
            "map_tile_url": "ftp://tiles",
            "map_attribution": "x",
        },
    )
    assert response.status_code == 200
    assert "{z}, {x}, {y}" in response.content.decode()
    assert SiteSettings.objects.get(pk=1).map_tile_url.startswith("https://")


def test_an_administrator_changes_a_sector_answer_time(sysadmin_client):
    water = Category.objects.get(code="water")
    response = sysadmin_client.post(
        reverse("admin:organisations_category_change", args=[water.pk]),
        {
            "name": water.name,
            "code": water.code,
            "parent": water.parent_id,
            "default_answer_days": 3,
            "position": 1,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    water.refresh_from_db()
    assert water.default_answer_days == 3


def test_an_administrator_adds_a_sub_unit_under_a_department(sysadmin_client):
    department = UnitFactory(name="Sở Xây dựng", code="sxd")
    areas_load_official()
    response = sysadmin_client.post(
        reverse("admin:organisations_unit_add"),
        {
            "name": "Phòng Quản lý hạ tầng kỹ thuật",
            "code": "sxd-hatang",
            "kind": UnitKind.SUB_UNIT,
            "return_limit_days": 5,
            "is_active": "on",
            "treebeard_position": "sorted-child",
            "treebeard_ref_node": department.pk,
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    sub_unit = Unit.objects.get(code="sxd-hatang")
    assert Unit.objects.get_parent(sub_unit) == department


def test_administrative_areas_are_read_only_in_the_admin(sysadmin_client):
    areas_load_official()
    response = sysadmin_client.get(reverse("admin:organisations_administrativearea_add"))
    assert response.status_code == 403


def test_working_hours_out_of_order_are_refused(sysadmin_client):
    SiteSettings.objects.get_or_create(pk=1)
    response = sysadmin_client.post(
        reverse("admin:core_sitesettings_change", args=[1]),
        {"portal_name": "PAKN", "short_name": "PAKN",
         "map_tile_url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png", "map_attribution": "x",
         "routing_limit_hours": 8, "morning_start": "11:30", "morning_end": "07:30", "afternoon_start": "13:30",
         "afternoon_end": "17:00"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "Giờ làm việc phải theo thứ tự" in response.content.decode()


def test_role_changes_made_in_the_admin_are_recorded(sysadmin_client):
    from pakn.accounts.tests.factories import OfficerFactory
    from pakn.organisations.models import Membership, MembershipChange

    unit = UnitFactory(name="Sở Tư pháp", code="stp")
    officer = OfficerFactory(username="xuly.stp")
    response = sysadmin_client.post(
        reverse("admin:organisations_membership_add"),
        {"user": officer.pk, "unit": unit.pk, "role": "handler", "is_active": "on"},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=officer)
    sysadmin_client.post(
        reverse("admin:organisations_membership_delete", args=[membership.pk]), {"post": "yes"}
    )
    changes = list(
        MembershipChange.objects.order_by("created_at").values_list("action", "via", "role")
    )
    assert changes == [("grant", "admin", "handler"), ("revoke", "admin", "handler")]
    with pytest.raises(PermissionError):
        MembershipChange.objects.first().delete()
