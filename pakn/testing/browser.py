"""Helpers for the tests that drive a real Chromium (the ``browser`` and ``page`` fixtures of
the root conftest.py). Each waits on what the person sees, never on a navigation event: a
loaded 2-core CI machine is slow enough for any other wait to race."""

import re

from playwright.sync_api import expect

from pakn.testing.captcha import captcha_answer_for
from pakn.testing.province import PASSWORD

# A Vietnamese visitor on a desktop screen; tests change the viewport when they need a phone.
CONTEXT_OPTIONS = {
    "locale": "vi-VN",
    "timezone_id": "Asia/Ho_Chi_Minh",
    "viewport": {"width": 1280, "height": 800},
}
TIMEOUT_MS = 10_000
CITIZEN_LOGIN = "/dang-nhap/"
OFFICER_LOGIN = "/can-bo/dang-nhap/"


def new_page(browser, **options):
    """A page in a fresh context of its own (no cookies shared with any other page);
    ``options`` go to ``browser.new_context`` on top of ``CONTEXT_OPTIONS``."""
    context = browser.new_context(**(CONTEXT_OPTIONS | options))
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


def field(scope, label: str):
    """The input of a form field by its label, whether or not the label carries the
    required-field star (Playwright reads a label's whole text, hidden star included)."""
    return scope.get_by_label(re.compile(rf"^{re.escape(label)}(\s*\*)?$"))


def main(page):
    return page.get_by_role("main")


def solve_captcha(page) -> None:
    """Answers the captcha shown on the page, as a person reading the picture would."""
    challenge_id = page.locator("input[name=captcha_id]").input_value()
    field(page, "Mã số xác thực").fill(captcha_answer_for(challenge_id))


def log_in_send(page, login: str, password: str = PASSWORD, *, officer: bool = False) -> None:
    """Fills the login form open on ``page`` (the citizens' or, with ``officer``, the
    officers') and sends it; the caller waits for what should follow."""
    if officer:
        field(page, "Tên đăng nhập").fill(login)
    else:
        page.locator("input[name=login]").fill(login)
    field(page, "Mật khẩu").fill(password)
    solve_captcha(page)
    main(page).get_by_role("button", name="Đăng nhập", exact=True).click()


def log_in(page, live_server, username: str, *, password: str = PASSWORD, officer: bool = False):
    """Logs in through the login page of the person's side and waits until the page that
    follows shows them signed in."""
    page.goto(live_server.url + (OFFICER_LOGIN if officer else CITIZEN_LOGIN))
    log_in_send(page, username, password, officer=officer)
    expect_signed_in(page)
    return page


def expect_signed_in(page) -> None:
    """Waits until the page shows someone signed in: its "Đăng xuất" button, in the public
    top bar or folded in the officers' menu (there, in the page but not shown until opened)."""
    expect(
        page.locator("form[action$='/dang-xuat/'] button, form.topbar__logout button").first
    ).to_be_attached()


def no_tiles(page) -> list[str]:
    """Map tiles never load (no internet in tests); the errors the page throws are kept."""
    page.route(re.compile(r"^https?://[^/]*tile[^/]*/"), lambda route: route.abort())
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors
