"""Statistics exports hold counts only: with reports whose titles and contents carry every
spelling of the table, neither the CSV nor the workbook holds any of them, and core's rule
finds no personal number in their dates and counts."""

import datetime
import io

import openpyxl
import pytest
from django.utils import timezone

from pakn.core.personal_numbers import contains_personal_number
from pakn.core.tests.personal_number_spellings import PERSONAL
from pakn.reports.tests.factories import ReportFactory
from pakn.reports.workflow import report_apply
from pakn.statistics.models import ExportFormat
from pakn.statistics.selectors import VIEWS, StatisticsFilters
from pakn.statistics.services import statistics_export_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def reports_with_numbers(org):
    for spelling in PERSONAL:
        report = ReportFactory(reporter=org["reporter"], coordinating_unit=org["centre"],
                               title=f"Gọi {spelling.text}", content=f"CCCD/SĐT {spelling.text}")  # fmt: skip
        report_apply(report_id=report.pk, action="submit", actor=org["reporter"])
        report_apply(report_id=report.pk, action="forward", actor=org["coordinator"],
                     unit_id=org["department"].pk)  # fmt: skip
    return org


def cells(content: bytes, file_format: str) -> list[str]:
    if file_format == ExportFormat.CSV:
        return content.decode("utf-8-sig").splitlines()
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [str(c.value) for s in workbook for row in s.iter_rows() for c in row if c.value]


@pytest.mark.parametrize(
    "file_format, views", [(ExportFormat.CSV, ["unit"]), (ExportFormat.XLSX, list(VIEWS))]
)
def test_exports_hold_no_personal_number(reports_with_numbers, file_format, views):
    today = timezone.localdate()
    filters = StatisticsFilters(date_from=today - datetime.timedelta(days=30), date_to=today)
    content = statistics_export_content(filters=filters, views=views, file_format=file_format)
    exported = cells(content, file_format)
    counted = str(len(PERSONAL))
    assert any(f",{counted}," in line or line == counted for line in exported)  # all counted
    assert any(today.strftime("%d/%m/%Y") in line for line in exported)  # dates are kept
    assert not any(contains_personal_number(line) for line in exported)
    text = "\n".join(exported)
    assert not any(number in text for s in PERSONAL for number in s.found)
