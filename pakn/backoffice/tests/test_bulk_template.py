"""The officers' import template offers drop-down lists for the unit and the role, whose
values the import accepts, and still reads back as an import file."""

import io

import openpyxl
import pytest

from pakn.backoffice.tests.desk_setup import desk_build
from pakn.organisations.models import MembershipRole
from pakn.organisations.unit_administration import bulk_rows_read

pytestmark = pytest.mark.django_db


def test_the_template_has_drop_down_lists_for_unit_and_role(client):
    desk = desk_build()
    client.force_login(desk["unit_admin_a"])
    content = client.get("/can-bo/quan-tri/nhap-tep/mau.xlsx").content
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    sheet, lists = workbook.active, workbook["Danh muc"]
    assert sheet.title == "Can bo"
    validations = {str(v.sqref).split(":")[0]: v for v in sheet.data_validations.dataValidation}
    assert set(validations) == {"E2", "F2"}
    assert all(v.type == "list" for v in validations.values())

    def listed(validation):
        cells = lists[validation.formula1.split("!")[1].replace("$", "")]
        return [row[0].value for row in cells]

    assert listed(validations["E2"]) == ["sxd", "sxd-ht"]  # the units the admin administers
    assert listed(validations["F2"]) == [str(label) for _v, label in MembershipRole.choices]
    rows = bulk_rows_read(filename="mau.xlsx", content=content)
    assert rows[0]["ma_don_vi"] == "sxd" and rows[0]["vai_tro"] == "Cán bộ xử lý"
