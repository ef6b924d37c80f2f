"""The public page of a published report: what the coordinator published, the answer, its
photos without metadata, the rating and a map; nothing about the reporter."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from pakn.core.tests.personal_number_spellings import all_params, masked
from pakn.organisations.models import AdministrativeArea
from pakn.organisations.tests.factories import CategoryFactory, UnitFactory
from pakn.reports.models import Answer, AnswerStatus, Rating, RatingValue, ReportStatus
from pakn.reports.tests.public_reports import public_photo, published_report

pytestmark = pytest.mark.django_db


def page_of(client, report):
    return client.get(reverse("portal:report", args=[report.code]))


@pytest.fixture
def answered(db):
    unit = UnitFactory(name="Phòng Quản lý đô thị Nha Trang")
    province = AdministrativeArea.objects.create(
        code="56", level="province", name="Tỉnh Khánh Hòa", division_type="tỉnh", codename="kh"
    )
    commune = AdministrativeArea.objects.create(code="56001", level="commune",
                                                name="Phường Nha Trang", division_type="phường",
                                                codename="nt", parent=province)  # fmt: skip
    now = timezone.now()
    report = published_report(
        "Đèn đường hỏng trên đường Trần Phú",
        "Nhiều bóng đèn không sáng.",
        category=CategoryFactory(name="Chiếu sáng đô thị"),
        commune=commune,
        current_unit=unit,
        answer_deadline=now - datetime.timedelta(days=2),
        answered_at=now - datetime.timedelta(days=3),
        latitude="12.238791",
        longitude="109.196749",
        hide_reporter_name=True,
    )
    report.reporter.full_name = "Nguyễn Thị Bí Mật"
    report.reporter.phone = "0905123456"
    report.reporter.address_street = "12 Hẻm Kín"
    report.reporter.save()
    answer = Answer.objects.create(report=report, unit=unit, content="Đã thay 12 bóng đèn.",
                                   status=AnswerStatus.PUBLISHED, drafted_by=report.reporter,
                                   published_at=now - datetime.timedelta(days=3))  # fmt: skip
    Answer.objects.create(report=report, unit=unit, content="Dự thảo chưa duyệt",
                          status=AnswerStatus.DRAFT, drafted_by=report.reporter)  # fmt: skip
    Rating.objects.create(report=report, value=RatingValue.SATISFIED, comment="Cảm ơn đơn vị.")
    return {"report": report, "answer": answer, "unit": unit}


def test_the_page_shows_what_was_published_and_nothing_personal(client, answered):
    report = answered["report"]
    response = page_of(client, report)
    page = response.content.decode()
    assert response.status_code == 200
    for shown in (
        "Đèn đường hỏng trên đường Trần Phú",
        "Nhiều bóng đèn không sáng.",
        report.code,
        "Chiếu sáng đô thị",
        "Phường Nha Trang",
        "Phòng Quản lý đô thị Nha Trang",
        "Đã có kết quả",
        "Trả lời đúng hạn",
        "Đã thay 12 bóng đèn.",
        "Hài lòng",
        "Cảm ơn đơn vị.",
        'id="report-map"',
        "leaflet/leaflet.js",
        'data-lat="12.238791"',
    ):
        assert shown in page, shown
    for hidden in ("[bản gốc]", "Nguyễn Thị Bí Mật", "0905123456", "12 Hẻm Kín",
                   report.reporter.username, "Dự thảo chưa duyệt"):  # fmt: skip
        assert hidden not in page, hidden
    # A link that can be shared: the page's own address by code.
    assert f"http://testserver/phan-anh/{report.code}/" in page


def test_a_late_answer_is_marked_late(client, answered):
    report = answered["report"]
    report.answer_deadline = report.answered_at - datetime.timedelta(days=1)
    report.save()
    assert "Trả lời quá hạn" in page_of(client, report).content.decode()


def test_a_report_without_position_has_no_map(client):
    report = published_report("Không có vị trí")
    page = page_of(client, report).content.decode()
    assert 'id="report-map"' not in page
    assert "leaflet.js" not in page


def test_unpublished_and_unknown_codes_are_404(client):
    hidden = published_report("Chưa công khai", published=False)
    assert page_of(client, hidden).status_code == 404
    assert client.get(reverse("portal:report", args=["PAKN-2026-999999"])).status_code == 404
    assert client.get("/phan-anh/khong-phai-ma/").status_code == 404


def test_a_lower_case_code_redirects_to_the_shareable_address(client):
    report = published_report("Mã viết thường")
    response = client.get(f"/phan-anh/{report.code.lower()}/")
    assert response.status_code == 301
    assert response["Location"] == f"/phan-anh/{report.code}/"


def test_public_photos_are_served_without_metadata_and_only_for_published_reports(client, answered):
    report = answered["report"]
    own = public_photo(report)
    of_answer = public_photo(report, answer=answered["answer"])
    page = page_of(client, report).content.decode()
    assert reverse("portal:report-photo", args=[report.code, own.pk]) in page
    assert reverse("portal:report-photo", args=[report.code, of_answer.pk]) in page

    response = client.get(reverse("portal:report-photo", args=[report.code, own.pk]))
    body = b"".join(response.streaming_content)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    own.refresh_from_db()
    assert body == own.public_file.open("rb").read()  # the clean copy, never the original
    assert body != own.file.open("rb").read()
    thumbnail = client.get(reverse("portal:report-photo-thumbnail", args=[report.code, own.pk]))
    assert thumbnail.status_code == 200

    own.is_public = False
    own.save()
    assert client.get(reverse("portal:report-photo", args=[report.code, own.pk])).status_code == 404
    other = published_report("Báo cáo khác")
    url = reverse("portal:report-photo", args=[other.code, of_answer.pk])
    assert client.get(url).status_code == 404  # a photo is reached only through its report
    report.is_published = False
    report.save()
    url = reverse("portal:report-photo", args=[report.code, of_answer.pk])
    assert client.get(url).status_code == 404


def test_a_draft_answers_photo_is_not_public(client, answered):
    report = answered["report"]
    draft = Answer.objects.get(report=report, status=AnswerStatus.DRAFT)
    photo = public_photo(report, answer=draft)
    assert (
        client.get(reverse("portal:report-photo", args=[report.code, photo.pk])).status_code == 404
    )


def test_the_page_is_cached_and_follows_edits_and_unpublication(
    client, django_assert_num_queries, django_capture_on_commit_callbacks
):
    report = published_report("Cây xanh nghiêng", status=ReportStatus.CLOSED)
    assert "Cây xanh nghiêng" in page_of(client, report).content.decode()
    with django_assert_num_queries(0):  # from the cache
        assert "Cây xanh nghiêng" in page_of(client, report).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        report.public_title = "Cây xanh nghiêng sắp đổ"
        report.save()
    assert "Cây xanh nghiêng sắp đổ" in page_of(client, report).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        Rating.objects.create(report=report, value=RatingValue.NOT_SATISFIED)
    assert "Không hài lòng" in page_of(client, report).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        report.is_published = False
        report.save()
    assert page_of(client, report).status_code == 404


@pytest.mark.parametrize("spelling", all_params())
def test_phone_and_id_numbers_in_the_rating_comment_are_hidden(client, spelling):
    """The rating comment is shown as the citizen wrote it, reviewed by nobody: its personal
    numbers are masked on the page and in the public API, in every spelling of the table, and
    its ordinary numbers are kept."""
    report = published_report("Đã xử lý")
    comment = f"Cảm ơn. Gọi tôi: {spelling.text} (ngày 12/05/2026)"
    Rating.objects.create(report=report, value=RatingValue.SATISFIED, comment=comment)
    page = page_of(client, report).content.decode()
    api = client.get(reverse("api:public-report", args=[report.code])).json()
    assert escape(masked(comment, spelling.found)) in page
    assert api["rating"]["comment"] == masked(comment, spelling.found)
    for number in spelling.found:
        assert escape(number) not in page and number not in json.dumps(api, ensure_ascii=False)
