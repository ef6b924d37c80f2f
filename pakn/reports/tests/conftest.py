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


@pytest.fixture
def sms_outbox(settings, tmp_path):
    """The SMS outbox of this test: ``messages()`` reads what was sent."""
    import json

    folder = tmp_path / "sms"
    settings.SMS_BACKEND = "outbox"
    settings.SMS_OUTBOX_DIR = folder

    class Outbox:
        def messages(self):
            if not folder.exists():
                return []
            return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.iterdir())]

    return Outbox()


@pytest.fixture
def png_bytes():
    """A small, real PNG photo."""
    import io

    from PIL import Image

    output = io.BytesIO()
    Image.new("RGB", (32, 24), (200, 40, 40)).save(output, format="PNG")
    return output.getvalue()


def answer_report(org, report):
    """The officers' side, as the workflow table has it: forward, accept, answer, approve."""
    from pakn.reports.workflow import report_apply

    report_apply(report_id=report.pk, action="forward", actor=org["coordinator"],
                 unit_id=org["department"].pk)  # fmt: skip
    report_apply(report_id=report.pk, action="accept", actor=org["handler"])
    report_apply(report_id=report.pk, action="submit_answer", actor=org["handler"],
                 content="Đã thay bóng đèn đường ngày 20/11.")  # fmt: skip
    return report_apply(report_id=report.pk, action="approve_answer", actor=org["leader"])
