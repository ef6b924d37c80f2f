"""In a real Chromium: a leader opens a draft that pastes an official letter, sees the
quality warnings with the pasted lines marked, is refused without a reason, and approves
with one, which the timeline keeps."""

import pytest
from playwright.sync_api import expect

from pakn.backoffice.tests.desk_setup import desk_build, desk_url, report_at
from pakn.backoffice.tests.test_desk_browser import field, open_as
from pakn.reports.models import ReportStatus
from pakn.reports.workflow import report_apply

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASTED = (
    "Số: 1234/UBND-QLĐT\n"
    "Kính gửi: Trung tâm Chuyển đổi số tỉnh.\n"
    "Căn cứ Công văn số 567/STTTT-CĐS, đơn vị đã thay bóng đèn đường hỏng.\n"
    "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. GIÁM ĐỐC\n(Đã ký)"
)


@pytest.fixture
def desk(transactional_db):
    return desk_build()


def test_a_leader_approving_a_pasted_letter_sees_the_warnings(browser, live_server, desk):
    report = report_at(desk, "unit_a")
    report_apply(report_id=report.pk, action="submit_answer", actor=desk["handler_a"],
                 content=PASTED)  # fmt: skip

    leader = open_as(browser, live_server, desk["leader_a"], officer=True)
    leader.goto(live_server.url + desk_url(report))
    approve = leader.locator("[data-main-action]")
    warnings = approve.locator("[data-answer-quality]")
    expect(warnings).to_be_visible()
    expect(warnings.locator("[data-quality-warning='paperwork']")).to_contain_text(
        "dán nguyên văn bản hành chính"
    )
    marked = warnings.locator("mark[data-flagged-line]")
    expect(marked.filter(has_text="Số: 1234/UBND-QLĐT")).to_have_count(1)
    expect(marked.filter(has_text="- Lưu: VT.")).to_have_count(1)
    expect(marked.filter(has_text="Kính gửi")).to_have_count(1)

    approve.get_by_role("button", name="Duyệt và gửi kết quả").click()
    refused = leader.locator("[data-main-action]")
    expect(
        refused.get_by_role("alert").filter(has_text="cảnh báo chất lượng").first
    ).to_be_visible()
    expect(leader.locator("[data-report-status]")).to_have_text("Chờ lãnh đạo duyệt")

    field(refused, "Lý do vẫn tiếp tục dù có cảnh báo").fill("Sở yêu cầu gửi nguyên văn.")
    refused.get_by_role("button", name="Duyệt và gửi kết quả").click()
    expect(leader.locator("[data-report-status]")).to_have_text("Đã có kết quả")
    expect(leader.locator("[data-internal-note]").last).to_contain_text(
        "Sở yêu cầu gửi nguyên văn."
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.ANSWERED
    leader.context.close()
