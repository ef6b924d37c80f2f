"""Charts of the statistics, drawn on the server as inline SVG.

Why by hand: a donut is a few SVG arcs and a bar chart a few rectangles. Drawn on the server
they show without JavaScript, print as they look on screen, can be read by screen readers
(a title, a description and the numbers in a table beside each chart) and are cached with the
page. No maintained Django package draws such charts on the server; the JavaScript chart
libraries would need a script, a canvas and a second request for the data.

Usage (the home page)::

    {% load statistics_charts %}
    {% results_pie %}        {# results of the last 12 months: on time, late, in progress #}
    {% satisfaction_pie %}   {# ratings of the last 12 months #}

Both compute their own numbers (cached for a short time). The statistics page passes its
filtered totals instead: ``{% results_pie summary %}``, and draws ``{% unit_bars table %}``.
"""

import dataclasses
import itertools
import math

from django import template
from django.core.cache import cache
from django.urls import reverse
from django.utils.translation import gettext as _

from pakn.core.public_cache import public_cache_get_or_set
from pakn.statistics.selectors import (
    StatisticsLine,
    StatisticsTable,
    dashboard_memberships,
    last_twelve_months,
    statistics_summary,
)

register = template.Library()

HOME_CACHE_SECONDS = 120  # lateness moves with time: short
MENU_CACHE_SECONDS = 300
_ids = itertools.count(1)

COLOUR_ON_TIME = "#2e7d32"
COLOUR_LATE = "#c62828"
COLOUR_IN_PROGRESS = "#1463a5"
COLOUR_IN_PROGRESS_LATE = "#ef8a00"
COLOUR_VERY_SATISFIED = "#1b5e20"
COLOUR_SATISFIED = "#7cb342"
COLOUR_NOT_SATISFIED = "#c62828"
COLOUR_EMPTY = "#d5dde6"


@dataclasses.dataclass
class Slice:
    label: str
    value: int
    colour: str
    percent: float = 0.0
    path: str = ""


def _point(cx: float, cy: float, radius: float, angle: float) -> str:
    return f"{cx + radius * math.cos(angle):.3f} {cy + radius * math.sin(angle):.3f}"


def donut_path(
    start: float, end: float, *, cx: float = 100, cy: float = 100, outer: float = 90,
    inner: float = 54,
) -> str:  # fmt: skip
    """The outline of a ring segment from ``start`` to ``end`` (fractions of a turn, from
    the top, clockwise). A whole ring is drawn as two half rings (an arc cannot close on
    itself)."""
    if end - start >= 0.9999:
        return (
            donut_path(0, 0.5, cx=cx, cy=cy, outer=outer, inner=inner)
            + " "
            + donut_path(0.5, 1, cx=cx, cy=cy, outer=outer, inner=inner)
        )
    a0 = 2 * math.pi * start - math.pi / 2
    a1 = 2 * math.pi * end - math.pi / 2
    large = 1 if end - start > 0.5 else 0
    return (
        f"M {_point(cx, cy, outer, a0)} "
        f"A {outer} {outer} 0 {large} 1 {_point(cx, cy, outer, a1)} "
        f"L {_point(cx, cy, inner, a1)} "
        f"A {inner} {inner} 0 {large} 0 {_point(cx, cy, inner, a0)} Z"
    )


def donut_slices(slices: list[Slice]) -> list[Slice]:
    """Fills in each slice's share and outline; slices of zero are kept for the table."""
    total = sum(s.value for s in slices)
    position = 0.0
    for s in slices:
        if total == 0 or s.value == 0:
            continue
        share = s.value / total
        s.percent = round(100 * share, 1)
        s.path = donut_path(position, position + share)
        position += share
    return slices


def _chart(title: str, description: str, slices: list[Slice], link: str = "") -> dict:
    total = sum(s.value for s in slices)
    return {
        "chart_id": f"stat-chart-{next(_ids)}",
        "title": title,
        "description": description,
        "slices": donut_slices(slices),
        "total": total,
        "empty_path": donut_path(0, 1),
        "empty_colour": COLOUR_EMPTY,
        "link": link,
    }


def results_chart(summary: StatisticsLine, title: str | None = None) -> dict:
    slices = [
        Slice(_("Đã xử lý đúng hạn"), summary.processed_on_time, COLOUR_ON_TIME),
        Slice(_("Đã xử lý quá hạn"), summary.processed_late, COLOUR_LATE),
        Slice(_("Đang xử lý trong hạn"), summary.in_progress_on_time, COLOUR_IN_PROGRESS),
        Slice(_("Đang xử lý quá hạn"), summary.in_progress_late, COLOUR_IN_PROGRESS_LATE),
    ]
    description = _(
        "Tổng số %(total)s phản ánh, kiến nghị: %(on_time)s đã xử lý đúng hạn, %(late)s đã xử lý "
        "quá hạn, %(open)s đang xử lý trong hạn, %(open_late)s đang xử lý quá hạn."
    ) % {
        "total": summary.total,
        "on_time": summary.processed_on_time,
        "late": summary.processed_late,
        "open": summary.in_progress_on_time,
        "open_late": summary.in_progress_late,
    }
    return _chart(title or _("Kết quả xử lý"), description, slices)


def satisfaction_chart(summary: StatisticsLine, title: str | None = None) -> dict:
    slices = [
        Slice(_("Rất hài lòng"), summary.very_satisfied, COLOUR_VERY_SATISFIED),
        Slice(_("Hài lòng"), summary.satisfied, COLOUR_SATISFIED),
        Slice(_("Không hài lòng"), summary.not_satisfied, COLOUR_NOT_SATISFIED),
    ]
    description = _(
        "%(total)s lượt đánh giá: %(very)s rất hài lòng, %(satisfied)s hài lòng, "
        "%(not_satisfied)s không hài lòng."
    ) % {
        "total": summary.ratings,
        "very": summary.very_satisfied,
        "satisfied": summary.satisfied,
        "not_satisfied": summary.not_satisfied,
    }
    return _chart(title or _("Mức độ hài lòng"), description, slices)


def home_summary() -> StatisticsLine:
    """The totals of the last 12 months, cached for the home page."""
    filters = last_twelve_months()
    return public_cache_get_or_set(
        f"statistics:summary:{filters.cache_key()}",
        lambda: statistics_summary(filters=filters),
        HOME_CACHE_SECONDS,
    )


@register.inclusion_tag("statistics/donut.html")
def results_pie(summary: StatisticsLine | None = None, title: str | None = None):
    """Results (processed on time / late, in progress on time / late) as a donut chart."""
    if summary is None:
        chart = results_chart(home_summary(), title or _("Kết quả xử lý 12 tháng gần đây"))
        chart["link"] = reverse("portal:statistics")
        return chart
    return results_chart(summary, title)


@register.inclusion_tag("statistics/donut.html")
def satisfaction_pie(summary: StatisticsLine | None = None, title: str | None = None):
    """Ratings (very satisfied / satisfied / not satisfied) as a donut chart."""
    if summary is None:
        chart = satisfaction_chart(home_summary(), title or _("Mức độ hài lòng 12 tháng gần đây"))
        chart["link"] = reverse("portal:statistics")
        return chart
    return satisfaction_chart(summary, title)


BAR_LINES = 15
BAR_WIDTH = 100  # the bar's own coordinates: a share of the line with most reports
BAR_HEIGHT = 10


@register.inclusion_tag("statistics/bars.html")
def unit_bars(table: StatisticsTable, title: str | None = None):
    """One stacked bar per line (the first 15): processed on time / late, in progress on
    time / late, scaled to the line with most reports."""
    lines = table.lines[:BAR_LINES]
    largest = max((line.total for line in lines), default=0) or 1
    legend = [
        (_("Đã xử lý đúng hạn"), COLOUR_ON_TIME),
        (_("Đã xử lý quá hạn"), COLOUR_LATE),
        (_("Đang xử lý trong hạn"), COLOUR_IN_PROGRESS),
        (_("Đang xử lý quá hạn"), COLOUR_IN_PROGRESS_LATE),
    ]
    rows = []
    for line in lines:
        x = 0.0
        segments = []
        values = (
            line.processed_on_time,
            line.processed_late,
            line.in_progress_on_time,
            line.in_progress_late,
        )
        for value, (label, colour) in zip(values, legend, strict=True):
            width = BAR_WIDTH * value / largest
            if value:
                segments.append(
                    {"x": f"{x:.3f}", "width": f"{width:.3f}", "colour": colour,
                     "label": label, "value": value}
                )  # fmt: skip
            x += width
        description = _("%(line)s: %(total)s phản ánh, kiến nghị") % {
            "line": line.label,
            "total": line.total,
        }
        details = ", ".join(f"{label.lower()} {value}" for value, (label, _c) in zip(
            values, legend, strict=True))  # fmt: skip
        rows.append(
            {"line": line, "segments": segments, "description": f"{description} ({details})"}
        )
    return {
        "title": title or _("Kết quả xử lý theo cơ quan, đơn vị"),
        "rows": rows,
        "legend": legend,
        "more": len(table.lines) > BAR_LINES,
        "width": BAR_WIDTH,
        "bar_height": BAR_HEIGHT,
    }


@register.filter
def has_dashboard(user) -> bool:
    """Whether the officers' menu shows the dashboard (templates/backoffice/base_backoffice).
    Kept a few minutes in the cache, so that the menu adds no query to the officers' pages;
    the dashboard itself checks the roles on every request."""
    if not user.is_authenticated:
        return False
    return cache.get_or_set(
        f"statistics:has-dashboard:{user.pk}",
        lambda: dashboard_memberships(user).exists(),
        MENU_CACHE_SECONDS,
    )
