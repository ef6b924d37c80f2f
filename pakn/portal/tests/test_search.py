"""Seed 002, "Tra cứu": a visitor types a code or keywords (with or without accents) and
filters by sector, unit, commune, period and status."""

import re

import pytest
from django.db import connection
from django.urls import reverse

from pakn.accounts.tests.factories import UserFactory
from pakn.organisations.tests.factories import CategoryFactory, UnitFactory
from pakn.reports.models import ReportStatus
from pakn.reports.tests.public_reports import public_photo, published_report

pytestmark = pytest.mark.django_db
SEARCH = reverse("portal:search")


def titles(response) -> list[str]:
    return re.findall(
        r'class="public-result__title"><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


def test_keywords_without_accents_find_the_report_and_show_its_public_details(client):
    sector = CategoryFactory(name="Cấp thoát nước")
    unit = UnitFactory(name="Công ty Cấp thoát nước Khánh Hòa")
    report = published_report(
        "Đường ống nước bị vỡ trên đường 2/4",
        "Nước chảy tràn ra mặt đường nhiều giờ.",
        category=sector,
        current_unit=unit,
    )
    published_report("Đèn chiếu sáng không hoạt động")

    for query in ("duong", "duong ong nuoc", "Đường ống"):
        response = client.get(SEARCH, {"q": query})
        assert response.status_code == 200
        assert titles(response) == ["Đường ống nước bị vỡ trên đường 2/4"], query
    page = response.content.decode()
    assert report.code in page
    assert "Cấp thoát nước" in page
    assert "Công ty Cấp thoát nước Khánh Hòa" in page
    assert "Đã có kết quả" in page
    assert reverse("portal:report", args=[report.code]) in page
    assert "[bản gốc]" not in page  # the original title and content never show


def test_a_code_opens_the_report_page(client):
    report = published_report("Ổ gà trên quốc lộ 1A", code="PAKN-2026-000123")
    response = client.get(SEARCH, {"q": " pakn-2026-000123 "})
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:report", args=[report.code])


def test_a_code_not_published_says_so_without_disclosing_the_report(client):
    published_report("Chưa công khai", published=False, code="PAKN-2026-000777")
    response = client.get(SEARCH, {"q": "PAKN-2026-000777"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Không có phản ánh, kiến nghị công khai nào mang mã số PAKN-2026-000777" in page
    assert "Chưa công khai" not in page


def test_the_reporter_searching_their_own_unpublished_code_is_taken_to_their_report(client):
    reporter = UserFactory()
    published_report("Của tôi", published=False, code="PAKN-2026-000778", reporter=reporter,
                     status=ReportStatus.IN_PROGRESS)  # fmt: skip
    client.force_login(reporter)
    response = client.get(SEARCH, {"q": "PAKN-2026-000778"})
    assert response["Location"] == reverse("reports:detail", args=["PAKN-2026-000778"])


def test_without_a_query_every_published_report_shows_newest_first_and_none_unpublished(client):
    published_report("Cũ", submitted_days_ago=20)
    published_report("Mới", submitted_days_ago=1)
    published_report("Không công khai", published=False)
    assert titles(client.get(SEARCH)) == ["Mới", "Cũ"]
    assert titles(client.get(SEARCH, {"sort": "oldest"})) == ["Cũ", "Mới"]


def test_empty_and_no_result_states_are_in_vietnamese(client):
    assert "Chưa có phản ánh, kiến nghị nào được công khai." in client.get(SEARCH).content.decode()
    published_report("Cây xanh đổ")
    page = client.get(SEARCH, {"q": "khong co gi"}).content.decode()
    assert "Không tìm thấy phản ánh, kiến nghị công khai nào khớp với “khong co gi”." in page
    page = client.get(SEARCH, {"status": ReportStatus.CLOSED}).content.decode()
    assert "theo bộ lọc đã chọn" in page


def test_filters_narrow_the_results(client):
    roads = CategoryFactory(name="Giao thông")
    health = CategoryFactory(name="Y tế")
    province = UnitFactory(name="UBND tỉnh")
    department = UnitFactory(name="Sở Giao thông vận tải", parent=province)
    published_report("Ổ gà", category=roads, current_unit=department, submitted_days_ago=3)
    published_report("Bệnh viện quá tải", category=health, submitted_days_ago=60,
                     status=ReportStatus.CLOSED)  # fmt: skip

    page = client.get(SEARCH)
    assert f'value="{roads.pk}"' in page.content.decode()  # the sector list is offered
    assert titles(client.get(SEARCH, {"sector": roads.pk})) == ["Ổ gà"]
    assert titles(client.get(SEARCH, {"unit": province.pk})) == ["Ổ gà"]
    assert titles(client.get(SEARCH, {"status": "closed"})) == ["Bệnh viện quá tải"]
    from django.utils import timezone

    today = timezone.localdate()
    recent = {"date_from": (today - timezone.timedelta(days=10)).isoformat()}
    assert titles(client.get(SEARCH, recent)) == ["Ổ gà"]


def test_bad_filters_are_explained_and_the_query_is_kept(client):
    response = client.get(SEARCH, {"q": "duong", "date_from": "hôm qua", "sector": "999999"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Ngày không hợp lệ" in page
    assert "không có trong danh sách" in page
    assert 'value="duong"' in page


def test_pagination_keeps_the_query(client):
    for number in range(23):
        published_report(f"Rác thải số {number}", submitted_days_ago=number + 1)
    first = client.get(SEARCH, {"q": "rac thai"})
    assert len(titles(first)) == 20
    assert "Trang 1/2" in first.content.decode()
    assert "?q=rac+thai&amp;trang=2" in first.content.decode()
    second = client.get(SEARCH, {"q": "rac thai", "trang": 2})
    assert titles(second) == ["Rác thải số 20", "Rác thải số 21", "Rác thải số 22"]


def test_a_public_photo_shows_as_thumbnail(client):
    report = published_report("Cây đổ chắn đường")
    photo = public_photo(report)
    page = client.get(SEARCH, {"q": "cay do"}).content.decode()
    assert reverse("portal:report-photo-thumbnail", args=[report.code, photo.pk]) in page


# The public time limit (pakn.core.query_time) on PostgreSQL, inside a test's transaction:
# a savepoint, the setting put back, the savepoint released (3 more queries; outside a
# transaction, as in production, 1). SQLite's limit is a progress handler: no query.
TIME_LIMIT_QUERIES = 3 if connection.vendor == "postgresql" else 0


def _search_queries(client, django_assert_num_queries, count: int) -> None:
    category = CategoryFactory(name="Môi trường")
    for number in range(count):
        published_report(f"Ô nhiễm môi trường {number}", category=category,
                         current_unit=UnitFactory())  # fmt: skip
    from django.core.cache import cache

    cache.clear()
    # The capped count (one query, stopping at the 1,001st match) is one more than before.
    with django_assert_num_queries(12 + TIME_LIMIT_QUERIES):
        response = client.get(SEARCH, {"q": "o nhiem", "sector": category.pk})
    assert len(titles(response)) == min(count, 20)


@pytest.mark.parametrize("count", [5, 50])
def test_query_count_is_bounded_whatever_the_number_of_reports(
    client, django_assert_num_queries, count
):
    _search_queries(client, django_assert_num_queries, count)


def test_results_are_cached_and_a_publication_shows_at_once(
    client, django_assert_num_queries, django_capture_on_commit_callbacks
):
    published_report("Ngập nước khu dân cư")
    assert titles(client.get(SEARCH, {"q": "ngap"})) == ["Ngập nước khu dân cư"]
    with django_assert_num_queries(0):  # the choices and the page come from the cache
        assert titles(client.get(SEARCH, {"q": "ngap"})) == ["Ngập nước khu dân cư"]
    with django_capture_on_commit_callbacks(execute=True):
        other = published_report("Ngập úng đường Lê Lợi", published=False)
        other.is_published = True
        other.public_title = "Ngập úng đường Lê Lợi"
        other.published_at = other.submitted_at
        other.save()
    assert len(titles(client.get(SEARCH, {"q": "ngap"}))) == 2
    with django_capture_on_commit_callbacks(execute=True):
        other.is_published = False
        other.save()
    assert titles(client.get(SEARCH, {"q": "ngap"})) == ["Ngập nước khu dân cư"]
