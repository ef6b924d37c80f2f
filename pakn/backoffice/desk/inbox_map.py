"""The officers' inbox as a map: the positions of the reports of the current tab and filters
(the inbox list's own queryset, so never a wider one), grouped like the public map."""

from django.db.models import QuerySet

from pakn.reports.public import map_bbox_snap, map_markers_group

# The map reads at most this many reports of the view, the most urgent first (the inbox's
# order); beyond, the page says so and asks for a narrower filter.
INBOX_MAP_MAX_REPORTS = 1000


def inbox_map_markers(
    reports: QuerySet, *, bbox: tuple[float, float, float, float], zoom: int
) -> dict:
    """Clusters and points of ``reports`` inside ``bbox`` (west, south, east, north), with
    ``shown`` (how many reports they hold) and ``more`` (whether the cap left some out)."""
    west, south, east, north = map_bbox_snap(bbox, zoom)
    rows = list(
        reports.filter(
            latitude__isnull=False,
            longitude__isnull=False,
            latitude__gte=south,
            latitude__lte=north,
            longitude__gte=west,
            longitude__lte=east,
        ).values_list("code", "title", "status", "latitude", "longitude")[
            : INBOX_MAP_MAX_REPORTS + 1
        ]
    )
    more = len(rows) > INBOX_MAP_MAX_REPORTS
    rows = rows[:INBOX_MAP_MAX_REPORTS]
    return {**map_markers_group(rows, zoom=zoom), "shown": len(rows), "more": more}
