"""Acceptance (issue 16): an operator enters a caller's report in a real Chromium (a new
contact, a pin on the map, a photo); the caller's SMS arrives with the code; the caller, in
a browser of their own, follows the report by code and phone with the SMS code."""

import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from pakn.accounts.models import AccountType
from pakn.reports.models import Report, ReportChannel
from pakn.testing.browser import field, log_in, main, new_page, no_tiles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = "+84905123456"


def test_an_operator_enters_a_callers_report_and_the_caller_follows_it(
    browser, live_server, org, sms_outbox, tmp_path
):
    photo = tmp_path / "cay-do.png"
    Image.new("RGB", (64, 48), (40, 160, 60)).save(photo)
    operator = new_page(browser, service_workers="block")
    errors = no_tiles(operator)
    log_in(operator, live_server, org["operator"].username, officer=True)

    operator.get_by_role("navigation", name="Trang cán bộ").get_by_role(
        "link", name="Tổng đài"
    ).click()
    expect(operator.get_by_role("heading", level=1)).to_have_text("Tiếp nhận cuộc gọi")
    field(operator, "Số điện thoại người gọi").fill("0905.123.456")
    main(operator).get_by_role("button", name="Tìm người gọi").click()
    expect(operator.get_by_role("heading", name="Người gọi chưa có trên hệ thống")).to_be_visible()
    contact_form = operator.locator("form[action$='/nguoi-lien-he/']")
    field(contact_form, "Họ và tên người gọi").fill("Lê Văn Cường")
    field(contact_form, "Địa chỉ (không bắt buộc)").fill("12 Lê Lợi")
    contact_form.get_by_role("button", name="Ghi người liên hệ và nhập phản ánh").click()

    expect(operator.get_by_role("heading", level=1)).to_have_text("Nhập phản ánh qua tổng đài")
    expect(operator.locator("p[data-caller]")).to_contain_text("Lê Văn Cường")
    field(operator, "Tiêu đề").fill("Cây đổ chắn đường Lê Lợi")
    field(operator, "Nội dung").fill("Cây lớn đổ sau mưa, chắn một nửa mặt đường.")
    map_box = operator.get_by_role("region", name=re.compile("Bản đồ chọn vị trí"))
    expect(map_box).to_have_attribute("data-ready", "1")
    map_box.click()
    expect(operator.locator(".leaflet-marker-icon")).to_have_count(1)
    expect(field(operator, "Vĩ độ")).to_have_value(re.compile(r"^12\.\d{6}$"))
    field(operator, "Tệp đính kèm").set_input_files(str(photo))
    main(operator).get_by_role("button", name="Gửi phản ánh").click()

    expect(operator.get_by_role("heading", level=1)).to_have_text("Đã nhập phản ánh")
    code = re.search(r"PAKN-\d{4}-\d{6}", operator.get_by_role("status").first.inner_text())
    assert code is not None
    code = code.group(0)
    expect(operator.locator("[data-read-aloud]")).to_contain_text(code)
    report = Report.objects.select_related("reporter").get(code=code)
    assert report.channel == ReportChannel.HOTLINE and report.entered_by == org["operator"]
    assert report.reporter.account_type == AccountType.CONTACT
    assert report.latitude is not None
    assert [a.original_name for a in report.attachments.all()] == ["cay-do.png"]
    receipt = sms_outbox.messages(PHONE)
    assert len(receipt) == 1 and code in receipt[0]["body"]
    assert not [e for e in errors if "Leaflet" in e or "TypeError" in e]

    caller = new_page(browser, service_workers="block")
    caller.goto(live_server.url + "/tra-cuu/")
    main(caller).get_by_role("link", name="Theo dõi bằng mã số và số điện thoại").click()
    expect(caller.get_by_role("heading", level=1)).to_have_text("Theo dõi phản ánh bằng mã số")
    field(caller, "Mã số phản ánh").fill(code.lower())
    field(caller, "Số điện thoại đã dùng khi gửi phản ánh").fill("0905 123 456")
    main(caller).get_by_role("button", name="Nhận mã xác thực").click()
    expect(caller.get_by_role("heading", level=1)).to_have_text("Nhập mã xác thực")
    field(caller, "Mã xác thực (OTP)").fill(sms_outbox.last_code(PHONE))
    main(caller).get_by_role("button", name="Xem phản ánh").click()

    expect(caller.get_by_role("heading", level=1)).to_have_text("Cây đổ chắn đường Lê Lợi")
    expect(caller.locator("[data-report-code]")).to_have_text(code)
    expect(caller.locator("[data-report-status]")).to_have_text("Chờ tiếp nhận")
    assert "0905" not in caller.content() and "905123456" not in caller.content()
    operator.context.close()
    caller.context.close()
