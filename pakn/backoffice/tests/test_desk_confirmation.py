"""Every destructive or public action of the desk asks for a confirmation the server checks:
posted without it, nothing changes and the form comes back with the reason; ticked, the
action goes through. The forms that ask say so next to their button."""

import pytest

from pakn.backoffice.tests.desk_setup import (
    desk_build,
    desk_url,
    post_action,
    report_at,
    submitted_report,
)
from pakn.reports.models import Event, Report, ReportStatus
from pakn.reports.workflow import report_apply

pytestmark = pytest.mark.django_db

REFUSAL = "Vui lòng đánh dấu ô xác nhận để thực hiện thao tác này."


@pytest.fixture
def desk(db):
    return desk_build()


def _answered(desk, *, published=False) -> Report:
    report = report_at(desk, "unit_a")
    report_apply(report_id=report.pk, action="submit_answer", actor=desk["handler_a"],
                 content="Đã thay bóng đèn.")  # fmt: skip
    report_apply(report_id=report.pk, action="approve_answer", actor=desk["leader_a"])
    if published:
        report_apply(report_id=report.pk, action="publish", actor=desk["coordinator"])
    return Report.objects.get(pk=report.pk)


CASES = {
    "reject": ("coordinator", submitted_report, {"reason": "to-tung"}),
    "merge": ("coordinator", submitted_report, {}),
    "return": ("handler_a", lambda d: report_at(d, "unit_a", accepted=False),
               {"reason": "Không thuộc thẩm quyền của Sở."}),
    "publish": ("coordinator", _answered, {"public_title": "Đèn hỏng", "public_content": "Đèn hỏng."}),
    "unpublish": ("coordinator", lambda d: _answered(d, published=True), {}),
    "reopen": ("coordinator", _answered, {"note": "Người dân báo đèn lại tắt."}),
    "close": ("coordinator", _answered, {"note": ""}),
}  # fmt: skip


@pytest.mark.parametrize("action", sorted(CASES))
def test_a_destructive_or_public_action_refuses_without_confirmation(client, desk, action):
    officer, build, fields = CASES[action]
    report = build(desk)
    if action == "merge":
        fields = {"original_code": submitted_report(desk).code}
    client.force_login(desk[officer])
    page = client.get(desk_url(report)).content.decode()
    assert f'name="{action}-confirm"' in page  # the form asks

    events = Event.objects.filter(report=report).count()
    refused = post_action(client, report, action, confirmed=False, **fields)
    assert refused.status_code == 400
    assert REFUSAL in refused.content.decode()
    report_now = Report.objects.get(pk=report.pk)
    assert (report_now.status, report_now.is_published) == (report.status, report.is_published)
    assert Event.objects.filter(report=report).count() == events

    done = post_action(client, report, action, **fields)
    assert done.status_code == 302
    assert Event.objects.filter(report=report, action=action).exists()


def test_actions_that_change_nothing_irreversibly_ask_no_confirmation(client, desk):
    report = report_at(desk, "unit_a")
    client.force_login(desk["handler_a"])
    page = client.get(desk_url(report)).content.decode()
    assert 'name="return-confirm"' in page
    assert 'name="submit_answer-confirm"' not in page and 'name="ask_citizen-confirm"' not in page
    post_action(client, report, "ask_citizen", question="Cột đèn số mấy?")
    assert Report.objects.get(pk=report.pk).status == ReportStatus.IN_PROGRESS
    assert Event.objects.filter(report=report, action="ask_citizen").exists()


def test_the_forwarding_note_is_internal_unless_the_coordinator_shows_it(client, desk):
    quiet, shown = submitted_report(desk), submitted_report(desk)
    client.force_login(desk["coordinator"])
    page = client.get(desk_url(quiet)).content.decode()
    assert "Nội bộ: chỉ cán bộ đọc được, người gửi không xem được." in page
    post_action(client, quiet, "forward", unit=desk["unit_a"].pk, note="Kiểm tra nguồn điện cột 12")
    post_action(client, shown, "forward", unit=desk["unit_a"].pk, note="Sở Xây dựng xử lý trong tuần",
                note_public="on")  # fmt: skip

    client.force_login(desk["handler_a"])
    assert "Kiểm tra nguồn điện cột 12" in client.get(desk_url(quiet)).content.decode()
    client.force_login(desk["reporter"])
    citizen_quiet = client.get(f"/phan-anh-cua-toi/{quiet.code}/").content.decode()
    assert "Kiểm tra nguồn điện cột 12" not in citizen_quiet
    assert "Đã chuyển đến Sở Xây dựng xử lý." in citizen_quiet
    citizen_shown = client.get(f"/phan-anh-cua-toi/{shown.code}/").content.decode()
    assert "Sở Xây dựng xử lý trong tuần" in citizen_shown
