import pytest

from pakn.accounts.tests.factories import OfficerFactory, UserFactory
from pakn.organisations.models import MembershipRole, UnitKind
from pakn.organisations.tests.factories import MembershipFactory, UnitFactory


@pytest.fixture
def org(db):
    """A small province: a coordinating centre, a department with a sub-unit, another
    department, and one officer per role."""
    province = UnitFactory(name="UBND tỉnh Khánh Hòa", code="tinh", kind=UnitKind.PROVINCE)
    centre = UnitFactory(parent=province, name="Trung tâm điều phối", code="ttdp",
                         kind=UnitKind.COORDINATING_CENTRE)  # fmt: skip
    department = UnitFactory(parent=province, name="Sở Xây dựng", code="sxd")
    sub_unit = UnitFactory(parent=department, name="Phòng Hạ tầng", code="sxd-ht",
                           kind=UnitKind.SUB_UNIT)  # fmt: skip
    other = UnitFactory(parent=province, name="Sở Y tế", code="syt")
    people = {
        "reporter": UserFactory(username="056090000001"),
        "other_citizen": UserFactory(username="056090000002"),
    }
    for name, unit, role in [
        ("coordinator", centre, MembershipRole.COORDINATOR),
        ("operator", centre, MembershipRole.OPERATOR),
        ("handler", department, MembershipRole.HANDLER),
        ("leader", department, MembershipRole.LEADER),
        ("other_handler", other, MembershipRole.HANDLER),
        ("sub_handler", sub_unit, MembershipRole.HANDLER),
    ]:
        people[name] = OfficerFactory(username=name.replace("_", "."))
        MembershipFactory(user=people[name], unit=unit, role=role)
    refresh = {u.pk: u for u in type(centre).objects.all()}
    return {
        "centre": refresh[centre.pk],
        "department": refresh[department.pk],
        "sub_unit": refresh[sub_unit.pk],
        "other": refresh[other.pk],
        **people,
    }
