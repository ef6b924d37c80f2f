"""Health endpoints, the CSRF failure page, the captcha image, and the developers' outbox."""

import json
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import Http404, HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from pakn.core.captcha import captcha_create, captcha_image_png
from pakn.core.models import CaptchaChallenge
from pakn.core.workers import background_processes_check


def csrf_failure(request, reason=""):
    """Django's CSRF failure, in the site's standalone frame with a link back to the form
    the visitor came from (their Referer when it is this site's): rendered without the
    request's context processors, like Django's own, so a failing database cannot turn it
    into a 500."""
    referer = request.META.get("HTTP_REFERER", "")
    back_url = (
        referer
        if url_has_allowed_host_and_scheme(
            referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        else ""
    )
    page = loader.get_template("403_csrf.html").render({"back_url": back_url})
    return HttpResponseForbidden(page)


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
        {
            "id": str(challenge.id),
            "image": reverse("core:captcha-image", args=[challenge.id]),
            "question": challenge.spoken_question,
        }
    )


OUTBOX_MAX_FILE_BYTES = 256 * 1024


def _display_name(path: Path) -> str:
    # A name that is not UTF-8 arrives with surrogate escapes, which cannot be written into
    # the page; show the undecodable bytes as replacement characters instead.
    return path.name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _outbox_entry(path: Path) -> dict:
    entry = {"name": _display_name(path), "text": ""}
    try:
        if not path.is_file():  # a folder, a pipe (which would block), a dangling link
            entry["error"] = "not a regular file"
            return entry
        with path.open("rb") as file:
            raw = file.read(OUTBOX_MAX_FILE_BYTES + 1)
    except OSError as error:
        entry["error"] = f"cannot be read: {error.strerror or type(error).__name__}"
        return entry
    entry["text"] = raw[:OUTBOX_MAX_FILE_BYTES].decode("utf-8", errors="replace")
    if len(raw) > OUTBOX_MAX_FILE_BYTES:
        entry["error"] = "too large, shown cut"
    elif path.suffix == ".json":
        try:
            document = json.loads(entry["text"])
        except ValueError:
            document = None
        if isinstance(document, dict):
            entry["document"] = {k: str(document.get(k, "")) for k in ("to", "body", "created_at")}
    return entry


def _outbox_entries(folder: Path, *, limit: int = 100) -> tuple[list[dict], str]:
    """The newest files of an outbox folder and, if the folder itself cannot be read, why.
    Anything in the folder (unreadable, odd or badly named files) is shown, never a 500."""
    try:
        if not folder.exists():
            return [], ""
        paths = sorted(folder.iterdir(), reverse=True)[:limit]
    except OSError as error:
        return [], f"{folder} cannot be read: {error.strerror or type(error).__name__}"
    return [_outbox_entry(path) for path in paths], ""


@require_GET
@never_cache
def dev_outbox(request):
    """Developers read the SMS and e-mails the site would have sent (only routed when DEBUG)."""
    sms, sms_error = _outbox_entries(Path(settings.SMS_OUTBOX_DIR))
    mail, mail_error = _outbox_entries(Path(settings.EMAIL_FILE_PATH))
    return render(
        request,
        "core/dev_outbox.html",
        {"sms": sms, "sms_error": sms_error, "mail": mail, "mail_error": mail_error},
    )
