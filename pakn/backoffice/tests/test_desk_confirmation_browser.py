"""Reject and return, in a real Chromium: with JavaScript the officer confirms in a dialog
(going back changes nothing); without it the server refuses until the box is ticked."""

import pytest
from playwright.sync_api import expect

from pakn.backoffice.tests.desk_setup import (
    desk_action_open,
    desk_build,
    desk_url,
    report_at,
    submitted_report,
)
from pakn.backoffice.tests.test_desk_browser import field, open_as
from pakn.reports.models import Event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def desk(transactional_db):
    return desk_build()


def test_reject_waits_for_the_dialogs_confirmation(browser, live_server, desk):
    report = submitted_report(desk)
    page = open_as(browser, live_server, desk["coordinator"], officer=True)
    page.goto(live_server.url + desk_url(report))
    reject = desk_action_open(page, "reject")
    expect(reject.locator("[data-confirm-box]")).to_be_hidden()  # the dialog asks instead
    field(reject, "Lý do").select_option("to-tung")
    reject.get_by_role("button", name="Không tiếp nhận").click()
    dialog = page.get_by_role("dialog", name="Không tiếp nhận")
    expect(dialog).to_contain_text("Tôi xác nhận không tiếp nhận phản ánh này")
    dialog.get_by_role("button", name="Quay lại").click()
    expect(dialog).to_be_hidden()
    expect(page.locator("[data-report-status]")).to_have_text("Chờ tiếp nhận")
    assert not Event.objects.filter(report=report, action="reject").exists()

    reject.get_by_role("button", name="Không tiếp nhận").click()
    dialog.get_by_role("button", name="Không tiếp nhận").click()
    expect(page.locator("[data-report-status]")).to_have_text("Không tiếp nhận")
    assert Event.objects.filter(report=report, action="reject").count() == 1
    page.context.close()


def test_return_without_javascript_needs_the_box_ticked(browser, live_server, desk):
    report = report_at(desk, "unit_a", accepted=False)
    page = open_as(browser, live_server, desk["handler_a"], officer=True, javascript=False)
    page.goto(live_server.url + desk_url(report))
    back = desk_action_open(page, "return")
    field(back, "Lý do chuyển trả (vì sao không thuộc thẩm quyền)").fill(
        "Đèn đường thuộc Công ty Điện lực quản lý."
    )
    back.get_by_role("button", name="Chuyển trả").click()
    back = page.locator("#thao-tac-return")
    expect(back.get_by_role("alert")).to_have_text(
        "Vui lòng đánh dấu ô xác nhận để thực hiện thao tác này."
    )
    expect(page.locator("[data-report-status]")).to_have_text("Đã chuyển xử lý")
    # What the officer typed is still there.
    expect(field(back, "Lý do chuyển trả (vì sao không thuộc thẩm quyền)")).to_have_value(
        "Đèn đường thuộc Công ty Điện lực quản lý."
    )
    assert not Event.objects.filter(report=report, action="return").exists()

    back.get_by_label("Tôi xác nhận chuyển trả phản ánh về đơn vị điều phối.").check()
    back.get_by_role("button", name="Chuyển trả").click()
    expect(page.get_by_text("Đã chuyển trả phản ánh về đơn vị điều phối.")).to_be_visible()
    assert Event.objects.filter(report=report, action="return").count() == 1
    page.context.close()
