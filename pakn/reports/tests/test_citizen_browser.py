"""A citizen in a real Chromium, as seed 002 walks through it: log in, "Gửi phản ánh, kiến
nghị" with a photo and the current position, read the code, find the report in "Phản ánh,
kiến nghị của tôi", write to the unit and, once the unit has answered, rate the answer."""

import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from pakn.core.tests.captcha_solver import captcha_answer_for
from pakn.reports.models import Message, Rating, Report, ReportStatus
from pakn.reports.tests.conftest import answer_report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Matkhau@2026"  # UserFactory's
NHA_TRANG = {"latitude": 12.238791, "longitude": 109.196749}


def field(page, label):
    return page.get_by_label(re.compile(rf"^{re.escape(label)}(\s*\*)?$"))


def solve_captcha(page):
    challenge_id = page.locator("input[name=captcha_id]").input_value()
    field(page, "Mã số xác thực").fill(captcha_answer_for(challenge_id))


def log_in(page, live_server, username):
    page.goto(live_server.url + "/dang-nhap/")
    page.locator("input[name=login]").fill(username)
    field(page, "Mật khẩu").fill(PASSWORD)
    solve_captcha(page)
    page.get_by_role("main").get_by_role("button", name="Đăng nhập", exact=True).click()
    expect(page).to_have_url(live_server.url + "/tai-khoan/")


def test_a_citizen_sends_a_report_follows_it_writes_and_rates(page, live_server, org, tmp_path):
    photo = tmp_path / "den-duong.png"
    Image.new("RGB", (64, 48), (230, 180, 20)).save(photo)
    page.context.grant_permissions(["geolocation"], origin=live_server.url)
    page.context.set_geolocation(NHA_TRANG)
    log_in(page, live_server, org["reporter"].username)

    page.get_by_role("link", name="Phản ánh, kiến nghị của tôi").click()
    page.get_by_role("main").get_by_role("link", name="Gửi phản ánh, kiến nghị").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gửi phản ánh, kiến nghị")
    field(page, "Tiêu đề").fill("Đèn đường hỏng trước nhà số 12 Trần Phú")
    field(page, "Nội dung").fill("Đèn đường hỏng nhiều ngày, buổi tối rất tối và nguy hiểm.")
    page.get_by_role("button", name="Dùng vị trí hiện tại").click()
    expect(page.locator("[data-position-value]")).to_contain_text("12.238791, 109.196749")
    field(page, "Tệp đính kèm").set_input_files(str(photo))
    solve_captcha(page)
    page.get_by_role("button", name="Gửi", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Đã gửi phản ánh, kiến nghị")
    code = page.locator("[data-report-code]").inner_text().strip()
    assert re.fullmatch(r"PAKN-\d{4}-\d{6}", code)
    report = Report.objects.get(code=code)
    assert (float(report.latitude), float(report.longitude)) == (12.238791, 109.196749)
    assert [a.original_name for a in report.attachments.all()] == ["den-duong.png"]

    page.get_by_role("link", name="Phản ánh, kiến nghị của tôi").click()
    row = page.locator("[data-report-row]", has_text=code)
    expect(row).to_contain_text("Chờ tiếp nhận")
    row.get_by_role("link", name="Xem chi tiết").click()
    expect(page.locator("[data-report-code]")).to_have_text(code)
    expect(page.get_by_role("link", name="den-duong.png")).to_be_visible()

    field(page, "Nội dung trao đổi").fill("Tối nay đèn vẫn chưa sáng.")
    page.get_by_role("button", name="Gửi trao đổi").click()
    expect(page.locator(".exchange")).to_contain_text("Tối nay đèn vẫn chưa sáng.")
    assert Message.objects.get(report=report).body == "Tối nay đèn vẫn chưa sáng."

    answer_report(org, report)
    page.reload()
    expect(page.locator(".report-answer")).to_contain_text("Đã thay bóng đèn đường ngày 20/11.")
    page.get_by_label("Rất hài lòng").check()
    field(page, "Nhận xét").fill("Cảm ơn đơn vị.")
    page.get_by_role("button", name="Gửi đánh giá").click()
    expect(page.locator("[data-rating]")).to_contain_text("Rất hài lòng")
    assert Rating.objects.get(report=report).value == "very_satisfied"
    assert Report.objects.get(pk=report.pk).status == ReportStatus.ANSWERED
