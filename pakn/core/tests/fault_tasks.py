"""A task for the fault tests of test_workers.py, in a module a worker process can import
without pytest: it writes down each start and each end in a folder, and waits in between
until the test releases it, so that the test can kill its worker in the middle."""

import time
from pathlib import Path

from django_tasks import task


@task()
def tally_when_released(folder: str, key: str) -> str:
    place = Path(folder)
    with (place / "started").open("a", encoding="utf-8") as started:
        started.write(key + "\n")
    while not (place / "release").exists():
        time.sleep(0.05)
    with (place / "done").open("a", encoding="utf-8") as done:
        done.write(key + "\n")
    return key


@task()
def log_a_line(text: str) -> str:
    """Writes ``text`` to the worker's log, as a task's own logging would."""
    import logging

    logging.getLogger("pakn.core.tests").warning("Công việc nền: %s", text)
    return "logged"
