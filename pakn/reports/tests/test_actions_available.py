"""One gate: ``report_actions_available`` lists exactly what ``report_apply`` accepts. Reports
in every state, with the conditions the guards read varied at random (an extension asked or
granted, the return limit passed, a rating older than its window, a report published or not,
a sub-unit there or closed, a question waiting), are tried by every kind of person with every
action: each action listed is applied, each action left out is refused. And every refusal
answers through pakn.reports.refusals with the status a page or the API must give."""

import datetime
import random

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from pakn.organisations.models import Unit
from pakn.reports.models import Rating, Report, ReportStatus
from pakn.reports.refusals import action_refusal
from pakn.reports.tests.test_workflow_policy import people  # noqa: F401  (a fixture)
from pakn.reports.tests.test_workflow_table import params_for, report_in
from pakn.reports.workflow import (
    ACTIONS,
    StaleReport,
    TransitionNotAllowed,
    WorkflowError,
    report_actions_available,
    report_apply,
)

PERSONS = ["reporter", "citizen", "coordinator", "operator", "handler", "leader", "sub_handler",
           "other_handler", "viewer"]  # fmt: skip
SAMPLES_PER_STATE = 2


class _Undo(Exception):
    """Rolls an accepted action back, so the next one is tried on the same report."""


def _vary(report: Report, org, rng: random.Random) -> str:
    """Sets, at random, what the guards read; returns it, to name a failing case."""
    now = timezone.now()
    changes = {
        "extension_requested_days": rng.choice([None, 3]),
        "extension_count": rng.choice([0, 1]),
        "is_published": rng.choice([False, True]),
        "waiting_for_citizen_since": rng.choice([None, now - datetime.timedelta(days=2)]),
    }
    if report.assigned_at is not None:
        changes["assigned_at"] = rng.choice([now, now - datetime.timedelta(days=30)])
    Report.objects.filter(pk=report.pk).update(**changes)
    rating_age = rng.choice([None, 1, 8])
    if rating_age is not None:
        rating = Rating.objects.create(report=report, value="satisfied")
        Rating.objects.filter(pk=rating.pk).update(
            created_at=now - datetime.timedelta(days=rating_age)
        )
    sub_unit_open = rng.choice([True, False])
    Unit.objects.filter(pk=org["sub_unit"].pk).update(is_active=sub_unit_open)
    return f"{changes}, rating age {rating_age}, sub-unit open {sub_unit_open}"


def _accepted(report: Report, action: str, person, org) -> bool | str:
    """Whether report_apply takes the action; nothing it does is kept."""
    try:
        with transaction.atomic():
            report_apply(report_id=report.pk, action=action, actor=person,
                         expected_status=report.status, **params_for(action, org))  # fmt: skip
            raise _Undo
    except _Undo:
        return True
    except (WorkflowError, PermissionDenied) as refusal:
        return f"{type(refusal).__name__}: {refusal}"


@pytest.mark.parametrize("state", list(ReportStatus.values))
def test_what_is_offered_is_what_report_apply_accepts(people, state):  # noqa: F811
    rng = random.Random(f"gate-{state}")
    disagreements = []
    for _sample in range(SAMPLES_PER_STATE):
        report = report_in(state, people)
        case = _vary(report, people, rng)
        report = Report.objects.select_related("current_unit", "coordinating_unit").get(
            pk=report.pk
        )
        for name in PERSONS:
            person = people[name]
            offered = report_actions_available(person, report)
            for action in ACTIONS:
                outcome = _accepted(report, action, person, people)
                if (action in offered) != (outcome is True):
                    disagreements.append((name, action, action in offered, outcome, case))
    assert disagreements == []


def test_the_guards_hold_back_what_the_handlers_refused(people):  # noqa: F811
    """Each guard on its own: the action is left out, and report_apply gives its reason."""
    in_progress = report_in("in_progress", people)  # an extension is already asked
    assert "request_extension" not in report_actions_available(people["handler"], in_progress)
    assert "decide_extension" in report_actions_available(people["coordinator"], in_progress)
    Report.objects.filter(pk=in_progress.pk).update(
        assigned_at=timezone.now() - datetime.timedelta(days=30)
    )
    in_progress.refresh_from_db()
    assert "return" not in report_actions_available(people["handler"], in_progress)
    with pytest.raises(TransitionNotAllowed, match="không còn được chuyển trả"):
        report_apply(report_id=in_progress.pk, action="return", actor=people["handler"],
                     reason="Không thuộc thẩm quyền.")  # fmt: skip
    Unit.objects.filter(pk=people["sub_unit"].pk).update(is_active=False)
    assert "forward_sub_unit" not in report_actions_available(people["leader"], in_progress)

    answered = report_in("answered", people)
    coordinator = report_actions_available(people["coordinator"], answered)
    assert "publish" in coordinator and "unpublish" not in coordinator  # nothing published
    Rating.objects.create(report=answered, value="satisfied")
    Rating.objects.update(created_at=timezone.now() - datetime.timedelta(days=8))
    assert report_actions_available(people["reporter"], answered) == ["reply"]
    with pytest.raises(TransitionNotAllowed, match="trong 7 ngày"):
        report_apply(report_id=answered.pk, action="rate", actor=people["reporter"],
                     value="not_satisfied")  # fmt: skip


def test_the_citizens_reply_restarts_the_clock_through_the_workflow(people):  # noqa: F811
    """The reply is the ``reply`` action: its event is public and carries the new deadline
    only when it answered a question that paused the clock."""
    from pakn.reports.models import Event
    from pakn.reports.services.exchange import message_send

    report = report_in("in_progress", people)
    message_send(report=report, author=people["reporter"], body="Tôi gửi thêm ảnh.")
    plain = Event.objects.get(report=report, action="reply")
    assert not plain.is_public
    Report.objects.filter(pk=report.pk).update(
        waiting_for_citizen_since=timezone.now() - datetime.timedelta(days=3)
    )
    before = Report.objects.get(pk=report.pk).answer_deadline
    message_send(report=report, author=people["reporter"], body="Số nhà 12 Trần Phú.")
    resumed = Event.objects.filter(report=report, action="reply").latest("pk")
    report.refresh_from_db()
    assert report.waiting_for_citizen_since is None and report.answer_deadline > before
    assert resumed.is_public and resumed.deadline == report.answer_deadline
    assert resumed.note == "Người gửi đã bổ sung thông tin; hạn xử lý được tính tiếp."


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (StaleReport("Phản ánh này vừa được người khác xử lý."), 409),
        (TransitionNotAllowed("Không thể thực hiện thao tác này."), 400),
        (WorkflowError("Vui lòng nêu lý do."), 400),
        (PermissionDenied("close not allowed for roles ['handler']"), 403),
    ],
)
def test_each_refusal_answers_with_its_status_in_vietnamese(error, status):
    refusal = action_refusal(error)
    assert refusal.status == status
    assert refusal.title
    if status == 403:  # the engine's English text for the logs never reaches a person
        assert refusal.detail == "Ông/bà không có quyền thực hiện thao tác này với phản ánh này."
    else:
        assert refusal.detail == str(error)
