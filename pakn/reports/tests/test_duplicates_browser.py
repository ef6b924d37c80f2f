"""In a real Chromium: a citizen types the issue's title without marks, sees the published
report about the same pothole as a link (and none of the fallen trees of the same street),
and follows it instead of sending a new report."""

import re

import pytest
from playwright.sync_api import expect

from pakn.reports.models import ReportFollower
from pakn.testing.browser import field, log_in, new_page, no_tiles
from pakn.testing.duplicate_pairs import duplicate_pairs_communes, duplicate_pairs_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(browser):
    browser_page = new_page(browser, service_workers="block")
    yield browser_page
    browser_page.context.close()


def test_a_citizen_typing_without_marks_finds_the_pothole_and_follows_it(page, live_server, org):
    duplicate_pairs_load(reporter=org["other_citizen"], communes=duplicate_pairs_communes())
    no_tiles(page)
    log_in(page, live_server, org["reporter"].username)
    page.goto(live_server.url + "/gui-phan-anh/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gửi phản ánh, kiến nghị")

    field(page, "Tiêu đề").fill("O ga lon tren duong Tran Phu")

    similar = page.locator("[data-similar-reports]")
    link = similar.get_by_role("link", name=re.compile("PAKN-2026-000101"))
    expect(link).to_have_attribute("href", "/phan-anh/PAKN-2026-000101/")
    expect(link).to_contain_text("Ổ gà lớn trên đường Trần Phú")
    expect(similar.locator("[data-similar-report]").first).to_have_attribute(
        "data-similar-report", "PAKN-2026-000101"
    )
    for tree in range(102, 107):
        expect(similar.locator(f"[data-similar-report='PAKN-2026-000{tree}']")).to_have_count(0)

    similar.get_by_role("button", name="Theo dõi PAKN-2026-000101").click()

    expect(page.get_by_text("Ông/bà đang theo dõi phản ánh PAKN-2026-000101")).to_be_visible()
    followed = page.locator("[data-followed='PAKN-2026-000101']")
    expect(followed.get_by_role("link")).to_have_attribute("href", "/phan-anh/PAKN-2026-000101/")
    assert ReportFollower.objects.filter(user=org["reporter"],
                                         report__code="PAKN-2026-000101").exists()  # fmt: skip
