"""A ward's officer sends the period's figures in the officers' frame (a typing slip first,
refused with a message and nothing lost); the province's coordinator sees them on the
campaign's page beside what the system counted, on the chart and on the map."""

import datetime
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from pakn.accounts.tests.factories import UserFactory
from pakn.backoffice.tests.test_desk_browser import open_as
from pakn.reports.models import Report, ReportStatus
from pakn.testing.browser import field, main

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_ward_officer_sends_the_figures_and_the_province_page_shows_them(
    browser, live_server, adoption
):
    today = timezone.localdate()
    period = adoption["period"]
    period.start_date, period.end_date = today - datetime.timedelta(days=10), today
    period.deadline = today + datetime.timedelta(days=5)
    period.save()
    for _n in range(2):
        UserFactory(address_commune=adoption["ward"])
    Report.objects.create(title="Đèn đường hỏng", content="Đèn hỏng.", commune=adoption["ward"],
                          reporter=adoption["reporter"], status=ReportStatus.SUBMITTED,
                          submitted_at=timezone.now(), latitude=12.2388, longitude=109.1967)  # fmt: skip

    page = open_as(browser, live_server, adoption["ward_leader"], officer=True)
    page.get_by_role("navigation", name="Trang cán bộ").get_by_role(
        "link", name="Phong trào"
    ).click()
    row = page.locator(f'[data-unit="{adoption["ward_unit"].pk}"]')
    expect(row).to_contain_text("Chưa gửi")
    row.get_by_role("link", name="Gửi số liệu").click()
    expect(page.locator("[data-counted-accounts]")).to_have_text("2")
    field(page, "Số lượt người dân, doanh nghiệp được hướng dẫn, hỗ trợ").fill("1.250")
    field(page, "Số lượt cài đặt ứng dụng").fill("830,5")
    field(page, "Số tài khoản đăng ký sử dụng").fill("612")
    field(page, "Giải pháp triển khai").fill("Tổ công nghệ số cộng đồng hướng dẫn tại chợ Đầm.")
    main(page).get_by_role("button", name="Gửi số liệu").click()
    expect(page.get_by_text("Số lượt phải là số nguyên, không có phần thập phân.")).to_be_visible()
    expect(field(page, "Giải pháp triển khai")).to_have_value(
        "Tổ công nghệ số cộng đồng hướng dẫn tại chợ Đầm."
    )
    field(page, "Số lượt cài đặt ứng dụng").fill("830")
    main(page).get_by_role("button", name="Gửi số liệu").click()
    expect(page.get_by_text("Đã gửi số liệu của UBND Phường Nha Trang.")).to_be_visible()
    expect(page.locator("[data-history] tbody tr")).to_have_count(1)
    page.context.close()

    page = open_as(browser, live_server, adoption["coordinator"], officer=True)
    page.context.route(
        re.compile(r"^https?://(?!localhost|127\.0\.0\.1)"),
        lambda r: r.fulfill(status=204, body=""),
    )
    page.goto(live_server.url + "/can-bo/phong-trao/")
    page.get_by_role("link", name=period.name).click()
    ward = page.locator(f'[data-units] [data-unit="{adoption["ward_unit"].pk}"]')
    expect(ward.locator('[data-col="declared"]')).to_have_text("612")
    expect(ward.locator('[data-col="counted"]')).to_have_text("2")
    expect(ward.locator('[data-col="guided"]')).to_have_text("1250")
    expect(ward).to_contain_text("Đã gửi đúng hạn")
    other = page.locator(f'[data-units] [data-unit="{adoption["other_ward_unit"].pk}"]')
    expect(other).to_contain_text("Chưa gửi")
    expect(page.locator('[data-groups] [data-group="ward"] [data-col="declared"]')).to_have_text(
        "612"
    )
    expect(page.locator('[data-chart="communes"]')).to_contain_text("UBND Phường Nha Trang")
    expect(page.locator("#adoption-map")).to_have_attribute("data-points", "1")
    expect(page.locator("#adoption-map path.leaflet-interactive")).to_have_count(1)

    # The campaigns' pages on a phone: no sideways scrolling, no serious accessibility fault.
    page.set_viewport_size({"width": 375, "height": 800})
    problems = []
    for path in (
        page.url,
        live_server.url + "/can-bo/phong-trao/",
        live_server.url + "/can-bo/bao-cao-so-ket/",
    ):
        page.goto(path)
        expect(page.locator("main h1").first).to_be_visible()
        page.wait_for_load_state("load")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            problems.append(f"{path}: scrolls sideways by {overflow}px")
        for violation in Axe().run(page).response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                problems.append(
                    f"{path}: axe {violation['id']} {[n['target'] for n in violation['nodes']][:3]}"
                )
    assert not problems, "\n".join(problems)
    page.context.close()
