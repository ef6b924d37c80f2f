"""Background tasks go through the database queue and a real `db_worker`, as in production.

The test settings run tasks immediately in the caller's thread; this module switches back to
the database backend of base.py to show the whole path: enqueue, a row waiting in the
database, the worker command picking it up, and the result stored for whoever asks later.
"""

import logging
import signal

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

DATABASE_QUEUE = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
}


@task()
def acknowledge_report(code: str, citizen_name: str) -> str:
    """Stands in for the real notifications: a pure function whose result shows it ran."""
    return f"Đã tiếp nhận phản ánh {code} của {citizen_name}"


@pytest.fixture
def worker_in_this_process():
    """Undoes what db_worker does to its process: signal handlers for a graceful stop and the
    level of the task loggers. Without this, Ctrl-C would no longer stop pytest."""
    handled = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    saved_handlers = {number: signal.getsignal(number) for number in handled}
    loggers = [logging.getLogger(name) for name in ("django_tasks", "django_tasks_db")]
    saved_levels = [task_logger.level for task_logger in loggers]
    yield
    for number, handler in saved_handlers.items():
        signal.signal(number, handler)
    for task_logger, level in zip(loggers, saved_levels, strict=True):
        task_logger.setLevel(level)


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_QUEUE)
def test_a_task_waits_in_the_database_until_the_worker_runs_it(worker_in_this_process):
    result = acknowledge_report.enqueue("PA-2025-000123", citizen_name="Nguyễn Văn An")

    waiting = DBTaskResult.objects.get(id=result.id)
    assert waiting.status == TaskResultStatus.READY
    assert waiting.task_path == "pakn.core.tests.test_tasks.acknowledge_report"
    assert waiting.args_kwargs == {
        "args": ["PA-2025-000123"],
        "kwargs": {"citizen_name": "Nguyễn Văn An"},
    }

    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)

    done = DBTaskResult.objects.get(id=result.id)
    assert done.status == TaskResultStatus.SUCCESSFUL
    assert done.return_value == "Đã tiếp nhận phản ánh PA-2025-000123 của Nguyễn Văn An"
    assert done.finished_at is not None
    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == "Đã tiếp nhận phản ánh PA-2025-000123 của Nguyễn Văn An"


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_QUEUE)
def test_a_failing_task_is_recorded_as_failed_with_its_error(worker_in_this_process):
    result = acknowledge_report.enqueue("PA-2025-000124")  # citizen_name is missing

    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)

    failed = DBTaskResult.objects.get(id=result.id)
    assert failed.status == TaskResultStatus.FAILED
    assert failed.exception_class_path == "builtins.TypeError"
    assert "citizen_name" in failed.traceback
