"""Helpers for tests that run real `pakn_worker` processes on the test database."""

import json
import logging
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from pakn.core.tests.processes import MANAGE_PY, REPO_ROOT, pakn_environment

# The database queue of base.py, in place of the test settings' tasks run at once.
DATABASE_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": settings.TASK_QUEUES}
}


def database_url_of_this_test() -> str:
    """The address of the database this test runs on, for a process of its own."""
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{database['NAME']}"
    user = quote(database["USER"] or "", safe="")
    password = quote(database["PASSWORD"] or "", safe="")
    host = database["HOST"] or "127.0.0.1"
    return f"postgres://{user}:{password}@{host}:{database['PORT'] or 5432}/{database['NAME']}"


class WorkerProcesses:
    """Starts `pakn_worker` processes on the test database (and its media folder), with a
    two-second lease so that a killed worker is noticed quickly; stops whatever is left."""

    def __init__(self, tmp_path: Path):
        self.environment = pakn_environment(
            tmp_path,
            DATABASE_URL=database_url_of_this_test(),
            MEDIA_ROOT=str(settings.MEDIA_ROOT),
            DEBUG="false",
        )
        self.log = tmp_path / "workers.log"
        self.processes: list[subprocess.Popen] = []

    def start(self, queues: str) -> subprocess.Popen:
        with self.log.open("a", encoding="utf-8") as log:
            process = subprocess.Popen(
                [sys.executable, str(MANAGE_PY), "pakn_worker", "--queue-name", queues,
                 "--interval", "0.2", "--no-startup-delay", "--no-reload", "--lease", "2", "-v", "2"],
                cwd=REPO_ROOT, env=self.environment, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        self.processes.append(process)
        return process

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8") if self.log.exists() else ""

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=30)


def wait_until(condition, workers: WorkerProcesses, what: str, *, timeout: float = 90) -> None:
    """Waits for ``condition`` (a slow shared machine may take a while); fails with the
    workers' log if it does not come."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting until {what}; workers' log:\n{workers.log_text()}")


def worker_batch_in_this_process() -> None:
    """Runs `pakn_worker --batch` on the database queue here (every queue, until none is
    left), then puts back what
    db_worker changes in its process: signal handlers (Ctrl-C must still stop pytest) and the
    task loggers' levels."""
    handled = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    saved_handlers = {number: signal.getsignal(number) for number in handled}
    loggers = [logging.getLogger(name) for name in ("django_tasks", "django_tasks_db")]
    saved_levels = [task_logger.level for task_logger in loggers]
    try:
        with override_settings(TASKS=DATABASE_TASKS):
            call_command(
                "pakn_worker", queue_name="*", batch=True, reload=False, startup_delay=False,
                verbosity=0,
            )  # fmt: skip
    finally:
        for number, handler in saved_handlers.items():
            signal.signal(number, handler)
        for task_logger, level in zip(loggers, saved_levels, strict=True):
            task_logger.setLevel(level)


class HangingGateway:
    """An HTTP SMS gateway on 127.0.0.1 that never answers the first request for a message
    (with ``hang_always``, any request): the sender waits as on a gateway that hangs. The
    messages it answers are the ones delivered, counted by their reference."""

    def __init__(self, *, hang_always: bool = False):
        self.delivered: list[str] = []
        self.hanging: list[str] = []
        self.request_hangs = threading.Event()
        self.released = threading.Event()
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                document = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                reference = document["reference"]
                if hang_always or reference not in gateway.hanging:
                    gateway.hanging.append(reference)
                    gateway.request_hangs.set()
                    gateway.released.wait(120)
                    return  # the connection closes without an answer
                gateway.delivered.append(reference)
                self.send_response(200)
                self.send_header("X-Message-Id", f"gw-{reference}")
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sms"

    def close(self) -> None:
        self.released.set()
        self.server.shutdown()
        self.server.server_close()
