"""Read-only queries behind the portal's own pages (announcements, directory, guides, online
services). Each returns plain lists so that the result can be cached between requests."""

from dataclasses import dataclass, field

from django.db.models import F, Window
from django.db.models.functions import RowNumber

from pakn.portal.models import (
    AboutPage,
    Announcement,
    AnnouncementKind,
    DirectoryEntry,
    Guide,
    OnlineServiceLink,
)

HOME_BANNER_LIMIT = 5
HOME_PER_KIND_LIMIT = 4


def announcement_published_get(*, slug: str) -> Announcement | None:
    return Announcement.objects.published().filter(slug=slug).first()


def announcements_published(*, kind: str | None = None):
    """Published announcements, newest first (a queryset, for the paginated list)."""
    announcements = Announcement.objects.published()
    if kind:
        announcements = announcements.filter(kind=kind)
    return announcements.order_by("-publish_at", "-id")


def announcements_banner() -> list[Announcement]:
    return list(announcements_published().filter(is_banner=True)[:HOME_BANNER_LIMIT])


@dataclass
class AnnouncementGroup:
    kind: str
    label: str
    announcements: list[Announcement] = field(default_factory=list)


def announcements_latest_by_kind(*, limit: int = HOME_PER_KIND_LIMIT) -> list[AnnouncementGroup]:
    """The latest few of each kind in one query (a window numbering each kind's rows),
    in the order of AnnouncementKind; kinds with nothing published are left out."""
    ranked = (
        Announcement.objects.published()
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("kind")],
                order_by=[F("publish_at").desc(), F("id").desc()],
            )
        )
        .filter(rank__lte=limit)
        .order_by("kind", "rank")
    )
    groups = {kind: AnnouncementGroup(kind, label) for kind, label in AnnouncementKind.choices}
    for announcement in ranked:
        groups[announcement.kind].announcements.append(announcement)
    return [group for group in groups.values() if group.announcements]


@dataclass
class DirectoryGroup:
    name: str
    entries: list[DirectoryEntry] = field(default_factory=list)


def directory_groups() -> list[DirectoryGroup]:
    """Entries grouped, groups in the order of their first entry (the administrators'
    order: emergency numbers can come first whatever their name)."""
    groups: dict[str, DirectoryGroup] = {}
    for entry in DirectoryEntry.objects.order_by("order", "group", "name"):
        groups.setdefault(entry.group, DirectoryGroup(entry.group)).entries.append(entry)
    return list(groups.values())


def guides_list() -> list[Guide]:
    return list(Guide.objects.defer("body").order_by("order", "title"))


def about_page_get() -> AboutPage | None:
    return AboutPage.objects.first()


def guide_get(*, slug: str) -> Guide | None:
    return Guide.objects.filter(slug=slug).first()


def online_services_list() -> list[OnlineServiceLink]:
    return list(OnlineServiceLink.objects.order_by("order", "name"))
