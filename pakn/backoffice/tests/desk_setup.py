"""A small province for the desk tests: a coordinating centre, the department A with a
sub-unit and one officer per role, another department B, a ward, a sector and the routing rule
that sends street lighting in that ward to A. Each test module makes it a fixture:
``desk = pytest.fixture(desk_build)`` would shadow names, so they wrap ``desk_build()``."""

from django.urls import reverse

from pakn.accounts.tests.factories import OfficerFactory, UserFactory
from pakn.backoffice.desk_forms import ACTION_FORMS
from pakn.organisations.models import (
    AdministrativeArea,
    Category,
    MembershipRole,
    RoutingRule,
    Unit,
    UnitKind,
)
from pakn.organisations.tests.factories import MembershipFactory, UnitFactory
from pakn.reports.models import Report
from pakn.reports.tests.factories import ReportFactory
from pakn.reports.workflow import report_apply

PASSWORD = "Matkhau@2026"  # the factories'


def desk_build() -> dict:
    province_unit = UnitFactory(name="UBND tỉnh Khánh Hòa", code="tinh", kind=UnitKind.PROVINCE)
    centre = UnitFactory(parent=province_unit, name="Trung tâm Phục vụ hành chính công",
                         code="ttdp", kind=UnitKind.COORDINATING_CENTRE)  # fmt: skip
    unit_a = UnitFactory(parent=province_unit, name="Sở Xây dựng", code="sxd")
    sub_unit = UnitFactory(parent=unit_a, name="Phòng Hạ tầng kỹ thuật", code="sxd-ht",
                           kind=UnitKind.SUB_UNIT)  # fmt: skip
    unit_b = UnitFactory(parent=province_unit, name="Sở Y tế", code="syt")
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
    people = {
        "reporter": UserFactory(
            username="056090000001", full_name="Nguyễn Thị Lan", email="lan@example.vn"
        ),  # fmt: skip
        "other_citizen": UserFactory(username="056090000002"),
    }
    for name, unit, role in [
        ("coordinator", centre, MembershipRole.COORDINATOR),
        ("operator", centre, MembershipRole.OPERATOR),
        ("coordinator_a", unit_a, MembershipRole.COORDINATOR),
        ("operator_a", unit_a, MembershipRole.OPERATOR),
        ("handler_a", unit_a, MembershipRole.HANDLER),
        ("leader_a", unit_a, MembershipRole.LEADER),
        ("unit_admin_a", unit_a, MembershipRole.UNIT_ADMIN),
        ("sub_handler", sub_unit, MembershipRole.HANDLER),
        ("sub_leader", sub_unit, MembershipRole.LEADER),
        ("handler_b", unit_b, MembershipRole.HANDLER),
        ("leader_b", unit_b, MembershipRole.LEADER),
    ]:
        people[name] = OfficerFactory(username=name.replace("_", "."), full_name=f"Cán bộ {name}")
        MembershipFactory(user=people[name], unit=unit, role=role)
    units = {u.pk: u for u in Unit.objects.all()}
    return {
        "centre": units[centre.pk],
        "unit_a": units[unit_a.pk],
        "sub_unit": units[sub_unit.pk],
        "unit_b": units[unit_b.pk],
        "province": province,
        "ward": ward,
        "other_ward": other_ward,
        "lighting": lighting,
        **people,
    }


def submitted_report(desk, **fields) -> Report:
    fields.setdefault("reporter", desk["reporter"])
    fields.setdefault("category", desk["lighting"])
    fields.setdefault("commune", desk["ward"])
    fields.setdefault("province", desk["province"])
    report = ReportFactory(**fields)
    return report_apply(report_id=report.pk, action="submit", actor=report.reporter)


def report_at(desk, unit_key: str, *, accepted: bool = True, **fields) -> Report:
    """A report forwarded to ``desk[unit_key]`` (a sub-unit through its parent department)."""
    report = submitted_report(desk, **fields)
    target = desk[unit_key]
    first = desk["unit_a"] if unit_key == "sub_unit" else target
    report_apply(report_id=report.pk, action="forward", actor=desk["coordinator"],
                 unit_id=first.pk)  # fmt: skip
    if unit_key == "sub_unit":
        report_apply(report_id=report.pk, action="accept", actor=desk["handler_a"])
        report_apply(report_id=report.pk, action="forward_sub_unit", actor=desk["handler_a"],
                     unit_id=target.pk)  # fmt: skip
    if accepted:
        handler = desk["sub_handler"] if unit_key == "sub_unit" else _handler_of(desk, unit_key)
        report_apply(report_id=report.pk, action="accept", actor=handler)
    return Report.objects.get(pk=report.pk)


def _handler_of(desk, unit_key):
    return {"unit_a": desk["handler_a"], "unit_b": desk["handler_b"]}[unit_key]


def desk_url(report) -> str:
    return reverse("backoffice:desk-report", args=[report.code])


def action_url(report, action) -> str:
    return reverse("backoffice:desk-action", args=[report.code, action])


def post_action(client, report, action, expected_status=None, *, confirmed=True, **fields):
    """Posts an action's form as the page would: prefixed fields and the status seen, and
    the confirmation ticked where the action asks for one (unless ``confirmed=False``)."""
    if confirmed and getattr(ACTION_FORMS.get(action), "needs_confirmation", False):
        fields.setdefault("confirm", "on")
    data = {f"{action}-{name}": value for name, value in fields.items()}
    data[f"{action}-expected_status"] = expected_status or report.status
    return client.post(action_url(report, action), data)


def desk_action_open(page, name: str):
    """The form of action ``name`` on the report desk, opened as an officer would: the main
    action is always open; another is behind "Thao tác khác" and its own summary."""
    section = page.locator(f"#thao-tac-{name}")
    section.wait_for(state="attached")
    if section.get_attribute("data-main-action") is None:
        more = page.locator("[data-more-actions]")
        if more.get_attribute("open") is None:
            more.locator("summary").first.click()
        if section.get_attribute("open") is None:
            section.locator("summary").first.click()
    return section
