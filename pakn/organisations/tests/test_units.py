import pytest
from django.db import IntegrityError

from pakn.organisations.models import Membership, MembershipRole, Unit, UnitKind
from pakn.organisations.tests.factories import MembershipFactory, UnitFactory

pytestmark = pytest.mark.django_db


def test_a_unit_subtree_holds_its_sub_units_and_nothing_else():
    province = UnitFactory(name="UBND tỉnh Khánh Hòa", kind=UnitKind.PROVINCE)
    department = UnitFactory(parent=province, name="Sở Xây dựng")
    office = UnitFactory(parent=department, name="Phòng Quản lý hạ tầng", kind=UnitKind.SUB_UNIT)
    other = UnitFactory(parent=province, name="Sở Y tế")

    department.refresh_from_db()
    subtree = set(Unit.objects.get_tree(department))
    assert subtree == {department, office}
    assert other not in subtree
    assert Unit.objects.get_parent(office) == department
    assert list(Unit.objects.get_children(province).values_list("name", flat=True)) == [
        "Sở Xây dựng",
        "Sở Y tế",
    ]


def test_an_officer_may_hold_several_roles_but_not_the_same_twice():
    membership = MembershipFactory(role=MembershipRole.HANDLER)
    MembershipFactory(user=membership.user, unit=membership.unit, role=MembershipRole.LEADER)
    other_unit = UnitFactory()
    MembershipFactory(user=membership.user, unit=other_unit, role=MembershipRole.HANDLER)
    assert Membership.objects.filter(user=membership.user).count() == 3
    with pytest.raises(IntegrityError):
        MembershipFactory(user=membership.user, unit=membership.unit, role=MembershipRole.HANDLER)
