"""What the public side reads about published reports: one report's page, a page of search
results with thumbnails, the public photos, and the map's clusters. Selectors only; nothing
here ever reads the reporter, the original title and content, or the private exchange."""

import math
from dataclasses import dataclass, field

from django.db.models import Avg, Count, FloatField, Max, Min, Q, QuerySet, Value
from django.db.models.functions import Cast, Floor

from pakn.core.personal_numbers import personal_numbers_mask
from pakn.core.typed_input import KnownCountPaginator
from pakn.reports.models import (
    Answer,
    AnswerStatus,
    Attachment,
    AttachmentKind,
    Rating,
    Report,
)
from pakn.reports.search import SORT_NEWEST, PublicSearchParams, reports_public

SEARCH_PAGE_SIZE = 20


@dataclass
class PublicReportPage:
    """One published report as its public page shows it."""

    report: Report
    answers: list[Answer]
    photos: list[Attachment]
    rating: Rating | None


def report_public_get(*, code: str) -> PublicReportPage:
    """The published report with this code, its published answers with their public photos,
    its own public photos and its rating. Raises Report.DoesNotExist unless published.
    Four queries."""
    report = reports_public().get(code=code)
    answers = list(
        Answer.objects.filter(report=report, status=AnswerStatus.PUBLISHED)
        .select_related("unit")
        .order_by("published_at", "id")
    )
    files = list(
        attachments_public().filter(
            Q(report=report) | Q(answer__in=[answer.pk for answer in answers])
        )
    )
    for answer in answers:
        answer.public_photos = [f for f in files if f.answer_id == answer.pk]
    rating = Rating.objects.filter(report=report).first()
    if rating is not None:
        # Shown as the citizen wrote it, reviewed by nobody: phone and ID numbers masked.
        rating.comment = personal_numbers_mask(rating.comment)
    return PublicReportPage(
        report=report,
        answers=answers,
        photos=[f for f in files if f.report_id == report.pk],
        rating=rating,
    )


def attachments_public() -> QuerySet[Attachment]:
    """Files that have a public copy (photos re-encoded without EXIF, GPS or XMP) and that
    the coordinator left public. The originals are never served publicly."""
    return (
        Attachment.objects.filter(is_public=True, kind=AttachmentKind.PHOTO)
        .exclude(public_file="")
        .order_by("id")
    )


def attachment_public_get(*, code: str, attachment_id: int) -> Attachment:
    """A public photo of a published report or of its published answer, else DoesNotExist."""
    report_id = reports_public(with_relations=False).values("pk").get(code=code)["pk"]
    return attachments_public().get(
        Q(report_id=report_id)
        | Q(answer__report_id=report_id, answer__status=AnswerStatus.PUBLISHED),
        pk=attachment_id,
    )


# --- A page of search results ----------------------------------------------------------------


@dataclass
class PublicSearchResults:
    """A page of results in plain values, so that it can be cached."""

    count: int
    number: int
    num_pages: int
    reports: list[Report] = field(default_factory=list)
    # More reports match than ``count`` (which then is RESULTS_CAP).
    more: bool = False

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def reports_public_search_page(
    *, params: PublicSearchParams, page: int | str | None, per_page: int = SEARCH_PAGE_SIZE
) -> PublicSearchResults:
    """One page of results; each report carries ``thumbnail`` (its first public photo, or
    None). Three queries whatever the page size and the number of matches: a capped count,
    the page and its photos (four with the relevance candidates); beyond RESULTS_CAP matches
    the last pages are not offered."""
    count, more = params.count()
    paginator = KnownCountPaginator(params.search(), per_page, count=count)
    current = paginator.get_page(page)
    reports = list(current.object_list)
    photo_of: dict[int, Attachment] = {}
    for photo in attachments_public().filter(report_id__in=[r.pk for r in reports]):
        photo_of.setdefault(photo.report_id, photo)
    for report in reports:
        report.thumbnail = photo_of.get(report.pk)
    return PublicSearchResults(
        count=count,
        more=more,
        number=current.number,
        num_pages=paginator.num_pages,
        reports=reports,
    )


# --- The map ---------------------------------------------------------------------------------

MAP_MAX_ZOOM = 18
# Clusters are cells of a grid of about 64 screen pixels: 4 per 256-pixel map tile.
CELLS_PER_TILE = 4
# From this zoom on, every report is its own marker (a street's reports are few).
MAP_POINTS_ZOOM = 17
MAP_MAX_POINTS = 1000
# Markers whose centres come closer than this on screen are merged into one cluster: the
# widest cluster icon (public-map.js) is 52 pixels, a pin 25.
MAP_MIN_MARKER_SPACING_PX = 56
MAP_CELL_PX = 256 / CELLS_PER_TILE
# The first view of the public map: the whole province (Khánh Hòa with the former Ninh Thuận,
# mainland), south-west and north-east corners as (latitude, longitude).
PROVINCE_MAP_BOUNDS = ((11.25, 108.55), (12.95, 109.50))


def map_cell_size(zoom: int) -> float:
    """The side of a grid cell in degrees at a zoom level (a tile spans 360 / 2**zoom)."""
    return 360.0 / (2**zoom) / CELLS_PER_TILE


def map_bbox_snap(
    bbox: tuple[float, float, float, float], zoom: int
) -> tuple[float, float, float, float]:
    """The bounding box widened to whole grid cells: the same clusters whatever the exact
    view, so that nearby views share one cached answer."""
    cell = map_cell_size(zoom)
    west, south, east, north = bbox
    return (
        max(math.floor(west / cell) * cell, -180.0),
        max(math.floor(south / cell) * cell, -90.0),
        min(math.ceil(east / cell) * cell, 180.0),
        min(math.ceil(north / cell) * cell, 90.0),
    )


def reports_public_map(
    *, bbox: tuple[float, float, float, float], zoom: int, params: PublicSearchParams
) -> dict:
    """Published reports with a position inside ``bbox`` (west, south, east, north), grouped
    into grid cells whose size follows the zoom level: a cell holding one report is a point
    (code, title, status, position), a cell holding more is a cluster (count, centre, bounds).

    Written by hand because no maintained package clusters on the server for SQLite and
    PostgreSQL alike (django-leaflet ships no clustering at all, and browser-side plugins
    would need every report sent to every visitor). One GROUP BY query on any database: the
    cell of a report is floor(longitude / size), floor(latitude / size); in a cell of one,
    MIN(code) and MIN(title) are that report's own."""
    west, south, east, north = map_bbox_snap(bbox, zoom)
    reports = (
        PublicSearchParams(**{**params.__dict__, "sort": SORT_NEWEST})
        .search()
        .filter(
            latitude__isnull=False,
            longitude__isnull=False,
            latitude__gte=south,
            latitude__lte=north,
            longitude__gte=west,
            longitude__lte=east,
        )
        .order_by()
    )
    if zoom >= MAP_POINTS_ZOOM:
        rows = reports.values_list("code", "public_title", "status", "latitude", "longitude")
        points = [_point(*row) for row in rows[:MAP_MAX_POINTS]]
        return {"zoom": zoom, "clusters": [], "points": points}
    cell = Value(map_cell_size(zoom), output_field=FloatField())
    groups = (
        reports.annotate(
            cell_x=Floor(Cast("longitude", FloatField()) / cell),
            cell_y=Floor(Cast("latitude", FloatField()) / cell),
        )
        .values("cell_x", "cell_y")
        .annotate(
            count=Count("id"),
            lat=Avg(Cast("latitude", FloatField())),
            lng=Avg(Cast("longitude", FloatField())),
            south=Min("latitude"),
            north=Max("latitude"),
            west=Min("longitude"),
            east=Max("longitude"),
            code=Min("code"),
            title=Min("public_title"),
            status=Min("status"),
        )
        .order_by("cell_y", "cell_x")
    )
    markers = [
        {
            "count": group["count"],
            "lat": float(group["lat"]),
            "lng": float(group["lng"]),
            "bounds": [
                [float(group["south"]), float(group["west"])],
                [float(group["north"]), float(group["east"])],
            ],
            "point": _point(
                group["code"], group["title"], group["status"], group["lat"], group["lng"]
            )
            if group["count"] == 1
            else None,
        }
        for group in groups
    ]
    return _markers_answer(markers, zoom=zoom)


def _markers_answer(markers: list[dict], *, zoom: int) -> dict:
    """The map's answer: close markers merged, then clusters and single points apart."""
    clusters, points = [], []
    for marker in _markers_merge_close(markers, cell_degrees=map_cell_size(zoom)):
        if marker["point"] is not None:
            points.append(marker["point"])
        else:
            clusters.append(
                {
                    "count": marker["count"],
                    "lat": round(marker["lat"], 6),
                    "lng": round(marker["lng"], 6),
                    "bounds": marker["bounds"],
                }
            )
    return {"zoom": zoom, "clusters": clusters, "points": points}


def _pixels_apart(a: dict, b: dict, *, cell_degrees: float) -> float:
    """The on-screen distance of two markers (Web Mercator: a degree of latitude is
    1 / cos(latitude) times longer than a degree of longitude)."""
    scale = MAP_CELL_PX / cell_degrees
    dx = (a["lng"] - b["lng"]) * scale
    dy = (a["lat"] - b["lat"]) * scale / math.cos(math.radians((a["lat"] + b["lat"]) / 2))
    return math.hypot(dx, dy)


def _markers_merge_close(markers: list[dict], *, cell_degrees: float) -> list[dict]:
    """Markers of neighbouring cells whose centres lie near their shared edge would overlap
    on screen: each such pair becomes one cluster (weighted centre, summed count, joined
    bounds), biggest first, until no two are too close. A view holds a few hundred cells at
    most, so the pairwise check stays small."""
    merged = True
    while merged:
        merged = False
        kept: list[dict] = []
        for marker in sorted(markers, key=lambda m: -m["count"]):
            near = next(
                (
                    k
                    for k in kept
                    if _pixels_apart(k, marker, cell_degrees=cell_degrees)
                    < MAP_MIN_MARKER_SPACING_PX
                ),
                None,
            )
            if near is None:
                kept.append(dict(marker))
                continue
            total = near["count"] + marker["count"]
            near["lat"] = (near["lat"] * near["count"] + marker["lat"] * marker["count"]) / total
            near["lng"] = (near["lng"] * near["count"] + marker["lng"] * marker["count"]) / total
            near["bounds"] = [
                [
                    min(near["bounds"][0][0], marker["bounds"][0][0]),
                    min(near["bounds"][0][1], marker["bounds"][0][1]),
                ],
                [
                    max(near["bounds"][1][0], marker["bounds"][1][0]),
                    max(near["bounds"][1][1], marker["bounds"][1][1]),
                ],
            ]
            near["count"] = total
            near["point"] = None
            merged = True
        markers = kept
    return markers


def _point(code, title, status, lat, lng) -> dict:
    return {
        "code": code,
        "title": title,
        "status": status,
        "lat": round(float(lat), 6),
        "lng": round(float(lng), 6),
    }


# --- Adopted proposals -----------------------------------------------------------------------


def proposals_adopted_public() -> QuerySet[Report]:
    """Published proposals whose answer took them up (tiếp thu), newest answer first, with
    their field, the unit that answered and the proposal's public sections (scale). Nothing
    about who sent them."""
    return (
        reports_public(with_relations=False)
        .filter(kind="proposal", proposal__adopted=True)
        .select_related("category", "current_unit", "proposal")
        .only(
            "code", "public_title", "public_content", "answered_at", "published_at",
            "category__name", "current_unit__name", "proposal__scale",
        )
        .order_by("-answered_at", "-id")
    )  # fmt: skip


def map_markers_group(rows, *, zoom: int) -> dict:
    """The markers of a few reports already read, ``rows`` of (code, title, status, latitude,
    longitude): the same grid cells and the same merging of close neighbours as
    ``reports_public_map``, done here rather than by the database because the rows are
    bounded (the officers' inbox map reads at most a thousand)."""
    rows = [row for row in rows if row[3] is not None and row[4] is not None]
    if zoom >= MAP_POINTS_ZOOM:
        return {"zoom": zoom, "clusters": [], "points": [_point(*row) for row in rows]}
    cell = map_cell_size(zoom)
    cells: dict[tuple[int, int], list] = {}
    for row in rows:
        key = (math.floor(float(row[4]) / cell), math.floor(float(row[3]) / cell))
        cells.setdefault(key, []).append(row)
    markers = []
    for _key, members in sorted(cells.items()):
        lats = [float(row[3]) for row in members]
        lngs = [float(row[4]) for row in members]
        markers.append(
            {
                "count": len(members),
                "lat": sum(lats) / len(lats),
                "lng": sum(lngs) / len(lngs),
                "bounds": [[min(lats), min(lngs)], [max(lats), max(lngs)]],
                "point": _point(*members[0]) if len(members) == 1 else None,
            }
        )
    return _markers_answer(markers, zoom=zoom)
