"""The banner and widget agencies put on their own websites (seed 003: every agency links the
system from its site): the unit's latest answered, published reports and a "Gửi phản ánh,
kiến nghị" button that opens the form with the unit suggested. Embedded by any site
(``@embeddable``: no cookie read or set, framing allowed), cached like the other public
pages, public titles only (no reporter, no personal data)."""

import json

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from pakn.core.embedding import embeddable
from pakn.core.public_cache import public_cache_get_or_set
from pakn.organisations.models import Unit
from pakn.portal.search_views import PAGE_CACHE_SECONDS, public_time_limited
from pakn.reports.widget import (
    WIDGET_DEFAULT_SIZE,
    WIDGET_SIZES,
    reports_answered_for_widget,
    widget_send_url,
    widget_url,
)


def _widget_unit(code: str) -> Unit:
    unit = Unit.objects.filter(code=code, is_active=True).only("pk", "path", "name", "code").first()
    if unit is None:
        raise Http404
    return unit


def _size(request) -> str:
    size = request.GET.get("kieu", WIDGET_DEFAULT_SIZE)
    return size if size in WIDGET_SIZES else WIDGET_DEFAULT_SIZE


def _public(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = f"public, max-age={PAGE_CACHE_SECONDS}"
    return response


@require_GET
@public_time_limited
@embeddable
def widget(request, code: str):
    unit = _widget_unit(code)
    size = _size(request)
    reports = public_cache_get_or_set(
        f"widget:{unit.pk}:{size}",
        lambda: reports_answered_for_widget(unit=unit, limit=WIDGET_SIZES[size]["reports"]),
        timeout=PAGE_CACHE_SECONDS,
    )
    response = render(
        request,
        "portal/widget.html",
        {
            "unit": unit,
            "size": size,
            "reports": [
                {
                    "title": report.title,
                    "answered_at": report.answered_at,
                    "url": request.build_absolute_uri(reverse("portal:report", args=[report.code])),
                }
                for report in reports
            ],
            "send_url": request.build_absolute_uri(widget_send_url(unit)),
            "all_url": request.build_absolute_uri(reverse("portal:search")),
        },
    )
    return _public(response)


@require_GET
@embeddable
def widget_script(request, code: str):
    """The script version: a <script> tag that puts the widget's frame where it stands."""
    unit = _widget_unit(code)
    size = _size(request)
    frame = {
        "src": request.build_absolute_uri(widget_url(unit, size)),
        "title": unit.name,
        "width": WIDGET_SIZES[size]["width"],
        "height": WIDGET_SIZES[size]["height"],
    }
    response = render(
        request,
        "portal/widget.js",
        {"frame": json.dumps(frame, ensure_ascii=True)},
        content_type="text/javascript; charset=utf-8",
    )
    return _public(response)
