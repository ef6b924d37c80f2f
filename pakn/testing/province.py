"""One small province for every app's tests (the fixtures ``org`` and ``desk``).

A coordinating centre; department A (Sở Xây dựng) with a sub-unit; department B (Sở Y tế);
one officer per role. ``org`` and ``desk`` are the same people and units under two sets of
names: ``department``/``unit_a``, ``other``/``unit_b``, ``handler``/``handler_a``,
``leader``/``leader_a``, ``other_handler``/``handler_b``."""

from pakn.accounts.models import User
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
from pakn.organisations.tests.factories import UnitFactory

PASSWORD = "Matkhau@2026"  # noqa: S105 (the factories' test password)

# (key, unit, role): the officers; usernames are the keys with dots ("handler.a").
OFFICERS = [
    ("coordinator", "centre", MembershipRole.COORDINATOR),
    ("operator", "centre", MembershipRole.OPERATOR),
    ("coordinator_a", "unit_a", MembershipRole.COORDINATOR),
    ("operator_a", "unit_a", MembershipRole.OPERATOR),
    ("handler_a", "unit_a", MembershipRole.HANDLER),
    ("leader_a", "unit_a", MembershipRole.LEADER),
    ("unit_admin_a", "unit_a", MembershipRole.UNIT_ADMIN),
    ("sub_handler", "sub_unit", MembershipRole.HANDLER),
    ("sub_leader", "sub_unit", MembershipRole.LEADER),
    ("handler_b", "unit_b", MembershipRole.HANDLER),
    ("leader_b", "unit_b", MembershipRole.LEADER),
]
# The names the reports, notifications and statistics tests know the same things by.
ALIASES = {
    "department": "unit_a",
    "other": "unit_b",
    "handler": "handler_a",
    "leader": "leader_a",
    "other_handler": "handler_b",
}


def province_build(*, areas: bool = False) -> dict:
    """The province's units and people; with ``areas``, also Khánh Hòa with two wards
    (``province``, ``ward``, ``other_ward``), the street-lighting sector (``lighting``) and
    the routing rule that sends lighting in ``ward`` to department A. Areas are left out by
    default: tests that load the official list or make their own would clash with them."""
    province_unit = UnitFactory(name="UBND tỉnh Khánh Hòa", code="tinh", kind=UnitKind.PROVINCE)
    centre = UnitFactory(parent=province_unit, name="Trung tâm điều phối", code="ttdp",
                         kind=UnitKind.COORDINATING_CENTRE)  # fmt: skip
    unit_a = UnitFactory(parent=province_unit, name="Sở Xây dựng", code="sxd")
    sub_unit = UnitFactory(parent=unit_a, name="Phòng Hạ tầng kỹ thuật", code="sxd-ht",
                           kind=UnitKind.SUB_UNIT)  # fmt: skip
    unit_b = UnitFactory(parent=province_unit, name="Sở Y tế", code="syt")
    units = {"centre": centre, "unit_a": unit_a, "sub_unit": sub_unit, "unit_b": unit_b}
    # Built, then written in one query each: the fixture runs for hundreds of tests.
    people = {
        "reporter": UserFactory.build(
            username="056090000001", full_name="Nguyễn Thị Lan", email="lan@example.vn"
        ),
        "other_citizen": UserFactory.build(username="056090000002"),
    }
    for key, _unit, _role in OFFICERS:
        people[key] = OfficerFactory.build(
            username=key.replace("_", "."), full_name=f"Cán bộ {key}"
        )
    User.objects.bulk_create(people.values())
    Membership.objects.bulk_create(
        Membership(user=people[key], unit=units[unit], role=role) for key, unit, role in OFFICERS
    )
    # Read back: treebeard changed the parents' rows (numchild) after they were built.
    fresh = Unit.objects.in_bulk([unit.pk for unit in units.values()])
    built = {key: fresh[unit.pk] for key, unit in units.items()} | people
    if areas:
        built |= _areas_build(unit_a=built["unit_a"])
    return built | {alias: built[key] for alias, key in ALIASES.items()}


def _areas_build(*, unit_a: Unit) -> dict:
    province = AdministrativeArea.objects.create(
        code="56", level="province", name="Khánh Hòa", division_type="Tỉnh", codename="khanh_hoa"
    )
    ward = AdministrativeArea.objects.create(
        code="22333", level="commune", name="Phường Nha Trang", division_type="Phường",
        codename="phuong_nha_trang", parent=province,
    )  # fmt: skip
    other_ward = AdministrativeArea.objects.create(
        code="22334", level="commune", name="Phường Cam Ranh", division_type="Phường",
        codename="phuong_cam_ranh", parent=province,
    )  # fmt: skip
    lighting = Category.objects.get(code="lighting")
    RoutingRule.objects.create(category=lighting, area=ward, unit=unit_a)
    return {"province": province, "ward": ward, "other_ward": other_ward, "lighting": lighting}
