"""The public statistics page (issue #7): seed 002's table per unit, sector or commune."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from pakn.core.public_cache import public_cache_get_or_set
from pakn.statistics.selectors import (
    VIEW_UNIT,
    StatisticsFilters,
    statistics_table,
    view_heading,
)

CACHE_SECONDS = 60  # lateness moves with time


@require_GET
def statistics_page(request):
    filters = StatisticsFilters()
    view = VIEW_UNIT
    table = public_cache_get_or_set(
        f"statistics:table:{view}:{filters.cache_key()}",
        lambda: statistics_table(filters=filters, view=view),
        CACHE_SECONDS,
    )
    return render(
        request,
        "portal/statistics.html",
        {"table": table, "view": view, "first_heading": view_heading(view)},
    )
