"""The floor of `make bench`: two bare views through the same server, middleware and
database as every page, one doing a single INSERT and one a single indexed read. Each figure
of the benchmark is printed as a share of these, so that a slow machine or a busy database
shows as a low floor rather than as a slow page. Routed only when settings.BENCH_FLOOR_VIEWS
is on (config/urls.py), which only config/settings/bench.py does; never in production."""

import uuid

from django.http import HttpResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from pakn.core.models import CaptchaChallenge
from pakn.reports.models import Report


@csrf_exempt
@require_POST
def floor_insert(request):
    """One INSERT of a small row with a primary-key index (a captcha challenge: a table
    every install has, and one that needs no other row)."""
    CaptchaChallenge.objects.create(
        id=uuid.uuid4(), question="1 + 1", answer=2, created_at=timezone.now()
    )
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def floor_read(request):
    """One read of a report by its code (the unique index the public report page uses)."""
    title = (
        Report.objects.filter(code=request.GET.get("code", ""))
        .values_list("title", flat=True)
        .first()
    )
    return HttpResponse(title or "-", content_type="text/plain; charset=utf-8")


urlpatterns = [
    path("bench/floor/insert", floor_insert, name="bench-floor-insert"),
    path("bench/floor/read", floor_read, name="bench-floor-read"),
]
