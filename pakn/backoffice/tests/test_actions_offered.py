"""Every action the report desk offers comes from report_actions_available, for reports in
several states seen by each role: the forms on the page (read from where they post) are that
list, no more, no less. A stale or forbidden action answers 409 / 403 through
pakn.reports.refusals, nothing changed."""

import datetime
import html
import re

import pytest
from django.urls import resolve, reverse
from django.utils import timezone

from pakn.backoffice.tests.desk_setup import (
    desk_build,
    desk_url,
    post_action,
    report_at,
    submitted_report,
)
from pakn.organisations.models import Unit
from pakn.reports.models import Event, Report
from pakn.reports.workflow import report_actions_available, report_apply

OFFICERS = ["coordinator", "operator", "handler_a", "leader_a", "sub_handler", "handler_b",
            "unit_admin_a"]  # fmt: skip


@pytest.fixture
def desk(db):
    return desk_build()


def offered_on(page: str) -> list[str]:
    """The actions a page's forms post, by the view and arguments their URLs resolve to."""
    actions = []
    for url in re.findall(r'<form[^>]*\saction="([^"]+)"', page):
        match = resolve(html.unescape(url).split("?")[0])
        if match.url_name == "desk-action":
            actions.append(match.kwargs["action"])
        elif match.url_name == "desk-message":
            actions.append("message")
    return actions


def reports_in_several_states(desk) -> list[Report]:
    submitted = submitted_report(desk)
    assigned = report_at(desk, "unit_a", accepted=False)
    in_progress = report_at(desk, "unit_a")
    late_to_return = report_at(desk, "unit_a")
    Report.objects.filter(pk=late_to_return.pk).update(
        assigned_at=timezone.now() - datetime.timedelta(days=30)
    )
    extension = report_at(desk, "unit_a")
    report_apply(report_id=extension.pk, action="request_extension", actor=desk["handler_a"],
                 days=3, reason="Chờ nhà thầu.")  # fmt: skip
    pending = report_at(desk, "unit_a")
    report_apply(report_id=pending.pk, action="submit_answer", actor=desk["handler_a"],
                 content="Đã thay bóng đèn.")  # fmt: skip
    answered = report_at(desk, "unit_a")
    report_apply(report_id=answered.pk, action="submit_answer", actor=desk["handler_a"],
                 content="Đã thay bóng đèn.")  # fmt: skip
    report_apply(report_id=answered.pk, action="approve_answer", actor=desk["leader_a"])
    at_sub_unit = report_at(desk, "sub_unit")
    ids = [submitted, assigned, in_progress, late_to_return, extension, pending, answered,
           at_sub_unit]  # fmt: skip
    return list(Report.objects.filter(pk__in=[r.pk for r in ids]).order_by("pk"))


def test_every_form_on_the_desk_is_an_action_available_now(client, desk):
    checked = 0
    for report in reports_in_several_states(desk):
        for name in OFFICERS:
            client.force_login(desk[name])
            response = client.get(desk_url(report))
            if response.status_code == 404:  # not theirs to see
                continue
            assert response.status_code == 200
            offered = offered_on(response.content.decode())
            expected = report_actions_available(desk[name], report)
            assert sorted(offered) == sorted(expected), (report.status, name)
            checked += 1
    assert checked >= 20


def test_a_unit_without_sub_units_is_not_offered_to_pass_the_report_down(client, desk):
    """Regression: the form to forward to a sub-unit showed with no sub-unit to choose."""
    report = report_at(desk, "unit_a")
    client.force_login(desk["handler_a"])
    assert "forward_sub_unit" in offered_on(client.get(desk_url(report)).content.decode())
    Unit.objects.filter(pk=desk["sub_unit"].pk).update(is_active=False)
    assert "forward_sub_unit" not in offered_on(client.get(desk_url(report)).content.decode())


def test_past_the_return_limit_the_return_form_is_gone(client, desk):
    """Regression: the desk offered "Chuyển trả" after the unit's limit, then refused it."""
    report = report_at(desk, "unit_a")
    Report.objects.filter(pk=report.pk).update(
        assigned_at=timezone.now() - datetime.timedelta(days=30)
    )
    client.force_login(desk["handler_a"])
    assert "return" not in offered_on(client.get(desk_url(report)).content.decode())


def test_a_stale_action_answers_409_and_a_forbidden_one_403(client, desk):
    report = report_at(desk, "unit_a", accepted=False)
    client.force_login(desk["handler_a"])
    stale = post_action(client, report, "accept", expected_status="submitted")
    assert stale.status_code == 409
    assert "vừa được người khác xử lý" in stale.content.decode()
    client.force_login(desk["coordinator"])  # sees the report, holds no unit role on it
    forbidden = post_action(client, report, "accept")
    assert forbidden.status_code == 403
    message_url = reverse("backoffice:desk-message", args=[report.code])
    forbidden_message = client.post(message_url, {"body": "Chào anh chị"})  # the unit's
    assert forbidden_message.status_code == 403
    assert not Event.objects.filter(report=report, action__in=["accept", "message"]).exists()
    assert Report.objects.get(pk=report.pk).status == "assigned"


def test_a_form_posted_empty_by_someone_who_may_not_act_is_forbidden_not_corrected(client, desk):
    """The refusal comes before the form's own errors: no form is shown to a person the
    action is not for."""
    report = report_at(desk, "unit_a")
    client.force_login(desk["coordinator"])
    assert post_action(client, report, "ask_citizen", question="").status_code == 403
