"""Background processes that lose no task: heartbeats of the task workers and the scheduler,
and the recovery pass that queues again the tasks of a worker that died.

django-tasks-db (0.13) marks a task RUNNING when a worker claims it, and nothing ever looks
at it again: a worker killed in the middle (kill -9, out of memory, a machine lost) leaves the
task RUNNING for good (upstream issue django-tasks-db#5 is open; its "worker pings" pull
request was closed unmerged). So this small piece is written here: every ``pakn_worker``
renews a lease (a WorkerHeartbeat row) from a thread every third of
TASKS_WORKER_LEASE_SECONDS (or ``--lease``), and a recovery pass, at every worker's start and then once a
lease, puts back in the queue each RUNNING task whose worker's lease has run out. A task may
therefore run twice (at least once, never lost), so every task is written to be safe to run
twice, by its own key (the SMS row, the notification's IdempotencyKey, the export row).
"""

import datetime
import logging
import os
import socket

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from pakn.core.models import BackgroundRole, IdempotencyKey, WorkerHeartbeat

logger = logging.getLogger(__name__)

# A task that has killed its worker this many times is recorded as failed instead of being
# queued again: a task that crashes the process (memory) must not crash every worker forever.
TASK_MAX_STARTS = 5
# A RUNNING task of a worker that never had a heartbeat (a plain `db_worker`, or a task left
# before this release) is taken up again only after this long.
UNREGISTERED_WORKER_GRACE = datetime.timedelta(minutes=10)
# /readyz says a queue has no worker when none has been seen for this long.
WORKER_SEEN_WITHIN = datetime.timedelta(seconds=60)


class WorkerLost(Exception):
    """Recorded as the error of a task whose worker died too many times while running it."""


def worker_heartbeat_beat(
    *, name: str, role: str, queues: str = "", lease: datetime.timedelta
) -> None:
    """Says that the process ``name`` is alive for ``lease`` more."""
    now = timezone.now()
    if WorkerHeartbeat.objects.filter(pk=name).update(seen_at=now, expires_at=now + lease):
        return
    WorkerHeartbeat.objects.update_or_create(
        pk=name,
        defaults={
            "role": role,
            "queues": queues[:200],
            "host": socket.gethostname()[:100],
            "pid": os.getpid(),
            "started_at": now,
            "seen_at": now,
            "expires_at": now + lease,
        },
    )


def worker_heartbeat_end(*, name: str) -> None:
    """A process that stops cleanly says so: its row goes at once."""
    WorkerHeartbeat.objects.filter(pk=name).delete()


def task_requeue(*, task_result: DBTaskResult, reason: str) -> bool:
    """Puts one RUNNING task back in the queue (or records it failed after TASK_MAX_STARTS
    starts). The update applies only if the task is still the same run (same ``started_at``),
    so two recovery passes, or a worker that claimed it meanwhile, cannot make it run twice."""
    now = timezone.now()
    still_same_run = DBTaskResult.objects.filter(
        pk=task_result.pk, status=TaskResultStatus.RUNNING, started_at=task_result.started_at
    )
    if len(task_result.worker_ids) >= TASK_MAX_STARTS:
        changed = still_same_run.update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
            traceback=f"WorkerLost: {reason}; started {len(task_result.worker_ids)} times\n",
        )
        if changed:
            logger.error("Task %s failed: %s, too many times", task_result.pk, reason)
        return False
    changed = still_same_run.update(status=TaskResultStatus.READY)
    if changed:
        logger.warning(
            "Task %s (%s) queued again: %s", task_result.pk, task_result.task_path, reason
        )
    return bool(changed)


def tasks_recover(*, now: datetime.datetime | None = None) -> int:
    """Queues again every RUNNING task whose worker is gone; returns how many. Cheap enough to
    run often: it reads the few RUNNING tasks (a partial index) and the heartbeat rows."""
    now = now or timezone.now()
    rows = dict(
        WorkerHeartbeat.objects.filter(role=BackgroundRole.WORKER).values_list("name", "expires_at")
    )
    requeued = 0
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).only(
        "id", "task_path", "worker_ids", "started_at"
    )
    for task_result in running:
        owner = task_result.worker_ids[-1] if task_result.worker_ids else ""
        if owner in rows:
            if rows[owner] > now:
                continue  # its worker is alive, the task is really running
            reason = f"worker {owner} stopped renewing its heartbeat"
        else:
            started = task_result.started_at
            if started is not None and started > now - UNREGISTERED_WORKER_GRACE:
                continue
            reason = f"worker {owner or '?'} has no heartbeat and started it long ago"
        requeued += task_requeue(task_result=task_result, reason=reason)
    # The rows of dead processes have served: their tasks are back in the queue.
    WorkerHeartbeat.objects.filter(expires_at__lte=now).delete()
    return requeued


def database_task_queues() -> list[str]:
    """The queues some worker has to serve: those of the database task backends (none when
    tasks run at once, as in the tests)."""
    queues: list[str] = []
    for alias in settings.TASKS:
        backend = task_backends[alias]
        if isinstance(backend, DatabaseBackend):
            queues.extend(queue for queue in sorted(backend.queues) if queue not in queues)
    return queues


def background_processes_check(*, now: datetime.datetime | None = None) -> dict[str, str]:
    """For /readyz: "ok", or what is missing, for the task workers and the scheduler. Empty
    when no database task backend is configured (nothing runs in the background then)."""
    queues = database_task_queues()
    if not queues:
        return {}
    now = now or timezone.now()
    served: set[str] = set()
    for row_queues in WorkerHeartbeat.objects.filter(
        role=BackgroundRole.WORKER, seen_at__gte=now - WORKER_SEEN_WITHIN
    ).values_list("queues", flat=True):
        served.update(row_queues.split(","))
    unserved = [queue for queue in queues if queue not in served and "*" not in served]
    seconds = int(WORKER_SEEN_WITHIN.total_seconds())
    checks = {
        "workers": "ok"
        if not unserved
        else f"no worker seen in the last {seconds} s for queue {', '.join(unserved)}"
    }
    # The scheduler sleeps a minute or more between passes: its own lease says when it is late.
    scheduler = WorkerHeartbeat.objects.filter(role=BackgroundRole.SCHEDULER, expires_at__gt=now)
    checks["scheduler"] = "ok" if scheduler.exists() else "no scheduler heartbeat"
    return checks


def idempotency_key_claim(*, key: str) -> bool:
    """True the first time ``key`` is claimed, False ever after. Call it inside the
    transaction of the effect it names: if that transaction rolls back, so does the claim."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("idempotency_key_claim needs the effect's transaction")
    _, created = IdempotencyKey.objects.get_or_create(key=key[:200])
    return created


def idempotency_keys_purge(*, older_than: datetime.timedelta = datetime.timedelta(days=30)) -> int:
    """Keys are needed while a task may still run again (hours); a month is plenty."""
    deleted, _ = IdempotencyKey.objects.filter(created_at__lt=timezone.now() - older_than).delete()
    return deleted
