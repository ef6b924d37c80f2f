import pytest

from pakn.reports.models import Event
from pakn.reports.tests.factories import ReportFactory
from pakn.reports.workflow import report_apply

pytestmark = pytest.mark.django_db


def test_events_can_be_neither_edited_nor_deleted(org):
    report = ReportFactory(reporter=org["reporter"], coordinating_unit=org["centre"])
    report_apply(report_id=report.pk, action="submit", actor=org["reporter"], ip_address="10.0.0.5")
    event = Event.objects.get(report=report)
    assert (event.action, event.ip_address, event.actor) == ("submit", "10.0.0.5", org["reporter"])
    event.note = "sửa lịch sử"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        Event.objects.filter(report=report).update(note="x")
    with pytest.raises(PermissionError):
        Event.objects.filter(report=report).delete()
    assert Event.objects.get(pk=event.pk).note == "Đã gửi phản ánh, kiến nghị."


def test_the_admin_lists_events_but_cannot_change_them(admin_client, org):
    report = ReportFactory(reporter=org["reporter"], coordinating_unit=org["centre"])
    report_apply(report_id=report.pk, action="submit", actor=org["reporter"])
    event = Event.objects.get(report=report)
    assert admin_client.get("/admin/reports/event/?action=submit").status_code == 200
    response = admin_client.post(f"/admin/reports/event/{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Event.objects.filter(pk=event.pk).exists()
