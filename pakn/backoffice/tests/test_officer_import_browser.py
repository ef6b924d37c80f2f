"""In a real Chromium at phone width: the administrator sends a file, watches the import
wait for the worker, and the page shows the result by itself once the worker has run it."""

import csv
import io

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from pakn.accounts.models import User
from pakn.backoffice.tests.test_desk_browser import open_as
from pakn.core.tests.workers import DATABASE_TASKS, worker_batch_in_this_process
from pakn.testing.province import province_build

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_progress_page_follows_the_import_until_its_result(browser, live_server, tmp_path):
    org = province_build()
    path = tmp_path / "danh-sach.csv"
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(["Họ và tên", "Tên đăng nhập", "Mã đơn vị", "Vai trò"])
    writer.writerows([f"Cán bộ {n}", f"canbo{n}.sxd", "sxd-ht", "Cán bộ xử lý"] for n in (1, 2, 3))
    path.write_text(text.getvalue(), encoding="utf-8")

    with override_settings(TASKS=DATABASE_TASKS):  # queued for a worker, not run at once
        page = open_as(browser, live_server, org["unit_admin_a"], officer=True)
        page.set_viewport_size({"width": 375, "height": 800})
        page.goto(live_server.url + "/can-bo/quan-tri/nhap-tep/")
        page.get_by_label("Tệp danh sách cán bộ (.xlsx hoặc .csv)").set_input_files(str(path))
        page.get_by_role("button", name="Tải lên và tạo tài khoản").click()
        expect(page.locator(".import-progress [role=status]")).to_contain_text("Đang chờ")

        worker_batch_in_this_process()

    expect(page.get_by_role("status").filter(has_text="Đã tạo 3 tài khoản")).to_be_visible()
    expect(page.locator(".import-progress [role=status]")).to_contain_text("3/3 dòng")
    expect(page.get_by_role("button", name="Tải mật khẩu tạm thời (.xlsx)")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert User.objects.filter(username__startswith="canbo").count() == 3
    page.context.close()
