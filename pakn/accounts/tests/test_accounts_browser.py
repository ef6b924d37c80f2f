"""The account pages of seed 002 in a real Chromium, as a citizen goes through them: register
(person and organisation) with the SMS code, log in and out, recover and change the password,
change the phone number, delete the account. Codes are read from the SMS outbox and captchas
from the stored challenge, as a person would read them from their phone and the picture."""

import re

import pytest
from playwright.sync_api import expect

from pakn.accounts.models import AccountType, User
from pakn.accounts.tests.factories import UserFactory
from pakn.organisations.services import areas_load_official
from pakn.testing.browser import field, log_in_send, main, solve_captcha
from pakn.testing.captcha import captcha_answer_for
from pakn.testing.province import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WRONG_LOGIN = "Tên đăng nhập hoặc mật khẩu không đúng."


@pytest.fixture
def areas(transactional_db):
    """The official provinces and communes: a transactional test starts with none."""
    areas_load_official()


@pytest.fixture
def site(live_server, page, sms_outbox):
    """The browser pointed at the live server, with this test's SMS outbox."""

    class Site:
        outbox = sms_outbox

        def open(self, path):
            response = page.goto(live_server.url + path)
            assert response.status == 200, path
            return page

        def url(self, path):
            return live_server.url + path

    return Site()


def enter_code(page, code):
    field(page, "Mã xác thực (OTP)").fill(code)
    main(page).get_by_role("button", name="Xác nhận").click()


def log_in(site, login, password):
    """Signs in on the way to the account page (without ``next`` a citizen lands on their
    reports, see test_pages.py); the caller waits for the profile or the refusal."""
    page = site.open("/dang-nhap/?next=/tai-khoan/")
    log_in_send(page, login, password)
    return page


def expect_logged_in_on_profile(site, page):
    expect(page).to_have_url(site.url("/tai-khoan/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Quản lý tài khoản")
    expect(page.get_by_role("button", name="Đăng xuất", exact=True)).to_be_visible()


def expect_refused(site, page):
    expect(page.get_by_role("alert").filter(has_text=WRONG_LOGIN)).to_be_visible()
    expect(page).to_have_url(site.url("/dang-nhap/?next=/tai-khoan/"))
    expect(page.get_by_role("button", name="Đăng xuất", exact=True)).to_have_count(0)


def choose_province(page, name):
    """Chooses a province and waits for the script to bring its communes."""
    with page.expect_response(re.compile(r"/dia-ban/xa-phuong/\?tinh=\d+$")) as communes:
        field(page, "Tỉnh, thành phố").select_option(label=name)
    assert communes.value.status == 200


def test_an_individual_registers_with_the_code_sent_to_their_phone(site, areas):
    page = site.open("/dang-ky/")
    field(page, "Số CMND/CCCD").fill("056090001234")
    field(page, "Họ và tên").fill("Nguyễn Văn An")
    field(page, "Số điện thoại di động").fill("0912 345 678")
    field(page, "Thư điện tử").fill("an@example.vn")

    # Khánh Hòa comes first; another province brings its own communes, without a reload.
    province = field(page, "Tỉnh, thành phố")
    commune = field(page, "Xã, phường, đặc khu")
    expect(province.locator("option:checked")).to_have_text("Tỉnh Khánh Hòa")
    expect(commune.locator("option", has_text="Phường Nha Trang")).to_have_count(1)
    choose_province(page, "Thành phố Hà Nội")
    expect(commune.locator("option", has_text="Phường Ba Đình")).to_have_count(1)
    expect(commune.locator("option", has_text="Phường Nha Trang")).to_have_count(0)
    expect(commune).to_be_enabled()
    choose_province(page, "Tỉnh Khánh Hòa")
    expect(commune.locator("option")).to_have_count(66)  # the placeholder and 65 communes
    expect(commune.locator("option", has_text="Phường Ba Đình")).to_have_count(0)
    commune.select_option(label="Phường Nha Trang")
    field(page, "Số nhà, đường, thôn, tổ").fill("12 Trần Phú")

    # A wrong captcha: refused, and everything but the passwords is still there.
    field(page, "Mật khẩu").fill("Khanhhoa@2026")
    field(page, "Nhập lại mật khẩu").fill("Khanhhoa@2026")
    challenge_id = page.locator("input[name=captcha_id]").input_value()
    wrong = str(int(captcha_answer_for(challenge_id)) + 1)
    field(page, "Mã số xác thực").fill(wrong)
    main(page).get_by_role("button", name="Đăng ký", exact=True).click()
    expect(page.get_by_role("alert").filter(has_text="Mã số xác thực không đúng")).to_be_visible()
    expect(field(page, "Họ và tên")).to_have_value("Nguyễn Văn An")
    expect(field(page, "Số CMND/CCCD")).to_have_value("056090001234")
    expect(field(page, "Số điện thoại di động")).to_have_value("0912 345 678")
    expect(field(page, "Xã, phường, đặc khu").locator("option:checked")).to_have_text(
        "Phường Nha Trang"
    )
    expect(field(page, "Số nhà, đường, thôn, tổ")).to_have_value("12 Trần Phú")
    assert page.locator("input[name=captcha_id]").input_value() != challenge_id
    assert not User.objects.exists()

    field(page, "Mật khẩu").fill("Khanhhoa@2026")
    field(page, "Nhập lại mật khẩu").fill("Khanhhoa@2026")
    solve_captcha(page)
    main(page).get_by_role("button", name="Đăng ký", exact=True).click()

    expect(page).to_have_url(site.url("/dang-ky/xac-thuc/"))
    expect(main(page)).to_contain_text("******5678")
    enter_code(page, site.outbox.last_code("+84912345678"))

    expect_logged_in_on_profile(site, page)
    expect(page.get_by_text("Đăng ký thành công.")).to_be_visible()
    expect(main(page).locator(".account-summary")).to_contain_text("056090001234")
    expect(field(page, "Họ và tên")).to_have_value("Nguyễn Văn An")
    user = User.objects.get(username="056090001234")
    assert user.is_active and user.phone == "+84912345678"
    assert user.address_commune.name == "Phường Nha Trang"


def test_an_organisation_registers_with_its_business_code(site, areas):
    page = site.open("/dang-ky/")
    page.get_by_role("link", name="TỔ CHỨC, DOANH NGHIỆP").click()
    expect(page).to_have_url(site.url("/dang-ky/to-chuc/"))
    field(page, "Mã số doanh nghiệp / Số quyết định thành lập").fill("0300588569")
    field(page, "Tên tổ chức, doanh nghiệp").fill("Công ty TNHH Thủy sản Vân Phong")
    field(page, "Điện thoại tổ chức").fill("02583822222")
    field(page, "Thư điện tử tổ chức").fill("info@vanphong.vn")
    field(page, "Xã, phường, đặc khu").select_option(label="Phường Nha Trang")
    field(page, "Số nhà, đường, thôn, tổ").fill("KCN Ninh Thủy")
    field(page, "Họ và tên người đại diện").fill("Trần Thị Bích")
    field(page, "Số điện thoại di động người đại diện").fill("0987654321")
    field(page, "Thư điện tử người đại diện").fill("bich@vanphong.vn")
    field(page, "Mật khẩu").fill("Thuysan#Bien9")
    field(page, "Nhập lại mật khẩu").fill("Thuysan#Bien9")
    solve_captcha(page)
    main(page).get_by_role("button", name="Đăng ký", exact=True).click()

    expect(page).to_have_url(site.url("/dang-ky/xac-thuc/"))
    enter_code(page, site.outbox.last_code("+84987654321"))

    expect_logged_in_on_profile(site, page)
    summary = main(page).locator(".account-summary")
    expect(summary).to_contain_text("Mã số doanh nghiệp / Số QĐ thành lập")
    expect(summary).to_contain_text("0300588569")
    expect(summary).to_contain_text("Tổ chức, doanh nghiệp")
    expect(field(page, "Tên tổ chức, doanh nghiệp")).to_have_value(
        "Công ty TNHH Thủy sản Vân Phong"
    )
    expect(field(page, "Họ và tên người đại diện")).to_have_value("Trần Thị Bích")
    organisation = User.objects.get(username="0300588569")
    assert organisation.account_type == AccountType.ORGANISATION and organisation.is_active


def test_log_in_with_the_id_number_log_out_then_log_in_with_the_phone(site):
    UserFactory(username="056090001234", phone="+84912345678")

    page = log_in(site, "056090001234", PASSWORD)
    expect_logged_in_on_profile(site, page)
    page.get_by_role("button", name="Đăng xuất", exact=True).click()
    expect(page).to_have_url(site.url("/"))
    expect(page.get_by_text("Ông/bà đã đăng xuất.")).to_be_visible()
    expect(page.get_by_role("link", name="Đăng nhập")).to_be_visible()
    assert site.open("/tai-khoan/").url.startswith(site.url("/dang-nhap/"))

    page = log_in(site, "0912345678", PASSWORD)
    expect_logged_in_on_profile(site, page)
    expect(main(page).locator(".account-summary")).to_contain_text("056090001234")


def test_forgotten_password_is_replaced_with_the_code_sent_by_sms(site):
    UserFactory(username="056090001234", phone="+84912345678")

    page = site.open("/dang-nhap/")
    page.get_by_role("link", name="Quên mật khẩu?").click()
    expect(page).to_have_url(site.url("/quen-mat-khau/"))
    field(page, "Số điện thoại di động").fill("0912345678")
    solve_captcha(page)
    main(page).get_by_role("button", name="Gửi mã xác thực").click()

    expect(page).to_have_url(site.url("/quen-mat-khau/dat-lai/"))
    expect(main(page)).to_contain_text("******5678")
    field(page, "Mã xác thực (OTP)").fill(site.outbox.last_code("+84912345678"))
    field(page, "Mật khẩu").fill("Moi@Khanhhoa1")
    field(page, "Nhập lại mật khẩu").fill("Moi@Khanhhoa1")
    main(page).get_by_role("button", name="Đặt mật khẩu mới").click()
    expect(page).to_have_url(site.url("/dang-nhap/"))
    expect(page.get_by_text("Đã đặt mật khẩu mới. Vui lòng đăng nhập.")).to_be_visible()

    expect_refused(site, log_in(site, "056090001234", PASSWORD))
    expect_logged_in_on_profile(site, log_in(site, "056090001234", "Moi@Khanhhoa1"))


def test_changing_the_password_needs_the_current_one(site):
    UserFactory(username="056090001234", phone="+84912345678")
    page = log_in(site, "056090001234", PASSWORD)
    expect_logged_in_on_profile(site, page)
    main(page).get_by_role("link", name="Đổi mật khẩu").click()
    expect(page).to_have_url(site.url("/tai-khoan/doi-mat-khau/"))

    field(page, "Mật khẩu hiện tại").fill("sai-mat-khau")
    field(page, "Mật khẩu").fill("Moi@Khanhhoa1")
    field(page, "Nhập lại mật khẩu").fill("Moi@Khanhhoa1")
    main(page).get_by_role("button", name="Đổi mật khẩu").click()
    expect(
        page.get_by_role("alert").filter(has_text="Mật khẩu hiện tại không đúng.")
    ).to_be_visible()
    expect(page).to_have_url(site.url("/tai-khoan/doi-mat-khau/"))

    field(page, "Mật khẩu hiện tại").fill(PASSWORD)
    field(page, "Mật khẩu").fill("Moi@Khanhhoa1")
    field(page, "Nhập lại mật khẩu").fill("Moi@Khanhhoa1")
    main(page).get_by_role("button", name="Đổi mật khẩu").click()
    expect_logged_in_on_profile(site, page)  # this session stays
    expect(page.get_by_text("Đã đổi mật khẩu.")).to_be_visible()

    page.get_by_role("button", name="Đăng xuất", exact=True).click()
    expect(page).to_have_url(site.url("/"))
    expect_refused(site, log_in(site, "056090001234", PASSWORD))
    expect_logged_in_on_profile(site, log_in(site, "056090001234", "Moi@Khanhhoa1"))


def test_a_new_phone_number_takes_effect_after_its_own_code(site):
    user = UserFactory(username="056090001234", phone="+84912345678")
    page = log_in(site, "056090001234", PASSWORD)
    expect(main(page).locator(".account-summary")).to_contain_text("0912345678")

    main(page).get_by_role("link", name="Đổi số điện thoại").click()
    expect(page).to_have_url(site.url("/tai-khoan/doi-so-dien-thoai/"))
    field(page, "Số điện thoại di động mới").fill("0987654321")
    main(page).get_by_role("button", name="Gửi mã xác thực").click()

    expect(page).to_have_url(site.url("/tai-khoan/doi-so-dien-thoai/xac-thuc/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Xác thực số điện thoại mới")
    expect(main(page)).to_contain_text("******4321")
    user.refresh_from_db()
    assert user.phone == "+84912345678"  # not before the code
    assert site.outbox.messages("+84912345678") == []  # the code goes to the new number only
    enter_code(page, site.outbox.last_code("+84987654321"))

    expect_logged_in_on_profile(site, page)
    expect(page.get_by_text("Đã đổi số điện thoại.")).to_be_visible()
    summary = main(page).locator(".account-summary")
    expect(summary).to_contain_text("0987654321")
    expect(summary).not_to_contain_text("0912345678")
    user.refresh_from_db()
    assert user.phone == "+84987654321"


def test_deleting_the_account_logs_out_and_erases_the_person(site):
    user = UserFactory(username="056090001234", full_name="Phạm Văn Dũng", phone="+84912345678")
    page = log_in(site, "056090001234", PASSWORD)
    expect_logged_in_on_profile(site, page)
    main(page).get_by_role("link", name="Xóa tài khoản").click()
    expect(page).to_have_url(site.url("/tai-khoan/xoa/"))

    field(page, "Mật khẩu").fill(PASSWORD)
    field(page, "Tôi hiểu rằng thông tin cá nhân sẽ bị xóa và không thể khôi phục.").check()
    main(page).get_by_role("button", name="Xóa tài khoản").click()

    expect(page).to_have_url(site.url("/"))
    expect(page.get_by_text("Tài khoản của Ông/bà đã được xóa.")).to_be_visible()
    expect(page.get_by_role("link", name="Đăng nhập")).to_be_visible()
    expect(page.get_by_role("button", name="Đăng xuất", exact=True)).to_have_count(0)

    expect_refused(site, log_in(site, "056090001234", PASSWORD))
    expect_refused(site, log_in(site, "0912345678", PASSWORD))
    user.refresh_from_db()
    assert user.deleted_at is not None and not user.is_active
    assert "056090001234" not in user.username
    assert user.full_name == "" and user.phone == "" and user.email == ""
    assert not user.has_usable_password()
