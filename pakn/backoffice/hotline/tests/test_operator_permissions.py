"""Operators enter reports and do nothing else with them (issue 16): the role table gives the
"operator" role only the sending of a draft. They see what the role table lets them see (the
reports their unit coordinates) and every action on the desk is refused with a 403 through
the one refusal helper (pakn/reports/refusals.py)."""

import uuid

import pytest
from django.urls import reverse

from pakn.backoffice.desk.forms import ACTION_FORMS
from pakn.backoffice.tests.desk_setup import post_action, report_at, submitted_report
from pakn.reports.models import Report, ReportStatus
from pakn.reports.services.submission import ReportDetails, report_draft_save
from pakn.reports.workflow import TRANSITIONS, report_actions_available

pytestmark = pytest.mark.django_db


def test_the_role_table_gives_operators_only_the_sending_of_a_draft():
    assert {t.action for t in TRANSITIONS if "operator" in t.roles} == {"submit"}
    assert {t.state for t in TRANSITIONS if "operator" in t.roles} == {ReportStatus.DRAFT}


def test_the_operator_who_typed_a_draft_may_send_it_and_no_other_operator(desk):
    draft = report_draft_save(
        reporter=desk["reporter"],
        details=ReportDetails(title="Cây đổ", content="Cây đổ."),
        idempotency_key=uuid.uuid4(),
        entered_by=desk["operator"],
    )
    assert report_actions_available(desk["operator"], draft) == ["submit"]
    assert report_actions_available(desk["operator_a"], draft) == []


def test_an_operator_sees_the_centres_reports_and_no_action_is_offered(client, desk):
    submitted = submitted_report(desk)
    in_progress = report_at(desk, "unit_a")
    client.force_login(desk["operator"])
    for report in (submitted, in_progress):
        assert report_actions_available(desk["operator"], report) == []
        page = client.get(reverse("backoffice:desk-report", args=[report.code]))
        assert page.status_code == 200
        assert "/thao-tac/" not in page.content.decode()


def _actions_of(status: str) -> list[str]:
    return sorted({t.action for t in TRANSITIONS if t.state == status and t.action in ACTION_FORMS})


# Every action the table allows someone in the report's state (in another state the refusal
# is the state's, a 400, before anyone's role is asked).
CASES = [
    *[(ReportStatus.SUBMITTED, action) for action in _actions_of(ReportStatus.SUBMITTED)],
    *[(ReportStatus.IN_PROGRESS, action) for action in _actions_of(ReportStatus.IN_PROGRESS)],
]


@pytest.mark.parametrize(("status", "action"), CASES)
def test_every_desk_action_by_an_operator_is_a_403_and_changes_nothing(
    client, desk, status, action
):
    report = (
        submitted_report(desk) if status == ReportStatus.SUBMITTED else report_at(desk, "unit_a")
    )
    client.force_login(desk["operator"])
    response = post_action(
        client, report, action, unit_id=desk["sub_unit"].pk, reason="Không rõ.", note="Ghi chú.",
        question="Câu hỏi?", body="Trao đổi.", content="Kết quả.", days="5",
        category=desk["lighting"].pk, kind="report", approve="on",
    )  # fmt: skip
    assert response.status_code == 403, action
    assert "Không có quyền truy cập" in response.content.decode()  # the site's 403 page
    assert Report.objects.get(pk=report.pk).status == status
