"""What the home page shows, read in a fixed number of queries whatever the number of
reports, sectors or announcements, and returned as plain values that can be cached."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import F, Prefetch, Window
from django.db.models.functions import Coalesce, RowNumber

from pakn.organisations.selectors import categories_public_list
from pakn.portal.content_selectors import announcements_banner, announcements_latest_by_kind
from pakn.reports.models import ANSWERED_STATUSES, Attachment, AttachmentKind, Report

ANSWERED_SECTORS_SHOWN = 6
ANSWERED_PER_SECTOR = 3


@dataclass(frozen=True)
class AnsweredReport:
    """A published, answered report as the home page lists it: its public text only."""

    code: str
    title: str
    category_name: str
    answered_at: datetime
    photo_id: int | None = None


@dataclass
class AnsweredSector:
    name: str
    reports: list[AnsweredReport] = field(default_factory=list)


def _public_photo_id(report: Report) -> int | None:
    """The report's first photo that has a public copy (re-encoded without EXIF, GPS and
    XMP); the page shows it through the public photo view, never the original upload."""
    return report.public_photos[0].pk if report.public_photos else None


def answered_reports_by_sector(
    *, sectors: int = ANSWERED_SECTORS_SHOWN, per_sector: int = ANSWERED_PER_SECTOR
) -> list[AnsweredSector]:
    """The latest published answers, a few per top-level sector, sectors with the most
    recent answer first. Two queries: the reports (numbered within their sector by a
    window function) and their public photos."""
    sector_id = Coalesce(F("category__parent_id"), F("category_id"))
    public_photos = (
        Attachment.objects.filter(
            kind=AttachmentKind.PHOTO,
            is_public=True,
            message__isnull=True,
            answer__isnull=True,
        )
        .exclude(public_file="")
        .only("id", "report_id")
        .order_by("created_at", "id")
    )
    reports = (
        Report.objects.filter(
            is_published=True,
            status__in=ANSWERED_STATUSES,
            answered_at__isnull=False,
            category__isnull=False,
            code__isnull=False,
        )
        .exclude(public_title="")
        .annotate(
            sector_id=sector_id,
            sector_rank=Window(
                RowNumber(),
                partition_by=[sector_id],
                order_by=[F("answered_at").desc(), F("id").desc()],
            ),
        )
        .filter(sector_rank__lte=per_sector)
        .select_related("category", "category__parent")
        .only(
            "id",
            "code",
            "public_title",
            "answered_at",
            "category__name",
            "category__parent__name",
        )
        .prefetch_related(Prefetch("attachments", public_photos, to_attr="public_photos"))
        .order_by("-answered_at", "-id")
    )
    grouped: dict[int, AnsweredSector] = {}
    for report in reports:
        sector = report.category.parent or report.category
        group = grouped.setdefault(sector.pk, AnsweredSector(sector.name))
        group.reports.append(
            AnsweredReport(
                code=report.code,
                title=report.public_title,
                category_name=report.category.name,
                answered_at=report.answered_at,
                photo_id=_public_photo_id(report),
            )
        )
    return list(grouped.values())[:sectors]


def home_content() -> dict:
    """Everything on the home page except the site settings and the charts (each cached on
    its own)."""
    return {
        "categories": categories_public_list(),
        "banner": announcements_banner(),
        "announcement_groups": announcements_latest_by_kind(),
        "answered_sectors": answered_reports_by_sector(),
    }
