"""A task for the fault test of test_officer_import_worker.py, in a module a worker process
imports without pytest: the real import run, which after its second row writes down where it
is and waits until the test releases it, so that the test can kill the worker there."""

import time
from pathlib import Path

from django_tasks import task

from pakn.organisations.unit_administration import officer_import_run


@task()
def officer_import_paused(import_id: str, folder: str) -> str:
    place = Path(folder)

    def after_row(number: int) -> None:
        with (place / "rows").open("a", encoding="utf-8") as rows:
            rows.write(f"{number}\n")
        while number == 3 and not (place / "release").exists():  # rows 2 and 3 are done
            time.sleep(0.05)

    return officer_import_run(import_id=import_id, after_row=after_row).status
