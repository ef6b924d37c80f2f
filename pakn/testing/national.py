"""A small national programme for tests (the fixture ``programme``): the root, two provinces
(Khánh Hòa, Thanh Hóa) each with its coordinator and Department of Science and Technology
(handler, leader), one ministry (Bộ Khoa học và Công nghệ) with its coordinator and a
department (handler, leader), the science fields of seed 004, and the routing rules of the
digital-transformation field: in Khánh Hòa to its department, anywhere else to the
ministry's."""

from pakn.accounts.tests.factories import OfficerFactory, UserFactory
from pakn.organisations.models import (
    AdministrativeArea,
    Category,
    Membership,
    MembershipRole,
    RoutingRule,
    Unit,
    UnitKind,
)
from pakn.organisations.science_fields import science_fields_ensure
from pakn.organisations.tests.factories import UnitFactory

R = MembershipRole


def national_build() -> dict:
    science_fields_ensure()
    khanh_hoa_area = AdministrativeArea.objects.create(
        code="56", level="province", name="Khánh Hòa", division_type="Tỉnh", codename="khanh_hoa"
    )
    thanh_hoa_area = AdministrativeArea.objects.create(
        code="38", level="province", name="Thanh Hóa", division_type="Tỉnh", codename="thanh_hoa"
    )
    root = UnitFactory(
        name="Hệ thống tiếp nhận đề xuất, sáng kiến", code="nq57",
        kind=UnitKind.COORDINATING_CENTRE,
    )  # fmt: skip
    khanh_hoa = UnitFactory(parent=root, name="Tỉnh Khánh Hòa", code="kh", kind=UnitKind.PROVINCE)
    thanh_hoa = UnitFactory(parent=root, name="Tỉnh Thanh Hóa", code="th", kind=UnitKind.PROVINCE)
    ministry = UnitFactory(
        parent=root, name="Bộ Khoa học và Công nghệ", code="bkhcn", kind=UnitKind.MINISTRY
    )
    kh_dost = UnitFactory(
        parent=khanh_hoa, name="Sở Khoa học và Công nghệ Khánh Hòa", code="kh-skhcn"
    )
    th_dost = UnitFactory(
        parent=thanh_hoa, name="Sở Khoa học và Công nghệ Thanh Hóa", code="th-skhcn"
    )
    ministry_department = UnitFactory(
        parent=ministry, name="Cục Chuyển đổi số quốc gia", code="bkhcn-cds"
    )
    units = Unit.objects.in_bulk(
        [
            u.pk
            for u in (root, khanh_hoa, thanh_hoa, ministry, kh_dost, th_dost, ministry_department)
        ]
    )
    built = {
        "root": units[root.pk], "khanh_hoa": units[khanh_hoa.pk], "thanh_hoa": units[thanh_hoa.pk],
        "ministry": units[ministry.pk], "kh_dost": units[kh_dost.pk], "th_dost": units[th_dost.pk],
        "ministry_department": units[ministry_department.pk],
        "khanh_hoa_area": khanh_hoa_area, "thanh_hoa_area": thanh_hoa_area,
    }  # fmt: skip
    built["khanh_hoa"].areas.add(khanh_hoa_area)
    built["thanh_hoa"].areas.add(thanh_hoa_area)
    officers = [
        ("kh_coordinator", "khanh_hoa", R.COORDINATOR),
        ("kh_handler", "kh_dost", R.HANDLER),
        ("kh_leader", "kh_dost", R.LEADER),
        ("th_coordinator", "thanh_hoa", R.COORDINATOR),
        ("th_handler", "th_dost", R.HANDLER),
        ("ministry_coordinator", "ministry", R.COORDINATOR),
        ("ministry_handler", "ministry_department", R.HANDLER),
        ("ministry_leader", "ministry_department", R.LEADER),
        ("kh_unit_admin", "khanh_hoa", R.UNIT_ADMIN),
    ]
    for key, unit, role in officers:
        built[key] = OfficerFactory(username=key.replace("_", "."), full_name=f"Cán bộ {key}")
        Membership.objects.create(user=built[key], unit=built[unit], role=role)
    built["reporter"] = UserFactory(username="056090000011", full_name="Trần Văn Minh")
    built["organisation"] = UserFactory(
        username="0312345678", account_type="organisation", organisation_name="Công ty Sao Biển"
    )
    digital = Category.objects.get(code="khcn-chuyen-doi-so")
    built["digital"] = digital
    built["e_government"] = Category.objects.get(code="khcn-chinh-quyen-so")
    RoutingRule.objects.create(category=digital, area=khanh_hoa_area, unit=built["kh_dost"])
    RoutingRule.objects.create(category=digital, area=None, unit=built["ministry_department"])
    return built
