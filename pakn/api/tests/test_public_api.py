"""The public API: the same search as the portal, one report, the map; anonymous, throttled,
no personal data, and bad parameters explained in the caller's language."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from pakn.api.public import PublicApiThrottle
from pakn.organisations.tests.factories import CategoryFactory, UnitFactory
from pakn.reports.models import Answer, AnswerStatus, Rating, RatingValue
from pakn.reports.tests.public_reports import public_photo, published_report

pytestmark = pytest.mark.django_db
REPORTS = reverse("api:public-reports")

PUBLIC_FIELDS = {
    "code", "title", "content", "kind", "kind_label", "status", "status_label", "sector",
    "commune", "handling_unit", "submitted_at", "answer_deadline", "answered_at", "is_late",
    "latitude", "longitude", "url",
}  # fmt: skip


def test_search_without_accents_returns_public_fields_only(client):
    sector = CategoryFactory(name="Cấp nước")
    report = published_report("Đường ống nước bị vỡ", "Nước tràn ra đường.", category=sector,
                              current_unit=UnitFactory(name="Công ty Cấp nước"))  # fmt: skip
    report.reporter.full_name = "Trần Văn Riêng"
    report.reporter.save()
    published_report("Đèn chiếu sáng hỏng")
    published_report("Đường ống chưa công khai", published=False)

    response = client.get(REPORTS, {"q": "duong ong nuoc"})
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    item = data["results"][0]
    assert set(item) == PUBLIC_FIELDS
    assert item["code"] == report.code
    assert item["title"] == "Đường ống nước bị vỡ"
    assert item["sector"] == {"id": sector.pk, "name": "Cấp nước"}
    assert item["handling_unit"]["name"] == "Công ty Cấp nước"
    assert item["url"] == f"http://testserver/phan-anh/{report.code}/"
    body = response.content.decode()
    for private in ("Trần Văn Riêng", report.reporter.phone, report.reporter.username, "[bản gốc]"):
        assert private not in body


def test_search_by_code_and_filters(client):
    report = published_report("Ổ gà", code="PAKN-2026-000123", submitted_days_ago=2)
    published_report("Cây đổ", submitted_days_ago=40)
    assert [
        r["code"] for r in client.get(REPORTS, {"q": "pakn-2026-000123"}).json()["results"]
    ] == [report.code]
    recent = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()
    data = client.get(REPORTS, {"date_from": recent}).json()
    assert [r["title"] for r in data["results"]] == ["Ổ gà"]
    oldest = client.get(REPORTS, {"sort": "oldest"}).json()["results"]
    assert [r["title"] for r in oldest] == ["Cây đổ", "Ổ gà"]


def test_pagination(client):
    for number in range(5):
        published_report(f"Rác {number}", submitted_days_ago=number + 1)
    data = client.get(REPORTS, {"page_size": 2, "page": 3}).json()
    assert data["count"] == 5
    assert [r["title"] for r in data["results"]] == ["Rác 4"]
    assert data["next"] is None


def test_bad_parameters_are_400_in_vietnamese_or_english(client):
    response = client.get(REPORTS, {"date_from": "hôm qua", "sort": "ngẫu nhiên"})
    assert response.status_code == 400
    data = response.json()
    assert data["detail"] == "Tham số tìm kiếm không hợp lệ."
    assert "Ngày không hợp lệ" in data["errors"]["date_from"][0]
    assert "không có trong danh sách" in data["errors"]["sort"][0]
    assert client.get(REPORTS, {"page": "x"}).status_code == 400
    assert client.get(REPORTS, {"page": 9}).json()["errors"]["page"] == ["Không có trang này."]

    # An English caller gets the messages of the English catalogue.
    english = client.get(REPORTS, {"date_from": "yesterday"}, HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 400
    assert english["Content-Language"] == "en"
    assert client.get(REPORTS, {"page": "x"})["Content-Language"] == "vi"


def test_one_report_with_its_answer_photos_and_rating(client):
    unit = UnitFactory(name="UBND phường Nha Trang")
    report = published_report("Lấn chiếm vỉa hè", current_unit=unit, latitude="12.24",
                              longitude="109.19")  # fmt: skip
    answer = Answer.objects.create(report=report, unit=unit, content="Đã xử lý lấn chiếm.",
                                   status=AnswerStatus.PUBLISHED, drafted_by=report.reporter,
                                   published_at=timezone.now())  # fmt: skip
    Answer.objects.create(report=report, unit=unit, content="Bản nháp nội bộ",
                          drafted_by=report.reporter)  # fmt: skip
    photo = public_photo(report, answer=answer)
    Rating.objects.create(report=report, value=RatingValue.VERY_SATISFIED, comment="Nhanh.")

    response = client.get(reverse("api:public-report", args=[report.code.lower()]))
    assert response.status_code == 200
    data = response.json()
    assert set(data) == PUBLIC_FIELDS | {"photos", "answers", "rating"}
    assert data["latitude"] == "12.240000"
    assert data["answers"] == [
        {
            "unit": "UBND phường Nha Trang",
            "content": "Đã xử lý lấn chiếm.",
            "published_at": data["answers"][0]["published_at"],
            "photos": [
                {
                    "url": f"http://testserver/phan-anh/{report.code}/anh/{photo.pk}/",
                    "thumbnail_url": f"http://testserver/phan-anh/{report.code}/anh/{photo.pk}/thu-nho/",
                }
            ],
        }
    ]
    assert data["rating"] == {
        "value": "very_satisfied",
        "value_label": "Rất hài lòng",
        "comment": "Nhanh.",
    }
    assert "Bản nháp nội bộ" not in response.content.decode()


def test_unpublished_and_unknown_reports_are_404(client):
    hidden = published_report("Ẩn", published=False)
    for code in (hidden.code, "PAKN-2026-999999", "khong-phai-ma"):
        response = client.get(reverse("api:public-report", args=[code]))
        assert response.status_code == 404
        assert response.json()["detail"] == "Không có phản ánh, kiến nghị công khai với mã số này."


def test_anonymous_callers_are_throttled(client, monkeypatch):
    monkeypatch.setattr(PublicApiThrottle, "rate", "3/minute")
    statuses = [client.get(REPORTS).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_a_forged_forwarded_for_header_does_not_escape_the_throttle(client, monkeypatch, settings):
    settings.TRUST_X_FORWARDED_FOR = False
    monkeypatch.setattr(PublicApiThrottle, "rate", "3/minute")
    statuses = [
        client.get(REPORTS, HTTP_X_FORWARDED_FOR=f"10.0.0.{hop}").status_code for hop in range(4)
    ]
    assert statuses == [200, 200, 200, 429]


def test_behind_a_trusted_proxy_the_throttle_counts_the_address_it_appended(
    client, monkeypatch, settings
):
    settings.TRUST_X_FORWARDED_FOR = True
    monkeypatch.setattr(PublicApiThrottle, "rate", "2/minute")
    first = "203.0.113.7"
    statuses = [
        client.get(REPORTS, HTTP_X_FORWARDED_FOR=f"1.1.1.{n}, {first}").status_code
        for n in range(3)
    ]
    assert statuses == [200, 200, 429]
    other = client.get(REPORTS, HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert other.status_code == 200


def test_logged_in_callers_get_the_same_public_answer(client):
    from pakn.accounts.tests.factories import UserFactory

    report = published_report("Công khai")
    client.force_login(report.reporter)
    assert client.get(REPORTS).json()["count"] == 1
    client.force_login(UserFactory())
    assert client.get(reverse("api:public-report", args=[report.code])).status_code == 200


# The public time limit (pakn.core.query_time) on PostgreSQL, inside a test's transaction:
# a savepoint, the setting put back, the savepoint released (3 more queries; outside a
# transaction, as in production, 1). SQLite's limit is a progress handler: no query.
TIME_LIMIT_QUERIES = 3 if connection.vendor == "postgresql" else 0


@pytest.mark.parametrize("count", [5, 50])
def test_query_count_is_bounded(client, django_assert_num_queries, count):
    category = CategoryFactory(name="Đô thị")
    for number in range(count):
        published_report(f"Vỉa hè {number}", category=category, current_unit=UnitFactory())
    # 4: the sector with its sub-sectors, the capped count, the date of the oldest relevance
    # candidate, and the page with its photos.
    with django_assert_num_queries(4 + TIME_LIMIT_QUERIES):
        data = client.get(REPORTS, {"q": "via he", "sector": category.pk, "page_size": 100}).json()
    assert len(data["results"]) == count


def test_the_openapi_schema_describes_the_public_endpoints(client):
    response = client.get(reverse("api:schema"), HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/public/reports/" in paths
    assert "/api/v1/public/reports/{code}/" in paths
    assert "/api/v1/public/map/" in paths
