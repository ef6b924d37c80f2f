"""Files a department attaches to its own report: the adoption table (XLSX) and the review
report (XLSX and DOCX). Written with openpyxl and python-docx; figures as numbers, not text,
so a reader can add them up again."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from pakn.campaigns.review import ReviewReport, ReviewUnitLine
from pakn.campaigns.selectors import AdoptionTable

DATE = "%d/%m/%Y"


def _moment(value) -> str:
    return f"{timezone.localtime(value):%H:%M %d/%m/%Y}" if value else ""


def _sheet(workbook, title: str, header: list[str], rows: list[list], intro: list[str] = ()):
    sheet = workbook.create_sheet(title[:31])
    for line in intro:
        sheet.append([line])
    if intro:
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([])
    sheet.append(header)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for index, _name in enumerate(header, 1):
        sheet.column_dimensions[get_column_letter(index)].width = 40 if index <= 2 else 16
    return sheet


def _save(workbook) -> bytes:
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


# --- Adoption ----------------------------------------------------------------------------------

ADOPTION_UNIT_HEADER = [
    gettext_lazy("Đơn vị"), gettext_lazy("Nhóm"), gettext_lazy("Xã, phường, đặc khu"), gettext_lazy("Tình trạng"), gettext_lazy("Gửi lần đầu"), gettext_lazy("Số lần sửa"),
    gettext_lazy("Số lượt được hướng dẫn"), gettext_lazy("Số lượt cài đặt"), gettext_lazy("Số tài khoản (đơn vị báo cáo)"),
    gettext_lazy("Số tài khoản (hệ thống đếm)"), gettext_lazy("Số phản ánh gửi từ địa bàn (hệ thống đếm)"), gettext_lazy("Dân số"),
    gettext_lazy("Tỷ lệ tài khoản/dân số (báo cáo, %)"), gettext_lazy("Tỷ lệ tài khoản/dân số (hệ thống, %)"),
    gettext_lazy("Giải pháp triển khai"), gettext_lazy("Ghi chú"),
]  # fmt: skip
ADOPTION_GROUP_HEADER = [
    gettext_lazy("Nhóm đơn vị"), gettext_lazy("Số đơn vị"), gettext_lazy("Đã gửi"), gettext_lazy("Gửi muộn"), gettext_lazy("Chưa gửi"), gettext_lazy("Số lượt được hướng dẫn"),
    gettext_lazy("Số lượt cài đặt"), gettext_lazy("Số tài khoản (đơn vị báo cáo)"), gettext_lazy("Số tài khoản (hệ thống đếm)"),
    gettext_lazy("Số phản ánh (hệ thống đếm)"), gettext_lazy("Dân số (đã biết)"), gettext_lazy("Tỷ lệ báo cáo (%)"), gettext_lazy("Tỷ lệ hệ thống (%)"),
]  # fmt: skip


def adoption_workbook(table: AdoptionTable) -> bytes:
    period = table.period
    intro = [
        f"{period.campaign.name} — {period.name}",
        _("Kỳ báo cáo: %(start)s – %(end)s; hạn gửi: %(deadline)s") % {
            "start": f"{period.start_date:{DATE}}", "end": f"{period.end_date:{DATE}}",
            "deadline": f"{period.deadline:{DATE}}",
        },
    ]  # fmt: skip
    if table.population_has_demo:
        intro.append(_("Dân số là số liệu minh họa (dữ liệu mẫu), không phải số liệu chính thức."))
    workbook = Workbook()
    workbook.remove(workbook.active)
    unit_rows = [
        [line.unit_name, line.group_label, line.commune_name, line.status_label,
         _moment(line.first_submitted_at), line.corrections, line.people_guided,
         line.app_installs, line.accounts_declared, line.accounts_counted, line.reports_counted,
         line.population, line.declared_share, line.counted_share, line.solutions, line.notes]
        for line in table.lines
    ]  # fmt: skip
    _sheet(workbook, _("Theo đơn vị"), [str(_(h)) for h in ADOPTION_UNIT_HEADER], unit_rows, intro)
    group_rows = [
        [g.label, g.units, g.reported, g.late, g.missing, g.people_guided, g.app_installs,
         g.accounts_declared, g.accounts_counted, g.reports_counted, g.population or None,
         g.declared_share, g.counted_share]
        for g in [*table.groups, table.totals]
    ]  # fmt: skip
    _sheet(
        workbook,
        _("Theo nhóm đơn vị"),
        [str(_(h)) for h in ADOPTION_GROUP_HEADER],
        group_rows,
        intro,
    )
    return _save(workbook)


# --- The review report -------------------------------------------------------------------------

REVIEW_UNIT_HEADER = [
    gettext_lazy("Cơ quan, đơn vị"), gettext_lazy("Tiếp nhận"), gettext_lazy("Đã trả lời"), gettext_lazy("Trả lời đúng hạn"), gettext_lazy("Trả lời trễ hạn"),
    gettext_lazy("Đang xử lý quá hạn"), gettext_lazy("Tỷ lệ trễ hạn (%)"), gettext_lazy("Chuyển trả"), gettext_lazy("Trao đổi của đơn vị"),
    gettext_lazy("Lượt đánh giá"), gettext_lazy("Rất hài lòng"), gettext_lazy("Hài lòng"), gettext_lazy("Không hài lòng"), gettext_lazy("Tỷ lệ không hài lòng (%)"),
]  # fmt: skip


def _unit_row(line: ReviewUnitLine) -> list:
    return [line.label, line.received, line.answered, line.answered_on_time, line.answered_late,
            line.in_progress_late, line.late_share, line.returned, line.messages_from_unit,
            line.ratings, line.very_satisfied, line.satisfied, line.not_satisfied,
            line.not_satisfied_share]  # fmt: skip


def review_title(report: ReviewReport) -> str:
    return _("Kết quả tiếp nhận, xử lý phản ánh, kiến nghị từ %(start)s đến %(end)s") % {
        "start": f"{report.date_from:{DATE}}",
        "end": f"{report.date_to:{DATE}}",
    }


def review_summary_rows(report: ReviewReport) -> list[tuple[str, int | float | None]]:
    """The headline figures in seed 003's order (the page, the XLSX and the DOCX)."""
    t = report.totals
    return [
        (_("Tài khoản đăng ký mới"), report.accounts),
        (_("— cá nhân"), report.accounts_individual),
        (_("— tổ chức, doanh nghiệp"), report.accounts_organisation),
        (_("Phản ánh, kiến nghị tiếp nhận"), report.received),
        (_("Đã có kết quả xử lý, trả lời"), t.answered),
        (_("— đúng hạn"), t.answered_on_time),
        (_("— trễ hạn"), t.answered_late),
        (_("Đang xử lý, đã quá hạn"), t.in_progress_late),
        (_("Tổng số trễ hạn"), t.late),
        (_("Tỷ lệ trễ hạn trên số tiếp nhận (%)"), t.late_share),
        (_("Chuyển trả do không thuộc thẩm quyền"), report.returned),
        (_("Ý kiến trao đổi, tương tác"), report.messages),
        (_("— của người dân, doanh nghiệp"), report.messages_from_citizens),
        (_("— của cơ quan, đơn vị"), report.messages_from_units),
        (_("Lượt đánh giá mức độ hài lòng"), t.ratings),
        (_("— rất hài lòng"), t.very_satisfied),
        (_("— hài lòng"), t.satisfied),
        (_("— không hài lòng"), t.not_satisfied),
        (_("Tỷ lệ không hài lòng trên số đánh giá (%)"), t.not_satisfied_share),
    ]


def _listed_rows(report_list, *, with_comment: bool) -> list[list]:
    return [
        [r.code, r.title, r.unit, _moment(r.submitted_at), _moment(r.answer_deadline),
         _moment(r.answered_at) or _("Chưa trả lời"), *([r.rating_comment] if with_comment else [])]
        for r in report_list
    ]  # fmt: skip


LISTED_HEADER = [
    gettext_lazy("Mã số"),
    gettext_lazy("Tiêu đề"),
    gettext_lazy("Đơn vị xử lý"),
    gettext_lazy("Gửi lúc"),
    gettext_lazy("Hạn xử lý"),
    gettext_lazy("Trả lời lúc"),
]


def review_workbook(report: ReviewReport) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    intro = [review_title(report)]
    _sheet(workbook, _("Tổng hợp"), [_("Nội dung"), _("Số lượng")],
           [list(row) for row in review_summary_rows(report)], intro)  # fmt: skip
    _sheet(workbook, _("Theo kênh và loại"), [_("Kênh, loại"), _("Số phản ánh, kiến nghị")],
           [[label, n] for label, n in report.by_channel + report.by_kind], intro)  # fmt: skip
    _sheet(workbook, _("Theo đơn vị"), [str(_(h)) for h in REVIEW_UNIT_HEADER],
           [_unit_row(line) for line in [*report.units, report.totals]], intro)  # fmt: skip
    header = [str(_(h)) for h in LISTED_HEADER]
    _sheet(
        workbook, _("Trễ hạn"), header, _listed_rows(report.late_reports, with_comment=False), intro
    )
    _sheet(workbook, _("Không hài lòng"), [*header, _("Nhận xét của người gửi")],
           _listed_rows(report.unsatisfied_reports, with_comment=True), intro)  # fmt: skip
    return _save(workbook)


def _table(document, header: list[str], rows: list[list]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = str(text)
        for run in cell.paragraphs[0].runs:
            run.font.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = (
                ""
                if value is None
                else (f"{value:,}".replace(",", ".") if isinstance(value, int) else str(value))
            )


def review_docx(report: ReviewReport, *, agency: str = "") -> bytes:
    document = Document()
    if agency:
        document.add_paragraph(agency.upper()).alignment = WD_ALIGN_PARAGRAPH.LEFT
    document.add_heading(review_title(report), level=1)
    t = report.totals
    document.add_paragraph(
        _("Từ ngày %(start)s đến ngày %(end)s, đã có %(accounts)s tài khoản được người dân, "
          "doanh nghiệp đăng ký sử dụng và %(received)s phản ánh, kiến nghị được gửi đến hệ "
          "thống (trong đó, %(answered)s phản ánh, kiến nghị đã có kết quả xử lý, trả lời; "
          "%(messages)s ý kiến trao đổi, tương tác; %(ratings)s phản hồi đánh giá mức độ hài "
          "lòng). Có %(late)s phản ánh trễ hạn (%(late_share)s%% tổng số tiếp nhận) và "
          "%(not_satisfied)s đánh giá không hài lòng (%(ns_share)s%% tổng số đánh giá).") % {
            "start": f"{report.date_from:{DATE}}", "end": f"{report.date_to:{DATE}}",
            "accounts": report.accounts, "received": report.received, "answered": t.answered,
            "messages": report.messages, "ratings": t.ratings, "late": t.late,
            "late_share": t.late_share if t.late_share is not None else 0,
            "not_satisfied": t.not_satisfied,
            "ns_share": t.not_satisfied_share if t.not_satisfied_share is not None else 0,
        }
    )  # fmt: skip
    document.add_heading(_("1. Số liệu tổng hợp"), level=2)
    _table(
        document, [_("Nội dung"), _("Số lượng")], [list(row) for row in review_summary_rows(report)]
    )
    document.add_heading(_("2. Theo kênh tiếp nhận và loại"), level=2)
    _table(document, [_("Kênh, loại"), _("Số phản ánh, kiến nghị")],
           [[label, n] for label, n in report.by_channel + report.by_kind])  # fmt: skip
    document.add_heading(_("3. Theo cơ quan, đơn vị"), level=2)
    _table(document, [str(_(h)) for h in REVIEW_UNIT_HEADER],
           [_unit_row(line) for line in [*report.units, report.totals]])  # fmt: skip
    header = [str(_(h)) for h in LISTED_HEADER]
    document.add_heading(_("4. Phản ánh, kiến nghị trễ hạn"), level=2)
    _table(document, header, _listed_rows(report.late_reports, with_comment=False))
    document.add_heading(_("5. Phản ánh, kiến nghị người gửi không hài lòng"), level=2)
    _table(document, [*header, _("Nhận xét của người gửi")],
           _listed_rows(report.unsatisfied_reports, with_comment=True))  # fmt: skip
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
