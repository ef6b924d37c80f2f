"""What the officers' own frame (templates/backoffice/base_backoffice.html) shows on every
page: who is at work, for which units and in which roles, and the inbox tabs those roles
call for."""

import dataclasses

from django.core.cache import cache

from pakn.backoffice.desk.selectors import InboxTab, OfficerScope, inbox_tabs_for
from pakn.organisations.models import Membership, MembershipRole

# The frame is read on every officer page: kept briefly per officer so that it adds no query
# to a page (a change of roles forgets it: ``officer_frame_forget``).
FRAME_CACHE_SECONDS = 60


@dataclasses.dataclass(frozen=True)
class OfficerFrame:
    memberships: tuple[tuple[str, str], ...]  # (role, unit name)

    @property
    def roles(self) -> list[tuple[str, str]]:
        labels = dict(MembershipRole.choices)
        return [(labels.get(role, role), unit) for role, unit in self.memberships]

    @property
    def unit_names(self) -> list[str]:
        return list(dict.fromkeys(unit for _role, unit in self.memberships))

    @property
    def support_agent(self) -> bool:
        """Whether the header offers the online support console."""
        return any(role == MembershipRole.SUPPORT_AGENT for role, _unit in self.memberships)

    @property
    def operator(self) -> bool:
        """Whether the header offers the hotline's call intake."""
        return any(role == MembershipRole.OPERATOR for role, _unit in self.memberships)

    @property
    def call_log_reader(self) -> bool:
        """Whether the header offers the call log (operators and coordinators)."""
        return any(
            role in (MembershipRole.OPERATOR, MembershipRole.COORDINATOR)
            for role, _unit in self.memberships
        )

    @property
    def mail_intake(self) -> bool:
        """Whether the header offers the e-mail queue (coordinators and operators)."""
        return any(role in MembershipRole.COORDINATING for role, _unit in self.memberships)

    @property
    def tabs(self) -> list[InboxTab]:
        roles = {role for role, _unit in self.memberships}
        # Only whether the officer coordinates or handles decides which tabs exist.
        scope = OfficerScope(
            coordinating_paths=("-",) if roles & MembershipRole.COORDINATING else (),
            unit_paths=("-",) if roles & MembershipRole.HANDLING else (),
            leader_paths=(),
        )
        return inbox_tabs_for(scope)


def _memberships(user) -> tuple[tuple[str, str], ...]:
    return tuple(
        Membership.objects.filter(user=user, is_active=True)
        .order_by("unit__path", "role")
        .values_list("role", "unit__name")
    )


def _key(user_id: int) -> str:
    return f"backoffice:frame:{user_id}"


def officer_frame_get(user) -> OfficerFrame:
    memberships = cache.get_or_set(_key(user.pk), lambda: _memberships(user), FRAME_CACHE_SECONDS)
    return OfficerFrame(memberships=tuple(tuple(m) for m in memberships))


def officer_frame_forget(user_id: int) -> None:
    """A role granted or revoked shows in the header on the officer's next page."""
    cache.delete(_key(user_id))
