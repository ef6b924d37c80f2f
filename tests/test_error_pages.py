"""Issue 14, "Everyone": the 404, 403, CSRF-failure and 500 pages in the site's frame (its
menu and a way back), in the visitor's language, and the 500 page rendered with no query."""

import pytest
from django.test import Client
from django.views import defaults

from pakn.accounts.tests.factories import OfficerFactory

pytestmark = pytest.mark.django_db


def in_the_site_frame(html: str) -> bool:
    """The page carries the site's main menu (the link to send a report) and its footer."""
    return 'href="/gui-phan-anh/"' in html and 'class="site-footer"' in html


def test_a_missing_page_is_in_the_frame_with_search_and_home():
    html = Client().get("/khong-co-trang-nay/").content.decode()

    assert "Không tìm thấy trang" in html
    assert in_the_site_frame(html)
    assert 'href="/tra-cuu/"' in html


def test_a_missing_page_is_in_english_when_english_is_chosen():
    client = Client()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    html = client.get("/khong-co-trang-nay/").content.decode()

    assert '<html lang="en">' in html
    assert "Không tìm thấy trang" not in html


def test_a_forbidden_page_is_in_the_frame_with_a_way_home():
    client = Client()
    client.force_login(OfficerFactory())

    response = client.get("/gui-phan-anh/")

    assert response.status_code == 403
    html = response.content.decode()
    assert "Không có quyền truy cập" in html
    assert in_the_site_frame(html)
    assert 'class="button button--secondary" href="/"' in html


def test_an_expired_form_says_so_in_the_frame_with_a_link_back_to_the_form():
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        "/dang-nhap/", {"username": "x"}, HTTP_REFERER="http://testserver/dang-nhap/?next=/x/"
    )

    assert response.status_code == 403
    html = response.content.decode()
    assert "Phiên làm việc đã hết hạn" in html
    assert in_the_site_frame(html)
    assert 'href="http://testserver/dang-nhap/?next=/x/"' in html


def test_an_expired_form_never_links_back_to_another_site():
    client = Client(enforce_csrf_checks=True)

    html = client.post(
        "/dang-nhap/", {"username": "x"}, HTTP_REFERER="https://evil.example/phish/"
    ).content.decode()

    assert "evil.example" not in html


def test_the_server_error_page_is_in_the_frame_and_needs_no_query(rf, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = defaults.server_error(rf.get("/"))

    assert response.status_code == 500
    html = response.content.decode()
    assert "Hệ thống đang gặp sự cố" in html
    assert in_the_site_frame(html)
