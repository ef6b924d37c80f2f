"""Deadline reminders, escalation, daily digests and the removal of unsent uploads: one pass, or a pass every --interval
seconds with --loop (what `make run` starts beside the task worker). Two schedulers running
at once still send each reminder once (see pakn.notifications.scheduler)."""

import datetime
import logging
import socket
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils.crypto import get_random_string

from pakn.core.models import BackgroundRole
from pakn.core.workers import idempotency_keys_purge, worker_heartbeat_beat, worker_heartbeat_end
from pakn.notifications.scheduler import scheduler_pass

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Queues due deadline reminders, escalations of late reports and daily digests; "
        "removes uploads nobody sent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep running.")
        parser.add_argument(
            "--interval", type=int, default=60, help="Seconds between passes with --loop."
        )

    def handle(self, *args, loop=False, interval=60, verbosity=1, **options):
        # One row per looping scheduler; run from cron (one pass a minute), one row per machine
        # that each pass renews. /readyz reports a scheduler silent for two passes and a minute.
        name = f"scheduler-{get_random_string(16)}" if loop else f"scheduler-{socket.gethostname()}"
        lease = datetime.timedelta(seconds=2 * max(1, interval) + 60)
        try:
            while True:
                try:
                    worker_heartbeat_beat(
                        name=name[:64], role=BackgroundRole.SCHEDULER, lease=lease
                    )
                    result = scheduler_pass()
                    idempotency_keys_purge()
                except Exception:
                    if not loop:
                        raise
                    # A passing database hiccup must not stop the reminders for good.
                    logger.exception("Scheduler pass failed; retrying in %s s", interval)
                else:
                    if verbosity >= 1 and (not loop or any(result.values())):
                        self.stdout.write(
                            f"reminders queued: {result['reminders']}, "
                            f"digests queued: {result['digests']}, "
                            f"unsent uploads removed: {result['uploads_removed']}"
                            + "".join(
                                f", {name.replace('_', ' ')}: {count}"
                                for name, count in result.items()
                                if name not in ("reminders", "digests", "uploads_removed")
                            )
                        )
                if not loop:
                    return
                time.sleep(max(1, interval))
                close_old_connections()  # a long-running process must not keep stale ones
        except KeyboardInterrupt:
            return
        finally:
            if loop:
                try:
                    worker_heartbeat_end(name=name[:64])
                except Exception:  # its lease runs out by itself
                    logger.exception("The scheduler could not remove its heartbeat")
