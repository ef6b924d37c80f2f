"""Public pages of published reports: "Tra cứu" (search), the report's own page, its public
photos and the map. Anonymous visitors see only what the coordinator published: the public
title and content, never the original text, the reporter or the private exchange.

What the pages show is cached (``public_cache_get_or_set``) and expires when a published
report, its answer or rating changes (pakn/reports/search_receivers.py)."""

import functools
import hashlib

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from pakn.core.file_responses import stored_file_response
from pakn.core.public_cache import public_cache_get_or_set
from pakn.core.query_time import QueryTimeout, public_query_time_limit
from pakn.reports.models import Attachment, Report
from pakn.reports.public import (
    PROVINCE_MAP_BOUNDS,
    attachment_public_get,
    report_public_get,
    reports_public_search_page,
)
from pakn.reports.search import (
    PublicSearchForm,
    PublicSearchParams,
    report_code_from_query,
    reports_public,
)

PAGE_CACHE_SECONDS = 300
MAP_FILTER_FIELDS = ("sector", "status", "date_from", "date_to")
BUSY_RETRY_AFTER_SECONDS = 30


def public_time_limited(view):
    """Runs a public view's queries under PUBLIC_STATEMENT_TIMEOUT_MS; a query cancelled for
    running past it answers the "busy" page (503, Retry-After), never a 500."""

    @functools.wraps(view)
    def limited(request, *args, **kwargs):
        try:
            with public_query_time_limit():
                return view(request, *args, **kwargs)
        except QueryTimeout:
            response = render(request, "portal/busy.html", status=503)
            response["Retry-After"] = str(BUSY_RETRY_AFTER_SECONDS)
            return response

    return limited


def _cache_key(prefix: str, *parts) -> str:
    return f"{prefix}:{hashlib.sha256(repr(parts).encode()).hexdigest()}"


@require_GET
@public_time_limited
def search(request):
    """ "Tra cứu": every published report, newest first, narrowed by a code, keywords (with
    or without accents) and filters. A code of a published report opens its page."""
    form = PublicSearchForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "portal/search.html", {"form": form}, status=400)
    params = form.search_params() if form.is_bound else PublicSearchParams()
    code = report_code_from_query(params.query)
    if code is not None:
        if reports_public(with_relations=False).filter(code=code).exists():
            return redirect("portal:report", code=code)
        if (
            request.user.is_authenticated
            and Report.objects.filter(code=code, reporter=request.user).exists()
        ):
            return redirect("reports:detail", code=code)
        return render(request, "portal/search.html", {"form": form, "code_not_found": code})
    page_number = request.GET.get("trang")
    results = public_cache_get_or_set(
        _cache_key("search", params, page_number),
        lambda: reports_public_search_page(params=params, page=page_number),
        PAGE_CACHE_SECONDS,
    )
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "portal/search.html",
        {
            "form": form,
            "params": params,
            "results": results,
            "query": query.urlencode(),
            "map_query": _map_query(request),
        },
    )


@require_GET
@public_time_limited
def report(request, code: str):
    """The public page of a published report; any other code is a 404."""
    canonical = report_code_from_query(code)
    if canonical is None:
        raise Http404
    if canonical != code:
        return redirect("portal:report", code=canonical, permanent=True)
    try:
        page = public_cache_get_or_set(
            f"report:{canonical}", lambda: report_public_get(code=canonical), PAGE_CACHE_SECONDS
        )
    except Report.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "portal/report.html",
        {
            "page": page,
            "report": page.report,
            "share_url": request.build_absolute_uri(reverse("portal:report", args=[canonical])),
        },
    )


@require_GET
@public_time_limited
def report_photo(request, code: str, pk: int, thumbnail: bool = False):
    """A public photo of a published report or of its answer: only the copy re-encoded
    without EXIF, GPS and XMP, never the uploaded original."""
    try:
        attachment: Attachment = attachment_public_get(code=code, attachment_id=pk)
    except (Attachment.DoesNotExist, Report.DoesNotExist):
        raise Http404 from None
    stored = attachment.thumbnail if thumbnail and attachment.thumbnail else attachment.public_file
    response = stored_file_response(stored, content_type="image/jpeg")
    response["Cache-Control"] = f"public, max-age={PAGE_CACHE_SECONDS}"
    return response


@require_GET
@public_time_limited
def map_page(request):
    """ "Bản đồ": published reports with a position, clustered by the server per zoom level
    (the public map API); filters by sector, status and period; a list link always works."""
    form = PublicSearchForm(request.GET or None)
    valid = not form.is_bound or form.is_valid()
    return render(
        request,
        "portal/map.html",
        {
            "form": form,
            "filter_fields": [form[name] for name in MAP_FILTER_FIELDS],
            "map_api_url": reverse("api:public-map"),
            "report_url_template": reverse("portal:report", args=["CODE"]),
            "leaflet_images": f"{settings.STATIC_URL}leaflet/images/",
            "list_query": _map_query(request),
            "province_bounds": ",".join(str(n) for corner in PROVINCE_MAP_BOUNDS for n in corner),
        },
        status=200 if valid else 400,
    )


def _map_query(request) -> str:
    """The filters shared by the map and the list, as a query string."""
    query = request.GET.copy()
    for name in list(query):
        if name not in MAP_FILTER_FIELDS:
            query.pop(name)
    return query.urlencode()
