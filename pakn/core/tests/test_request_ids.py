"""Structured logs (issue #17): one request id per request, in the response, in every JSON log
line of the request and in the log lines of the background tasks it enqueued, which a real
worker process runs; no phone or ID number in any of them."""

import io
import json
import logging
import re

import pytest
from django.test import override_settings
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from pakn.core.log_formatters import JsonLogFormatter
from pakn.core.request_ids import request_id_bound
from pakn.core.tests.fault_tasks import log_a_line
from pakn.core.tests.workers import DATABASE_TASKS, WorkerProcesses, wait_until


@pytest.fixture
def json_log():
    """The console handler of settings.LOGGING (with its filters), writing JSON to a buffer."""
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    buffer = io.StringIO()
    saved_stream, saved_formatter = handler.setStream(buffer), handler.formatter
    handler.setFormatter(JsonLogFormatter())
    yield buffer
    handler.setStream(saved_stream)
    handler.setFormatter(saved_formatter)


def _entries(buffer: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in buffer.getvalue().splitlines() if line.startswith("{")]


def test_every_response_carries_a_new_request_id(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", first)
    assert first != second


def test_the_proxys_request_id_is_kept_and_a_strange_one_replaced(client):
    assert client.get("/healthz", HTTP_X_REQUEST_ID="nginx-5f2a9c1e")["X-Request-ID"] == (
        "nginx-5f2a9c1e"
    )
    replaced = client.get("/healthz", HTTP_X_REQUEST_ID="<script>alert(1)</script>")
    assert re.fullmatch(r"[0-9a-f]{32}", replaced["X-Request-ID"])


@pytest.mark.django_db
def test_a_requests_log_line_is_json_with_its_request_id_and_no_phone_number(client, json_log):
    response = client.get("/khong-co-trang-nay/0905123456/", HTTP_X_REQUEST_ID="req-0000abcd")
    assert response.status_code == 404

    entries = [entry for entry in _entries(json_log) if entry["logger"] == "django.request"]
    assert len(entries) == 1
    entry = entries[0]
    assert entry["level"] == "WARNING"
    assert entry["request_id"] == "req-0000abcd"
    assert "0905123456" not in json_log.getvalue()
    assert entry["message"] == "Not Found: /khong-co-trang-nay/***/"
    assert {"time", "process"} <= set(entry)


def test_a_log_line_outside_any_request_has_no_request_id(json_log):
    logging.getLogger("pakn.core").warning("Khởi động lại, CCCD 079203001234")
    (entry,) = _entries(json_log)
    assert entry["request_id"] is None
    assert entry["message"] == "Khởi động lại, CCCD ***"


def test_an_exception_is_one_json_line_with_its_traceback_masked(json_log):
    try:
        raise ValueError("số điện thoại 0905 123 456 không hợp lệ")
    except ValueError:
        logging.getLogger("pakn.core").exception("Lỗi")
    (entry,) = _entries(json_log)
    assert "ValueError: số điện thoại *** không hợp lệ" in entry["exception"]
    assert "0905 123 456" not in json_log.getvalue()


@pytest.mark.django_db(transaction=True)
def test_a_task_logs_the_request_id_of_the_request_that_enqueued_it(tmp_path):
    """A real pakn_worker process, with LOG_FORMAT=json as in production, runs a task
    enqueued while a request id was bound (as RequestIdMiddleware binds it)."""
    workers = WorkerProcesses(tmp_path)
    workers.environment["LOG_FORMAT"] = "json"
    try:
        with override_settings(TASKS=DATABASE_TASKS), request_id_bound("req-task-0001"):
            result = log_a_line.enqueue("gọi lại 0905123456")
        log_a_line_without_request = None
        with override_settings(TASKS=DATABASE_TASKS):
            log_a_line_without_request = log_a_line.enqueue("việc của bộ lập lịch")
        workers.start("default")
        wait_until(
            lambda: DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL).count() == 2,
            workers,
            "both tasks run",
        )
    finally:
        workers.stop_all()

    lines = [json.loads(line) for line in workers.log_text().splitlines() if line.startswith("{")]
    by_request = [line for line in lines if line["logger"] == "pakn.core.tests"]
    assert {line["message"]: line["request_id"] for line in by_request} == {
        "Công việc nền: gọi lại ***": "req-task-0001",
        "Công việc nền: việc của bộ lập lịch": None,
    }
    finished = [line for line in lines if f"id={result.id}" in line["message"]]
    assert finished and all(line["request_id"] == "req-task-0001" for line in finished)
    assert not any(f"id={log_a_line_without_request.id}" in line["message"] and line["request_id"]
                   for line in lines)  # fmt: skip
    assert "0905123456" not in workers.log_text()
