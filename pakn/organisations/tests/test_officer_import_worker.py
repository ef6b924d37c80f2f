"""A bulk import of officers whose worker is killed (a real SIGKILL) in the middle: the task
taken up again by another worker creates every officer once, and no one-time password is
left in clear text in the task queue or the workers' log.

Transactional, with real `pakn_worker` processes on the test database (see
pakn/core/tests/test_workers.py)."""

import csv
import io

import openpyxl
import pytest
from django.conf import global_settings, settings
from django.test import Client, override_settings
from django.urls import reverse
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from pakn.accounts.models import User
from pakn.accounts.tests.factories import OfficerFactory
from pakn.core.tests.workers import DATABASE_TASKS, WorkerProcesses, wait_until
from pakn.organisations.models import (
    Membership,
    MembershipRole,
    OfficerImport,
    OfficerImportStatus,
)
from pakn.organisations.tests.factories import MembershipFactory, UnitFactory
from pakn.organisations.tests.import_fault_tasks import officer_import_paused

pytestmark = pytest.mark.django_db(transaction=True)
USERNAMES = [f"daumoi{n}.skhcn" for n in range(1, 7)]


@pytest.fixture
def workers(tmp_path):
    processes = WorkerProcesses(tmp_path)
    # Every process of a site shares its SECRET_KEY, which seals the passwords.
    processes.environment["SECRET_KEY"] = settings.SECRET_KEY
    yield processes
    processes.stop_all()


def _rows_seen(folder) -> list[int]:
    path = folder / "rows"
    return [int(n) for n in path.read_text().split()] if path.exists() else []


def test_an_import_whose_worker_is_killed_creates_each_officer_once(tmp_path, workers):
    department = UnitFactory(name="Sở Khoa học và Công nghệ", code="skhcn")
    admin = OfficerFactory(username="quantri.skhcn")
    MembershipFactory(user=admin, unit=department, role=MembershipRole.UNIT_ADMIN)
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(["Họ và tên", "Tên đăng nhập", "Mã đơn vị", "Vai trò"])
    writer.writerows([f"Cán bộ {n}", name, "skhcn", "Cán bộ xử lý"]
                     for n, name in enumerate(USERNAMES, start=1))  # fmt: skip
    officer_import = OfficerImport.objects.create(
        started_by=admin, filename="danh-sach.csv", source=text.getvalue().encode()
    )
    folder = tmp_path / "import"
    folder.mkdir()
    with override_settings(TASKS=DATABASE_TASKS):
        officer_import_paused.enqueue(str(officer_import.pk), str(folder))

    first = workers.start("default")
    wait_until(lambda: _rows_seen(folder) == [2, 3], workers, "two rows are created")
    first.kill()  # SIGKILL, between two rows
    first.wait()
    assert User.objects.filter(username__in=USERNAMES).count() == 2
    assert OfficerImport.objects.get().status == OfficerImportStatus.RUNNING

    (folder / "release").touch()
    workers.start("default")
    wait_until(
        lambda: OfficerImport.objects.get().status == OfficerImportStatus.DONE,
        workers,
        "the import is taken up again and completes",
    )
    assert _rows_seen(folder) == [2, 3, 4, 5, 6, 7]  # the second run went on from row 4
    for username in USERNAMES:
        assert User.objects.filter(username=username).count() == 1
        assert Membership.objects.filter(user__username=username, unit=department).count() == 1
    finished = OfficerImport.objects.get()
    assert (finished.rows_done, finished.rows_total) == (6, 6)
    assert all(not row.errors for row in finished.rows.all())
    task_result = DBTaskResult.objects.get()
    assert task_result.status == TaskResultStatus.SUCCESSFUL

    # The passwords, taken once by the administrator, work and appear nowhere else.
    client = Client()
    client.force_login(admin)
    response = client.post(reverse("backoffice:officers-import-passwords", args=[finished.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    passwords = {row[2]: row[4] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert sorted(passwords) == USERNAMES
    # The workers hash with the site's hashers, not the tests' fast one.
    with override_settings(PASSWORD_HASHERS=global_settings.PASSWORD_HASHERS):
        for username, password in passwords.items():
            assert User.objects.get(username=username).check_password(password)
    stored_task = f"{task_result.args_kwargs} {task_result.return_value} {task_result.traceback}"
    log = workers.log_text()
    for password in passwords.values():
        assert password not in stored_task
        assert password not in log
