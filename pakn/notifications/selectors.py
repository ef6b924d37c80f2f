"""Read-only queries: a person's notifications and who is told about a report."""

from collections.abc import Collection

from django.db.models import QuerySet

from pakn.notifications.models import Notification, NotificationMute
from pakn.organisations.models import Membership, MembershipRole


def notifications_of(user) -> QuerySet[Notification]:
    """The user's notifications, newest first (one query, no joins needed by the list)."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def notifications_unread_count_get(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def unit_officers(unit_id: int | None, roles: Collection[str]) -> list:
    """Active officers holding one of ``roles`` in exactly this unit (not its parents: a
    province leader is not told of every report of every department)."""
    if unit_id is None:
        return []
    memberships = (
        Membership.objects.filter(
            unit_id=unit_id, role__in=roles, is_active=True, user__is_active=True
        )
        .select_related("user")
        .order_by("user_id")
    )
    seen, users = set(), []
    for membership in memberships:
        if membership.user_id not in seen:
            seen.add(membership.user_id)
            users.append(membership.user)
    return users


LEADER_ROLES = (MembershipRole.LEADER,)
HANDLER_ROLES = (MembershipRole.HANDLER,)
COORDINATOR_ROLES = (MembershipRole.COORDINATOR,)


def muted_channels(*, user, kind: str) -> frozenset[str]:
    """The copies of ``kind`` that ``user`` turned off (never the in-app notification)."""
    return frozenset(
        NotificationMute.objects.filter(user=user, kind=kind).values_list("channel", flat=True)
    )


def notification_mutes_of(user) -> set[tuple[str, str]]:
    """Every (kind, channel) ``user`` turned off."""
    return set(NotificationMute.objects.filter(user=user).values_list("kind", "channel"))
