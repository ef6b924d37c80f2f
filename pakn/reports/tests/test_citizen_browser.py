"""A citizen in a real Chromium, as seed 002 walks through it: log in, "Gửi phản ánh, kiến
nghị" with a photo and a pin on the map, read the code, find the report in "Phản ánh, kiến
nghị của tôi", write to the unit and, once the unit has answered, rate the answer. Then the
position from the device, a page without Leaflet, and the draft that saves itself, also
while the network is down.

The tests run without internet: map tiles are refused on purpose (``no_tiles``), as they
would be on a phone that has lost its connection, and the form must still work."""

import re

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from pakn.reports.models import Message, Rating, Report, ReportStatus
from pakn.testing.browser import field, log_in, new_page, no_tiles, solve_captcha
from pakn.testing.reports import answer_report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NHA_TRANG = {"latitude": 12.238791, "longitude": 109.196749}


@pytest.fixture
def page(browser):
    """The root fixture's page, with the service worker blocked: the tests cut the network
    with ``page.route``, which does not see requests that a service worker makes."""
    browser_page = new_page(browser, service_workers="block")
    yield browser_page
    browser_page.context.close()


def open_form(page, live_server):
    page.goto(live_server.url + "/gui-phan-anh/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gửi phản ánh, kiến nghị")


def test_a_citizen_sends_a_report_follows_it_writes_and_rates(page, live_server, org, tmp_path):
    photo = tmp_path / "den-duong.png"
    Image.new("RGB", (64, 48), (230, 180, 20)).save(photo)
    errors = no_tiles(page)
    log_in(page, live_server, org["reporter"].username)

    expect(page.get_by_role("heading", level=1)).to_have_text("Phản ánh, kiến nghị của tôi")
    page.get_by_role("main").get_by_role("link", name="Gửi phản ánh, kiến nghị").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gửi phản ánh, kiến nghị")
    field(page, "Tiêu đề").fill("Đèn đường hỏng trước nhà số 12 Trần Phú")
    field(page, "Nội dung").fill("Đèn đường hỏng nhiều ngày, buổi tối rất tối và nguy hiểm.")
    map_box = page.get_by_role("region", name=re.compile("Bản đồ chọn vị trí"))
    expect(map_box).to_have_attribute("data-ready", "1")
    expect(page.get_by_text("Không tải được hình bản đồ")).to_be_visible()
    map_box.click()  # the middle of the map: Khánh Hòa, around Nha Trang
    expect(page.locator(".leaflet-marker-icon")).to_have_count(1)
    expect(field(page, "Vĩ độ")).to_have_value(re.compile(r"^12\.\d{6}$"))
    expect(field(page, "Kinh độ")).to_have_value(re.compile(r"^109\.\d{6}$"))
    clicked = (
        float(field(page, "Vĩ độ").input_value()),
        float(field(page, "Kinh độ").input_value()),
    )
    assert abs(clicked[0] - 12.25) < 0.01 and abs(clicked[1] - 109.19) < 0.01
    expect(page.locator("[data-position-value]")).to_contain_text(f"{clicked[0]:.6f}")
    field(page, "Tệp đính kèm").set_input_files(str(photo))
    solve_captcha(page)
    page.get_by_role("button", name="Gửi", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Đã gửi phản ánh, kiến nghị")
    code = page.locator("[data-report-code]").inner_text().strip()
    assert re.fullmatch(r"PAKN-\d{4}-\d{6}", code)
    report = Report.objects.get(code=code)
    assert (float(report.latitude), float(report.longitude)) == clicked
    assert [a.original_name for a in report.attachments.all()] == ["den-duong.png"]
    assert Report.objects.filter(reporter=org["reporter"]).count() == 1  # the draft became it

    page.get_by_role("link", name="Phản ánh, kiến nghị của tôi").click()
    row = page.locator("[data-report-row]", has_text=code)
    expect(row).to_contain_text("Chờ tiếp nhận")
    row.get_by_role("link", name="Xem chi tiết").click()
    expect(page.locator("[data-report-code]")).to_have_text(code)
    expect(page.get_by_role("link", name="den-duong.png")).to_be_visible()
    # The thumbnail made by the background task, served to the reporter.
    thumbnail = page.locator("img[data-thumbnail]")
    expect(thumbnail).to_have_count(1)
    page.wait_for_function("() => document.querySelector('img[data-thumbnail]').naturalWidth > 0")

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
    assert errors == []


def test_the_position_from_the_device_moves_the_pin_and_one_abroad_is_refused(
    page, live_server, org
):
    errors = no_tiles(page)
    page.context.grant_permissions(["geolocation"], origin=live_server.url)
    page.context.set_geolocation(NHA_TRANG)
    log_in(page, live_server, org["reporter"].username)
    open_form(page, live_server)

    page.get_by_role("button", name="Dùng vị trí hiện tại").click()
    expect(page.locator("[data-position-value]")).to_contain_text("12.238791, 109.196749")
    expect(field(page, "Vĩ độ")).to_have_value("12.238791")
    expect(page.locator(".leaflet-marker-icon")).to_have_count(1)

    # Typed by hand: Paris is refused before anything is sent, and the pin goes.
    field(page, "Vĩ độ").fill("48.856600")
    field(page, "Kinh độ").fill("2.352200")
    field(page, "Kinh độ").press("Tab")
    expect(page.get_by_text("nằm ngoài lãnh thổ Việt Nam")).to_be_visible()
    expect(page.locator(".leaflet-marker-icon")).to_have_count(0)
    # Typed back into Vietnam: the message goes and the pin comes back.
    field(page, "Vĩ độ").fill("12.100000")
    field(page, "Kinh độ").fill("109.100000")
    field(page, "Kinh độ").press("Tab")
    expect(page.locator("[data-position-problem]")).to_be_hidden()
    expect(page.locator(".leaflet-marker-icon")).to_have_count(1)
    expect(page.locator("[data-position-value]")).to_contain_text("12.100000, 109.100000")

    page.get_by_role("button", name="Bỏ vị trí").click()
    expect(field(page, "Vĩ độ")).to_have_value("")
    expect(page.locator(".leaflet-marker-icon")).to_have_count(0)
    expect(page.locator("[data-position-value]")).to_have_text("Chưa chọn vị trí trên bản đồ.")

    # From the keyboard: zoom with the map's own button, then pin the middle of the map.
    expect(page.get_by_role("button", name="Phóng to")).to_be_visible()
    page.get_by_role("button", name="Chọn điểm giữa bản đồ").focus()
    page.keyboard.press("Enter")
    expect(field(page, "Vĩ độ")).to_have_value(re.compile(r"^12\.\d{6}$"))
    expect(page.locator(".leaflet-marker-icon")).to_have_count(1)
    assert errors == []


def test_without_leaflet_the_form_still_takes_a_typed_position(page, live_server, org):
    errors = no_tiles(page)
    page.route("**/static/leaflet/leaflet.js", lambda route: route.abort())
    log_in(page, live_server, org["reporter"].username)
    open_form(page, live_server)

    expect(page.get_by_text("Không tải được bản đồ.")).to_be_visible()
    expect(page.get_by_role("region", name=re.compile("Bản đồ chọn vị trí"))).to_be_hidden()
    field(page, "Tiêu đề").fill("Ổ gà trên đường 23/10")
    field(page, "Nội dung").fill("Ổ gà lớn gây nguy hiểm cho xe máy.")
    field(page, "Vĩ độ").fill("12.240000")
    field(page, "Kinh độ").fill("109.180000")
    solve_captcha(page)
    page.get_by_role("button", name="Gửi", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Đã gửi phản ánh, kiến nghị")
    report = Report.objects.get(reporter=org["reporter"])
    assert (str(report.latitude), str(report.longitude)) == ("12.240000", "109.180000")
    assert errors == []


AUTOSAVE = "**/gui-phan-anh/luu-nhap/"
SAVED = re.compile(r"^Đã lưu nháp lúc \d{2}:\d{2}$")
# The page keeps no copy of a draft the server does not have yet.
NO_LOCAL_DRAFT = "() => !Object.keys(localStorage).some(k => k.startsWith('pakn:report-draft:'))"


def local_drafts(page):
    return page.evaluate(
        "() => Object.keys(localStorage).filter(k => k.startsWith('pakn:report-draft:'))"
    )


def test_the_draft_saves_itself_while_the_citizen_types(page, live_server, org):
    no_tiles(page)
    log_in(page, live_server, org["reporter"].username)
    open_form(page, live_server)

    field(page, "Tiêu đề").fill("Cây đổ chắn đường Lê Thánh Tôn")
    field(page, "Nội dung").fill("Cây xanh bị đổ sau mưa, chắn nửa lòng đường.")
    page.get_by_role("region", name=re.compile("Bản đồ chọn vị trí")).click()
    status = page.get_by_role("status").filter(has_text="nháp")
    expect(status).to_have_text(SAVED)
    # "Đã lưu" may be the answer to a save sent before the pin (on a loaded machine the two
    # seconds after the title can pass before the click): the local copy goes only once the
    # server has the newest one.
    page.wait_for_function(NO_LOCAL_DRAFT)

    draft = Report.objects.get(reporter=org["reporter"])
    assert draft.status == ReportStatus.DRAFT
    assert draft.title == "Cây đổ chắn đường Lê Thánh Tôn"
    assert draft.latitude is not None
    expect(page).to_have_url(re.compile(rf"\?ban-nhap={draft.idempotency_key}$"))

    with page.expect_response(AUTOSAVE) as saved:
        field(page, "Nội dung").fill("Cây xanh bị đổ sau mưa, chắn cả lòng đường.")
    assert saved.value.status == 200
    assert Report.objects.filter(reporter=org["reporter"]).count() == 1
    assert Report.objects.get(pk=draft.pk).content.endswith("chắn cả lòng đường.")
    # The page drops its local copy once it has read the server's answer, a moment after
    # the response arrives.
    page.wait_for_function(NO_LOCAL_DRAFT)
    assert local_drafts(page) == []

    page.reload()
    expect(page.get_by_text("Ông/bà đang tiếp tục soạn bản nháp đã lưu.")).to_be_visible()
    expect(field(page, "Tiêu đề")).to_have_value("Cây đổ chắn đường Lê Thánh Tôn")
    expect(field(page, "Nội dung")).to_have_value("Cây xanh bị đổ sau mưa, chắn cả lòng đường.")
    expect(field(page, "Vĩ độ")).to_have_value(str(draft.latitude))
    expect(page.locator(".leaflet-marker-icon")).to_have_count(1)


def test_an_offline_draft_survives_a_reload_and_is_sent_when_back_online(page, live_server, org):
    errors = no_tiles(page)
    log_in(page, live_server, org["reporter"].username)
    open_form(page, live_server)
    key = page.locator("input[name=idempotency_key]").input_value()
    # The network fails for the draft's requests only, so the page itself can be reloaded.
    page.route(AUTOSAVE, lambda route: route.abort("internetdisconnected"))

    field(page, "Tiêu đề").fill("Nước ngập đường Nguyễn Thiện Thuật")
    field(page, "Nội dung").fill("Mưa nửa giờ là ngập, xe máy chết máy hàng loạt.")
    field(page, "Vĩ độ").fill("12.241000")
    field(page, "Kinh độ").fill("109.193000")
    status = page.get_by_role("status").filter(has_text="nháp")
    expect(status).to_contain_text("Đang ngoại tuyến: bản nháp được lưu trên máy này")
    expect(status).to_contain_text("Tệp đính kèm chỉ tải lên được khi có mạng")
    assert not Report.objects.exists()

    page.reload()
    expect(field(page, "Tiêu đề")).to_have_value("Nước ngập đường Nguyễn Thiện Thuật")
    expect(field(page, "Nội dung")).to_have_value("Mưa nửa giờ là ngập, xe máy chết máy hàng loạt.")
    expect(field(page, "Vĩ độ")).to_have_value("12.241000")
    expect(page.locator(".leaflet-marker-icon")).to_have_count(1)
    expect(page.locator("input[name=idempotency_key]")).to_have_value(key)
    expect(status).to_contain_text("Đang ngoại tuyến")

    # Offline, "Gửi" keeps the page and says why nothing was sent.
    page.context.set_offline(True)
    page.get_by_role("button", name="Gửi", exact=True).click()
    expect(status).to_contain_text("chưa gửi được")
    expect(page).to_have_url(live_server.url + "/gui-phan-anh/")
    assert not Report.objects.exists()

    page.unroute(AUTOSAVE)
    with page.expect_response(AUTOSAVE) as saved:
        page.context.set_offline(False)  # the browser's "online" event sends the copy
    assert saved.value.status == 200
    expect(status).to_have_text(SAVED)
    draft = Report.objects.get(reporter=org["reporter"])
    assert str(draft.idempotency_key) == key
    assert (draft.title, str(draft.latitude)) == ("Nước ngập đường Nguyễn Thiện Thuật", "12.241000")
    assert draft.status == ReportStatus.DRAFT
    assert local_drafts(page) == []
    assert errors == []


def test_withdrawing_asks_for_the_box_then_for_the_dialog(page, live_server, org):
    """The withdrawal is last on the detail page: the browser refuses the button until the
    box is ticked, and the dialog's "Hủy" leaves the report as it was."""
    from pakn.reports.tests.test_citizen_pages import sent_report

    report = sent_report(org["reporter"])
    log_in(page, live_server, org["reporter"].username)
    page.goto(live_server.url + f"/phan-anh-cua-toi/{report.code}/")
    page.get_by_text("Rút phản ánh, kiến nghị này", exact=True).click()
    withdraw = page.get_by_role("button", name="Rút phản ánh, kiến nghị", exact=True)

    withdraw.click()  # the box is not ticked: the form is not sent, and no dialog opens
    expect(page.get_by_role("dialog")).to_have_count(0)
    page.get_by_label("Tôi xác nhận muốn rút phản ánh, kiến nghị này.").check()
    withdraw.click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Ông/bà chắc chắn muốn rút")
    dialog.get_by_role("button", name="Hủy").click()
    expect(dialog).to_have_count(0)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED

    withdraw.click()
    page.get_by_role("dialog").get_by_role("button", name="Rút phản ánh, kiến nghị").click()

    expect(page.get_by_text(f"Đã rút phản ánh, kiến nghị {report.code}.")).to_be_visible()
    report.refresh_from_db()
    assert report.status == ReportStatus.WITHDRAWN


def test_the_send_form_helps_while_typing(page, live_server, org, tmp_path):
    """Similar answered reports are links to their public page; a chosen photo is shown
    before sending; a refused form lists its errors at the top, focused, and a field's
    error goes once the field is changed."""
    from pakn.reports.tests.factories import ReportFactory

    ReportFactory(code="PAKN-2026-000077", status="answered", is_published=True,
                  public_title="Đèn đường hỏng ở phường Nha Trang", submitted_at=timezone.now())  # fmt: skip
    photo = tmp_path / "hien-truong.png"
    Image.new("RGB", (64, 48), (30, 120, 200)).save(photo)
    no_tiles(page)
    log_in(page, live_server, org["reporter"].username)
    open_form(page, live_server)

    field(page, "Tiêu đề").fill("Đèn đường hỏng")
    similar = page.get_by_role("link", name=re.compile("PAKN-2026-000077"))
    expect(similar).to_have_attribute("href", "/phan-anh/PAKN-2026-000077/")

    page.locator("input[name=attachments]").set_input_files(str(photo))
    preview = page.locator("[data-upload-previews] img")
    expect(preview).to_have_attribute("src", re.compile(r"^data:image/png;base64,"))
    expect(preview).to_have_attribute("alt", "hien-truong.png")

    field(page, "Tiêu đề").fill("")
    field(page, "Nội dung").fill("Đèn tắt cả tuần.")
    page.get_by_role("button", name="Gửi", exact=True).click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name="Tiêu đề")).to_have_attribute("href", "#id_title")
    title_error = page.locator(".field--error").filter(has=page.locator("#id_title"))
    expect(title_error.locator(".error")).to_have_count(1)

    field(page, "Tiêu đề").fill("Đèn đường hỏng trước nhà số 12")

    expect(page.locator(".field", has=page.locator("#id_title")).locator(".error")).to_have_count(0)
