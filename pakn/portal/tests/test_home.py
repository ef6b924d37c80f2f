import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from pakn.organisations.models import Category
from pakn.organisations.tests.factories import CategoryFactory
from pakn.portal.models import Announcement, AnnouncementKind
from pakn.reports.models import Attachment, AttachmentKind, ReportStatus
from pakn.reports.tests.factories import ReportFactory

pytestmark = pytest.mark.django_db

HOME_COLD_QUERIES = 8


@pytest.fixture
def sectors():
    """A small sector tree of our own, so the test does not lean on the data migration."""
    Category.objects.filter(parent__isnull=False).delete()
    Category.objects.all().delete()
    urban = CategoryFactory(name="Hạ tầng đô thị", default_answer_days=7, position=1)
    CategoryFactory(name="Chiếu sáng công cộng", parent=urban, position=1)
    CategoryFactory(name="Cây xanh", parent=urban, position=2, is_active=False)
    CategoryFactory(name="Y tế", position=2)
    CategoryFactory(name="Lĩnh vực đã ngừng", position=3, is_active=False)
    return urban


def home(client, **kwargs):
    response = client.get(reverse("portal:home"), **kwargs)
    assert response.status_code == 200
    return response.content.decode()


def test_home_shows_the_portal_identity_and_contacts(client, khanh_hoa_site):
    html = home(client)

    assert '<html lang="vi">' in html
    assert khanh_hoa_site.portal_name in html
    assert "Ủy ban nhân dân tỉnh Khánh Hòa" in html
    assert 'href="tel:19001023"' in html
    assert ">1900 1023<" in html
    assert 'href="mailto:pakn@khanhhoa.gov.vn"' in html
    assert khanh_hoa_site.address in html
    assert khanh_hoa_site.zalo_url in html
    assert khanh_hoa_site.play_store_url in html
    assert khanh_hoa_site.app_store_url in html
    assert 'class="qr-code"' in html  # the app QR codes are drawn on the server


def test_home_has_the_guide_s_menu_and_call_to_action(client, khanh_hoa_site):
    html = home(client)

    for label in [
        "Trang chủ",
        "Gửi phản ánh, kiến nghị",
        "Tra cứu",
        "Thống kê",
        "Hướng dẫn",
        "Địa chỉ cần biết",
        "Đăng nhập",
    ]:
        assert f">{label}<" in html or f"{label}\n" in html, label
    assert f'href="{reverse("accounts:login")}"' in html
    assert f'href="{reverse("accounts:register")}"' in html
    # Every menu entry leads to its own page, and the home page is marked as the current one.
    assert f'href="{reverse("reports:send")}"' in html
    for name in ["statistics", "announcements", "guides", "directory", "online-services"]:
        assert f'href="{reverse(f"portal:{name}")}"' in html, name
    assert f'<a href="{reverse("portal:home")}" aria-current="page">Trang chủ</a>' in html
    assert 'href="#"' not in html
    assert 'class="skip-link" href="#main"' in html
    assert 'id="main"' in html


def test_home_lists_active_top_level_sectors_with_their_active_sub_sectors(client, sectors):
    html = home(client)

    assert "Hạ tầng đô thị" in html
    assert "Chiếu sáng công cộng" in html
    assert "Trả lời trong 7 ngày làm việc" in html
    assert "Y tế" in html
    assert "Cây xanh" not in html
    assert "Lĩnh vực đã ngừng" not in html


def test_home_says_nothing_is_published_yet(client, khanh_hoa_site):
    html = home(client)

    assert "Chưa có phản ánh, kiến nghị nào được công khai." in html
    assert "Chưa có thông báo nào." in html
    assert "chưa có số liệu" in html  # the charts are drawn empty


def test_quick_search_keeps_what_the_visitor_typed(client, khanh_hoa_site):
    html = home(client, data={"q": "  đèn <đường>  "})

    assert 'value="đèn &lt;đường&gt;"' in html
    assert "<đường>" not in html


def test_quick_search_goes_to_the_search_page(client, khanh_hoa_site):
    html = home(client)

    search_url = reverse("portal:search")
    assert f'<form class="search-form" action="{search_url}" method="get" role="search">' in html
    assert 'name="q"' in html


def test_language_switch_posts_to_set_language_and_returns_to_the_page(client, khanh_hoa_site):
    html = home(client, data={"q": "rác"})

    assert f'action="{reverse("set_language")}" method="post"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'name="next" value="/?q=r%C3%A1c"' in html

    response = client.post(reverse("set_language"), {"language": "en", "next": "/?q=r%C3%A1c"})
    assert response.status_code == 302
    assert response["Location"] == "/?q=r%C3%A1c"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_home_is_in_english_when_the_language_cookie_says_en(client, khanh_hoa_site, sectors):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    html = home(client)

    assert '<html lang="en">' in html
    for label in [
        "Home",
        "Submit a report or recommendation",
        "Search",
        "Statistics",
        "Guide",
        "Useful addresses",
        "Log in",
        "No reports or recommendations have been published yet.",
        "Answered within 7 working days",
    ]:
        assert label in html, label
    assert "Trang chủ" not in html
    assert "Gửi phản ánh, kiến nghị" not in html
    # The portal's own data stays as the administrator wrote it.
    assert khanh_hoa_site.portal_name in html


def test_home_works_before_any_site_settings_are_saved(client):
    html = home(client)

    assert "Hệ thống tiếp nhận, xử lý phản ánh, kiến nghị" in html
    assert "tel:" not in html


# --- Answered reports, announcements, QR codes, queries ----------------------------------


def answered_report(sector, number, *, published=True, days_ago=1, **fields):
    answered_at = timezone.now() - datetime.timedelta(days=days_ago, minutes=number)
    return ReportFactory(
        code=f"PAKN-2026-{number:06d}",
        title=f"Tiêu đề riêng của người gửi {number}",
        public_title=f"Phản ánh công khai số {number}",
        category=sector,
        status=ReportStatus.ANSWERED,
        submitted_at=answered_at - datetime.timedelta(days=3),
        answered_at=answered_at,
        is_published=published,
        published_at=answered_at if published else None,
        **fields,
    )


def photo(report, name, **fields):
    return Attachment.objects.create(
        report=report,
        uploaded_by=report.reporter,
        kind=AttachmentKind.PHOTO,
        file=f"attachments/ab/{name}-original.jpg",
        original_name=f"{name}.jpg",
        content_type="image/jpeg",
        size=1000,
        **fields,
    )


def test_answered_reports_are_grouped_by_sector_with_public_text_and_photos(
    client, khanh_hoa_site, sectors
):
    lighting = Category.objects.get(name="Chiếu sáng công cộng")
    health = Category.objects.get(name="Y tế")
    lamp = answered_report(lighting, 1)
    lamp_photo = photo(lamp, "lamp", public_file="attachments/public/lamp-public.jpg",
                       thumbnail="attachments/public/lamp-thumb.jpg")  # fmt: skip
    clinic = answered_report(health, 2, days_ago=2)
    photo(clinic, "clinic-hidden", public_file="attachments/public/clinic.jpg", is_public=False)
    photo(clinic, "clinic-no-copy")  # no EXIF-free copy yet: never the original
    answered_report(health, 3, published=False)
    ReportFactory(code="PAKN-2026-000004", public_title="Đang xử lý", category=health,
                  status=ReportStatus.IN_PROGRESS, is_published=True)  # fmt: skip

    html = home(client)

    answered = html[html.index('id="da-tra-loi"') : html.index('id="thong-bao"')]
    # Sectors by their latest answer; a sub-sector's report under its sector.
    assert answered.index("Hạ tầng đô thị") < answered.index("Y tế")
    assert "Phản ánh công khai số 1" in answered
    assert "Chiếu sáng công cộng" in answered
    assert "Phản ánh công khai số 2" in answered
    assert "Phản ánh công khai số 3" not in html  # not published
    assert "Đang xử lý" not in answered  # not answered
    assert "Tiêu đề riêng của người gửi" not in html  # only the public title
    # The thumbnail through the public photo view (the copy without EXIF), once per report.
    thumbnail = reverse("portal:report-photo-thumbnail", args=[lamp.code, lamp_photo.pk])
    assert answered.count('<img class="answered-item__photo"') == 1
    assert f'src="{thumbnail}"' in answered
    assert "/media/" not in answered


def test_answered_reports_link_to_their_public_page(client, khanh_hoa_site, sectors):
    answered_report(Category.objects.get(name="Y tế"), 7)

    html = home(client)

    report_url = reverse("portal:report", args=["PAKN-2026-000007"])
    assert f'href="{report_url}">Phản ánh công khai số 7</a>' in html


def test_banner_and_latest_announcements_by_kind(client, khanh_hoa_site):
    now = timezone.now()
    Announcement.objects.create(
        title="Lễ hội Biển Nha Trang", kind=AnnouncementKind.EVENT, is_banner=True,
        summary="Chuỗi sự kiện văn hóa, thể thao trên biển.", publish_at=now,
    )  # fmt: skip
    Announcement.objects.create(title="Chính sách hỗ trợ doanh nghiệp", kind="policy")
    Announcement.objects.create(
        title="Tin chưa đến giờ đăng", publish_at=now + datetime.timedelta(days=1)
    )
    Announcement.objects.create(
        title="Tin đã hết hạn",
        publish_at=now - datetime.timedelta(days=5),
        unpublish_at=now - datetime.timedelta(days=1),
    )

    html = home(client)

    banner = html[html.index('class="banner"') : html.index('id="da-tra-loi"')]
    assert "Lễ hội Biển Nha Trang" in banner
    assert "Chuỗi sự kiện văn hóa, thể thao trên biển." in banner
    news = html[html.index('id="thong-bao"') : html.index('id="thong-ke"')]
    assert news.index("Chính sách") < news.index("Sự kiện")  # in the order of the kinds
    assert "Chính sách hỗ trợ doanh nghiệp" in news
    assert "Tin chưa đến giờ đăng" not in html
    assert "Tin đã hết hạn" not in html


def test_a_saved_announcement_shows_at_once_despite_the_cache(
    client, khanh_hoa_site, django_capture_on_commit_callbacks
):
    assert "Thông báo nghỉ Tết" not in home(client)  # the home page is now cached

    with django_capture_on_commit_callbacks(execute=True):
        Announcement.objects.create(title="Thông báo nghỉ Tết", kind="news")

    assert "Thông báo nghỉ Tết" in home(client)


def test_qr_codes_of_the_apps_and_zalo_are_inline_svg(client, khanh_hoa_site):
    html = home(client)

    for label in [
        "Mã QR tải ứng dụng trên Google Play",
        "Mã QR tải ứng dụng trên App Store",
        "Mã QR mở hỗ trợ qua Zalo",
    ]:
        start = html.index(f'aria-label="{label}"')
        qr = html[start : html.index("</svg>", start)]
        assert '<svg viewBox="0 0 ' in qr and 'class="qr-code"' in qr, label
        assert "<path" in qr and "<img" not in qr, label


def test_charts_of_results_and_satisfaction_are_drawn(client, khanh_hoa_site, sectors):
    answered_report(Category.objects.get(name="Y tế"), 8)

    html = home(client)

    charts = html[html.index('id="thong-ke"') : html.index('id="huong-dan"')]
    assert charts.count('<svg class="stat-chart__svg"') == 2
    assert "Đã xử lý đúng hạn" in charts
    assert "Rất hài lòng" in charts


def _fill(extra: int, sector) -> None:
    """`extra` answered reports with photos in each of 6 sectors and `extra` announcements
    of each kind."""
    number = 1000
    for index in range(6):
        category = CategoryFactory(name=f"Lĩnh vực thêm {index}", position=10 + index)
        child = CategoryFactory(name=f"Lĩnh vực con {index}", parent=category)
        for _ in range(extra):
            number += 1
            report = answered_report(child if number % 2 else category, number)
            photo(report, f"p{number}", public_file=f"attachments/public/p{number}.jpg")
    for kind in AnnouncementKind.values:
        for index in range(extra):
            Announcement.objects.create(title=f"{kind} {index}", kind=kind, is_banner=index < 2)


@pytest.mark.parametrize("extra", [1, 12])
def test_home_query_count_does_not_grow_with_the_data(
    client, khanh_hoa_site, sectors, extra, django_assert_num_queries
):
    _fill(extra, sectors)

    # Site settings, sectors and sub-sectors, banner, announcements by kind, answered
    # reports and their photos, the charts' figures.
    with django_assert_num_queries(HOME_COLD_QUERIES):
        html = home(client)
    assert html.count('class="answered-item"') == 6 * min(extra, 3)
    # Then everything comes from the cache.
    with django_assert_num_queries(0):
        home(client)
