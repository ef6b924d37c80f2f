"""The home page in a real Chromium: phone and desktop layouts, the menu without JavaScript,
the language switch, and nothing fetched from outside the site."""

import datetime
import os
import tempfile
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from pakn.organisations.models import Category
from pakn.organisations.tests.factories import CategoryFactory, UnitFactory
from pakn.portal.models import Announcement
from pakn.reports.models import Rating, RatingValue, ReportStatus
from pakn.reports.tests.factories import ReportFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
SCREENSHOT_DIR = os.environ.get("PAKN_SCREENSHOT_DIR", tempfile.gettempdir())
MENU_LABELS = [
    "Trang chủ",
    "Gửi phản ánh, kiến nghị",
    "Tra cứu",
    "Thống kê",
    "Hướng dẫn",
    "Địa chỉ cần biết",
    "Tin tức",
    "Dịch vụ công",
]


@pytest.fixture
def sectors(transactional_db):
    """Sectors of our own: a transactional test empties the tables the data migration
    filled, so the next browser test would otherwise see none."""
    Category.objects.filter(parent__isnull=False).delete()
    Category.objects.all().delete()
    for position, name in enumerate(
        [
            "Giao thông vận tải",
            "Xây dựng",
            "Tài nguyên và môi trường",
            "Y tế",
            "Giáo dục và đào tạo",
            "Du lịch",
            "Thủ tục hành chính",
        ],
        start=2,
    ):
        CategoryFactory(name=name, position=position)
    urban = CategoryFactory(name="Hạ tầng đô thị", position=1, default_answer_days=7)
    for position, name in enumerate(
        ["Cấp, thoát nước", "Rác thải, vệ sinh môi trường", "Chiếu sáng công cộng", "Cây xanh"],
        start=1,
    ):
        CategoryFactory(name=name, parent=urban, position=position, default_answer_days=5)


@pytest.fixture
def home_page(page, live_server, khanh_hoa_site, sectors):
    """The home page opened in the browser, with every request it makes recorded."""
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.requested_urls = requested
    page.home_url = live_server.url + "/"
    return page


def open_home(page, viewport):
    page.set_viewport_size(viewport)
    response = page.goto(page.home_url)
    assert response.status == 200
    page.wait_for_load_state("load")


def menu_button(page):
    return page.locator("label[for=nav-toggle]")


def nav_link(page, name):
    return page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name=name)


def test_phone_layout_fits_and_the_menu_opens(home_page, khanh_hoa_site):
    page = home_page
    open_home(page, PHONE)

    assert page.locator(".brand__name").inner_text().casefold() == (
        khanh_hoa_site.portal_name.casefold()
    )
    assert page.get_by_role("heading", level=1).inner_text() == khanh_hoa_site.portal_name
    cta = page.locator(".hero").get_by_role("link", name="Gửi phản ánh, kiến nghị")
    assert cta.is_visible()
    assert menu_button(page).is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=f"{SCREENSHOT_DIR}/pakn-home-360.png", full_page=True)

    # The stylesheet arrived and applies (the header has its colour, not the default white).
    header_colour = page.evaluate(
        "getComputedStyle(document.querySelector('.navbar')).backgroundColor"
    )
    assert header_colour == "rgb(8, 47, 82)"

    assert not nav_link(page, "Tra cứu").is_visible()
    menu_button(page).click()
    for name in MENU_LABELS:
        assert nav_link(page, name).is_visible(), name
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=f"{SCREENSHOT_DIR}/pakn-home-360-menu.png")

    menu_button(page).click()
    assert not nav_link(page, "Tra cứu").is_visible()


def test_phone_menu_works_from_the_keyboard(home_page):
    page = home_page
    open_home(page, PHONE)

    # Tab from the top of the page: the skip link comes first, and the menu toggle is
    # reachable and opens with the space bar.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "nav-toggle":
            break
    else:
        pytest.fail("the menu toggle is not reachable with Tab")
    page.keyboard.press("Space")
    assert nav_link(page, "Thống kê").is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Trang chủ"


def test_desktop_shows_the_navigation_without_a_menu_button(home_page):
    page = home_page
    open_home(page, DESKTOP)

    assert not menu_button(page).is_visible()
    for name in MENU_LABELS:
        assert nav_link(page, name).is_visible(), name
    assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
    assert page.locator(".sector__name").first.inner_text() == "Hạ tầng đô thị"
    page.screenshot(path=f"{SCREENSHOT_DIR}/pakn-home-1280.png", full_page=True)


def test_every_request_stays_on_the_site(home_page):
    page = home_page
    open_home(page, DESKTOP)

    site = urlsplit(page.home_url).netloc
    outside = [
        url
        for url in page.requested_urls
        if not url.startswith("data:") and urlsplit(url).netloc != site
    ]
    assert outside == []
    stylesheet = [url for url in page.requested_urls if url.endswith("/css/site.css")]
    assert len(stylesheet) == 1


def test_language_switch_changes_the_labels_and_keeps_the_page(home_page):
    page = home_page
    open_home(page, PHONE)
    page.goto(page.home_url + "?q=chiếu+sáng")

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert "q=" in page.url  # back on the same page, the search kept
    assert (
        page.locator(".hero")
        .get_by_role("link", name="Submit a report or recommendation")
        .is_visible()
    )
    assert page.get_by_label("Report code or keywords").input_value() == "chiếu sáng"
    menu_button(page).click()
    assert (
        page.get_by_role("navigation", name="Main navigation")
        .get_by_role("link", name="Statistics")
        .is_visible()
    )
    page.screenshot(path=f"{SCREENSHOT_DIR}/pakn-home-360-en.png", full_page=True)

    page.get_by_role("button", name="Tiếng Việt").click()
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    assert page.locator(".hero").get_by_role("link", name="Gửi phản ánh, kiến nghị").is_visible()


@pytest.fixture
def answered_and_rated(sectors):
    """Published answers in two sectors, some rated, and a banner announcement: the home
    page has something in every block."""
    now = timezone.now()
    unit = UnitFactory(name="Sở Xây dựng", code="sxd")
    for number, (sector_name, rating) in enumerate(
        [
            ("Chiếu sáng công cộng", RatingValue.VERY_SATISFIED),
            ("Y tế", RatingValue.NOT_SATISFIED),
            ("Y tế", None),
            ("Xây dựng", RatingValue.SATISFIED),
        ],
        start=1,
    ):
        report = ReportFactory(
            code=f"PAKN-2026-{number:06d}",
            public_title=f"Phản ánh đã trả lời số {number}",
            category=Category.objects.get(name=sector_name),
            status=ReportStatus.ANSWERED,
            current_unit=unit,
            submitted_at=now - datetime.timedelta(days=10),
            answer_deadline=now - datetime.timedelta(days=2),
            answered_at=now - datetime.timedelta(days=number),
            is_published=True,
            published_at=now - datetime.timedelta(days=number),
        )
        if rating:
            Rating.objects.create(report=report, value=rating)
    ReportFactory(
        code="PAKN-2026-000099", status=ReportStatus.IN_PROGRESS, current_unit=unit,
        submitted_at=now - datetime.timedelta(days=1),
        answer_deadline=now + datetime.timedelta(days=5),
    )  # fmt: skip
    Announcement.objects.create(
        title="Festival Biển Nha Trang", kind="event", is_banner=True,
        summary="Chuỗi sự kiện văn hóa, thể thao trên biển.",
    )  # fmt: skip
    Announcement.objects.create(title="Chính sách hỗ trợ doanh nghiệp", kind="policy")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "1280px"])
def test_home_draws_the_charts_and_the_answered_reports(home_page, answered_and_rated, viewport):
    page = home_page
    open_home(page, viewport)

    charts = page.locator("#thong-ke svg.stat-chart__svg")
    assert charts.count() == 2
    for index in range(2):
        chart = charts.nth(index)
        chart.scroll_into_view_if_needed()
        assert chart.is_visible()
        box = chart.bounding_box()
        assert box["width"] > 100 and box["height"] > 100
        slices = chart.locator("path")
        assert slices.count() >= 2  # a real split, not the empty ring
        assert slices.first.bounding_box()["width"] > 0
    answered = page.locator("#da-tra-loi")
    assert answered.get_by_text("Phản ánh đã trả lời số 1").is_visible()
    assert answered.get_by_role("heading", name="Y tế").is_visible()
    assert page.locator(".banner").get_by_text("Festival Biển Nha Trang").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    page.screenshot(path=f"{SCREENSHOT_DIR}/pakn-home-full-{viewport['width']}.png", full_page=True)


def test_menu_marks_the_current_page(home_page):
    page = home_page
    open_home(page, DESKTOP)

    nav_link(page, "Địa chỉ cần biết").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Địa chỉ cần biết")
    assert nav_link(page, "Địa chỉ cần biết").get_attribute("aria-current") == "page"
    assert nav_link(page, "Trang chủ").get_attribute("aria-current") is None
