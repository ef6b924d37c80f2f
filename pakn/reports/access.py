"""Who may see and act on a report (STYLE.md 13): the workflow roles a person plays on one
report, the units of an officer, and the reports visible to an officer (DESIGN.md §1: a
citizen sees their own reports; an officer sees what is or was in the hands of their units'
subtrees). Pages, the API, tasks and the workflow all ask these; none re-derives them."""

from django.db.models import Q, QuerySet

from pakn.organisations.models import MembershipRole, Unit, UnitKind, subtree_condition
from pakn.organisations.selectors import memberships_active_of
from pakn.reports.models import Event, InboundEmail, Report


def _unit_paths(user, roles: tuple[str, ...] | None = None) -> list[str]:
    return [
        membership.unit_path
        for membership in memberships_active_of(user)
        if roles is None or membership.role in roles
    ]


def units_of(user, roles: tuple[str, ...] | None = None) -> QuerySet[Unit]:
    """Every unit in the subtrees where ``user`` holds one of ``roles`` (any role if None)."""
    return units_under(_unit_paths(user, roles))


def units_under(paths) -> QuerySet[Unit]:
    """The units whose materialised path starts with one of ``paths``: one index range scan
    per path, used as ``unit_id IN (SELECT …)`` so a report filter stays a condition on the
    report row (no join that multiplies rows, no DISTINCT)."""
    return Unit.objects.subtree_of(*paths)


def report_visibility_condition(user) -> Q:
    """What an officer may see, as a condition on the report row (STYLE.md 13, 14): the
    report is not a draft and its current or coordinating unit is in one of the officer's
    subtrees, or a unit there co-handles it, or an event once sent it to a unit there. The
    inbox, the desk, the dashboard links and any future API all filter with this condition;
    nothing builds a set of report ids."""
    rows = [(m.unit_path, m.unit_depth) for m in memberships_active_of(user)]
    if not rows:
        return Q(pk__in=[])
    paths = sorted({path for path, _depth in rows})
    through = Report.co_handling_units.through
    if _covers_every_unit(paths, [p for p, depth in rows if depth == 1]):
        # The root coordinating centre: every unit is theirs, so the subtree tests drop out
        # and what is left is "was ever in the hands of some unit" (a report always has its
        # coordinating unit once sent, so PostgreSQL stops at the first test and never
        # builds the sub-plans below).
        return ~Q(status="draft") & (
            Q(coordinating_unit__isnull=False)
            | Q(current_unit__isnull=False)
            | Q(pk__in=through.objects.values("report_id"))
            | Q(pk__in=Event.objects.filter(to_unit__isnull=False).values("report_id"))
        )
    # The unit ids as literals (a province has a few hundred units; one officer's subtrees
    # far fewer): PostgreSQL then estimates the row filter for what it costs, where the
    # same ids as sub-selects made it guess hundreds of thousands and spend seconds on JIT.
    units = list(units_under(paths).values_list("pk", flat=True))
    # "A unit there co-handles it / was sent it" as uncorrelated ``IN (SELECT report_id …)``
    # rather than EXISTS: inside an OR, PostgreSQL runs both as one hashed sub-plan, but
    # costs a correlated EXISTS as one probe per report, which at 20,000 reports already
    # pushed the estimate past the JIT threshold (0.8-4 s of compilation for a 30 ms query).
    return ~Q(status="draft") & (
        Q(current_unit__in=units)
        | Q(coordinating_unit__in=units)
        | Q(pk__in=through.objects.filter(unit__in=units).values("report_id"))
        | Q(pk__in=Event.objects.filter(to_unit__in=units).values("report_id"))
    )


def _covers_every_unit(paths: list[str], root_paths: list[str]) -> bool:
    """True when the officer's memberships include every root of the unit tree (in practice:
    the province's one coordinating centre), asked only of officers who sit at a root."""
    if not root_paths:
        return False
    return not Unit.objects.filter(depth=1).exclude(path__in=root_paths).exists()


def reports_visible_to_officer(user) -> QuerySet[Report]:
    """Reports that are or were in the hands of the officer's units, or that their units
    coordinate. A report never sent to a unit is invisible to it."""
    return Report.objects.filter(report_visibility_condition(user))


def report_visible_to_officer(user, report: Report) -> bool:
    """Whether the officer may see this one report: the same condition, checked on its row
    alone (a primary-key lookup), so the desk never scans the visible set."""
    return Report.objects.filter(pk=report.pk).filter(report_visibility_condition(user)).exists()


# The states in which a co-handling unit has something to do (give its opinion): only then
# is the report's list of co-handling units read, so other reports cost no extra query.
CO_HANDLING_STATES = ("in_progress",)


def report_roles(user, report: Report) -> set[str]:
    """The workflow roles ``user`` plays on ``report`` now. ``co_handler``: a handler or
    leader of a unit invited to co-handle it (not of the unit holding it)."""
    roles: set[str] = set()
    if not user.is_authenticated:
        return roles
    if report.reporter_id == user.pk:
        roles.add("reporter")
    if report.entered_by_id == user.pk:
        # The operator who typed the report for a caller sends it (and nothing more: the
        # table gives "operator" no other action).
        roles.add(MembershipRole.OPERATOR)
    other_handling_paths = []
    for membership in memberships_active_of(user):
        unit_path = membership.unit_path
        if membership.role in MembershipRole.COORDINATING:
            if report.coordinating_unit_id and report.coordinating_unit.in_subtree_of(unit_path):
                roles.add(membership.role)
        elif membership.role in MembershipRole.HANDLING:
            if report.current_unit_id and report.current_unit.in_subtree_of(unit_path):
                roles.add(membership.role)
            else:
                other_handling_paths.append(unit_path)
    if (
        other_handling_paths
        and report.status in CO_HANDLING_STATES
        and not roles & MembershipRole.HANDLING
        and _co_handling_unit(report, other_handling_paths) is not None
    ):
        roles.add("co_handler")
    return roles


def _co_handling_unit(report: Report, paths: list[str]) -> Unit | None:
    """The first co-handling unit of the report under one of ``paths``."""
    if report.pk is None:
        return None
    return report.co_handling_units.filter(subtree_condition(paths)).order_by("path").first()


def co_handling_unit_of(user, report: Report) -> Unit | None:
    """The co-handling unit in whose name ``user`` gives an opinion on ``report``."""
    paths = _unit_paths(user, tuple(MembershipRole.HANDLING))
    return _co_handling_unit(report, paths) if paths else None


def inbound_emails_visible_to(user) -> QuerySet[InboundEmail]:
    """The e-mail queue an officer works on: the drafts made from mail whose coordinating
    unit is in the subtree of a unit where they coordinate or take calls (coordinator,
    operator), and, for those who act for a coordinating centre, the messages that could not
    be read (they have no unit yet). Nobody else sees a sender's mail."""
    paths = _unit_paths(user, roles=tuple(MembershipRole.COORDINATING))
    if not paths:
        return InboundEmail.objects.none()
    condition = Q(report__coordinating_unit__in=units_under(paths))
    if units_under(paths).filter(kind=UnitKind.COORDINATING_CENTRE).exists():
        condition |= Q(report__isnull=True)
    return InboundEmail.objects.filter(condition)
