"""The installable app in a real Chromium: the manifest is linked and valid, the service
worker registers for the whole site, and pages open without a connection — the ones already
visited (the report form included) from the device, the others as the offline page.

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


def test_the_report_form_opens_offline_until_the_citizen_logs_out(
    page, live_server, khanh_hoa_site
):
    citizen = UserFactory(username="056090000011")
    page.goto(live_server.url + "/dang-nhap/")
    controlled(page)
    page.locator("input[name=login]").fill(citizen.username)
    page.get_by_label(re.compile(r"^Mật khẩu")).fill(PASSWORD)
    challenge = page.locator("input[name=captcha_id]").input_value()
    page.get_by_label(re.compile(r"^Mã số xác thực")).fill(captcha_answer_for(challenge))
    page.get_by_role("main").get_by_role("button", name="Đăng nhập", exact=True).click()
    expect(page).to_have_url(live_server.url + "/tai-khoan/")
    page.route(re.compile(r"^https?://[^/]*tile[^/]*/"), lambda route: route.abort())
    page.goto(live_server.url + "/gui-phan-anh/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gửi phản ánh, kiến nghị")

    page.context.set_offline(True)
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gửi phản ánh, kiến nghị")
    photo_input = page.locator("input[type=file][name=attachments]")
    expect(photo_input).to_have_count(1)
    # The account page holds personal data: never kept on the device.
    page.goto(live_server.url + "/tai-khoan/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Không có kết nối mạng")

    # Once the form is sent, its kept copy (with a used idempotency key) is forgotten.
    page.context.set_offline(False)
    page.goto(live_server.url + "/gui-phan-anh/")
    assert page.evaluate(
        "caches.match('/gui-phan-anh/', { ignoreVary: true }).then((kept) => !!kept)"
    )
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.wait_for_load_state("load")
    assert page.evaluate(
        "caches.match('/gui-phan-anh/', { ignoreVary: true }).then((kept) => !kept)"
    )
    page.goto(live_server.url + "/gui-phan-anh/")  # kept again, with a new key

    # After a log-out the form kept for that person is forgotten.
    page.context.set_offline(False)
    page.goto(live_server.url + "/tai-khoan/")
    page.locator("form.topbar__logout button").click()
    page.wait_for_load_state("load")
    page.wait_for_function(
        "caches.match('/gui-phan-anh/', { ignoreVary: true }).then((kept) => kept === undefined)",
        timeout=5000,
    )
    page.context.set_offline(True)
    page.goto(live_server.url + "/gui-phan-anh/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Không có kết nối mạng")
