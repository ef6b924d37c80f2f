"""Read-only queries about reports, with the permission rules of DESIGN.md §1: a citizen sees
their own reports; an officer sees what is or was in the hands of their units (subtrees)."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from pakn.organisations.models import Membership, MembershipRole, Unit
from pakn.reports.models import Event, Report


def _unit_paths(user, roles: tuple[str, ...] | None = None) -> list[str]:
    memberships = Membership.objects.filter(user=user, is_active=True)
    if roles is not None:
        memberships = memberships.filter(role__in=roles)
    return list(memberships.values_list("unit__path", flat=True))


def units_of(user, roles: tuple[str, ...] | None = None) -> QuerySet[Unit]:
    """Every unit in the subtrees where ``user`` holds one of ``roles`` (any role if None)."""
    paths = _unit_paths(user, roles)
    if not paths:
        return Unit.objects.none()
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return Unit.objects.filter(condition)


def reports_visible_to_officer(user) -> QuerySet[Report]:
    """Reports that are or were in the hands of the officer's units, or that their units
    coordinate. A report never sent to a unit is invisible to it."""
    units = units_of(user)
    was_there = Event.objects.filter(report=OuterRef("pk"), to_unit__in=units)
    return (
        Report.objects.exclude(status="draft")
        .filter(
            Q(current_unit__in=units)
            | Q(coordinating_unit__in=units)
            | Q(co_handling_units__in=units)
            | Exists(was_there)
        )
        .distinct()
    )


def report_roles(user, report: Report) -> set[str]:
    """The workflow roles ``user`` plays on ``report`` now."""
    roles: set[str] = set()
    if not user.is_authenticated:
        return roles
    if report.reporter_id == user.pk:
        roles.add("reporter")
    memberships = Membership.objects.filter(user=user, is_active=True).select_related("unit")
    for membership in memberships:
        unit_path = membership.unit.path
        if membership.role in (MembershipRole.COORDINATOR, MembershipRole.OPERATOR):
            if report.coordinating_unit_id and _in_subtree(report.coordinating_unit, unit_path):
                roles.add(membership.role)
        elif membership.role in (MembershipRole.HANDLER, MembershipRole.LEADER):
            if report.current_unit_id and _in_subtree(report.current_unit, unit_path):
                roles.add(membership.role)
    return roles


def _in_subtree(unit: Unit, path: str) -> bool:
    return unit.path.startswith(path)


def reports_of_reporter(user) -> QuerySet[Report]:
    return Report.objects.filter(reporter=user)
