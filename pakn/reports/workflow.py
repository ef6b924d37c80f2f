"""The life of a report as data (DESIGN.md §3, STYLE.md principle 3).

TRANSITIONS lists every allowed (state, action) with the roles that may take it and the state
it leads to. ``report_apply`` is the one function that changes a report: it locks the row,
checks the actor's role on this report, runs the action's effect, writes the Event and
leaves notifications to run after commit. Pages, API, admin and commands all call it.

``report_actions_available`` answers "what may this person do with this report now?" from the
same table, roles and guards, so a page never offers what ``report_apply`` would refuse.
A guard belongs to its action's handler: the condition on the report as it stands (one
extension, the return limit, the rating window) that no form input can change."""

import dataclasses
from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from pakn.core.public_cache import public_cache_bump
from pakn.organisations.models import MembershipRole
from pakn.reports.access import co_handling_unit_of, report_roles
from pakn.reports.models import Event, Report
from pakn.reports.models import ReportStatus as S
from pakn.reports.signals import report_changed, send_on_commit

SAME = "same"  # the action leaves the status as it is


@dataclasses.dataclass(frozen=True)
class Transition:
    state: str
    action: str
    roles: frozenset[str]
    to_state: str
    public: bool = True  # does the reporter see the event in the timeline


# `pragma: no mutate`: `_t` and `register` run once, at import, before mutmut can switch a
# mutant on, so mutating them proves nothing; the table they build is checked against the
# hand-written policy (pakn/reports/tests/policy.py) instead.
def _t(states, action, roles, to_state, public=True):  # pragma: no mutate
    roles = frozenset(roles)  # pragma: no mutate
    return [Transition(s, action, roles, to_state, public) for s in states]  # pragma: no mutate


COORDINATOR = {"coordinator"}
UNIT = MembershipRole.HANDLING
# An officer of a unit invited to co-handle (đơn vị phối hợp): gives its opinion, nothing more.
CO_HANDLER = {"co_handler"}
# Where a unit holds the report (and may write to the reporter); the reporter may also write
# before any unit does. A finished report is closed for messages (trao đổi).
UNIT_HOLDS = [S.ASSIGNED, S.IN_PROGRESS, S.PENDING_APPROVAL, S.PENDING_REVIEW, S.ANSWERED]
TRANSITIONS: list[Transition] = [
    *_t([S.DRAFT], "submit", {"reporter", "operator"}, S.SUBMITTED),
    *_t([S.SUBMITTED, S.ASSIGNED], "withdraw", {"reporter"}, S.WITHDRAWN),
    *_t([S.SUBMITTED, S.RETURNED], "classify", COORDINATOR, SAME, public=False),
    *_t([S.SUBMITTED, S.RETURNED], "reject", COORDINATOR, S.REJECTED),
    *_t([S.SUBMITTED, S.RETURNED], "merge", COORDINATOR, S.MERGED),
    *_t([S.SUBMITTED, S.RETURNED], "forward", COORDINATOR, S.ASSIGNED),
    # A province's coordinator sends a proposal up to the ministry in charge (national mode).
    *_t([S.SUBMITTED, S.RETURNED], "forward_up", COORDINATOR, S.SUBMITTED),
    *_t([S.ASSIGNED], "accept", UNIT, S.IN_PROGRESS),
    *_t([S.ASSIGNED, S.IN_PROGRESS], "return", UNIT, S.RETURNED, public=False),
    *_t([S.IN_PROGRESS], "forward_sub_unit", UNIT, S.ASSIGNED, public=False),
    *_t([S.IN_PROGRESS], "add_co_handler", UNIT, SAME, public=False),
    *_t([S.IN_PROGRESS], "give_opinion", CO_HANDLER, SAME, public=False),
    *_t([S.IN_PROGRESS], "ask_citizen", UNIT, SAME),
    *_t([S.IN_PROGRESS], "request_extension", UNIT, SAME, public=False),
    *_t([S.IN_PROGRESS], "decide_extension", COORDINATOR, SAME),
    *_t([S.IN_PROGRESS], "submit_answer", {"handler"}, S.PENDING_APPROVAL, public=False),
    *_t([S.PENDING_APPROVAL], "approve_answer", {"leader"}, S.ANSWERED),
    *_t([S.PENDING_APPROVAL], "send_back_answer", {"leader"}, S.IN_PROGRESS, public=False),
    *_t([S.PENDING_REVIEW], "review_answer", COORDINATOR, S.ANSWERED),
    *_t([S.PENDING_REVIEW], "send_back_answer", COORDINATOR, S.IN_PROGRESS, public=False),
    *_t([S.ANSWERED], "rate", {"reporter"}, SAME),
    *_t([S.ANSWERED, S.CLOSED], "publish", COORDINATOR, SAME, public=False),
    *_t([S.ANSWERED, S.CLOSED], "unpublish", COORDINATOR, SAME, public=False),
    *_t([S.ANSWERED], "reopen", COORDINATOR, S.IN_PROGRESS),
    *_t([S.ANSWERED], "close", COORDINATOR, S.CLOSED),
    # The exchange: the reporter's reply (which restarts a clock paused by a question) and
    # the unit's message. Internal events: the messages themselves are the public record.
    *_t([S.SUBMITTED, S.RETURNED, *UNIT_HOLDS], "reply", {"reporter"}, SAME, public=False),
    *_t(UNIT_HOLDS, "message", UNIT, SAME, public=False),
]
TRANSITION_INDEX = {(t.state, t.action): t for t in TRANSITIONS}
ACTIONS = sorted({t.action for t in TRANSITIONS})
ROLES = sorted({role for t in TRANSITIONS for role in t.roles})


class WorkflowError(Exception):
    """A refusal the actor should read; ``str(error)`` is the message."""


class TransitionNotAllowed(WorkflowError):
    pass


class StaleReport(WorkflowError):
    """Someone else changed the report since the actor loaded it."""


@dataclasses.dataclass
class Effect:
    """What an action's handler decided, beyond the status change."""

    note: str = ""
    internal_note: str = ""  # for officers only, whoever may see the event
    to_unit_id: int | None = None
    public: bool | None = None
    to_status: str | None = None  # overrides the table (e.g. approval that needs review)


ActionHandler = Callable[..., Effect | None]
# A guard reads the report as it stands and returns why the action cannot apply now, or
# None when it can.
ActionGuard = Callable[[Report], str | None]
HANDLERS: dict[str, ActionHandler] = {}
GUARDS: dict[str, ActionGuard] = {}


def action_handler(name: str, *, guard: ActionGuard | None = None):
    def register(function: ActionHandler) -> ActionHandler:
        HANDLERS[name] = function  # pragma: no mutate
        if guard is not None:  # pragma: no mutate
            GUARDS[name] = guard  # pragma: no mutate
        return function

    return register


def _guard_refusal(action: str, report: Report) -> str | None:
    guard = GUARDS.get(action)
    return guard(report) if guard else None


def report_apply(
    *,
    report_id: int,
    action: str,
    actor,
    expected_status: str | None = None,
    ip_address: str | None = None,
    actor_unit=None,
    **params,
) -> Report:
    """Applies ``action`` to the report on behalf of ``actor``, or raises without change."""
    with transaction.atomic():
        report = (
            # Only the report row is locked: PostgreSQL refuses to lock the nullable side
            # of the joins that bring its units along.
            Report.objects.select_for_update(of=("self",))
            .select_related("current_unit", "coordinating_unit")
            .get(pk=report_id)
        )
        transition, roles = _allowed(report, action, actor, expected_status)
        from_status, from_unit_id = report.status, report.current_unit_id
        # The unit the actor acts for, read before the action moves the report (a return
        # clears the current unit, a forward to a sub-unit replaces it).
        acting_unit = actor_unit or _acting_unit(actor, report, roles)
        # Every transition has its handler (test_every_action_has_a_handler).
        effect = HANDLERS[action](report=report, actor=actor, **params) or Effect()
        to_status = effect.to_status or (
            from_status if transition.to_state == SAME else transition.to_state
        )
        report.status = to_status
        report.save()
        event = Event.objects.create(
            report=report,
            action=action,
            actor=actor,
            actor_unit=acting_unit,
            from_status=from_status,
            to_status=to_status,
            from_unit_id=from_unit_id,
            to_unit_id=effect.to_unit_id
            if effect.to_unit_id is not None
            else report.current_unit_id,
            note=effect.note,
            internal_note=effect.internal_note,
            is_public=transition.public if effect.public is None else effect.public,
            deadline=report.answer_deadline,
            ip_address=ip_address,
        )
        # Statistics and published pages may change with any action: expire them, and let
        # the notifications know, once the change has committed.
        public_cache_bump()
        send_on_commit(report_changed, report_id=report.pk, event_id=event.pk, action=action)
        return report


def _allowed(report: Report, action: str, actor, expected_status: str | None):
    """The decision, in the order a page tells it: stale, wrong state, wrong role, guard."""
    if expected_status is not None and report.status != expected_status:
        raise StaleReport(
            _("Phản ánh này vừa được người khác xử lý và đã chuyển sang trạng thái “%(status)s”.")
            % {"status": report.get_status_display()}
        )
    transition = TRANSITION_INDEX.get((report.status, action))
    if transition is None:
        raise TransitionNotAllowed(
            _("Không thể thực hiện thao tác này khi phản ánh đang ở trạng thái “%(status)s”.")
            % {"status": report.get_status_display()}
        )
    roles = report_roles(actor, report)
    if not roles & transition.roles:
        raise PermissionDenied(f"{action} not allowed for roles {sorted(roles)}")
    refusal = _guard_refusal(action, report)
    if refusal is not None:
        raise TransitionNotAllowed(refusal)
    return transition, roles


def report_action_check(
    *, report: Report, action: str, actor, expected_status: str | None = None
) -> None:
    """Raises what report_apply would raise before reading the action's input, without
    changing anything: for a page whose form could not be read, so that a stale or forbidden
    post is answered as such rather than with the form's errors."""
    _allowed(report, action, actor, expected_status)


def _acting_unit(actor, report: Report, roles: set[str]):
    if roles & MembershipRole.COORDINATING:
        return report.coordinating_unit
    if roles & MembershipRole.HANDLING:
        return report.current_unit
    if roles & CO_HANDLER:
        return co_handling_unit_of(actor, report)
    return None


def report_actions_available(actor, report: Report) -> list[str]:
    """The actions ``actor`` may take on ``report`` now, in the table's order: those of its
    state that one of the actor's roles may take and whose guard lets through. Every page's
    and the API's list of actions is this list; ``report_apply`` refuses any other."""
    roles = report_roles(actor, report)
    return [
        t.action
        for t in TRANSITIONS
        if t.state == report.status and t.roles & roles and _guard_refusal(t.action, report) is None
    ]
