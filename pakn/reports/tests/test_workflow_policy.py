"""The engine against the hand-written policy (policy.py): the table in workflow.py says what
policy.py says, every person is tried against every action through report_apply, and each
refusal is of the kind a page must tell apart (a wrong state, a wrong role, a stale page)."""

import functools

import pytest
from django.core.exceptions import PermissionDenied

from pakn.accounts.tests.factories import OfficerFactory
from pakn.organisations.models import MembershipRole
from pakn.organisations.tests.factories import MembershipFactory
from pakn.reports.models import Event, Report, ReportStatus
from pakn.reports.tests.policy import EVERY_PERSON, INTERNAL_ACTIONS, POLICY
from pakn.reports.tests.test_workflow_table import (
    params_for,
    ready_for,
    report_in,
    with_co_handler,
)
from pakn.reports.workflow import (
    ACTIONS,
    SAME,
    TRANSITIONS,
    StaleReport,
    TransitionNotAllowed,
    WorkflowError,
    report_action_check,
    report_actions_available,
    report_apply,
)

STATES = list(ReportStatus.values)
ALLOWED = sorted(
    (state, action, role)
    for state, actions in POLICY.items()
    for action, roles in actions.items()
    for role in roles
)


@pytest.fixture
def people(org):
    """The small province with the roles that carry no workflow action added."""
    province = type(org["centre"]).objects.get(code="tinh")
    extra = {}
    for name, unit, role in [
        ("unit_admin", org["department"], MembershipRole.UNIT_ADMIN),
        ("support_agent", org["centre"], MembershipRole.SUPPORT_AGENT),
        ("viewer", province, MembershipRole.VIEWER),
    ]:
        extra[name] = OfficerFactory(username=name.replace("_", "."))
        MembershipFactory(user=extra[name], unit=unit, role=role)
    return with_co_handler({**org, "citizen": org["other_citizen"], **extra})


def test_the_policy_covers_every_state_and_only_known_actions():
    assert set(POLICY) == set(STATES)
    assert {a for actions in POLICY.values() for a in actions} == set(ACTIONS)


def test_the_engine_table_is_the_written_policy():
    engine = {(t.state, t.action): set(t.roles) for t in TRANSITIONS}
    written = {(s, a): roles for s, actions in POLICY.items() for a, roles in actions.items()}
    assert engine == written


@pytest.mark.parametrize(("state", "action", "role"), ALLOWED)
def test_every_allowed_action_works_for_its_roles(people, state, action, role):
    report = report_in(state, people)
    ready_for(action, report)
    updated = report_apply(
        report_id=report.pk, action=action, actor=people[role], expected_status=state,
        **params_for(action, people),
    )  # fmt: skip
    event = Event.objects.get(report=report, action=action)
    assert (event.actor, event.from_status, event.to_status) == (
        people[role], state, updated.status
    )  # fmt: skip


@pytest.mark.parametrize("state", STATES)
def test_everyone_else_is_refused_by_kind_and_nothing_changes(people, state):
    """A (state, action) nobody may take is a wrong state (TransitionNotAllowed); one that
    somebody else may take is a wrong role (PermissionDenied, the 403 of the pages)."""
    report = report_in(state, people)
    before = Report.objects.filter(pk=report.pk).values().get()
    wrong_kind = []
    for action in ACTIONS:
        allowed = POLICY[state].get(action)
        for person in EVERY_PERSON:
            if allowed and person in allowed:
                continue
            expected = PermissionDenied if allowed else TransitionNotAllowed
            try:
                report_apply(report_id=report.pk, action=action, actor=people[person],
                             **params_for(action, people))  # fmt: skip
            except (PermissionDenied, WorkflowError) as refusal:
                if type(refusal) is not expected:
                    wrong_kind.append((action, person, type(refusal).__name__))
            else:
                wrong_kind.append((action, person, "allowed"))
    assert wrong_kind == []
    closed = next(a for a in ACTIONS if a not in POLICY[state])
    with pytest.raises(TransitionNotAllowed) as refusal:
        report_apply(report_id=report.pk, action=closed, actor=people["coordinator"])
    assert str(refusal.value) == (
        "Không thể thực hiện thao tác này khi phản ánh đang ở trạng thái "
        f"“{ReportStatus(state).label}”."
    )
    assert Report.objects.filter(pk=report.pk).values().get() == before
    assert not Event.objects.filter(report=report).exists()


@pytest.mark.parametrize("state", STATES)
def test_the_buttons_shown_are_the_policy(people, state):
    report = report_in(state, people)
    shown = {
        person: sorted(report_actions_available(people[person], report)) for person in EVERY_PERSON
    }
    # Held back by their guards: report_in's report in progress already asks for an
    # extension (for the coordinator's decision); nothing is published to unpublish.
    # forward_up: report_in's report is not a proposal.
    held_back = {"request_extension", "unpublish", "forward_up"}
    written = {
        person: sorted(
            a for a, roles in POLICY[state].items() if person in roles and a not in held_back
        )
        for person in EVERY_PERSON
    }
    assert shown == written


@pytest.mark.parametrize(("state", "action", "role"), ALLOWED)
def test_a_stale_page_is_refused_as_stale(people, state, action, role):
    """The person may take the action, but the report moved on since their page loaded."""
    report = report_in(state, people)
    other_state = "withdrawn" if state != "withdrawn" else "draft"
    with pytest.raises(StaleReport) as refusal:
        report_apply(report_id=report.pk, action=action, actor=people[role],
                     expected_status=other_state, **params_for(action, people))  # fmt: skip
    label = ReportStatus(state).label
    assert str(refusal.value) == (
        f"Phản ánh này vừa được người khác xử lý và đã chuyển sang trạng thái “{label}”."
    )
    assert Report.objects.get(pk=report.pk).status == state
    assert not Event.objects.filter(report=report).exists()


def test_same_status_actions_keep_the_status():
    """The actions the policy reads as "no change of state" (classify, ask the citizen,
    publish …) keep the status in the engine too."""
    keeps = {
        ("submitted", "classify"), ("returned", "classify"), ("in_progress", "add_co_handler"),
        ("in_progress", "ask_citizen"), ("in_progress", "request_extension"),
        ("in_progress", "give_opinion"),
        ("in_progress", "decide_extension"), ("answered", "rate"), ("answered", "publish"),
        ("answered", "unpublish"), ("closed", "publish"), ("closed", "unpublish"),
        *((state, action) for state, actions in POLICY.items() for action in actions
          if action in ("reply", "message")),
    }  # fmt: skip
    assert {(t.state, t.action) for t in TRANSITIONS if t.to_state == SAME} == keeps


ACTING_UNIT = {"coordinator": "centre", "operator": "centre", "handler": "department",
               "leader": "department", "reporter": None, "co_handler": "co_unit"}  # fmt: skip
# Where each action sends the report (the event's "to" unit); the others leave it where it is.
DESTINATION = {"submit": "centre", "forward": "department", "return": "centre",
               "forward_sub_unit": "sub_unit", "add_co_handler": "other",
               "forward_up": "ministry"}  # fmt: skip
UNIT_STATES = {"assigned", "in_progress", "pending_approval", "pending_review", "answered",
               "closed"}  # fmt: skip


@pytest.mark.parametrize(("state", "action", "role"), ALLOWED)
def test_each_event_records_units_address_and_who_sees_it(people, state, action, role):
    """The unit in whose name the officer acted, as it was before the action (the department
    that transfers a report back or passes it to its sub-unit, not the unit it goes to), the
    units it came from and went to, the address, and whether the reporter sees it."""
    report = report_in(state, people)
    ready_for(action, report)
    report_apply(report_id=report.pk, action=action, actor=people[role],
                 ip_address="203.0.113.7", **params_for(action, people))  # fmt: skip
    event = Event.objects.get(report=report, action=action)
    here = people["department"] if state in UNIT_STATES else None
    destination = people[DESTINATION[action]] if action in DESTINATION else here
    assert (event.actor_unit, event.from_unit, event.to_unit) == (
        ACTING_UNIT[role] and people[ACTING_UNIT[role]], here, destination
    )  # fmt: skip
    assert event.ip_address == "203.0.113.7"
    assert event.is_public == (action not in INTERNAL_ACTIONS)
    assert event.note.strip()  # every step says what happened


def test_a_refused_extension_and_an_answer_awaiting_review_stay_internal(people):
    """The action decides: an extension granted is public, one refused is not; a leader's
    approval is public unless the coordinator still reviews the answer."""
    refused = report_in("in_progress", people)
    report_apply(report_id=refused.pk, action="decide_extension", actor=people["coordinator"],
                 approve=False)  # fmt: skip
    assert not Event.objects.get(report=refused, action="decide_extension").is_public
    department = people["department"]
    department.answer_review_required = True
    department.save()
    reviewed = report_in("pending_approval", people)
    report_apply(report_id=reviewed.pk, action="approve_answer", actor=people["leader"])
    event = Event.objects.get(report=reviewed, action="approve_answer")
    assert (event.to_status, event.is_public) == ("pending_review", False)


def test_a_change_expires_the_public_pages_and_a_refusal_does_not(
    people, django_capture_on_commit_callbacks
):
    from pakn.core.public_cache import public_cache_version

    report = report_in("answered", people)
    before = public_cache_version()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
        report_apply(report_id=report.pk, action="close", actor=people["handler"])
    assert public_cache_version() == before
    with django_capture_on_commit_callbacks(execute=True):
        report_apply(report_id=report.pk, action="close", actor=people["coordinator"])
    assert public_cache_version() == before + 1


def test_the_coordinator_is_told_which_unit_transferred_a_report_back(
    people, django_capture_on_commit_callbacks
):
    from pakn.notifications.models import Notification

    report = report_in("assigned", people)
    with django_capture_on_commit_callbacks(execute=True):
        report_apply(report_id=report.pk, action="return", actor=people["handler"],
                     reason="Không thuộc thẩm quyền của Sở.")  # fmt: skip
    told = Notification.objects.get(recipient=people["coordinator"])
    assert told.title.startswith("Sở Xây dựng chuyển trả")


def test_the_check_before_a_form_refuses_as_report_apply_and_changes_nothing(people):
    """report_action_check (a page whose form could not be read) raises what report_apply
    would, in the same order: stale, wrong state, wrong role, guard."""
    report = report_in("in_progress", people)  # an extension is already asked
    check = functools.partial(report_action_check, report=report)
    with pytest.raises(StaleReport):
        check(action="ask_citizen", actor=people["handler"], expected_status="assigned")
    with pytest.raises(TransitionNotAllowed):
        check(action="accept", actor=people["handler"], expected_status="in_progress")
    with pytest.raises(PermissionDenied):
        check(action="ask_citizen", actor=people["coordinator"])
    with pytest.raises(TransitionNotAllowed, match="chỉ được gia hạn một lần"):
        check(action="request_extension", actor=people["handler"])
    assert (
        check(action="ask_citizen", actor=people["handler"], expected_status="in_progress") is None
    )
    assert not Event.objects.filter(report=report).exists()
