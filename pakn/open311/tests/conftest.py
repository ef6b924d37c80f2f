import pytest

from pakn.accounts.tests.factories import OfficerFactory
from pakn.open311.services import api_key_create
from pakn.organisations.models import AdministrativeArea, MembershipRole, UnitKind
from pakn.organisations.tests.factories import CategoryFactory, MembershipFactory, UnitFactory


@pytest.fixture
def province(db):
    """A coordinating centre and a department with its officers, a sector with a
    sub-sector, and a ward."""
    root = UnitFactory(name="UBND tỉnh Khánh Hòa", code="tinh", kind=UnitKind.PROVINCE)
    centre = UnitFactory(parent=root, name="Trung tâm điều phối", code="ttdp",
                         kind=UnitKind.COORDINATING_CENTRE)  # fmt: skip
    department = UnitFactory(parent=root, name="Sở Xây dựng", code="sxd")
    root.refresh_from_db()
    people = {}
    for name, unit, role in [
        ("coordinator", centre, MembershipRole.COORDINATOR),
        ("handler", department, MembershipRole.HANDLER),
        ("leader", department, MembershipRole.LEADER),
    ]:
        people[name] = OfficerFactory(username=f"o311.{name}")
        MembershipFactory(user=people[name], unit=unit, role=role)
    area = AdministrativeArea.objects.create(
        code="56", level="province", name="Khánh Hòa", division_type="Tỉnh", codename="kh"
    )
    ward = AdministrativeArea.objects.create(
        code="22333", level="commune", name="Phường Nha Trang", division_type="Phường",
        codename="phuong_nha_trang", parent=area,
    )  # fmt: skip
    roads = CategoryFactory(name="Giao thông đô thị", code="o311-giao-thong", position=0)
    potholes = CategoryFactory(name="Ổ gà, hư hỏng mặt đường", code="o311-o-ga", parent=roads)
    return {
        "centre": centre,
        "department": department,
        "ward": ward,
        "roads": roads,
        "potholes": potholes,
        **people,
    }


@pytest.fixture
def partner(db):
    """A partner's key: (ApiKey, the key in clear)."""
    return api_key_create(name="Ứng dụng Thành phố Xanh", rate_limit_per_minute=1000)


@pytest.fixture(autouse=True)
def _fresh_counters(settings):
    """Each test counts requests from zero (the rate limits live in the cache)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
