"""The installable app in a real Chromium: the manifest is linked and valid, the service
worker registers for the whole site, and pages open without a connection — the public ones
already visited from the device, the others as the offline page; pages of a signed-in person
are never kept, so none opens offline once the session has ended.

Chromium allows service workers on localhost, where live_server runs."""

import re

import pytest
from playwright.sync_api import expect

from pakn.accounts.tests.factories import UserFactory
from pakn.core.tests.captcha_solver import captcha_answer_for
from pakn.portal.models import Guide

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Matkhau@2026"  # UserFactory's


def controlled(page) -> None:
    """Waits until the service worker is active and controls this page."""
    page.evaluate("navigator.serviceWorker.ready")
    if not page.evaluate("!!navigator.serviceWorker.controller"):
        page.reload()
        page.wait_for_function("!!navigator.serviceWorker.controller")


@pytest.fixture
def guides(transactional_db):
    Guide.objects.all().delete()
    first = Guide.objects.create(title="Đăng ký tài khoản", body="<p>Bước 1: bấm Đăng ký.</p>")
    second = Guide.objects.create(title="Tra cứu và thống kê", body="<p>Nhập mã số PAKN.</p>")
    return first, second


def test_manifest_is_linked_and_the_service_worker_registers(page, live_server, khanh_hoa_site):
    page.goto(live_server.url + "/")

    registration = page.evaluate(
        """navigator.serviceWorker.ready.then((r) => ({
            scope: r.scope, script: r.active.scriptURL }))"""
    )
    assert registration == {"scope": live_server.url + "/", "script": live_server.url + "/sw.js"}

    manifest_url = page.locator("link[rel=manifest]").get_attribute("href")
    manifest = page.evaluate(f"fetch('{manifest_url}').then((r) => r.json())")
    assert manifest["short_name"] == "KhanhHoa-S"
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == "/"
    for icon in manifest["icons"]:
        size = page.evaluate(
            """(src) => new Promise((resolve) => {
                const image = new Image();
                image.onload = () => resolve(image.naturalWidth + "x" + image.naturalHeight);
                image.onerror = () => resolve("broken");
                image.src = src;
            })""",
            icon["src"],
        )
        assert size == icon["sizes"], icon["src"]


def test_visited_pages_open_offline_and_others_show_the_offline_page(
    page, live_server, khanh_hoa_site, guides
):
    first, second = guides
    page.goto(live_server.url + first.get_absolute_url())
    controlled(page)
    page.goto(live_server.url + first.get_absolute_url())  # now through the worker

    page.context.set_offline(True)
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng ký tài khoản")
    expect(page.get_by_text("Bước 1: bấm Đăng ký.")).to_be_visible()
    # The stylesheet came from the worker's cache too.
    header = page.evaluate("getComputedStyle(document.querySelector('.navbar')).backgroundColor")
    assert header == "rgb(8, 47, 82)"

    page.goto(live_server.url + second.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Không có kết nối mạng")
    expect(page.get_by_role("link", name="1900 1023")).to_have_attribute("href", "tel:19001023")

    page.context.set_offline(False)
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tra cứu và thống kê")


def log_in(page, live_server, username: str) -> None:
    citizen = UserFactory(username=username)
    page.goto(live_server.url + "/dang-nhap/")
    controlled(page)
    page.locator("input[name=login]").fill(citizen.username)
    page.get_by_label(re.compile(r"^Mật khẩu")).fill(PASSWORD)
    challenge = page.locator("input[name=captcha_id]").input_value()
    page.get_by_label(re.compile(r"^Mã số xác thực")).fill(captcha_answer_for(challenge))
    page.get_by_role("main").get_by_role("button", name="Đăng nhập", exact=True).click()
    expect(page).to_have_url(live_server.url + "/tai-khoan/")


def visit_signed_in_pages(page, live_server, guide) -> list[str]:
    """The send form, the citizen's reports and a public page seen while signed in (it shows
    the person's header): none of them is put on the device."""
    page.route(re.compile(r"^https?://[^/]*tile[^/]*/"), lambda route: route.abort())
    visited = ["/gui-phan-anh/", "/phan-anh-cua-toi/", "/thong-bao/", guide.get_absolute_url()]
    for path in visited:
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
    kept = page.evaluate(
        """() => caches.keys()
            .then((names) => Promise.all(names.map((name) => caches.open(name)
                .then((cache) => cache.keys()))))
            .then((lists) => lists.flat().map((request) => new URL(request.url).pathname))"""
    )
    assert not set(visited) & set(kept), kept
    return visited


def assert_offline_page_instead(page, live_server, paths) -> None:
    page.context.set_offline(True)
    for path in paths:
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_have_text("Không có kết nối mạng")
        expect(page.get_by_role("button", name="Đăng xuất")).to_have_count(0)


def test_signed_in_pages_do_not_open_offline_after_a_log_out(
    page, live_server, khanh_hoa_site, guides
):
    log_in(page, live_server, "056090000011")
    visited = visit_signed_in_pages(page, live_server, guides[0])

    page.locator("form.topbar__logout button").click()
    page.wait_for_load_state("load")
    assert_offline_page_instead(page, live_server, visited)


def test_signed_in_pages_do_not_open_offline_once_the_session_cookie_is_gone(
    page, live_server, khanh_hoa_site, guides
):
    """The session ended without a log-out (it expired, the cookie was deleted): the
    worker never learns it, so it must never have kept those pages."""
    log_in(page, live_server, "056090000012")
    visited = visit_signed_in_pages(page, live_server, guides[0])

    page.context.clear_cookies()
    assert_offline_page_instead(page, live_server, visited)


def test_a_public_page_seen_while_signed_out_still_opens_offline_after_a_session(
    page, live_server, khanh_hoa_site, guides
):
    first, second = guides
    page.goto(live_server.url + second.get_absolute_url())
    controlled(page)
    page.goto(live_server.url + second.get_absolute_url())
    log_in(page, live_server, "056090000013")
    visit_signed_in_pages(page, live_server, first)
    page.context.clear_cookies()

    page.context.set_offline(True)
    page.goto(live_server.url + second.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Tra cứu và thống kê")
