"""The account pages in English: a visitor who picks English through the language switch
(POST /i18n/setlang/) sees the compiled catalogue in locale/en, not the Vietnamese msgids."""

import html
import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

LABEL_PATTERN = re.compile(r'<label for="[^"]*">(.*?)(?: <span class="required"|</label>)', re.S)


def in_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    return client


def labels_of(page) -> list[str]:
    return [html.unescape(label).strip() for label in LABEL_PATTERN.findall(page)]


def test_the_registration_page_is_in_english_after_choosing_english(client):
    page = in_english(client).get(reverse("accounts:register")).content.decode()

    labels = labels_of(page)
    for english in (
        "ID number (CMND/CCCD)",
        "Full name",
        "Mobile phone number",
        "E-mail",
        "Province or city",
        "Commune, ward or special zone",
        "Password",
        "Repeat the password",
        "Verification code",
    ):
        assert english in labels, (english, labels)
    assert "INDIVIDUAL" in page and "ORGANISATION, BUSINESS" in page
    assert "A one-time code (OTP) will be sent to this number." in page
    for vietnamese in (
        "Họ và tên",
        "Mật khẩu",
        "Nhập lại mật khẩu",
        "Số điện thoại di động",
        "Tỉnh, thành phố",
        "Xã, phường, đặc khu",
        "Mã số xác thực",
        "CÁ NHÂN",
        "Đăng ký",
    ):
        assert vietnamese not in page, vietnamese


def test_the_organisation_registration_page_is_in_english(client):
    page = in_english(client).get(reverse("accounts:register-organisation")).content.decode()

    labels = labels_of(page)
    for english in (
        "Business code / founding decision number",
        "Organisation or business name",
        "Representative's full name",
        "Representative's mobile phone number",
        "Password",
    ):
        assert english in labels, (english, labels)
    for vietnamese in ("Tên tổ chức, doanh nghiệp", "Họ và tên người đại diện", "Mật khẩu"):
        assert vietnamese not in page, vietnamese


def test_the_login_page_is_in_english_after_choosing_english(client):
    page = in_english(client).get(reverse("accounts:login")).content.decode()

    labels = labels_of(page)
    for english in ("ID number (CMND/CCCD), business code or phone number", "Password"):
        assert english in labels, (english, labels)
    for text in (
        "Log in",
        "Forgotten your password?",
        "No account yet?",
        "Citizens and businesses",
    ):
        assert text in page, text
    for vietnamese in ("Mật khẩu", "Đăng nhập", "Quên mật khẩu?", "Người dân, doanh nghiệp"):
        assert vietnamese not in page, vietnamese


def test_the_pages_stay_vietnamese_without_a_choice(client):
    page = client.get(reverse("accounts:register")).content.decode()

    labels = labels_of(page)
    assert "Họ và tên" in labels and "Mật khẩu" in labels
    assert "Full name" not in labels
