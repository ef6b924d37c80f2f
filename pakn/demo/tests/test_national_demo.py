"""``seed_demo --mode national``: the programme with three provinces (Khánh Hòa among them)
and two ministries, their units and officers, and a year of proposals in every state that the
workflow can carry on from."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from pakn.accounts.models import User
from pakn.core.models import SiteSettings
from pakn.core.modes import NATIONAL_PORTAL_NAME
from pakn.demo.national import national_staff
from pakn.organisations.models import Membership, MembershipRole, RoutingRule, Unit, UnitKind
from pakn.reports.models import Event, Proposal, Report, ReportKind
from pakn.reports.workflow import report_actions_available, report_apply


def seed(*args: str) -> str:
    out = io.StringIO()
    call_command(
        "seed_demo", "--allow-production", "--mode", "national", "--citizens", "20",
        "--reports", "120", *args, stdout=out,
    )  # fmt: skip
    return out.getvalue()


@pytest.fixture
def seeded(db) -> str:
    return seed()


def test_the_programme_has_three_provinces_and_two_ministries(seeded):
    root = Unit.objects.get(depth=1)
    members = {u.name: u.kind for u in Unit.objects.filter(depth=2)}
    assert root.name == NATIONAL_PORTAL_NAME
    assert members == {
        "Tỉnh Khánh Hòa": UnitKind.PROVINCE, "Tỉnh Thanh Hóa": UnitKind.PROVINCE,
        "Thành phố Đà Nẵng": UnitKind.PROVINCE, "Bộ Khoa học và Công nghệ": UnitKind.MINISTRY,
        "Bộ Nông nghiệp và Môi trường": UnitKind.MINISTRY,
    }  # fmt: skip
    # Each has its own coordinator, unit administrator and departments with their officers.
    for member in Unit.objects.filter(depth=2):
        roles = set(Membership.objects.filter(unit=member).values_list("role", flat=True))
        assert roles == {MembershipRole.COORDINATOR, MembershipRole.UNIT_ADMIN}
        departments = Unit.objects.filter(depth=3, path__startswith=member.path)
        assert departments.exists()
        for department in departments:
            assert set(Membership.objects.filter(unit=department).values_list("role", flat=True)) == {
                MembershipRole.HANDLER, MembershipRole.LEADER
            }  # fmt: skip
    assert Unit.objects.get(code="kh").areas.get().code == "56"
    assert SiteSettings.objects.get().portal_name == NATIONAL_PORTAL_NAME
    assert RoutingRule.objects.filter(area__isnull=True).count() == 9  # one per field
    assert "kh.dieuphoi" in seeded and "Created 120 demo proposals" in seeded
    _a_year_of_proposals_in_every_state()
    _the_workflow_carries_on_from_the_demo()


def _a_year_of_proposals_in_every_state():
    proposals = Report.objects.filter(kind=ReportKind.PROPOSAL)
    statuses = set(proposals.values_list("status", flat=True))
    assert statuses >= {"draft", "submitted", "returned", "assigned", "in_progress",
                        "pending_approval", "answered", "closed", "rejected", "withdrawn"}  # fmt: skip
    assert Proposal.objects.count() == proposals.count()
    oldest = proposals.exclude(submitted_at=None).order_by("submitted_at").first().submitted_at
    assert timezone.now() - oldest > datetime.timedelta(days=200)
    # Sent up by provinces, asked for the provinces' opinion, some adopted.
    assert Event.objects.filter(action="forward_up").exists()
    assert Event.objects.filter(action="give_opinion").exists()
    assert Proposal.objects.filter(adopted=True, report__is_published=True).exists()
    # Every event is one the workflow allows, in order.
    for report in proposals.exclude(status="draft")[:40]:
        events = list(report.events.order_by("created_at", "id"))
        assert events[0].action == "submit"
        assert events[-1].to_status == report.status


def _the_workflow_carries_on_from_the_demo():
    """A seeded proposal in progress at a ministry with a province invited: the province's
    handler gives the opinion, the ministry answers."""
    report = (
        Report.objects.filter(
            kind=ReportKind.PROPOSAL, status="in_progress", co_handling_units__isnull=False
        )  # fmt: skip
        .exclude(events__action="give_opinion")
        .first()
    )
    assert report is not None
    co_unit = report.co_handling_units.get()
    province_handler = User.objects.get(
        memberships__unit=co_unit, memberships__role=MembershipRole.HANDLER
    )
    assert report_actions_available(province_handler, report) == ["give_opinion"]
    report_apply(report_id=report.pk, action="give_opinion", actor=province_handler,
                 opinion="Đồng ý.")  # fmt: skip
    handler = User.objects.get(
        memberships__unit=report.current_unit, memberships__role=MembershipRole.HANDLER
    )
    report_apply(report_id=report.pk, action="submit_answer", actor=handler,
                 content="Tiếp thu.", adopted=True)  # fmt: skip
    assert Proposal.objects.get(report=report).adopted is True


def test_a_second_run_creates_nothing(seeded):
    before = (Unit.objects.count(), User.objects.count(), Report.objects.count())
    output = seed()
    assert (Unit.objects.count(), User.objects.count(), Report.objects.count()) == before
    assert "0 units, 0 officers" in output
    assert len(national_staff()) == User.objects.filter(username__contains=".").count()
