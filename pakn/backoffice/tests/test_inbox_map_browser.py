"""The inbox's map in a real Chromium: from the list, "Bản đồ" shows the reports of the same
filter as markers; a marker's popup gives the code, the title, the status and the way to the
desk; the saved filters above it open the map of their filter."""

import pytest
from playwright.sync_api import expect

from pakn.backoffice.models import SavedInboxFilter
from pakn.backoffice.tests.desk_setup import report_at
from pakn.backoffice.tests.test_desk_browser import open_as
from pakn.testing.browser import no_tiles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_map_of_the_current_filter_leads_to_the_desk(browser, live_server, desk):
    lamp = report_at(desk, "unit_a", title="Đèn hỏng trước chợ Đầm", content="Tối.",
                     latitude=12.2388, longitude=109.1967)  # fmt: skip
    SavedInboxFilter.objects.create(owner=desk["handler_a"], name="Đang xử lý",
                                    query="hop-thu=dang-xu-ly")  # fmt: skip
    page = open_as(browser, live_server, desk["handler_a"], officer=True)
    errors = no_tiles(page)
    page.goto(live_server.url + "/can-bo/phan-anh/?hop-thu=dang-xu-ly")

    page.get_by_role("navigation", name="Cách xem").get_by_role("link", name="Bản đồ").click()

    expect(page.locator("#map-summary")).to_have_text(
        "Số phản ánh có vị trí trong vùng đang xem: 1"
    )
    page.get_by_title("Đèn hỏng trước chợ Đầm").click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text(lamp.code)
    expect(popup).to_contain_text("Đang xử lý")
    expect(popup.get_by_role("link", name="Mở trang xử lý")).to_have_attribute(
        "href", f"/can-bo/phan-anh/{lamp.code}/"
    )
    saved = page.locator("[data-saved-filters]").get_by_role("link", name="Đang xử lý")
    expect(saved).to_have_attribute("href", "/can-bo/phan-anh/ban-do/?hop-thu=dang-xu-ly")
    assert errors == []
    page.context.close()
