"""In a real Chromium: the coordinator opens a new report, finds the suggested sector and unit
already chosen, looks another unit up by typing without marks, comes back to the suggestion
with the keyboard, and classifies and forwards in one step."""

import pytest
from playwright.sync_api import expect

from pakn.backoffice.tests.desk_setup import desk_action_open
from pakn.organisations.models import Category
from pakn.reports.models import Report, ReportKind
from pakn.reports.tests.factories import ReportFactory
from pakn.reports.workflow import report_apply
from pakn.testing.browser import field, log_in, new_page
from pakn.triage.models import TriageDecision
from pakn.triage.services import triage_model_train
from pakn.triage.tests.history import forwarded_history

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_coordinator_forwards_with_the_suggestions_in_one_step(browser, live_server, desk,
                                                                    settings):  # fmt: skip
    settings.PAKN_TRIAGE_MIN_SAMPLES = 10
    forwarded_history(desk)
    triage_model_train()
    report = ReportFactory(
        title="Bệnh viện bắt người bệnh chờ khám quá lâu",
        content="Người bệnh chờ khám từ sáng đến trưa, nhân viên y tế không hướng dẫn.",
        reporter=desk["reporter"], commune=desk["ward"], province=desk["province"],
    )  # fmt: skip
    report = report_apply(report_id=report.pk, action="submit", actor=desk["reporter"])
    health = Category.objects.get(code="health")

    page = log_in(new_page(browser), live_server, desk["coordinator"].username, officer=True)
    page.goto(f"{live_server.url}/can-bo/phan-anh/{report.code}/")
    forward = desk_action_open(page, "forward")

    # The top three, and the first of each already chosen.
    expect(forward.locator("[data-triage-units] li").first).to_contain_text("Sở Y tế")
    expect(forward.locator("[data-triage-categories] li").first).to_contain_text("Y tế")
    expect(field(forward, "Lĩnh vực")).to_have_value(str(health.pk))
    expect(field(forward, "Đơn vị xử lý")).to_have_value(str(desk["unit_b"].pk))
    expect(field(forward, "Loại")).to_have_value(ReportKind.RECOMMENDATION)

    # The unit picker: typed without marks, it narrows the list and picks the match.
    search = field(forward, "Tìm đơn vị (gõ có dấu hoặc không dấu)")
    search.fill("xay dung")
    expect(forward.locator(".unit-picker__status")).to_have_text("1 đơn vị phù hợp")
    expect(field(forward, "Đơn vị xử lý")).to_have_value(str(desk["unit_a"].pk))
    # Back to the suggestion with the keyboard only; Enter chooses, it does not send.
    search.fill("")
    search.press_sequentially("so y te")
    expect(field(forward, "Đơn vị xử lý")).to_have_value(str(desk["unit_b"].pk))
    search.press("Enter")
    expect(field(forward, "Đơn vị xử lý")).to_be_focused()
    expect(page.locator("[data-report-status]")).to_have_text("Chờ tiếp nhận")

    forward.get_by_role("button", name="Chuyển xử lý").click()
    expect(page.locator("[data-report-status]")).to_have_text("Đã chuyển xử lý")
    expect(page.locator("[data-current-unit]")).to_have_text("Sở Y tế")

    report = Report.objects.get(pk=report.pk)
    assert (report.category, report.kind) == (health, ReportKind.RECOMMENDATION)
    decision = TriageDecision.objects.get(report=report)
    assert decision.unit_matched and decision.category_matched
