"""The background-task worker: django-tasks-db's ``db_worker`` with a heartbeat, so that the
tasks of a worker that dies are queued again (see pakn.core.workers). Same options as
``db_worker``; run one per queue group, e.g. ``pakn_worker --queue-name notifications``."""

import datetime
import functools
import logging
import threading
import time

from django.conf import settings
from django.db import connection
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from pakn.core.models import BackgroundRole
from pakn.core.request_ids import request_id_bound, task_request_id
from pakn.core.workers import (
    tasks_recover,
    worker_heartbeat_beat,
    worker_heartbeat_end,
)

logger = logging.getLogger(__name__)
INTERRUPTED = ("builtins.SystemExit", "builtins.KeyboardInterrupt")


class HeartbeatWorker(db_worker.Worker):
    """db_worker's loop, plus a thread that renews this worker's lease and runs the recovery
    pass once a lease. The thread keeps beating while a task runs (however long), and stops
    only with the process: a killed worker's lease runs out, a busy one's does not."""

    def __init__(self, *, lease: datetime.timedelta, **kwargs):
        super().__init__(**kwargs)
        self.lease = lease
        self._stopped = threading.Event()

    def _beat(self) -> None:
        worker_heartbeat_beat(
            name=self.worker_id,
            role=BackgroundRole.WORKER,
            queues=",".join(self.queue_names),
            lease=self.lease,
        )

    def _heartbeat_loop(self) -> None:
        every = self.lease.total_seconds() / 3
        last_recovery = time.monotonic()
        while not self._stopped.wait(every):
            try:
                self._beat()
                if time.monotonic() - last_recovery >= self.lease.total_seconds():
                    tasks_recover()
                    last_recovery = time.monotonic()
            except Exception:
                # A database hiccup must not end the heartbeat; the next beat tries again.
                logger.exception("Worker %s could not renew its heartbeat", self.worker_id)
            finally:
                connection.close()  # this thread's own connection

    def run(self) -> None:
        self._beat()
        recovered = tasks_recover()
        if recovered:
            logger.warning("%d task(s) of stopped workers queued again", recovered)
        beating = threading.Thread(target=self._heartbeat_loop, name="heartbeat", daemon=True)
        beating.start()
        try:
            super().run()
        finally:
            self._stopped.set()
            beating.join(timeout=5)
            try:
                worker_heartbeat_end(name=self.worker_id)
            except Exception:  # the lease runs out by itself
                logger.exception("Worker %s could not remove its heartbeat", self.worker_id)

    def run_task(self, db_task_result: DBTaskResult) -> None:
        # The task's log lines carry the id of the request that enqueued it.
        with request_id_bound(task_request_id(db_task_result)):
            super().run_task(db_task_result)
        # A second Ctrl-C (or SIGTERM) stops the task with SystemExit, which db_worker
        # records as a failure: the task was interrupted, not wrong, so it goes back in the
        # queue for the next worker.
        if (
            db_task_result.status == TaskResultStatus.FAILED
            and db_task_result.exception_class_path in INTERRUPTED
        ):
            DBTaskResult.objects.filter(
                pk=db_task_result.pk, status=TaskResultStatus.FAILED
            ).update(
                status=TaskResultStatus.READY,
                finished_at=None,
                exception_class_path="",
                traceback="",
            )
            logger.warning("Task %s queued again: its worker was stopped", db_task_result.pk)


class Command(db_worker.Command):
    help = "Runs background tasks (db_worker with a heartbeat; dead workers' tasks run again)."

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--lease",
            type=int,
            default=settings.TASKS_WORKER_LEASE_SECONDS,
            help="Seconds without a heartbeat after which this worker counts as dead and its "
            "task runs again elsewhere (default: %(default)s).",
        )

    def handle(self, *, lease: int, **options) -> None:
        if lease < 1:
            raise db_worker.CommandError("--lease must be at least 1 second")
        # db_worker builds its Worker inside handle(): the same steps, with HeartbeatWorker.
        original = db_worker.Worker
        db_worker.Worker = functools.partial(
            HeartbeatWorker, lease=datetime.timedelta(seconds=lease)
        )
        try:
            super().handle(**options)
        finally:
            db_worker.Worker = original
