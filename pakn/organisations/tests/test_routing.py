import pytest

from pakn.organisations.models import AdministrativeArea, Category, RoutingRule
from pakn.organisations.selectors import routing_rule_suggest
from pakn.organisations.services import areas_load_official
from pakn.organisations.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def test_the_most_specific_rule_wins():
    areas_load_official()
    province = AdministrativeArea.objects.get(code="56")
    nha_trang = province.children.get(name="Phường Nha Trang")
    cam_ranh = province.children.get(name="Phường Cam Ranh")
    water = Category.objects.get(code="water")
    urban = water.parent
    company = UnitFactory(name="Công ty Cấp thoát nước")
    ward = UnitFactory(name="UBND Phường Nha Trang")
    department = UnitFactory(name="Sở Xây dựng")
    RoutingRule.objects.create(category=urban, area=None, unit=department)
    RoutingRule.objects.create(category=water, area=province, unit=company)
    RoutingRule.objects.create(category=water, area=nha_trang, unit=ward)

    assert routing_rule_suggest(category=water, commune=nha_trang).unit == ward
    assert routing_rule_suggest(category=water, commune=cam_ranh).unit == company
    lighting = Category.objects.get(code="lighting")
    assert routing_rule_suggest(category=lighting, commune=cam_ranh).unit == department
    assert routing_rule_suggest(category=Category.objects.get(code="health"), commune=None) is None
    assert routing_rule_suggest(category=None, commune=nha_trang) is None
