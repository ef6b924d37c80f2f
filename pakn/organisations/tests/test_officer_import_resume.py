"""An import run cut short and taken up again (what a worker's death leads to, see
test_officer_import_worker.py for the real SIGKILL): rows done stay done, the rest are
checked anew, and a username taken meanwhile is that row's error, not a second account."""

import pytest

from pakn.accounts.models import User
from pakn.accounts.tests.factories import OfficerFactory
from pakn.organisations.models import MembershipRole, OfficerImport, OfficerImportStatus
from pakn.organisations.tests.factories import MembershipFactory, UnitFactory
from pakn.organisations.unit_administration import officer_import_run

pytestmark = pytest.mark.django_db


class WorkerDied(Exception):
    pass


def test_a_run_taken_up_again_creates_the_rest_once_and_reports_a_username_taken_meanwhile():
    department = UnitFactory(name="Sở Xây dựng", code="sxd")
    admin = OfficerFactory(username="quantri.sxd")
    MembershipFactory(user=admin, unit=department, role=MembershipRole.UNIT_ADMIN)
    lines = "".join(f"Cán bộ {n},canbo{n}.sxd,sxd,Cán bộ xử lý\n" for n in range(1, 5))
    officer_import = OfficerImport.objects.create(
        started_by=admin,
        filename="ds.csv",
        source=("Họ và tên,Tên đăng nhập,Mã đơn vị,Vai trò\n" + lines).encode(),
    )

    def dies_after_the_first_row(number):
        raise WorkerDied

    with pytest.raises(WorkerDied):
        officer_import_run(import_id=officer_import.pk, after_row=dies_after_the_first_row)
    assert list(
        User.objects.filter(username__startswith="canbo").values_list("username", flat=True)
    ) == ["canbo1.sxd"]
    OfficerFactory(username="canbo3.sxd")  # someone else took it in between

    finished = officer_import_run(import_id=officer_import.pk)

    assert finished.status == OfficerImportStatus.DONE
    assert (finished.rows_done, finished.rows_total) == (4, 4)
    for n in (1, 2, 3, 4):
        assert User.objects.filter(username=f"canbo{n}.sxd").count() == 1
    rows = {row.number: row for row in finished.rows.all()}
    assert [rows[n].officer.username for n in (2, 3, 5)] == [
        "canbo1.sxd",
        "canbo2.sxd",
        "canbo4.sxd",
    ]
    assert rows[4].officer is None
    assert rows[4].errors == ["Tên đăng nhập canbo3.sxd đã có người dùng."]
