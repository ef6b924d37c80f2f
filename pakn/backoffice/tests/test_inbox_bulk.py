"""The inbox's bulk forwarding: several reports to one unit through the same report_apply as
the desk; a report someone already moved on is named and left alone; only a coordinator may."""

import pytest

from pakn.backoffice.tests.desk_setup import desk_build, report_at, submitted_report
from pakn.reports.models import Event, Report, ReportStatus

pytestmark = pytest.mark.django_db
BULK = "/can-bo/phan-anh/chuyen-nhieu/"
INBOX = "/can-bo/phan-anh/"


@pytest.fixture
def desk(db):
    return desk_build()


def test_the_coordinator_forwards_several_reports_to_one_unit(client, desk):
    first, second = submitted_report(desk), submitted_report(desk)
    gone = report_at(desk, "unit_b", accepted=False)  # already forwarded by someone else
    client.force_login(desk["coordinator"])
    inbox = client.get(INBOX + "?hop-thu=cho-chuyen-xu-ly").content.decode()
    assert f'name="codes" value="{first.code}"' in inbox
    assert "Chuyển các phản ánh đã chọn" in inbox

    response = client.post(BULK, {
        "codes": [first.code, second.code, gone.code], "unit": desk["unit_a"].pk,
        "note": "Xử lý trong tuần", "next_query": "hop-thu=cho-chuyen-xu-ly",
    }, follow=True)  # fmt: skip
    page = response.content.decode()
    assert f"Đã chuyển 2 phản ánh đến Sở Xây dựng: {first.code}, {second.code}." in page
    assert f"Không chuyển được (đã được xử lý hoặc không còn thuộc hộp thư): {gone.code}." in page
    assert response.redirect_chain[-1][0] == INBOX + "?hop-thu=cho-chuyen-xu-ly"
    for report in (first, second):
        report.refresh_from_db()
        assert report.status == ReportStatus.ASSIGNED and report.current_unit == desk["unit_a"]
        event = Event.objects.get(report=report, action="forward")
        assert event.internal_note == "Xử lý trong tuần" and event.ip_address == "127.0.0.1"
    assert Report.objects.get(pk=gone.pk).current_unit == desk["unit_b"]


def test_bulk_forwarding_needs_a_unit_and_a_choice(client, desk):
    report = submitted_report(desk)
    client.force_login(desk["coordinator"])
    page = client.post(BULK, {"codes": [report.code]}, follow=True).content.decode()
    assert "Vui lòng chọn đơn vị xử lý." in page
    page = client.post(BULK, {"unit": desk["unit_a"].pk}, follow=True).content.decode()
    assert "Vui lòng chọn ít nhất một phản ánh." in page
    assert Report.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED


def test_a_unit_officer_cannot_forward_in_bulk(client, desk):
    report = submitted_report(desk)
    client.force_login(desk["handler_a"])
    assert "Chuyển các phản ánh đã chọn" not in client.get(INBOX).content.decode()
    response = client.post(BULK, {"codes": [report.code], "unit": desk["unit_a"].pk})
    assert response.status_code == 403
    assert Report.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED
