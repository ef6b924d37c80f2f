"""The national programme's steps on the officers' desk (every door: the desk's forms reach
the same report_apply as the services): a province's coordinator sends a proposal up to a
ministry, a province's handler invited by the ministry gives its opinion, the ministry's
handler records whether the proposal is taken up, and the desk shows the proposal's
particulars."""

import uuid

import pytest
from django.urls import reverse

from pakn.backoffice.tests.desk_setup import post_action
from pakn.reports.models import Event, Proposal, Report
from pakn.reports.services.proposals import ProposalDetails, proposal_submit
from pakn.reports.workflow import report_apply
from pakn.testing.national import national_build


@pytest.fixture
def national(db, settings):
    settings.PAKN_MODE = "national"
    return national_build()


def _sent(n) -> Report:
    return proposal_submit(
        reporter=n["reporter"],
        details=ProposalDetails(
            title="Hóa đơn điện tử cho hộ kinh doanh", field_id=n["e_government"].pk,
            problem="Hộ kinh doanh chưa quen hóa đơn điện tử.", solution="Ứng dụng miễn phí.",
            expected_impact="Minh bạch doanh thu.", province_id=n["khanh_hoa_area"].pk,
            organisations_involved="Chi cục Thuế khu vực", on_behalf_of="",
        ),
        idempotency_key=uuid.uuid4(),
    )  # fmt: skip


def test_the_desk_sends_up_asks_an_opinion_and_records_the_decision(client, national):
    n = national
    report = _sent(n)
    client.force_login(n["kh_coordinator"])
    page = client.get(reverse("backoffice:desk-report", args=[report.code])).content.decode()
    assert "Chuyển đề xuất lên bộ, ngành" in page
    assert "Chi cục Thuế khu vực" in page  # the proposal's particulars
    refused = post_action(client, report, "forward_up", unit="")
    assert "Vui lòng chọn bộ, ngành tiếp nhận đề xuất." in refused.content.decode()
    response = post_action(client, report, "forward_up", unit=n["ministry"].pk)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.coordinating_unit == n["ministry"]

    report_apply(report_id=report.pk, action="forward", actor=n["ministry_coordinator"],
                 unit_id=n["ministry_department"].pk)  # fmt: skip
    report_apply(report_id=report.pk, action="accept", actor=n["ministry_handler"])
    client.force_login(n["ministry_handler"])
    report.refresh_from_db()
    post_action(client, report, "add_co_handler", unit=n["kh_dost"].pk)

    client.force_login(n["kh_handler"])
    report.refresh_from_db()
    page = client.get(reverse("backoffice:desk-report", args=[report.code])).content.decode()
    assert "Gửi ý kiến phối hợp" in page
    empty = post_action(client, report, "give_opinion", opinion="")
    assert "Vui lòng nhập ý kiến phối hợp." in empty.content.decode()
    post_action(client, report, "give_opinion", opinion="Sở đồng ý, đề nghị thí điểm.")
    opinion = Event.objects.get(report=report, action="give_opinion")
    assert (opinion.actor, opinion.actor_unit) == (n["kh_handler"], n["kh_dost"])
    # Nothing else is offered to the co-handling unit.
    assert post_action(client, report, "submit_answer", content="X").status_code == 403

    client.force_login(n["ministry_handler"])
    report.refresh_from_db()
    undecided = post_action(client, report, "submit_answer", content="Bộ xem xét.")
    assert "Vui lòng chọn tiếp thu hay không tiếp thu." in undecided.content.decode()
    post_action(client, report, "submit_answer", content="Bộ không tiếp thu.", adopted="0")
    report.refresh_from_db()
    assert report.status == "pending_approval"
    assert Proposal.objects.get(report=report).adopted is False
