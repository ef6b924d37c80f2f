"""Prometheus metrics at /metrics, for the operators' scraper (docs/deploy.md, Monitoring).

Request counts and latency come from the app servers' own counters (pakn.core.request_metrics);
the rest is read from the database when the scraper asks, so that every app server tells the
same truth whichever one the scraper reaches, and workers need no port of their own:
- queue depth and the age of the oldest waiting task, per queue (django-tasks-db's rows);
- failed tasks, per queue (rows kept until the task history is purged): alert on an increase;
- background processes alive, per role (the heartbeats /readyz reads);
- open reports past their answer deadline.

The page needs `Authorization: Bearer <METRICS_TOKEN>`; without METRICS_TOKEN it is a 404, so
an installation that does not scrape exposes nothing.
"""

import hmac
import os

from django.conf import settings
from django.db.models import Count, Min
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

from pakn.core.models import WorkerHeartbeat
from pakn.reports.models import OPEN_STATUSES, Report


class DatabaseCollector:
    """Gauges computed by a few grouped queries at each scrape (bounded: one row per queue,
    per role; the late count reads the open reports only)."""

    def collect(self):
        now = timezone.now()
        depth = GaugeMetricFamily(
            "pakn_task_queue_depth", "Tasks waiting to run, per queue.", labels=["queue"]
        )
        age = GaugeMetricFamily(
            "pakn_task_queue_oldest_seconds",
            "Age of the oldest task waiting to run, per queue (0 when none waits).",
            labels=["queue"],
        )
        waiting = {
            row["queue_name"]: row
            # ready(): waiting and due (a task without run_after carries a far-future marker).
            for row in DBTaskResult.objects.ready()
            .values("queue_name")
            .annotate(count=Count("pk"), oldest=Min("enqueued_at"))
        }
        for queue in sorted(set(settings.TASK_QUEUES) | set(waiting)):
            row = waiting.get(queue)
            depth.add_metric([queue], row["count"] if row else 0)
            age.add_metric([queue], (now - row["oldest"]).total_seconds() if row else 0)
        yield depth
        yield age

        failed = GaugeMetricFamily(
            "pakn_task_failures",
            "Tasks that ended in failure and are still recorded, per queue.",
            labels=["queue"],
        )
        failures = dict(
            DBTaskResult.objects.filter(status=TaskResultStatus.FAILED)
            .values_list("queue_name")
            .annotate(count=Count("pk"))
        )
        for queue in sorted(set(settings.TASK_QUEUES) | set(failures)):
            failed.add_metric([queue], failures.get(queue, 0))
        yield failed

        alive = GaugeMetricFamily(
            "pakn_background_processes",
            "Task workers and schedulers whose heartbeat has not expired, per role.",
            labels=["role"],
        )
        roles = dict(
            WorkerHeartbeat.objects.filter(expires_at__gt=now)
            .values_list("role")
            .annotate(count=Count("pk"))
        )
        for role in ("worker", "scheduler"):
            alive.add_metric([role], roles.get(role, 0))
        yield alive

        late = GaugeMetricFamily("pakn_reports_late", "Open reports past their answer deadline.")
        late.add_metric(
            [], Report.objects.filter(status__in=OPEN_STATUSES, answer_deadline__lt=now).count()
        )
        yield late


def metrics_text() -> bytes:
    """The exposition: this process's counters, or all gunicorn workers' with
    PROMETHEUS_MULTIPROC_DIR, then the database gauges (two registries, distinct names)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        processes = CollectorRegistry()
        MultiProcessCollector(processes)
    else:
        processes = REGISTRY
    database = CollectorRegistry()
    database.register(DatabaseCollector())
    return generate_latest(processes) + generate_latest(database)


def _authorised(request) -> bool:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(
        token.strip().encode(), settings.METRICS_TOKEN.encode()
    )


@require_GET
@never_cache
def metrics(request):
    if not settings.METRICS_TOKEN:
        raise Http404
    if not _authorised(request):
        response = HttpResponse("Unauthorized\n", status=401, content_type="text/plain")
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    return HttpResponse(metrics_text(), content_type=CONTENT_TYPE_LATEST)
