"""Tra cứu, the public report page and the map in a real Chromium. Requests to other servers
(the map tiles) are refused here, as on a network that cannot reach the tile server: the map
must still show the reports and point to the list."""

import os
import re
import tempfile
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from pakn.reports.tests.public_reports import published_report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOT_DIR = os.environ.get("PAKN_SCREENSHOT_DIR", tempfile.gettempdir())


@pytest.fixture
def local_page(page, live_server):
    """The browser page, refusing every request that leaves the live server."""
    local_host = urlsplit(live_server.url).netloc
    refused = []

    def only_local(route):
        if urlsplit(route.request.url).netloc == local_host:
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    page.refused_urls = refused
    return page


@pytest.fixture
def reports(transactional_db):
    pipe = published_report(
        "Đường ống nước bị vỡ trước chợ Đầm",
        "Nước chảy tràn ra đường Phan Bội Châu từ sáng.",
        code="PAKN-2026-000123",
        latitude="12.2530",
        longitude="109.1920",
    )
    light = published_report(
        "Đèn chiếu sáng công viên không hoạt động",
        latitude="12.2400",
        longitude="109.1960",
    )
    far = published_report("Sạt lở bờ biển Cam Ranh", latitude="11.9214", longitude="109.1591")
    return {"pipe": pipe, "light": light, "far": far}


def test_search_without_accents_then_open_the_report(local_page, live_server, reports):
    page = local_page
    page.goto(f"{live_server.url}/tra-cuu/")
    expect(page.locator("[data-report-result]")).to_have_count(3)
    page.get_by_label("Mã số PAKN hoặc từ khóa").fill("duong")
    page.get_by_label("Mã số PAKN hoặc từ khóa").press("Enter")
    results = page.locator("[data-report-result]")
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("Đường ống nước bị vỡ trước chợ Đầm")
    expect(page.locator("[data-result-count]")).to_have_text("Tìm thấy 1 phản ánh, kiến nghị")
    page.screenshot(path=os.path.join(SCREENSHOT_DIR, "pakn-search.png"), full_page=True)

    results.first.get_by_role("link").click()
    expect(page).to_have_url(f"{live_server.url}/phan-anh/PAKN-2026-000123/")
    expect(page.locator("h1")).to_have_text("Đường ống nước bị vỡ trước chợ Đầm")
    expect(page.locator("[data-public-content]")).to_contain_text("Phan Bội Châu")
    # The position is drawn with Leaflet even though the tiles cannot load.
    expect(page.locator("#report-map .leaflet-marker-icon")).to_have_count(1)
    page.screenshot(path=os.path.join(SCREENSHOT_DIR, "pakn-public-report.png"), full_page=True)


def test_search_by_code_opens_the_report_and_a_wrong_code_says_so(local_page, live_server, reports):
    page = local_page
    page.goto(f"{live_server.url}/tra-cuu/")
    page.get_by_label("Mã số PAKN hoặc từ khóa").fill("pakn-2026-000123")
    page.get_by_role("button", name="Tìm kiếm").click()
    expect(page).to_have_url(f"{live_server.url}/phan-anh/PAKN-2026-000123/")
    page.goto(f"{live_server.url}/tra-cuu/?q=PAKN-2026-000999")
    expect(page.locator("[data-no-results]")).to_contain_text(
        "Không có phản ánh, kiến nghị công khai nào mang mã số PAKN-2026-000999."
    )


def test_the_map_clusters_reports_and_still_works_without_tiles(local_page, live_server, reports):
    page = local_page
    page.goto(f"{live_server.url}/ban-do/")
    # At the province's zoom the two Nha Trang reports share one cluster; Cam Ranh is a point.
    cluster = page.locator(".map-cluster")
    expect(cluster).to_have_count(1)
    expect(cluster).to_have_text("2")
    expect(page.locator("#map-summary")).to_contain_text("3")
    # The tile server is out of reach: a notice says so and the list is one click away.
    expect(page.locator("#map-tiles-error")).to_be_visible()
    assert any("tile.openstreetmap.org" in url for url in page.refused_urls)
    page.screenshot(path=os.path.join(SCREENSHOT_DIR, "pakn-map.png"))

    cluster.click()  # zooms to the cluster, which splits into its two reports
    expect(page.locator(".map-cluster")).to_have_count(0)
    points = page.locator(".leaflet-marker-icon:not(.map-cluster)")
    expect(points).to_have_count(2)
    page.locator(".leaflet-marker-icon[title='Đèn chiếu sáng công viên không hoạt động']").click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text(reports["light"].code)
    popup.get_by_role("link", name="Xem chi tiết").click()
    expect(page).to_have_url(re.compile(rf"/phan-anh/{reports['light'].code}/$"))

    page.goto(f"{live_server.url}/ban-do/")
    page.locator("[data-list-link]").click()
    expect(page.locator("[data-report-result]")).to_have_count(3)
