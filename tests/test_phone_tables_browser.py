"""Tables on a 375 px phone (issue 14): a citizen's "Phản ánh của tôi" becomes one card per
report, each value with its column's name; tables that stay tables (the public statistics,
the leaders' dashboard) scroll inside their own box with the first column fixed, and the page
itself never scrolls sideways."""

import pytest
from playwright.sync_api import expect

from pakn.testing.browser import log_in, new_page
from pakn.testing.reports import answer_report, sent_report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 375, "height": 740}


def _page_scrolls_sideways(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


def _first_column_stays_while_the_box_scrolls(page, box_selector: str) -> None:
    box = page.locator(box_selector).first
    expect(box).to_be_visible()
    first = box.locator("tbody th.stat-table__fixed").first
    assert first.evaluate("e => getComputedStyle(e).position") == "sticky"
    assert box.evaluate("e => getComputedStyle(e).overflowX") == "auto"
    box.evaluate("e => { e.scrollLeft = 200; }")
    page.wait_for_function(f"document.querySelector('{box_selector}').scrollLeft > 0")
    # The line's name holds at the box's left edge while the figures pass under it.
    assert abs(first.bounding_box()["x"] - box.bounding_box()["x"]) < 2
    assert not _page_scrolls_sideways(page)


def test_my_reports_are_cards_on_a_phone(browser, live_server, org):
    sent_report(org["reporter"], "Đèn đường hỏng trước nhà số 12")
    answer_report(org, sent_report(org["reporter"], "Rác ùn ứ ở chợ Xóm Mới"))
    page = new_page(browser, viewport=PHONE)
    log_in(page, live_server, org["reporter"].username)

    page.goto(live_server.url + "/phan-anh-cua-toi/")

    rows = page.locator(".report-table--cards tbody tr")
    expect(rows).to_have_count(2)
    for index in range(2):
        row = rows.nth(index)
        assert row.evaluate("e => getComputedStyle(e).display") == "block"
        label = row.locator("td[data-label]").first.evaluate(
            "e => getComputedStyle(e, '::before').content"
        )
        assert label not in ("", "none", "normal")
    expect(page.locator(".report-table--cards thead")).not_to_be_in_viewport()
    assert not _page_scrolls_sideways(page)
    page.context.close()


def test_the_public_statistics_and_the_leaders_dashboard_keep_their_first_column(
    browser, live_server, org
):
    answer_report(org, sent_report(org["reporter"]))
    page = new_page(browser, viewport=PHONE)
    page.goto(live_server.url + "/thong-ke/")
    _first_column_stays_while_the_box_scrolls(page, ".stat-table-wrap")

    log_in(page, live_server, org["leader"].username, officer=True)
    page.goto(live_server.url + "/can-bo/bang-dieu-khien/")
    tile = page.locator('[data-count="total"] a')
    expect(tile).to_be_visible()
    assert tile.bounding_box()["width"] <= PHONE["width"]
    _first_column_stays_while_the_box_scrolls(page, ".dashboard-section .stat-table-wrap")
    page.context.close()
