"""The permission matrix of the desk: each role of unit A against the reports of unit B (404
for the page, every action, the exchange and the files: their existence is not disclosed) and
against the reports of A's sub-unit (seen; acted on only by A's handler and leader)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pakn.backoffice.desk.forms import ACTION_FORMS
from pakn.backoffice.tests.desk_setup import (
    action_url,
    desk_url,
    post_action,
    report_at,
    submitted_report,
)
from pakn.reports.models import Attachment, Message, Report, ReportStatus
from pakn.reports.workflow import report_apply

pytestmark = pytest.mark.django_db
ROLES_OF_A = ["coordinator_a", "operator_a", "handler_a", "leader_a", "unit_admin_a"]
UNIT_ROLES_OF_A = {"handler_a", "leader_a"}
INBOX = "/can-bo/phan-anh/?hop-thu=tat-ca"


def _attachment(report, user):
    return Attachment.objects.create(
        report=report, uploaded_by=user, kind="document", original_name="bien-ban.pdf",
        content_type="application/pdf", size=9,
        file=SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4\n"),
    )  # fmt: skip


@pytest.mark.parametrize("role", ROLES_OF_A)
def test_reports_of_another_unit_are_not_found_for_any_role_of_a(client, desk, role):
    in_progress = report_at(desk, "unit_b")
    waiting = report_at(desk, "unit_b", accepted=False)
    answered = report_at(desk, "unit_b")
    report_apply(report_id=answered.pk, action="submit_answer", actor=desk["handler_b"],
                 content="Đã xử lý.")  # fmt: skip
    answered = report_apply(report_id=answered.pk, action="approve_answer", actor=desk["leader_b"])
    document = _attachment(in_progress, desk["reporter"])
    client.force_login(desk[role])

    listed = client.get(INBOX).content.decode()
    for report in (in_progress, waiting, answered):
        assert report.code not in listed
        assert client.get(desk_url(report)).status_code == 404
        for action in ACTION_FORMS:
            response = client.post(
                action_url(report, action), {f"{action}-expected_status": report.status}
            )
            assert response.status_code == 404, (report.status, action)
    assert (
        client.get(
            reverse("backoffice:desk-attachment", args=[in_progress.code, document.pk])
        ).status_code
        == 404
    )
    message_url = reverse("backoffice:desk-message", args=[in_progress.code])
    assert client.post(message_url, {"body": "Chào anh chị"}).status_code == 404
    assert not Message.objects.exists()
    assert Report.objects.get(pk=in_progress.pk).status == ReportStatus.IN_PROGRESS


@pytest.mark.parametrize("role", ROLES_OF_A)
def test_reports_of_a_sub_unit_are_seen_by_a_and_worked_only_by_its_unit_roles(client, desk, role):
    report = report_at(desk, "sub_unit")
    client.force_login(desk[role])
    assert report.code in client.get(INBOX).content.decode()
    page = client.get(desk_url(report))
    assert page.status_code == 200
    assert "Phòng Hạ tầng kỹ thuật" in page.content.decode()

    response = post_action(client, report, "ask_citizen", question="Xin cho biết vị trí cụ thể?")
    if role in UNIT_ROLES_OF_A:
        assert response.status_code == 302
        assert Message.objects.get(report=report).author_unit == desk["sub_unit"]
    else:
        assert response.status_code == 403
        assert not Message.objects.exists()
        # Coordinator actions are refused too: A's coordinator does not coordinate this report.
        assert (
            post_action(client, report, "decide_extension", decision="approve").status_code == 403
        )


def test_the_parent_units_leader_approves_the_sub_units_answer(client, desk):
    report = report_at(desk, "sub_unit")
    report_apply(report_id=report.pk, action="submit_answer", actor=desk["sub_handler"],
                 content="Đã thay bóng đèn.")  # fmt: skip
    client.force_login(desk["leader_a"])
    html = client.get(desk_url(report)).content.decode()
    assert 'id="thao-tac-approve_answer"' in html
    response = post_action(client, Report.objects.get(pk=report.pk), "approve_answer")
    assert response.status_code == 302
    assert Report.objects.get(pk=report.pk).status == ReportStatus.ANSWERED


def test_a_sub_unit_does_not_see_what_its_parent_handles(client, desk):
    report = report_at(desk, "unit_a")
    for name in ("sub_handler", "sub_leader"):
        client.force_login(desk[name])
        assert client.get(desk_url(report)).status_code == 404
        assert post_action(client, report, "accept").status_code == 404


def test_a_report_still_with_the_coordinator_is_invisible_to_units(client, desk):
    report = submitted_report(desk)
    for name in ROLES_OF_A + ["handler_b"]:
        client.force_login(desk[name])
        assert client.get(desk_url(report)).status_code == 404
        assert post_action(client, report, "forward", unit=desk["unit_a"].pk).status_code == 404
    assert Report.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED


def test_a_unit_that_returned_a_report_reads_its_history_but_cannot_act(client, desk):
    report = report_at(desk, "unit_b", accepted=False)
    report_apply(report_id=report.pk, action="return", actor=desk["handler_b"],
                 reason="Không thuộc thẩm quyền.")  # fmt: skip
    report_apply(report_id=report.pk, action="forward", actor=desk["coordinator"],
                 unit_id=desk["unit_a"].pk)  # fmt: skip
    report = Report.objects.get(pk=report.pk)
    client.force_login(desk["handler_b"])
    page = client.get(desk_url(report)).content.decode()
    assert "Không thuộc thẩm quyền." in page and "data-no-actions" in page
    assert post_action(client, report, "accept").status_code == 403
    assert Report.objects.get(pk=report.pk).status == ReportStatus.ASSIGNED


def test_an_unknown_action_is_not_found(client, desk):
    report = report_at(desk, "unit_a")
    client.force_login(desk["handler_a"])
    assert client.post(action_url(report, "delete"), {}).status_code == 404
    assert client.post(action_url(report, "rate"), {}).status_code == 404  # the citizen's


def test_citizens_and_visitors_are_sent_to_the_officers_login(client, desk):
    report = report_at(desk, "unit_a")
    response = client.get(desk_url(report))
    assert response.status_code == 302 and "/can-bo/dang-nhap/" in response["Location"]
    client.force_login(desk["reporter"])
    assert "/can-bo/dang-nhap/" in client.get(desk_url(report))["Location"]
    assert "/can-bo/dang-nhap/" in post_action(client, report, "accept")["Location"]
