"""The audit list of events in the admin: a system administrator filters and searches it; a
staff member without the permission cannot open it; nobody can add, change or delete."""

import pytest
from django.contrib.auth.models import Permission

from pakn.accounts.tests.factories import OfficerFactory
from pakn.reports.models import Event
from pakn.reports.tests.factories import ReportFactory
from pakn.reports.workflow import report_apply

pytestmark = pytest.mark.django_db
LIST_URL = "/admin/reports/event/"
QUERIES_FOR_THE_AUDIT_LIST = (
    8  # session, user, two-factor check, permissions, filter units, count, page...
)


def sent_and_forwarded(org, n):
    report = ReportFactory(reporter=org["reporter"], coordinating_unit=org["centre"])
    report_apply(report_id=report.pk, action="submit", actor=org["reporter"], ip_address="10.0.0.5")
    report_apply(report_id=report.pk, action="forward", actor=org["coordinator"],
                 unit_id=org["department"].pk, ip_address=f"10.1.0.{n}")  # fmt: skip
    report.refresh_from_db()
    return report


def test_a_superuser_filters_by_action_and_searches_by_code(admin_client, org):
    first, second = sent_and_forwarded(org, 1), sent_and_forwarded(org, 2)

    html = admin_client.get(LIST_URL, {"action": "forward"}).content.decode()
    assert "Chuyển xử lý" in html
    assert "Chờ tiếp nhận → Đã chuyển xử lý" in html
    assert "10.1.0.1" in html and "10.1.0.2" in html
    assert "10.0.0.5" not in html  # the submissions are filtered out
    assert "Trung tâm điều phối" in html  # the actor's unit

    html = admin_client.get(LIST_URL, {"q": second.code}).content.decode()
    assert second.code in html
    assert first.code not in html
    # A citizen's ID number is never shown whole.
    assert org["reporter"].username not in html


def test_search_by_the_officers_name(admin_client, org):
    sent_and_forwarded(org, 1)
    org["coordinator"].full_name = "Trần Thị Điều Phối"
    org["coordinator"].save()
    html = admin_client.get(LIST_URL, {"q": "Điều Phối"}).content.decode()
    assert "10.1.0.1" in html
    assert "10.0.0.5" not in html


def test_staff_without_the_permission_cannot_see_the_audit(client, org):
    sent_and_forwarded(org, 1)
    staff = OfficerFactory(username="nhanvien", is_staff=True)
    client.force_login(staff)
    assert client.get(LIST_URL).status_code == 403

    staff.user_permissions.add(Permission.objects.get(codename="view_event"))
    assert client.get(LIST_URL).status_code == 200


def test_the_audit_is_read_only(admin_client, org):
    report = sent_and_forwarded(org, 1)
    event = Event.objects.filter(report=report).first()
    assert admin_client.get(f"{LIST_URL}add/").status_code == 403
    response = admin_client.post(f"{LIST_URL}{event.pk}/change/", {"note": "sửa"})
    assert response.status_code == 403 or "sửa" not in Event.objects.get(pk=event.pk).note
    assert admin_client.post(f"{LIST_URL}{event.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Event.objects.get(pk=event.pk).note == event.note


@pytest.mark.parametrize("reports", [1, 12])
def test_the_audit_list_takes_a_fixed_number_of_queries(
    admin_client, org, reports, django_assert_num_queries
):
    for n in range(reports):
        sent_and_forwarded(org, n)
    with django_assert_num_queries(QUERIES_FOR_THE_AUDIT_LIST):
        assert admin_client.get(LIST_URL).status_code == 200
