"""The engine against the hand-written policy (policy.py): the table in workflow.py says what
policy.py says, every person is tried against every action through report_apply, and each
refusal is of the kind a page must tell apart (a wrong state, a wrong role, a stale page)."""

import pytest
from django.core.exceptions import PermissionDenied

from pakn.accounts.tests.factories import OfficerFactory
from pakn.organisations.models import MembershipRole
from pakn.organisations.tests.factories import MembershipFactory
from pakn.reports.models import Event, Report, ReportStatus
from pakn.reports.tests.policy import EVERY_PERSON, POLICY
from pakn.reports.tests.test_workflow_table import params_for, report_in
from pakn.reports.workflow import (
    ACTIONS,
    SAME,
    TRANSITIONS,
    StaleReport,
    TransitionNotAllowed,
    WorkflowError,
    allowed_actions,
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
    return {**org, "citizen": org["other_citizen"], **extra}


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
    if action == "request_extension":
        Report.objects.filter(pk=report.pk).update(extension_requested_days=None)
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
    assert Report.objects.filter(pk=report.pk).values().get() == before
    assert not Event.objects.filter(report=report).exists()


@pytest.mark.parametrize("state", STATES)
def test_the_buttons_shown_are_the_policy(people, state):
    report = report_in(state, people)
    shown = {person: sorted(allowed_actions(people[person], report)) for person in EVERY_PERSON}
    written = {
        person: sorted(a for a, roles in POLICY[state].items() if person in roles)
        for person in EVERY_PERSON
    }
    assert shown == written


@pytest.mark.parametrize(("state", "action", "role"), ALLOWED)
def test_a_stale_page_is_refused_as_stale(people, state, action, role):
    """The person may take the action, but the report moved on since their page loaded."""
    report = report_in(state, people)
    other_state = "withdrawn" if state != "withdrawn" else "draft"
    with pytest.raises(StaleReport):
        report_apply(report_id=report.pk, action=action, actor=people[role],
                     expected_status=other_state, **params_for(action, people))  # fmt: skip
    assert Report.objects.get(pk=report.pk).status == state
    assert not Event.objects.filter(report=report).exists()


def test_same_status_actions_keep_the_status():
    """The actions the policy reads as "no change of state" (classify, ask the citizen,
    publish …) keep the status in the engine too."""
    keeps = {
        ("submitted", "classify"), ("returned", "classify"), ("in_progress", "add_co_handler"),
        ("in_progress", "ask_citizen"), ("in_progress", "request_extension"),
        ("in_progress", "decide_extension"), ("answered", "rate"), ("answered", "publish"),
        ("answered", "unpublish"), ("closed", "publish"), ("closed", "unpublish"),
    }  # fmt: skip
    assert {(t.state, t.action) for t in TRANSITIONS if t.to_state == SAME} == keeps


ACTING_UNIT = {"coordinator": "centre", "operator": "centre", "handler": "department",
               "leader": "department", "reporter": None}  # fmt: skip


@pytest.mark.parametrize(("state", "action", "role"), ALLOWED)
def test_each_event_names_the_unit_the_actor_acted_for(people, state, action, role):
    """The unit in whose name the officer acted, as it was before the action: the department
    that transfers a report back or passes it to its sub-unit, not the unit it goes to."""
    report = report_in(state, people)
    if action == "request_extension":
        Report.objects.filter(pk=report.pk).update(extension_requested_days=None)
    report_apply(report_id=report.pk, action=action, actor=people[role],
                 **params_for(action, people))  # fmt: skip
    expected = ACTING_UNIT[role] and people[ACTING_UNIT[role]]
    assert Event.objects.get(report=report, action=action).actor_unit == expected


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
