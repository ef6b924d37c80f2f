"""Revoked and deactivated: an officer whose role was taken away, an officer whose account was
locked, and a sub-unit moved under another department see and do nothing they no longer
should, on the desk pages, the dashboard, the public API and in the tasks (notifications,
digests, reminders)."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from pakn.backoffice.tests.desk_setup import (
    action_url,
    desk_url,
    report_at,
    submitted_report,
)
from pakn.notifications.models import DigestSent, Notification, NotificationKind
from pakn.notifications.scheduler import digests_run, reminders_run
from pakn.organisations.models import Membership, MembershipRole
from pakn.organisations.unit_administration import (
    membership_grant,
    membership_revoke,
    officer_set_active,
)
from pakn.reports.models import Event, Report, ReportStatus
from pakn.reports.workflow import (
    PermissionDenied,
    WorkflowError,
    report_actions_available,
    report_apply,
)

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")
INBOX = "/can-bo/phan-anh/?hop-thu=tat-ca"
DASHBOARD = "/can-bo/bang-dieu-khien/"


def revoke(desk, name: str):
    """Department A's administrator takes ``name``'s role in A away; to keep one role (the
    service insists), the officer first becomes a viewer of A's sub-unit."""
    officer, admin = desk[name], desk["unit_admin_a"]
    membership_grant(actor=admin, officer=officer, unit=desk["sub_unit"], role="viewer")
    membership = Membership.objects.get(user=officer, unit=desk["unit_a"], is_active=True)
    membership_revoke(actor=admin, membership=membership)


def notified(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_a_revoked_handler_no_longer_sees_or_works_the_units_reports(client, desk):
    report = report_at(desk, "unit_a", accepted=False)
    client.force_login(desk["handler_a"])
    assert "hop-thu=moi-chuyen-den" in client.get(INBOX).content.decode()
    revoke(desk, "handler_a")
    inbox = client.get(INBOX).content.decode()
    assert report.code not in inbox
    assert "hop-thu=moi-chuyen-den" not in inbox  # no unit tabs for a viewer
    assert "Sở Xây dựng" not in client.get("/can-bo/").content.decode()  # roles listed at home
    assert client.get(desk_url(report)).status_code == 404
    response = client.post(action_url(report, "accept"), {"accept-expected_status": "assigned"})
    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        report_apply(report_id=report.pk, action="accept", actor=desk["handler_a"])
    assert report_actions_available(desk["handler_a"], report) == []
    assert Report.objects.get(pk=report.pk).status == ReportStatus.ASSIGNED
    # The same report stays in reach of the handler whose role is still active.
    client.force_login(desk["leader_a"])
    assert report.code in client.get(INBOX).content.decode()


def test_a_revoked_leader_loses_the_units_dashboard(client, desk):
    report_at(desk, "unit_a")
    client.force_login(desk["leader_a"])
    assert "Sở Xây dựng" in client.get(DASHBOARD).content.decode()
    revoke(desk, "leader_a")
    page = client.get(DASHBOARD).content.decode()
    assert "Sở Xây dựng" not in page
    assert "Phòng Hạ tầng kỹ thuật" in page  # the viewer role the officer still has


def test_a_revoked_coordinator_no_longer_receives_or_routes(client, desk):
    coordinator = desk["coordinator"]
    Membership.objects.create(user=coordinator, unit=desk["unit_b"], role=MembershipRole.VIEWER)
    Membership.objects.filter(user=coordinator, unit=desk["centre"]).update(is_active=False)
    report = submitted_report(desk)
    client.force_login(coordinator)
    assert report.code not in client.get(INBOX).content.decode()
    assert client.get(desk_url(report)).status_code == 404
    with pytest.raises(PermissionDenied):
        report_apply(report_id=report.pk, action="forward", actor=coordinator,
                     unit_id=desk["unit_a"].pk)  # fmt: skip


def test_a_locked_officer_is_logged_out_and_cannot_act(client, desk):
    report = report_at(desk, "unit_a", accepted=False)
    client.force_login(desk["handler_a"])
    assert client.get(desk_url(report)).status_code == 200
    officer_set_active(actor=desk["unit_admin_a"], officer=desk["handler_a"], active=False)
    page = client.get(desk_url(report))
    assert page.status_code == 302 and "dang-nhap" in page["Location"]
    response = client.post(action_url(report, "accept"), {"accept-expected_status": "assigned"})
    assert response.status_code == 302
    assert not Event.objects.filter(report=report, action="accept").exists()


def test_revoked_and_locked_officers_are_not_notified(desk, django_capture_on_commit_callbacks):
    revoke(desk, "handler_a")
    officer_set_active(actor=desk["unit_admin_a"], officer=desk["leader_a"], active=False)
    fresh = membership_grant(actor=desk["unit_admin_a"], officer=desk["sub_handler"],
                             unit=desk["unit_a"], role=MembershipRole.HANDLER)  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        report_at(desk, "unit_a", accepted=False)
    assert notified(desk["handler_a"]) == []
    assert notified(desk["leader_a"]) == []
    assert notified(fresh.user) != []  # the unit is still told, through its active people


def test_digests_and_reminders_go_to_active_people_only(desk, django_capture_on_commit_callbacks):
    monday = datetime.datetime(2026, 12, 7, 9, 0, tzinfo=VN)
    report = report_at(desk, "unit_a")
    Report.objects.filter(pk=report.pk).update(
        assigned_at=monday - datetime.timedelta(days=14),
        answer_deadline=monday - datetime.timedelta(days=3),
    )
    revoke(desk, "handler_a")
    officer_set_active(actor=desk["unit_admin_a"], officer=desk["leader_a"], active=False)
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        reminders_run(now=monday)
        digests_run(now=monday)
    for gone in ("handler_a", "leader_a"):
        assert notified(desk[gone]) == [], gone
        assert not DigestSent.objects.filter(user=desk[gone], late_count__gt=0).exists(), gone
    # Someone active still hears of the late report: the coordinator's digest counts it.
    assert DigestSent.objects.get(user=desk["coordinator"]).late_count == 1
    assert NotificationKind.DIGEST in notified(desk["coordinator"])


def test_a_sub_unit_moved_to_another_department(client, desk):
    """Phòng Hạ tầng moves from department A to department B: A's officers no longer work
    its reports (they still read those that passed through A's hands), B's officers do."""
    passed_through_a = report_at(desk, "sub_unit")
    sub_unit = desk["sub_unit"]
    type(sub_unit).objects.move(sub_unit, desk["unit_b"], pos="sorted-child")
    later = submitted_report(desk)
    report_apply(report_id=later.pk, action="forward", actor=desk["coordinator"],
                 unit_id=desk["unit_b"].pk)  # fmt: skip
    report_apply(report_id=later.pk, action="accept", actor=desk["handler_b"])
    report_apply(report_id=later.pk, action="forward_sub_unit", actor=desk["handler_b"],
                 unit_id=sub_unit.pk)  # fmt: skip
    for report in (passed_through_a, later):
        report = Report.objects.get(pk=report.pk)
        assert report_actions_available(desk["handler_a"], report) == []
        assert report_actions_available(desk["leader_a"], report) == []
        assert report_actions_available(desk["handler_b"], report) != []
    client.force_login(desk["handler_a"])
    inbox = client.get(INBOX).content.decode()
    assert later.code not in inbox
    assert client.get(desk_url(later)).status_code == 404
    client.force_login(desk["leader_b"])
    assert later.code in client.get(INBOX).content.decode()


def test_the_public_api_gives_a_revoked_officer_only_what_anyone_sees(client, desk):
    report = report_at(desk, "unit_a")
    revoke(desk, "handler_a")
    client.force_login(desk["handler_a"])
    listed = client.get("/api/v1/public/reports/")
    assert listed.status_code == 200
    assert report.code not in listed.content.decode()
    assert client.get(f"/api/v1/public/reports/{report.code}/").status_code == 404


def test_a_deactivated_unit_receives_no_new_reports(client, desk):
    """A unit closed by the administrator is offered nowhere and refused by the workflow
    (forward, sub-unit, co-handling); the reports it already holds stay where they are."""
    unit_b, sub_unit = desk["unit_b"], desk["sub_unit"]
    unit_b.is_active = False
    unit_b.save()
    sub_unit.is_active = False
    sub_unit.save()
    report = submitted_report(desk)
    client.force_login(desk["coordinator"])
    assert "Sở Y tế" not in client.get(desk_url(report)).content.decode()
    with pytest.raises(WorkflowError):
        report_apply(report_id=report.pk, action="forward", actor=desk["coordinator"],
                     unit_id=unit_b.pk)  # fmt: skip
    report_apply(report_id=report.pk, action="forward", actor=desk["coordinator"],
                 unit_id=desk["unit_a"].pk)  # fmt: skip
    report_apply(report_id=report.pk, action="accept", actor=desk["handler_a"])
    for action in ("forward_sub_unit", "add_co_handler"):
        unit = sub_unit if action == "forward_sub_unit" else unit_b
        with pytest.raises(WorkflowError):
            report_apply(report_id=report.pk, action=action, actor=desk["handler_a"],
                         unit_id=unit.pk)  # fmt: skip
    assert Report.objects.get(pk=report.pk).current_unit == desk["unit_a"]
