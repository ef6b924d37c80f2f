"""Announcements, the directory, guides and online public services: what administrators
enter is what visitors read, and nothing unsafe survives in rich text."""

import datetime
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from pakn.accounts.models import User
from pakn.core.selectors import site_settings_get
from pakn.portal.models import Announcement, DirectoryEntry, Guide, OnlineServiceLink

pytestmark = pytest.mark.django_db


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status
    return response.content.decode()


def test_rich_text_loses_scripts_event_handlers_and_javascript_links():
    announcement = Announcement.objects.create(
        title="Thông báo",
        body=(
            '<p onclick="steal()">Nội dung <strong>quan trọng</strong></p>'
            "<script>alert('x')</script>"
            '<img src="/media/a.jpg" alt="Ảnh" onerror="steal()">'
            '<a href="javascript:steal()">bấm</a>'
            '<a href="https://dichvucong.gov.vn" target="_blank">Cổng dịch vụ công</a>'
            '<iframe src="https://example.com"></iframe><p style="color:red">Đỏ</p>'
        ),
    )
    guide = Guide.objects.create(title="Hướng dẫn", body='<h2>Bước 1</h2><svg onload="x()"/>')

    announcement.refresh_from_db()
    body = announcement.body
    assert "<strong>quan trọng</strong>" in body
    assert '<img src="/media/a.jpg" alt="Ảnh">' in body
    for unsafe in ["script", "alert", "onclick", "onerror", "javascript:", "iframe", "style="]:
        assert unsafe not in body, unsafe
    assert '<a href="https://dichvucong.gov.vn" rel="noopener noreferrer">' in body
    guide.refresh_from_db()
    assert guide.body == "<h2>Bước 1</h2>"


def test_announcement_page_shows_a_published_one_and_hides_the_others(client):
    now = timezone.now()
    shown = Announcement.objects.create(
        title="Lịch nghỉ Tết Nguyên đán", summary="Các cơ quan nghỉ 9 ngày.",
        body="<p>Từ ngày 14/02 đến hết ngày 22/02.</p>",
    )  # fmt: skip
    scheduled = Announcement.objects.create(
        title="Tin sẽ đăng", publish_at=now + datetime.timedelta(hours=2)
    )
    withdrawn = Announcement.objects.create(
        title="Tin đã gỡ",
        publish_at=now - datetime.timedelta(days=3),
        unpublish_at=now - datetime.timedelta(minutes=1),
    )

    html = page(client, shown.get_absolute_url())
    assert shown.get_absolute_url() == "/tin-tuc/lich-nghi-tet-nguyen-dan/"
    assert "<h1" in html and "Lịch nghỉ Tết Nguyên đán" in html
    assert "<p>Từ ngày 14/02 đến hết ngày 22/02.</p>" in html
    page(client, scheduled.get_absolute_url(), status=404)
    page(client, withdrawn.get_absolute_url(), status=404)
    page(client, reverse("portal:announcement", args=["khong-co"]), status=404)

    listing = page(client, reverse("portal:announcements"))
    assert "Lịch nghỉ Tết Nguyên đán" in listing
    assert "Tin sẽ đăng" not in listing
    assert "Tin đã gỡ" not in listing


def test_announcements_filter_by_kind_and_paginate_with_fixed_queries(
    client, django_assert_num_queries
):
    for number in range(30):
        Announcement.objects.create(title=f"Du lịch {number}", kind="tourism")
    Announcement.objects.create(title="Chính sách mới", kind="policy")
    site_settings_get()  # saved once, then cached

    # The count and the page (the site settings come from the cache).
    with django_assert_num_queries(2):
        html = page(client, reverse("portal:announcements") + "?loai=tourism")
    assert html.count('class="news-card"') == 12
    assert "Chính sách mới" not in html
    assert "Trang 1/3" in html
    assert 'href="?loai=tourism&amp;trang=2"' in html
    # A page number or kind that makes no sense falls back to something readable.
    assert "Chính sách mới" in page(client, reverse("portal:announcements") + "?loai=x&trang=y")


def test_directory_lists_entries_by_group_in_the_administrators_order(client):
    DirectoryEntry.objects.create(
        name="Cấp cứu y tế", group="Số khẩn cấp", phone="115", order=1,
        opening_hours="24/7",
    )  # fmt: skip
    DirectoryEntry.objects.create(name="Công an", group="Số khẩn cấp", phone="113", order=2)
    DirectoryEntry.objects.create(
        name="Điện lực Khánh Hòa", group="Điện lực", phone="1900 1909", order=5,
        email="cskh@example.vn", website="https://example.vn", address="11 Lý Thánh Tôn",
    )  # fmt: skip

    html = page(client, reverse("portal:directory"))

    assert html.index("Số khẩn cấp") < html.index("Điện lực")
    assert html.index("Cấp cứu y tế") < html.index("Công an")
    assert '<a href="tel:115">115</a>' in html
    assert '<a href="tel:19001909">1900 1909</a>' in html
    assert 'href="mailto:cskh@example.vn"' in html
    assert "11 Lý Thánh Tôn" in html
    assert "24/7" in html


def test_guides_come_from_the_seed_guide_and_link_to_each_other(client):
    html = page(client, reverse("portal:guides"))
    for title in [
        "Cài đặt ứng dụng trên điện thoại",
        "Đăng ký tài khoản",
        "Gửi phản ánh, kiến nghị",
        "Tra cứu và thống kê",
    ]:
        assert title in html, title

    sending = page(client, reverse("portal:guide", args=["gui-phan-anh-kien-nghi"]))
    assert "Tạo mới phản ánh, kiến nghị" in sending
    assert "mã số xác thực" in sending
    assert 'rel="next" href="/huong-dan/theo-doi-ket-qua/"' in sending
    assert 'rel="prev" href="/huong-dan/dang-nhap-mat-khau/"' in sending
    page(client, reverse("portal:guide", args=["khong-co"]), status=404)


def test_online_services_list_the_administrators_links(client):
    OnlineServiceLink.objects.create(
        name="Cổng Dịch vụ công quốc gia", url="https://dichvucong.gov.vn", order=1,
        description="Nộp hồ sơ trực tuyến.",
    )  # fmt: skip

    html = page(client, reverse("portal:online-services"))

    assert '<a href="https://dichvucong.gov.vn" rel="noopener">Cổng Dịch vụ công quốc gia</a>' in (
        html
    )
    assert "Nộp hồ sơ trực tuyến." in html
    assert f'href="{reverse("portal:online-services")}" aria-current="page"' in html


def test_a_change_in_the_admin_shows_at_once_on_a_cached_page(
    client, django_capture_on_commit_callbacks
):
    url = reverse("portal:directory")
    assert "Cấp nước Nha Trang" not in page(client, url)  # now cached

    with django_capture_on_commit_callbacks(execute=True):
        DirectoryEntry.objects.create(name="Cấp nước Nha Trang", group="Cấp nước")
    assert "Cấp nước Nha Trang" in page(client, url)

    with django_capture_on_commit_callbacks(execute=True):
        DirectoryEntry.objects.all().delete()
    assert "Cấp nước Nha Trang" not in page(client, url)


def test_a_system_administrator_adds_an_announcement_in_the_admin(client):
    admin = User.objects.create_superuser(username="quantri", password="Matkhau@2026")
    client.force_login(admin)

    response = client.post(
        reverse("admin:portal_announcement_add"),
        {
            "title": "Khai mạc Festival Biển",
            "slug": "",
            "kind": "event",
            "summary": "Tối 1/6 tại Quảng trường 2 Tháng 4.",
            "body": "<p>Chương trình nghệ thuật.</p><script>x()</script>",
            "image_alt": "",
            "is_banner": "on",
            "publish_at_0": timezone.localtime().strftime("%Y-%m-%d"),
            "publish_at_1": "00:00:00",
            "unpublish_at_0": "",
            "unpublish_at_1": "",
        },
    )

    assert response.status_code == 302, re.findall(r"errorlist.{0,300}", response.content.decode())
    announcement = Announcement.objects.get()
    assert announcement.slug == "khai-mac-festival-bien"
    assert announcement.body == "<p>Chương trình nghệ thuật.</p>"
    client.logout()
    assert "Khai mạc Festival Biển" in page(client, reverse("portal:home"))


def test_an_uploaded_picture_loses_its_metadata_and_is_turned_upright():
    exif = Image.Exif()
    exif[0x010F] = "Máy ảnh của cán bộ"  # Make
    exif[0x0112] = 6  # "rotate 90°": the picture is upright once turned
    original = io.BytesIO()
    Image.new("RGB", (400, 200), (10, 120, 200)).save(original, "JPEG", exif=exif)

    announcement = Announcement.objects.create(
        title="Ảnh hiện trường",
        image=SimpleUploadedFile("IMG_0001.jpg", original.getvalue(), "image/jpeg"),
    )

    assert announcement.image.name.startswith("announcements/")
    assert announcement.image.name.endswith(".jpg")
    with announcement.image.open("rb") as stored, Image.open(stored) as picture:
        assert picture.size == (200, 400)
        assert not picture.getexif()
        assert "exif" not in picture.info


def test_the_admin_lists_and_searches_every_kind_of_content(client):
    admin = User.objects.create_superuser(username="quantri2", password="Matkhau@2026")
    client.force_login(admin)
    Announcement.objects.create(title="Lễ hội hoa", kind="event")
    DirectoryEntry.objects.create(name="Cấp cứu y tế", group="Số khẩn cấp", phone="115")
    OnlineServiceLink.objects.create(name="Cổng Dịch vụ công", url="https://dichvucong.gov.vn")

    for model, text in [
        ("announcement", "Lễ hội hoa"),
        ("directoryentry", "Cấp cứu y tế"),
        ("guide", "Đăng ký tài khoản"),
        ("onlineservicelink", "Cổng Dịch vụ công"),
    ]:
        url = reverse(f"admin:portal_{model}_changelist")
        response = client.get(url, {"q": text.split()[0]})
        assert response.status_code == 200, model
        assert text in response.content.decode(), model


def test_the_about_page_is_in_the_menu_and_an_administrator_edits_it(client):
    home = page(client, reverse("portal:home"))
    assert '<a href="/gioi-thieu/">Giới thiệu</a>' in home
    about = page(client, "/gioi-thieu/")
    assert "Hệ thống phản ánh, kiến nghị của người dân, doanh nghiệp" in about  # the seed text
    assert 'href="/gioi-thieu/" aria-current="page"' in about

    admin = User.objects.create_superuser(username="quantri3", password="Matkhau@2026")
    client.force_login(admin)
    response = client.post(
        reverse("admin:portal_aboutpage_change", args=[1]),
        {"title": "Về hệ thống", "body": "<p>Trung tâm tiếp nhận 24/7.</p><script>x()</script>"},
    )
    assert response.status_code == 302, re.findall(r"errorlist.{0,300}", response.content.decode())
    # One page: no second one can be added.
    assert client.get(reverse("admin:portal_aboutpage_add")).status_code == 403
    client.logout()

    about = page(client, "/gioi-thieu/")
    assert "Về hệ thống" in about and "<p>Trung tâm tiếp nhận 24/7.</p>" in about
    assert "<script>x()" not in about
