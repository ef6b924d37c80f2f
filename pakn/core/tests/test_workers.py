"""Workers that lose no task (issue #11): real `pakn_worker` processes on the test database,
killed with a real SIGKILL in the middle of a task and in the middle of an SMS send, and
started again; every task then completes once and none stays RUNNING.

The worker processes reach the test's own database (a file on SQLite, the test database on
PostgreSQL), so the test writes with the ORM and reads what the workers did; the tests are
transactional (a worker cannot see inside a test's transaction)."""

import datetime
import io
import signal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from PIL import Image

from pakn.accounts.tests.factories import UserFactory
from pakn.core.mail import email_queue
from pakn.core.models import BackgroundRole, OutgoingSms, SmsStatus, WorkerHeartbeat
from pakn.core.sms import sms_queue
from pakn.core.tests.fault_tasks import tally_when_released
from pakn.core.tests.workers import (
    DATABASE_TASKS,
    HangingGateway,
    WorkerProcesses,
    wait_until,
    worker_batch_in_this_process,
)
from pakn.core.workers import TASK_MAX_STARTS, tasks_recover, worker_heartbeat_beat
from pakn.reports.models import Attachment
from pakn.reports.services.attachments import attachment_create

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def workers(tmp_path):
    processes = WorkerProcesses(tmp_path)
    yield processes
    processes.stop_all()


@pytest.fixture
def hanging_gateway():
    gateway = HangingGateway()
    yield gateway
    gateway.close()


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split() if path.exists() else []


def _statuses() -> dict[str, int]:
    counts: dict[str, int] = {}
    for status in DBTaskResult.objects.values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return counts


def test_a_task_whose_worker_is_killed_runs_again_and_completes_once(tmp_path, workers):
    folder = tmp_path / "tally"
    folder.mkdir()
    with override_settings(TASKS=DATABASE_TASKS):
        for key in ("bao-cao-1", "bao-cao-2"):
            tally_when_released.enqueue(str(folder), key)

    first = workers.start("default")
    wait_until(
        lambda: _lines(folder / "started") == ["bao-cao-1"], workers, "the first task starts"
    )
    first.kill()  # SIGKILL, in the middle of the task
    first.wait()
    # What the issue saw: the killed worker's task is RUNNING, and nothing else would take it.
    assert _statuses() == {TaskResultStatus.RUNNING: 1, TaskResultStatus.READY: 1}

    (folder / "release").touch()
    workers.start("default")
    wait_until(
        lambda: _statuses() == {TaskResultStatus.SUCCESSFUL: 2}, workers, "both tasks complete"
    )

    assert sorted(_lines(folder / "done")) == ["bao-cao-1", "bao-cao-2"]  # each completed once
    assert sorted(_lines(folder / "started")) == ["bao-cao-1", "bao-cao-1", "bao-cao-2"]
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).exists()


def test_a_task_cut_short_by_a_second_ctrl_c_goes_back_in_the_queue(tmp_path, workers):
    """Ctrl-C in `make run` reaches a worker twice (the terminal, then the supervisor): the
    second stops the task, which db_worker alone records as failed for good."""
    folder = tmp_path / "tally"
    folder.mkdir()
    with override_settings(TASKS=DATABASE_TASKS):
        tally_when_released.enqueue(str(folder), "thong-ke")
    worker = workers.start("default")
    wait_until(lambda: _lines(folder / "started") == ["thong-ke"], workers, "the task starts")
    worker.send_signal(signal.SIGINT)
    wait_until(lambda: "shutting down gracefully" in workers.log_text(), workers, "it stops")
    worker.send_signal(signal.SIGINT)
    worker.wait(timeout=60)
    assert _statuses() == {TaskResultStatus.READY: 1}

    (folder / "release").touch()
    workers.start("default")
    wait_until(lambda: _statuses() == {TaskResultStatus.SUCCESSFUL: 1}, workers, "it completes")
    assert _lines(folder / "done") == ["thong-ke"]


def test_an_sms_whose_worker_is_killed_mid_send_is_sent_after_restart_once(
    workers, hanging_gateway
):
    workers.environment.update(
        SMS_BACKEND="http", SMS_HTTP_URL=hanging_gateway.url, SMS_HTTP_TIMEOUT="60"
    )
    with override_settings(TASKS=DATABASE_TASKS), transaction.atomic():
        message = sms_queue(
            phone="+84905123456", body="PAKN: phản ánh PA-2026-000001 đã có kết quả."
        )

    first = workers.start("notifications")
    assert hanging_gateway.request_hangs.wait(60), workers.log_text()
    first.kill()  # SIGKILL while the worker waits for the gateway
    first.wait()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (SmsStatus.QUEUED, 1)
    assert hanging_gateway.delivered == []

    workers.start("notifications")
    wait_until(
        lambda: OutgoingSms.objects.get(pk=message.pk).status == SmsStatus.SENT,
        workers,
        "the SMS is sent",
    )
    wait_until(lambda: _statuses() == {TaskResultStatus.SUCCESSFUL: 1}, workers, "the task ends")

    message.refresh_from_db()
    assert hanging_gateway.delivered == [str(message.pk)]  # once
    assert message.attempts == 2
    assert message.gateway_reference == f"gw-{message.pk}"


def test_a_hanging_sms_gateway_does_not_hold_up_thumbnails(workers):
    gateway = HangingGateway(hang_always=True)
    try:
        workers.environment.update(
            SMS_BACKEND="http", SMS_HTTP_URL=gateway.url, SMS_HTTP_TIMEOUT="120"
        )
        workers.start("notifications")
        workers.start("default")
        with override_settings(TASKS=DATABASE_TASKS), transaction.atomic():
            message = sms_queue(phone="+84905123456", body="PAKN: mã xác thực 123456")
        assert gateway.request_hangs.wait(60), workers.log_text()

        citizen = UserFactory()
        photo = io.BytesIO()
        Image.new("RGB", (1600, 1200), "red").save(photo, format="JPEG")
        with override_settings(TASKS=DATABASE_TASKS), transaction.atomic():
            attachment = attachment_create(
                uploaded_by=citizen,
                uploaded_file=SimpleUploadedFile(
                    "o-ga.jpg", photo.getvalue(), content_type="image/jpeg"
                ),
            )
        wait_until(
            lambda: bool(Attachment.objects.get(pk=attachment.pk).thumbnail),
            workers,
            "the thumbnail is made while the gateway hangs",
        )
        with Attachment.objects.get(pk=attachment.pk).thumbnail.open("rb") as thumbnail:
            assert Image.open(thumbnail).size == (400, 300)
        message.refresh_from_db()
        assert message.status == SmsStatus.QUEUED  # still waiting for the gateway
    finally:
        gateway.close()


@override_settings(TASKS=DATABASE_TASKS)
def test_an_e_mail_task_run_again_sends_nothing_more(mailoutbox):
    with transaction.atomic():
        email_queue(to="dan@example.vn", subject="Phản ánh đã có kết quả", body="Xem chi tiết.")
    worker_batch_in_this_process()
    assert len(mailoutbox) == 1
    task_result = DBTaskResult.objects.get()
    assert task_result.queue_name == "notifications"
    assert mailoutbox[0].extra_headers["Message-ID"] == f"<{task_result.pk}@pakn.localhost>"

    # The worker died before it could record the task as done: it runs again.
    DBTaskResult.objects.update(status=TaskResultStatus.READY)
    worker_batch_in_this_process()

    assert len(mailoutbox) == 1
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL


def _running(worker_id: str, *, started_ago: datetime.timedelta, starts: int = 1):
    with override_settings(TASKS=DATABASE_TASKS):
        result = tally_when_released.enqueue("/nonexistent", "x")
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - started_ago,
        worker_ids=[f"earlier-{n}" for n in range(starts - 1)] + [worker_id],
    )
    return result.id


def test_the_recovery_pass_takes_up_only_the_tasks_of_workers_that_are_gone():
    lease = datetime.timedelta(seconds=30)
    worker_heartbeat_beat(name="alive", role=BackgroundRole.WORKER, queues="default", lease=lease)
    worker_heartbeat_beat(name="killed", role=BackgroundRole.WORKER, queues="default", lease=lease)
    WorkerHeartbeat.objects.filter(pk="killed").update(expires_at=timezone.now())
    minute = datetime.timedelta(minutes=1)
    of_alive = _running("alive", started_ago=minute)
    of_killed = _running("killed", started_ago=minute)
    of_unknown_recent = _running("plain-db-worker", started_ago=minute)
    of_unknown_old = _running("plain-db-worker", started_ago=datetime.timedelta(hours=1))
    crashing = _running("killed", started_ago=minute, starts=TASK_MAX_STARTS)

    assert tasks_recover() == 2

    status = {str(pk): value for pk, value in DBTaskResult.objects.values_list("id", "status")}
    assert status[of_alive] == TaskResultStatus.RUNNING
    assert status[of_killed] == TaskResultStatus.READY
    assert status[of_unknown_recent] == TaskResultStatus.RUNNING  # maybe still running
    assert status[of_unknown_old] == TaskResultStatus.READY
    assert status[crashing] == TaskResultStatus.FAILED
    assert DBTaskResult.objects.get(pk=crashing).exception_class_path.endswith("WorkerLost")
    assert list(WorkerHeartbeat.objects.values_list("name", flat=True)) == ["alive"]


@override_settings(TASKS=DATABASE_TASKS)
def test_readyz_reports_queues_without_a_worker_and_a_silent_scheduler(client):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {
        "database": "ok",
        "migrations": "ok",
        "workers": "no worker seen in the last 60 s for queue default, exports, notifications",
        "scheduler": "no scheduler heartbeat",
    }

    lease = datetime.timedelta(seconds=30)
    worker_heartbeat_beat(name="w1", role=BackgroundRole.WORKER, queues="default", lease=lease)
    worker_heartbeat_beat(
        name="w2", role=BackgroundRole.WORKER, queues="notifications,exports", lease=lease
    )
    call_command("pakn_scheduler", verbosity=0)  # one pass, as from cron, says it is alive
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["workers"] == "ok"

    WorkerHeartbeat.objects.filter(pk="w2").update(seen_at=timezone.now() - 2 * lease)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["workers"] == (
        "no worker seen in the last 60 s for queue exports, notifications"
    )
