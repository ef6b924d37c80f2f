"""The installable app in a real Chromium: the manifest is linked and valid, the service
worker registers for the whole site, and pages open without a connection — the public ones
already visited from the device, the others as the offline page. Of a signed-in person's
pages only the report form is kept, for that session only: it opens offline (with the draft
typed offline) until the session ends, by log-out, expiry or cleared cookies.

Chromium allows service workers on localhost, where live_server runs."""

import re
import time

import pytest
from playwright.sync_api import expect

from pakn.accounts.tests.factories import UserFactory
from pakn.organisations.tests.factories import MembershipFactory
from pakn.portal.models import Guide
from pakn.testing.browser import CITIZEN_LOGIN, OFFICER_LOGIN, expect_signed_in, log_in_send

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


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


def log_in(page, live_server, username: str, *, officer: bool = False) -> None:
    """Makes the person, opens their login page under the service worker's control, and
    logs in."""
    if officer:
        person = MembershipFactory(user__username=username).user
    else:
        person = UserFactory(username=username)
    page.goto(live_server.url + (OFFICER_LOGIN if officer else CITIZEN_LOGIN))
    controlled(page)
    log_in_send(page, person.username, officer=officer)
    expect_signed_in(page)


def kept_pages(page) -> dict[str, list[str]]:
    """The addresses (path and query) kept by the service worker, by cache name."""
    return page.evaluate(
        """() => caches.keys()
            .then((names) => Promise.all(names.map((name) => caches.open(name)
                .then((cache) => cache.keys())
                .then((keys) => [name, keys.map((request) => { const url = new URL(request.url); return url.pathname + url.search; })]))))
            .then((pairs) => Object.fromEntries(pairs))"""
    )


FORM = "/gui-phan-anh/"
FORM_HEADING = "Gửi phản ánh, kiến nghị"


def visit_signed_in_pages(page, live_server, guide) -> list[str]:
    """The send form, the citizen's reports, notifications and a public page seen while
    signed in (it shows the person's header): only the form is put on the device, and only
    with the pages kept for the session."""
    page.route(re.compile(r"^https?://[^/]*tile[^/]*/"), lambda route: route.abort())
    visited = ["/phan-anh-cua-toi/", "/thong-bao/", guide.get_absolute_url(), FORM]
    for path in visited:
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
    kept = kept_pages(page)
    assert kept.get("pakn-session-pages-v1") == [FORM], kept
    others = {path for name, paths in kept.items() if "session" not in name for path in paths}
    assert not set(visited) & others, kept
    return visited


def assert_offline_page_instead(page, live_server, paths) -> None:
    page.context.set_offline(True)
    for path in paths:
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_have_text("Không có kết nối mạng")
        expect(page.get_by_role("button", name="Đăng xuất")).to_have_count(0)


def test_the_report_form_opens_offline_for_the_signed_in_citizen_with_the_draft_typed_offline(
    page, live_server, khanh_hoa_site, guides
):
    log_in(page, live_server, "056090000010")
    visit_signed_in_pages(page, live_server, guides[0])

    page.context.set_offline(True)
    page.get_by_label(re.compile(r"^Tiêu đề")).fill("Đèn đường hỏng trước số 12 Trần Phú")
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text(FORM_HEADING)
    expect(page.get_by_label(re.compile(r"^Tiêu đề"))).to_have_value(
        "Đèn đường hỏng trước số 12 Trần Phú"
    )
    expect(page.locator("input[type=file][name=attachments]")).to_have_count(1)
    # Only the form: the account and the citizen's reports are never kept on the device.
    for path in ["/tai-khoan/", "/phan-anh-cua-toi/"]:
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_have_text("Không có kết nối mạng")

    # Once the form is sent, its kept copy (with a used idempotency key) is forgotten.
    page.context.set_offline(False)
    page.goto(live_server.url + FORM)
    # Wait for the page the form's post leads to, by its own message: the draft's automatic
    # save may change the address (history.replaceState) first, which a navigation wait
    # would take for the post's page, and the next evaluate would race the real navigation.
    page.get_by_label(re.compile(r"^Nội dung")).fill("Đèn tắt từ ba đêm nay, đoạn đường tối.")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_text("Đã lưu bản nháp. Ông/bà có thể tiếp tục soạn")).to_be_visible()
    page.wait_for_load_state("load")
    # The saved draft's own page (its address names the draft) is kept for the session in
    # its place.
    kept = kept_pages(page).get("pakn-session-pages-v1", [])
    assert FORM not in kept
    assert kept == [page.url.removeprefix(live_server.url)]


def test_the_report_form_does_not_open_offline_after_a_log_out(
    page, live_server, khanh_hoa_site, guides
):
    log_in(page, live_server, "056090000011")
    visited = visit_signed_in_pages(page, live_server, guides[0])

    page.locator("form.topbar__logout button").click()
    expect(page.get_by_text("Ông/bà đã đăng xuất.")).to_be_visible()
    assert "pakn_session_hint" not in {cookie["name"] for cookie in page.context.cookies()}
    assert_offline_page_instead(page, live_server, visited)


def test_the_report_form_does_not_open_offline_once_the_cookies_are_cleared(
    page, live_server, khanh_hoa_site, guides
):
    """The worker learns nothing when the cookies go: the form it kept stays in its cache,
    and the missing session hint alone keeps it from being shown."""
    log_in(page, live_server, "056090000012")
    visited = visit_signed_in_pages(page, live_server, guides[0])

    page.context.clear_cookies()
    assert_offline_page_instead(page, live_server, visited)


def test_the_report_form_does_not_open_offline_once_the_session_has_expired(
    page, live_server, khanh_hoa_site, guides
):
    """The session and its hint expire together in the browser (the server gives them the
    same expiry: test_session_hint.py); here both are made to expire in two seconds."""
    log_in(page, live_server, "056090000014")
    visit_signed_in_pages(page, live_server, guides[0])
    page.context.set_offline(True)
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text(FORM_HEADING)

    soon = time.time() + 2
    cookies = page.context.cookies()
    page.context.clear_cookies()
    page.context.add_cookies([{**cookie, "expires": soon} for cookie in cookies])
    # The browser drops expired cookies by its own clock.
    page.wait_for_function("() => !document.cookie.includes('pakn_session_hint=')")
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Không có kết nối mạng")


def test_an_officers_page_never_opens_offline(page, live_server, khanh_hoa_site):
    log_in(page, live_server, "canbo_offline", officer=True)
    inbox = live_server.url + "/can-bo/phan-anh/"
    page.goto(inbox)
    heading = page.get_by_role("heading", level=1)
    expect(heading).not_to_have_text("Không có kết nối mạng")
    assert "pakn_session_hint" in {cookie["name"] for cookie in page.context.cookies()}
    kept = kept_pages(page)
    assert not [path for paths in kept.values() for path in paths if "/can-bo/" in path], kept

    page.context.set_offline(True)
    page.reload()
    expect(heading).to_have_text("Không có kết nối mạng")


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
