"""In a real Chromium, on the redesigned desk: the handler drafts the answer from the unit's
template, the leader corrects a word and approves, and the timeline shows the correction."""

import re

import pytest
from playwright.sync_api import expect

from pakn.backoffice.tests.desk_setup import desk_build, desk_url, report_at
from pakn.backoffice.tests.test_desk_browser import field, open_as
from pakn.reports.models import Answer, AnswerStatus, AnswerTemplate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def desk(transactional_db):
    return desk_build()


def test_a_draft_from_a_template_corrected_and_approved_by_the_leader(browser, live_server, desk):
    AnswerTemplate.objects.create(
        unit=desk["unit_a"], category=desk["lighting"], title="Đã thay bóng đèn",
        content="Đơn vị đã thay bóng đèn hỏng; đèn đã sáng trở lại.",
    )  # fmt: skip
    report = report_at(desk, "unit_a")

    handler = open_as(browser, live_server, desk["handler_a"], officer=True)
    handler.goto(live_server.url + desk_url(report))
    draft = handler.locator("[data-main-action]")
    expect(draft.get_by_role("heading")).to_have_text("Dự thảo kết quả xử lý")
    draft.get_by_text("Mẫu trả lời của đơn vị").click()
    draft.get_by_role(
        "button", name=re.compile(r"^Chèn vào dự thảo\s*:\s*Đã thay bóng đèn$")
    ).click()
    content = field(draft, "Nội dung trả lời người dân")
    expect(content).to_have_value("Đơn vị đã thay bóng đèn hỏng; đèn đã sáng trở lại.")
    content.press("End")
    content.press_sequentially(" Ngày thay: 20/11.")
    draft.get_by_role("button", name="Trình lãnh đạo duyệt").click()
    expect(handler.locator("[data-report-status]")).to_have_text("Chờ lãnh đạo duyệt")

    leader = open_as(browser, live_server, desk["leader_a"], officer=True)
    leader.goto(live_server.url + desk_url(report))
    approve = leader.locator("[data-main-action]")
    wording = field(approve, "Nội dung trả lời người dân")
    expect(wording).to_have_value(
        "Đơn vị đã thay bóng đèn hỏng; đèn đã sáng trở lại. Ngày thay: 20/11."
    )
    wording.fill("Đơn vị đã thay bóng đèn hỏng; đèn đã sáng trở lại. Ngày thay: 21/11.")
    approve.get_by_role("button", name="Duyệt và gửi kết quả").click()
    expect(leader.locator("[data-report-status]")).to_have_text("Đã có kết quả")
    expect(leader.locator("[data-internal-note]")).to_contain_text("«20/11.» → «21/11.»")

    answer = Answer.objects.get(report=report)
    assert answer.status == AnswerStatus.PUBLISHED and answer.content.endswith("21/11.")
    handler.context.close()
    leader.context.close()
