"""The Django admin's door in a real Chromium: a system administrator with an authenticator
app who opens /admin/ (or /admin/login/) lands on the officers' login, gives the password and
then the code, and only then sees the admin (issue 11, point 1)."""

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from pakn.accounts.tests.factories import OfficerFactory
from pakn.testing.browser import field, log_in_send

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_admin_asks_for_the_second_factor(live_server, page):
    admin = OfficerFactory(username="quantri.heth", is_staff=True, is_superuser=True)
    device = TOTPDevice.objects.create(user=admin, name="PAKN", confirmed=True)

    page.goto(live_server.url + "/admin/login/?next=/admin/")
    expect(page).to_have_url(re.compile(r"/can-bo/dang-nhap/\?next=%2Fadmin%2F$"))
    log_in_send(page, "quantri.heth", officer=True)

    expect(page).to_have_url(re.compile(r"/can-bo/dang-nhap/xac-thuc-hai-lop/"))
    expect(field(page, "Mã từ ứng dụng xác thực")).to_be_visible()
    # With the password given and no code yet, the admin still refuses.
    admin_page = page.context.new_page()
    admin_page.goto(live_server.url + "/admin/")
    expect(admin_page).to_have_url(re.compile(r"/can-bo/dang-nhap/"))
    expect(admin_page.get_by_role("heading", name="Đăng nhập")).to_be_visible()
    admin_page.close()

    token = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    field(page, "Mã từ ứng dụng xác thực").fill(token)
    page.get_by_role("button", name="Xác nhận").click()
    expect(page).to_have_url(live_server.url + "/admin/")
    expect(page.locator("#site-name")).to_contain_text("PAKN")
