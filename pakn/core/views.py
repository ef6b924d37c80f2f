"""Health endpoints, the captcha image, and the developers' outbox."""

import json
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from pakn.core.captcha import captcha_create, captcha_image_png
from pakn.core.models import CaptchaChallenge
from pakn.core.workers import background_processes_check


@require_GET
@never_cache
def healthz(request):
    """The process is up and answering; touches nothing else."""
    return JsonResponse({"status": "ok"})


@require_GET
@never_cache
def readyz(request):
    """Ready for traffic: the database answers, every migration is applied, and (with the
    database task queue) each queue has a worker seen in the last minute and the scheduler
    is alive, so that what a visitor starts (an SMS code, an export) will be done."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        checks["migrations"] = "ok" if not pending else f"{len(pending)} pending"
        if not pending:
            checks.update(background_processes_check())
    except DatabaseError as error:
        checks["database"] = f"error: {type(error).__name__}"
        checks.setdefault("migrations", "unknown")
    ready = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": checks}, status=200 if ready else 503
    )


@require_GET
@never_cache
def captcha_image(request, challenge_id):
    challenge = CaptchaChallenge.objects.filter(pk=challenge_id).first()
    if challenge is None:
        raise Http404
    return HttpResponse(captcha_image_png(challenge), content_type="image/png")


@require_GET
@never_cache
def captcha_new(request):
    """A fresh challenge for the "Đổi mã khác" link, without reloading the page."""
    challenge = captcha_create()
    return JsonResponse(
        {"id": str(challenge.id), "image": reverse("core:captcha-image", args=[challenge.id])}
    )


def _outbox_entries(folder, *, limit: int = 100) -> list[dict]:
    if not folder.exists():
        return []
    entries = []
    for path in sorted(folder.iterdir(), reverse=True)[:limit]:
        text = path.read_text(encoding="utf-8", errors="replace")
        entry = {"name": path.name, "text": text}
        if path.suffix == ".json":
            try:
                entry["document"] = json.loads(text)
            except ValueError:
                pass
        entries.append(entry)
    return entries


@require_GET
@never_cache
def dev_outbox(request):
    """Developers read the SMS and e-mails the site would have sent (only routed when DEBUG)."""
    return render(
        request,
        "core/dev_outbox.html",
        {
            "sms": _outbox_entries(Path(settings.SMS_OUTBOX_DIR)),
            "mail": _outbox_entries(Path(settings.EMAIL_FILE_PATH)),
        },
    )
