"""Who may do what with the campaigns and the review report: one place, asked by every page,
export and task (never re-derived in a view or template)."""

from django.db.models import QuerySet

from pakn.organisations.models import Membership, MembershipRole, Unit

# The officers of a unit who send its figures (and are reminded to).
REPORTING_ROLES = (MembershipRole.LEADER, MembershipRole.UNIT_ADMIN, MembershipRole.HANDLER)
# Province coordinators manage campaigns; coordinators and read-only followers (the province
# committee's office) read the province tables and the review report.
MANAGING_ROLES = (MembershipRole.COORDINATOR,)
FOLLOWING_ROLES = (MembershipRole.COORDINATOR, MembershipRole.VIEWER)


def _memberships(user, roles) -> QuerySet[Membership]:
    if not user.is_authenticated or not user.is_active:
        return Membership.objects.none()
    return Membership.objects.filter(user=user, is_active=True, role__in=roles)


def units_reporting_for(user) -> QuerySet[Unit]:
    """The units whose figures ``user`` sends (their own units, not sub-units)."""
    unit_ids = _memberships(user, REPORTING_ROLES).values("unit_id")
    return Unit.objects.filter(pk__in=unit_ids, is_active=True).order_by("name")


def figures_may_submit(user, unit: Unit) -> bool:
    return unit.is_active and _memberships(user, REPORTING_ROLES).filter(unit=unit).exists()


def campaigns_may_manage(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or _memberships(user, MANAGING_ROLES).exists()


def campaigns_may_follow(user) -> bool:
    """The province tables of every unit's figures and the review report."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or _memberships(user, FOLLOWING_ROLES).exists()
