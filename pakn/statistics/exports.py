"""Seed 002's table as a spreadsheet: XLSX (openpyxl) and CSV.

The XLSX has the page's three header rows with the group headings merged, the filters in words
in its first rows, whole-number formats and one sheet per view. The CSV is UTF-8 with a byte
order mark, so that Excel opens the Vietnamese headings correctly; its first lines are the
same description. Both hold only counts: no personal data."""

import csv
import io
import logging
from collections.abc import Callable, Sequence

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from pakn.statistics.models import ExportFormat, ExportStatus, StatisticsExport
from pakn.statistics.selectors import (
    StatisticsFilters,
    StatisticsTable,
    filters_describe,
    statistics_table,
    view_heading,
)

logger = logging.getLogger(__name__)

COLUMN_COUNT = 13


def _title() -> str:
    return _("Thống kê tình trạng, kết quả xử lý phản ánh, kiến nghị")


def _sheet_name(view: str) -> str:
    return {
        "unit": _("Theo cơ quan, đơn vị"),
        "sector": _("Theo lĩnh vực"),
        "commune": _("Theo xã, phường"),
        "province": _("Theo tỉnh, thành phố"),
    }.get(view, view)[:31]


def header_rows(view: str) -> list[list[str]]:
    """The three header rows of the table, as on the page (empty strings where a heading
    spans from the row above or the cell before)."""
    total, on_time, late = _("Tổng số"), _("Đúng hạn"), _("Quá hạn")
    return [
        [_("STT"), view_heading(view), total, _("Kết quả xử lý PAKN"), "", "", "", "", "",
         _("Đánh giá"), "", "", ""],
        ["", "", "", _("Đã xử lý"), "", "", _("Đang xử lý"), "", "", "", "", "", ""],
        ["", "", "", total, on_time, late, total, on_time, late, total, _("Rất hài lòng"),
         _("Hài lòng"), _("Không hài lòng")],
    ]  # fmt: skip


# (first row, first column, last row, last column) of each merged heading, counted from the
# first header row and the first column (1-based, as openpyxl counts).
HEADER_MERGES = (
    (1, 1, 3, 1), (1, 2, 3, 2), (1, 3, 3, 3), (1, 4, 1, 9), (1, 10, 2, 13),
    (2, 4, 2, 6), (2, 7, 2, 9),
)  # fmt: skip


def body_rows(table: StatisticsTable) -> list[list]:
    rows = [["*", table.totals.label, *table.totals.values()]]
    rows += [[index, line.label, *line.values()] for index, line in enumerate(table.lines, 1)]
    return rows


def description_rows(described: Sequence[tuple[str, str]]) -> list[list[str]]:
    rows = [[_title()]]
    rows += [[f"{label}: {value}"] for label, value in described]
    rows.append(
        [_("Số liệu lúc %(moment)s") % {"moment": f"{timezone.localtime():%H:%M %d/%m/%Y}"}]
    )
    return rows


def statistics_csv(table: StatisticsTable, described: Sequence[tuple[str, str]]) -> bytes:
    output = io.StringIO()
    writer = csv.writer(output)
    for row in description_rows(described):
        writer.writerow(row)
    writer.writerow([])
    header = header_rows(table.view)
    # One header line in a CSV: the group written before each column's own heading.
    groups = ["", "", "", *[_("Đã xử lý")] * 3, *[_("Đang xử lý")] * 3, *[_("Đánh giá")] * 4]
    writer.writerow(
        [
            f"{group} - {name}" if group else name
            for group, name in zip(groups, [*header[0][:3], *header[2][3:]], strict=True)
        ]
    )
    writer.writerows(body_rows(table))
    return ("\ufeff" + output.getvalue()).encode("utf-8")


THIN = Side(style="thin", color="9AA5B1")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="EEF4FA")
TOTALS_FILL = PatternFill("solid", fgColor="FFF4D6")


def statistics_workbook(
    tables: Sequence[StatisticsTable],
    described: Sequence[tuple[str, str]],
    progress: Callable[[int], None] | None = None,
) -> bytes:
    """One sheet per table; ``progress`` is told the share done (0–100) after each sheet."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for done, table in enumerate(tables, 1):
        _write_sheet(workbook.create_sheet(_sheet_name(table.view)), table, described)
        if progress:
            progress(int(90 * done / len(tables)))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _write_sheet(sheet, table: StatisticsTable, described: Sequence[tuple[str, str]]) -> None:
    row = 1
    for index, line in enumerate(description_rows(described)):
        sheet.cell(row=row, column=1, value=line[0]).font = Font(
            bold=index == 0, size=13 if index == 0 else 11
        )
        row += 1
    row += 1
    header_top = row
    for values in header_rows(table.view):
        for column, value in enumerate(values, 1):
            cell = sheet.cell(row=row, column=column, value=value or None)
            cell.font = Font(bold=True)
            cell.fill = HEADER_FILL
            cell.border = BORDER
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        row += 1
    for first_row, first_column, last_row, last_column in HEADER_MERGES:
        sheet.merge_cells(
            start_row=header_top + first_row - 1,
            start_column=first_column,
            end_row=header_top + last_row - 1,
            end_column=last_column,
        )
    for index, values in enumerate(body_rows(table)):
        for column, value in enumerate(values, 1):
            cell = sheet.cell(row=row, column=column, value=value)
            cell.border = BORDER
            if column >= 3:
                cell.number_format = "#,##0"
            if index == 0:
                cell.font = Font(bold=True)
                cell.fill = TOTALS_FILL
        row += 1
    sheet.freeze_panes = sheet.cell(row=header_top + 3, column=3)
    sheet.column_dimensions["A"].width = 6
    sheet.column_dimensions["B"].width = 48
    for column in range(3, COLUMN_COUNT + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 11


# The export files made in the background (pakn.statistics.tasks) or at once (the portal).


def export_filename(*, file_format: str, views: list[str]) -> str:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    suffix = "tat-ca" if len(views) > 1 else {"unit": "don-vi", "sector": "linh-vuc",
                                               "commune": "xa-phuong"}.get(views[0], "bang")  # fmt: skip
    return f"thong-ke-pakn-{suffix}-{stamp}.{file_format}"


def statistics_export_content(
    *, filters: StatisticsFilters, views: list[str], file_format: str, progress=None
) -> bytes:
    """The file's bytes; ``progress`` (optional) hears the share done, 0–100."""
    tables = []
    for done, view in enumerate(views, 1):
        tables.append(statistics_table(filters=filters, view=view))
        if progress:
            progress(int(50 * done / len(views)))
    described = filters_describe(filters)
    if file_format == ExportFormat.CSV:
        return statistics_csv(tables[0], described)
    return statistics_workbook(
        tables,
        described,
        progress=(lambda share: progress(50 + share // 2)) if progress else None,
    )


def statistics_export_run(*, export_id: str) -> StatisticsExport:
    """Writes the file to the default storage, reporting progress as it goes."""
    export = StatisticsExport.objects.get(pk=export_id)
    if export.is_finished:
        return export

    def progress(percent: int) -> None:
        StatisticsExport.objects.filter(pk=export.pk).update(
            status=ExportStatus.RUNNING, progress=max(1, min(percent, 99))
        )

    progress(1)
    _export_files_remove(export)
    try:
        content = statistics_export_content(
            filters=StatisticsFilters.from_dict(export.filters),
            views=export.views,
            file_format=export.file_format,
            progress=progress,
        )
        export.file.save(
            export_filename(file_format=export.file_format, views=export.views),
            ContentFile(content),
            save=False,
        )
    except Exception:
        logger.exception("statistics export %s failed", export.pk)
        export.status, export.error = (
            ExportStatus.FAILED,
            _("Không tạo được tệp, vui lòng thử lại."),
        )
    else:
        export.status, export.progress = ExportStatus.DONE, 100
    export.finished_at = timezone.now()
    export.save()
    return export


def _export_files_remove(export: StatisticsExport) -> None:
    """A run cut short after writing its file (the worker died) left that file behind: the
    run taking the export up again writes it anew, in its place."""
    folder = f"statistics/exports/{export.pk}"
    try:
        _, names = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in names:
        default_storage.delete(f"{folder}/{name}")
