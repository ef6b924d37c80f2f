"""Prometheus metrics at /metrics (issue #17): only for the scraper's token; requests and
latency by route, queue depth and age, task failures, live background processes and late
reports, each moving when the thing it counts moves."""

import datetime
import re

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from pakn.core.models import BackgroundRole
from pakn.core.tests.fault_tasks import log_a_line
from pakn.core.tests.workers import DATABASE_TASKS
from pakn.core.workers import worker_heartbeat_beat
from pakn.reports.models import ReportStatus
from pakn.reports.tests.factories import ReportFactory

TOKEN = "scraper-token-0123456789"
pytestmark = pytest.mark.django_db


def _scrape(client) -> str:
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    return response.content.decode()


def _value(text: str, name: str, **labels: str) -> float:
    wanted = ",".join(f'{key}="{value}"' for key, value in labels.items())
    pattern = rf"^{re.escape(name)}(\{{[^}}]*\}})? (\S+)$"
    for match in re.finditer(pattern, text, re.MULTILINE):
        if all(f'{key}="{value}"' in (match.group(1) or "") for key, value in labels.items()):
            return float(match.group(2))
    raise AssertionError(f"{name}{{{wanted}}} not in the metrics")


def test_without_a_token_configured_there_is_no_metrics_page(client):
    with override_settings(METRICS_TOKEN=""):
        assert client.get("/metrics").status_code == 404


@override_settings(METRICS_TOKEN=TOKEN)
@pytest.mark.parametrize("header", [None, "Bearer wrong-token", f"Basic {TOKEN}", "Bearer"])
def test_the_metrics_need_the_scrapers_token(client, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.get("/metrics", **extra)
    assert response.status_code == 401
    assert "pakn_" not in response.content.decode()


@override_settings(METRICS_TOKEN=TOKEN)
def test_requests_are_counted_by_route_and_status(client):
    before = _scrape(client)
    try:
        healthz_before = _value(before, "pakn_http_requests_total", route="healthz", status="2xx")
    except AssertionError:
        healthz_before = 0
    client.get("/healthz")
    client.get("/healthz")
    client.get("/khong-co/0905123456")
    after = _scrape(client)
    assert _value(after, "pakn_http_requests_total", route="healthz", status="2xx") == (
        healthz_before + 2
    )
    assert _value(after, "pakn_http_requests_total", route="unmatched", status="4xx") >= 1
    assert _value(after, "pakn_http_request_duration_seconds_count", route="healthz") >= 2
    assert "0905123456" not in after  # labels are routes, never paths


@override_settings(METRICS_TOKEN=TOKEN)
def test_queue_depth_age_and_failures_follow_the_task_rows(client):
    empty = _scrape(client)
    assert _value(empty, "pakn_task_queue_depth", queue="default") == 0
    assert _value(empty, "pakn_task_queue_oldest_seconds", queue="default") == 0

    with override_settings(TASKS=DATABASE_TASKS):
        first = log_a_line.enqueue("một")
        log_a_line.enqueue("hai")
    DBTaskResult.objects.filter(pk=first.id).update(
        enqueued_at=timezone.now() - datetime.timedelta(minutes=10)
    )
    waiting = _scrape(client)
    assert _value(waiting, "pakn_task_queue_depth", queue="default") == 2
    assert _value(waiting, "pakn_task_queue_oldest_seconds", queue="default") >= 600
    assert _value(waiting, "pakn_task_failures", queue="default") == 0

    DBTaskResult.objects.filter(pk=first.id).update(status=TaskResultStatus.FAILED)
    failed = _scrape(client)
    assert _value(failed, "pakn_task_queue_depth", queue="default") == 1
    assert _value(failed, "pakn_task_failures", queue="default") == 1


@override_settings(METRICS_TOKEN=TOKEN)
def test_live_background_processes_and_late_reports(client):
    now = timezone.now()
    assert _value(_scrape(client), "pakn_background_processes", role="worker") == 0
    worker_heartbeat_beat(
        name="w1", role=BackgroundRole.WORKER, queues="default",
        lease=datetime.timedelta(seconds=30),
    )  # fmt: skip
    ReportFactory(status=ReportStatus.ASSIGNED, answer_deadline=now - datetime.timedelta(days=1))
    ReportFactory(status=ReportStatus.ASSIGNED, answer_deadline=now + datetime.timedelta(days=1))
    ReportFactory(status=ReportStatus.ANSWERED, answer_deadline=now - datetime.timedelta(days=3))
    text = _scrape(client)
    assert _value(text, "pakn_background_processes", role="worker") == 1
    assert _value(text, "pakn_background_processes", role="scheduler") == 0
    assert _value(text, "pakn_reports_late") == 1
