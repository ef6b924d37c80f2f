import datetime

import pytest

from pakn.accounts.tests.factories import OfficerFactory
from pakn.campaigns.models import Campaign, CampaignPeriod, ReportingGroup
from pakn.organisations.models import Membership, MembershipRole, Unit, UnitKind
from pakn.organisations.tests.factories import UnitFactory


@pytest.fixture
def adoption(desk) -> dict:
    """The small province with two wards' committees (each with its ward), a school, and a
    campaign asking wards and schools for their figures of November 2026, due 5 December."""
    root = Unit.objects.get(code="tinh")
    ward_unit = UnitFactory(parent=root, name="UBND Phường Nha Trang", code="ubnd-nt",
                            kind=UnitKind.COMMUNE_COMMITTEE)  # fmt: skip
    ward_unit.areas.add(desk["ward"])
    other_ward_unit = UnitFactory(parent=root, name="UBND Phường Cam Ranh", code="ubnd-cr",
                                  kind=UnitKind.COMMUNE_COMMITTEE)  # fmt: skip
    other_ward_unit.areas.add(desk["other_ward"])
    school = UnitFactory(parent=root, name="Trường THPT Lý Tự Trọng", code="thpt-ltt",
                         kind=UnitKind.SCHOOL)  # fmt: skip
    desk["ward"].population = 20_000
    desk["ward"].save()
    officers = {}
    for key, unit, role in (
        ("ward_leader", ward_unit, MembershipRole.LEADER),
        ("ward_handler", ward_unit, MembershipRole.HANDLER),
        ("other_ward_leader", other_ward_unit, MembershipRole.LEADER),
        ("school_admin", school, MembershipRole.UNIT_ADMIN),
    ):
        officers[key] = OfficerFactory(username=key.replace("_", "."), full_name=f"Cán bộ {key}")
        Membership.objects.create(user=officers[key], unit=unit, role=role)
    campaign = Campaign.objects.create(
        name="Tuyên truyền cài đặt ứng dụng KhanhHoa-S", app_name="KhanhHoa-S",
        reporting_groups=[ReportingGroup.WARD, ReportingGroup.SCHOOL],
    )  # fmt: skip
    period = CampaignPeriod.objects.create(
        campaign=campaign, name="Tháng 11/2026", start_date=datetime.date(2026, 11, 1),
        end_date=datetime.date(2026, 11, 30), deadline=datetime.date(2026, 12, 5),
    )  # fmt: skip
    return desk | officers | {
        "ward_unit": ward_unit, "other_ward_unit": other_ward_unit, "school": school,
        "campaign": campaign, "period": period,
    }  # fmt: skip
