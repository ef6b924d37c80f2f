"""Generated from the transition table: every allowed (state, action, role) works and writes
its event. The refusals, and the table itself, are checked against the hand-written policy
in test_workflow_policy.py."""

import datetime

import pytest
from django.utils import timezone

from pakn.accounts.tests.factories import OfficerFactory
from pakn.organisations.models import Unit, UnitKind
from pakn.organisations.tests.factories import MembershipFactory, UnitFactory
from pakn.reports.models import Answer, AnswerStatus, Event, Report, ReportStatus
from pakn.reports.tests.factories import ReportFactory
from pakn.reports.workflow import SAME, TRANSITIONS, report_apply

UNIT_STATES = {
    ReportStatus.ASSIGNED, ReportStatus.IN_PROGRESS, ReportStatus.PENDING_APPROVAL,
    ReportStatus.PENDING_REVIEW, ReportStatus.ANSWERED, ReportStatus.CLOSED,
}  # fmt: skip


def report_in(state, org) -> Report:
    now = timezone.now()
    report = ReportFactory(
        reporter=org["reporter"],
        status=state,
        code=None if state == ReportStatus.DRAFT else f"PAKN-2026-{Report.objects.count() + 1:06d}",
        coordinating_unit=org["centre"],
        current_unit=org["department"] if state in UNIT_STATES else None,
        submitted_at=None if state == ReportStatus.DRAFT else now,
        assigned_at=now if state in UNIT_STATES else None,
        answer_deadline=now + datetime.timedelta(days=10) if state in UNIT_STATES else None,
        extension_requested_days=3 if state == ReportStatus.IN_PROGRESS else None,
    )
    if state == ReportStatus.IN_PROGRESS and "co_unit" in org:
        report.co_handling_units.add(org["co_unit"])
    answer_status = {
        ReportStatus.PENDING_APPROVAL: AnswerStatus.PENDING_APPROVAL,
        ReportStatus.PENDING_REVIEW: AnswerStatus.PENDING_REVIEW,
    }.get(state)
    if answer_status:
        Answer.objects.create(report=report, unit=org["department"], content="Kết quả",
                              drafted_by=org["handler"], status=answer_status)  # fmt: skip
    return report


def with_co_handler(org) -> dict:
    """Adds a unit invited to co-handle report_in's reports in progress (``co_unit``) and a
    handler of it (``co_handler``)."""
    if "co_unit" not in org:
        province = Unit.objects.get(code="tinh")
        org["co_unit"] = UnitFactory(parent=province, name="Viện Khoa học", code="vkh")
        org["co_handler"] = OfficerFactory(username="co.handler")
        MembershipFactory(user=org["co_handler"], unit=org["co_unit"], role="handler")
        # A sibling inserted in name order may move the others' paths: read them again.
        for value in org.values():
            if isinstance(value, Unit):
                value.refresh_from_db()
    return org


def ministry_of(org) -> Unit:
    """A ministry to send proposals up to (``ministry``), made on first use."""
    if "ministry" not in org:
        org["ministry"] = UnitFactory(
            name="Bộ Khoa học và Công nghệ", code="bkhcn", kind=UnitKind.MINISTRY
        )
    return org["ministry"]


def ready_for(action, report) -> None:
    """Meets the action's guard on report_in's report: no extension asked yet for a request
    (report_in's asks one, for the coordinator's decision), a published report to unpublish,
    a proposal (coordinated inside the province) to send up to a ministry."""
    if action == "forward_up":
        Report.objects.filter(pk=report.pk).update(kind="proposal")
    if action == "request_extension":
        Report.objects.filter(pk=report.pk).update(extension_requested_days=None)
    if action == "unpublish":
        Report.objects.filter(pk=report.pk).update(is_published=True)


def params_for(action, org):
    if action == "forward_up":
        return {"unit_id": ministry_of(org).pk, "note": "Vượt thẩm quyền của tỉnh."}
    if action == "merge":
        original = ReportFactory(reporter=org["other_citizen"], status=ReportStatus.IN_PROGRESS,
                                 code=f"PAKN-2025-{Report.objects.count() + 1:06d}")  # fmt: skip
        return {"original_code": original.code}
    return {
        "classify": {"kind": "recommendation"},
        "reject": {"reason": "Nội dung là khiếu nại, đề nghị gửi theo Luật Khiếu nại."},
        "forward": {"unit_id": org["department"].pk},
        "return": {"reason": "Không thuộc thẩm quyền của Sở."},
        "forward_sub_unit": {"unit_id": org["sub_unit"].pk},
        "add_co_handler": {"unit_id": org["other"].pk},
        "give_opinion": {"opinion": "Viện thống nhất với đề xuất."},
        "ask_citizen": {"question": "Đề nghị cho biết số nhà chính xác."},
        "request_extension": {"days": 3, "reason": "Cần khảo sát hiện trường."},
        "decide_extension": {"approve": True},
        "submit_answer": {"content": "Đã sửa đèn."},
        "send_back_answer": {"note": "Bổ sung thời gian sửa."},
        "rate": {"value": "satisfied"},
        "publish": {"public_title": "Đèn đường hỏng", "public_content": "Đèn đã được sửa."},
        "reopen": {"note": "Người dân chưa hài lòng."},
        "reply": {"body": "Số nhà 12 Trần Phú."},
        "message": {"body": "Đơn vị đã cử người kiểm tra."},
    }.get(action, {})


ALLOWED = [(t.state, t.action, role) for t in TRANSITIONS for role in sorted(t.roles)]


@pytest.mark.parametrize(("state", "action", "role"), ALLOWED)
def test_every_allowed_transition_works(org, state, action, role):
    with_co_handler(org)
    report = report_in(state, org)
    ready_for(action, report)
    transition = next(t for t in TRANSITIONS if (t.state, t.action) == (state, action))
    updated = report_apply(report_id=report.pk, action=action, actor=org[role],
                           **params_for(action, org))  # fmt: skip
    expected = state if transition.to_state == SAME else transition.to_state
    assert updated.status == expected
    event = Event.objects.get(report=report, action=action)
    assert (event.actor, event.from_status, event.to_status) == (org[role], state, expected)
    assert event.is_public == transition.public
