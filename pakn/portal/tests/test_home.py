import pytest
from django.conf import settings
from django.urls import reverse

from pakn.organisations.models import Category
from pakn.organisations.tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db


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
    # Every menu entry leads somewhere that exists: the home page or one of its sections.
    assert f'href="{reverse("reports:send")}"' in html
    for anchor in ["tra-cuu", "thong-ke", "huong-dan", "dia-chi-can-biet"]:
        assert f'href="/#{anchor}"' in html
        assert f'id="{anchor}"' in html
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
    assert "Chưa có số liệu thống kê được công bố." in html


def test_quick_search_keeps_what_the_visitor_typed(client, khanh_hoa_site):
    html = home(client, data={"q": "  đèn <đường>  "})

    assert 'value="đèn &lt;đường&gt;"' in html
    assert "Chưa có phản ánh, kiến nghị công khai nào khớp với “đèn &lt;đường&gt;”." in html
    assert "<đường>" not in html


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


@pytest.mark.parametrize("extra_sectors", [0, 30])
def test_home_query_count_does_not_grow_with_the_sectors(
    client, khanh_hoa_site, sectors, extra_sectors, django_assert_max_num_queries
):
    for number in range(extra_sectors):
        parent = CategoryFactory(name=f"Lĩnh vực {number}")
        CategoryFactory(name=f"Lĩnh vực con {number}", parent=parent)

    # Site settings (then cached), the sectors and their sub-sectors.
    with django_assert_max_num_queries(3):
        home(client)
    with django_assert_max_num_queries(2):
        home(client)


def test_home_works_before_any_site_settings_are_saved(client):
    html = home(client)

    assert "Hệ thống tiếp nhận, xử lý phản ánh, kiến nghị" in html
    assert "tel:" not in html
