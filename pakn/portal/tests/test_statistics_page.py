"""The public statistics page (issue #7): seed 002's table, filters, tabs, charts, exports."""

import csv
import io
import re

import openpyxl
import pytest
from django.utils import timezone

from pakn.reports.models import Report
from pakn.reports.tests.factories import ReportFactory
from pakn.reports.workflow import report_apply
from pakn.statistics.models import ExportStatus, StatisticsExport
from pakn.statistics.selectors import (
    VIEW_COMMUNE,
    VIEW_SECTOR,
    StatisticsFilters,
    statistics_table,
)
from pakn.testing.reports import answer_report


def _answered(org, unit="department", rating=None):  # noqa: F811
    report = ReportFactory(reporter=org["reporter"])
    report_apply(report_id=report.pk, action="submit", actor=org["reporter"])
    if unit == "department":
        answer_report(org, report)
        if rating:
            report_apply(report_id=report.pk, action="rate", actor=org["reporter"], value=rating)
    else:
        report_apply(report_id=report.pk, action="forward", actor=org["coordinator"],
                     unit_id=org[unit].pk)  # fmt: skip
    return report


@pytest.fixture
def reports(org):  # noqa: F811
    _answered(org, rating="very_satisfied")
    _answered(org, rating="not_satisfied")
    _answered(org)
    _answered(org, unit="other")
    return org


def _rows(html: str) -> dict[str, list[int]]:
    """Each line of the table: its key and its eleven numbers."""
    rows = {}
    for key, body in re.findall(r'<tr[^>]*data-line="([^"]+)"[^>]*>(.*?)</tr>', html, re.S):
        rows[key] = [int(n) for n in re.findall(r'<td class="num">(\d+)</td>', body)]
    return rows


def _expected(table) -> dict[str, list[int]]:
    return {"total": table.totals.values(), **{line.key: line.values() for line in table.lines}}


def test_page_shows_seed_002_headings_totals_and_lines(client, reports):
    response = client.get("/thong-ke/")
    html = response.content.decode()
    assert response.status_code == 200
    for heading in ("STT", "Cơ quan/Đơn vị xử lý", "Tổng số", "Kết quả xử lý PAKN", "Đã xử lý",
                    "Đang xử lý", "Đúng hạn", "Quá hạn", "Đánh giá", "Rất hài lòng", "Hài lòng",
                    "Không hài lòng"):  # fmt: skip
        assert heading in html
    rows = _rows(html)
    assert rows == _expected(statistics_table(filters=StatisticsFilters()))
    assert rows["total"][:3] == [4, 3, 3]  # four reports, three answered on time
    assert rows[f"unit-{reports['department'].pk}"][0] == 3
    # Charts drawn on the server, with their numbers in words for screen readers.
    assert html.count('class="stat-chart__svg"') == 2  # results and satisfaction
    assert html.count('class="stat-bars__bar"') == 2  # one bar per unit
    assert "3 đã xử lý đúng hạn" in html


def test_tabs_per_sector_and_commune_keep_the_filters(client, reports):
    department = reports["department"].pk
    html = client.get(f"/thong-ke/?unit={department}&view=sector").content.decode()
    assert "Lĩnh vực</th>" in html
    assert f"unit={department}" in html and "view=commune" in html
    filters = StatisticsFilters(unit_id=department)
    expected = statistics_table(filters=filters, view=VIEW_SECTOR)
    assert _rows(html)["total"] == expected.totals.values()
    html = client.get(f"/thong-ke/?unit={department}&view=commune").content.decode()
    assert "Xã, phường, đặc khu</th>" in html
    assert _rows(html)["total"][0] == 3


def test_unit_filter_shows_the_unit_and_its_sub_units(client, reports):
    department = reports["department"]
    html = client.get(f"/thong-ke/?unit={department.pk}").content.decode()
    rows = _rows(html)
    assert rows["total"][0] == 3
    assert "Sở Xây dựng (trực tiếp xử lý)" in html
    assert "Sở Y tế" not in html.split('id="bang-thong-ke"')[1].split("</table>")[0]
    only = client.get(f"/thong-ke/?unit={reports['other'].pk}&scope=unit").content.decode()
    assert _rows(only)["total"][:5] == [1, 0, 0, 0, 1]


def test_bad_filters_show_a_message_and_keep_what_was_typed(client, reports):
    response = client.get("/thong-ke/?period=custom&date_from=2026-05-10&date_to=2026-05-01")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ngày kết thúc phải sau hoặc trùng ngày bắt đầu." in html
    assert 'value="2026-05-10"' in html
    response = client.get("/thong-ke/?unit=abc&sector=999999&date_from=hôm-qua&view=nothing")
    assert response.status_code == 200
    assert _rows(response.content.decode())["total"][0] == 4  # default: the last 12 months


def test_period_filter(client, reports):
    # The days the reports were sent (one day, unless the fixture ran across midnight).
    sent = [timezone.localdate(d) for d in Report.objects.values_list("submitted_at", flat=True)]
    first, last = min(sent), max(sent)
    html = client.get(f"/thong-ke/?period=custom&date_from={first}&date_to={last}").content
    assert _rows(html.decode())["total"][0] == 4
    html = client.get("/thong-ke/?period=last_year").content.decode()
    assert _rows(html)["total"][0] == 0
    assert "Không có phản ánh, kiến nghị nào khớp với điều kiện lọc." in html


def test_query_count_does_not_grow_with_reports(
    client,
    org,  # noqa: F811
    django_assert_max_num_queries,
    django_assert_num_queries,
):
    """Each filter and view is measured with 3 reports, then must take exactly as many queries
    with 30."""
    from django.core.cache import cache

    # Filters' lists, the unit, the counts, the lines' names, the site settings.
    measured = {}
    for count in (3, 30):
        while ReportFactory._meta.model.objects.count() < count:
            _answered(org, unit="other" if count > 3 else "department")
        for query in ("", f"unit={org['department'].pk}&"):
            for view in ("unit", "sector", "commune"):
                cache.clear()
                if count == 3:
                    with django_assert_max_num_queries(9) as captured:
                        response = client.get(f"/thong-ke/?{query}view={view}")
                    measured[query, view] = len(captured.captured_queries)
                else:
                    with django_assert_num_queries(measured[query, view]):
                        response = client.get(f"/thong-ke/?{query}view={view}")
                assert response.status_code == 200


def test_csv_export_matches_the_table(client, reports):
    response = client.get("/thong-ke/tai-ve/?format=csv")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="thong-ke-pakn-')
    content = response.content
    assert content.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 with its byte order mark
    lines = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert lines[0] == ["Thống kê tình trạng, kết quả xử lý phản ánh, kiến nghị"]
    assert lines[1][0].startswith("Thời gian gửi: từ ")
    header = next(i for i, line in enumerate(lines) if line and line[0] == "STT")
    assert lines[header][:4] == ["STT", "Cơ quan/Đơn vị xử lý", "Tổng số", "Đã xử lý - Tổng số"]
    body = {line[1]: [int(n) for n in line[2:]] for line in lines[header + 1 :]}
    table = statistics_table(filters=StatisticsFilters())
    assert body["Tổng số"] == table.totals.values()
    assert body["Sở Xây dựng"] == table.lines[0].values()


def test_xlsx_export_opens_with_openpyxl_and_matches_the_table(client, reports):
    response = client.get("/thong-ke/tai-ve/?format=xlsx&view=sector")
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Thống kê tình trạng, kết quả xử lý phản ánh, kiến nghị"
    header = next(i for i, row in enumerate(values) if row[0] == "STT")
    assert values[header][1] == "Lĩnh vực" and values[header][3] == "Kết quả xử lý PAKN"
    assert values[header + 1][3:7] == ["Đã xử lý", None, None, "Đang xử lý"]
    assert values[header + 2][3:6] == ["Tổng số", "Đúng hạn", "Quá hạn"]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert f"D{header + 1}:I{header + 1}" in merged  # "Kết quả xử lý PAKN" over six columns
    table = statistics_table(filters=StatisticsFilters(), view=VIEW_SECTOR)
    body = values[header + 3 :]
    assert body[0][1:] == ["Tổng số", *table.totals.values()]
    assert [row[2:] for row in body[1:]] == [line.values() for line in table.lines]
    assert sheet.cell(row=header + 4, column=3).number_format == "#,##0"


def test_a_long_export_runs_in_the_background_with_progress(
    client, reports, django_capture_on_commit_callbacks
):
    page = client.get("/thong-ke/?view=commune").content.decode()
    assert "Tạo tệp Excel (XLSX)" in page  # the commune view is long: made in the background
    assert client.get("/thong-ke/tai-ve/?view=commune&format=xlsx").status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/thong-ke/xuat-tep/", {"view": VIEW_COMMUNE, "format": "xlsx",
                                                       "period": "12m"})  # fmt: skip
    export = StatisticsExport.objects.get()
    assert response.status_code == 302 and response.url == f"/thong-ke/xuat-tep/{export.pk}/"
    status = client.get(f"/thong-ke/xuat-tep/{export.pk}/trang-thai/").json()
    assert status["status"] == ExportStatus.DONE and status["progress"] == 100
    progress_page = client.get(response.url).content.decode()
    assert 'value="100"' in progress_page and status["download_url"] in progress_page
    download = client.get(status["download_url"])
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    values = [[c.value for c in row] for row in workbook.active.iter_rows()]
    total_row = next(row for row in values if row[0] == "*")
    table = statistics_table(filters=StatisticsFilters.from_dict(export.filters), view=VIEW_COMMUNE)
    assert total_row[2:] == table.totals.values()


def test_an_export_is_followed_only_by_whoever_asked(
    client, reports, django_capture_on_commit_callbacks
):
    from django.test import Client

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/thong-ke/xuat-tep/", {"all_views": "1", "format": "xlsx"})
    export = StatisticsExport.objects.get()
    workbook_response = client.get(f"/thong-ke/xuat-tep/{export.pk}/tai-ve/")
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(workbook_response.streaming_content)))
    assert workbook.sheetnames == ["Theo cơ quan, đơn vị", "Theo lĩnh vực", "Theo xã, phường"]
    stranger = Client()
    for suffix in ("", "trang-thai/", "tai-ve/"):
        assert stranger.get(f"/thong-ke/xuat-tep/{export.pk}/{suffix}").status_code == 404


def test_bad_export_requests_are_refused_clearly(client, reports):
    response = client.post("/thong-ke/xuat-tep/", {"view": "unit", "format": "pdf"}, follow=True)
    assert "Định dạng tệp không hợp lệ." in response.content.decode()
    assert not StatisticsExport.objects.exists()
    assert client.get("/thong-ke/tai-ve/?format=pdf").status_code == 404


def test_a_visitor_cannot_queue_exports_without_end(client, reports):
    for _ in range(3):  # the tasks never run: the transaction is not committed
        client.post("/thong-ke/xuat-tep/", {"view": VIEW_COMMUNE, "format": "csv"})
    response = client.post("/thong-ke/xuat-tep/", {"view": VIEW_COMMUNE, "format": "csv"},
                           follow=True)  # fmt: skip
    assert response.status_code == 429
    assert "vui lòng chờ các tệp đó xong rồi thử lại" in response.content.decode()
    assert StatisticsExport.objects.count() == 3


def test_fresh_cookies_from_one_address_cannot_queue_exports_without_end(reports):
    """A new session for each request (no cookies kept) still counts against its address."""
    from django.test import Client

    from pakn.statistics.services import EXPORT_MAX_WAITING_PER_IP

    export = {"view": VIEW_COMMUNE, "format": "csv"}
    for _ in range(EXPORT_MAX_WAITING_PER_IP):  # the tasks never run: nothing is committed
        assert Client().post("/thong-ke/xuat-tep/", export).status_code == 302
    refused = Client().post("/thong-ke/xuat-tep/", export)
    assert refused.status_code == 429
    assert "Có quá nhiều tệp thống kê đang chờ tạo từ địa chỉ mạng của Ông/bà" in (
        refused.content.decode()
    )
    assert StatisticsExport.objects.count() == EXPORT_MAX_WAITING_PER_IP
    # Another address is not held back by this one.
    assert Client(REMOTE_ADDR="203.0.113.7").post("/thong-ke/xuat-tep/", export).status_code == 302


@pytest.mark.django_db(transaction=True)
def test_an_export_left_running_by_a_killed_worker_is_finished_once(client, reports):
    """Issue #11: a worker killed at 95 % left the export RUNNING for good, counting against
    the visitor's limit. The next worker takes it up: one export, one file, limit freed."""
    import datetime

    from django.core.files.storage import default_storage
    from django.test import override_settings
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from pakn.core.tests.workers import DATABASE_TASKS, worker_batch_in_this_process

    with override_settings(TASKS=DATABASE_TASKS):
        for _ in range(3):
            client.post("/thong-ke/xuat-tep/", {"view": VIEW_COMMUNE, "format": "csv"})
    killed = StatisticsExport.objects.first()
    task_result = DBTaskResult.objects.get(args_kwargs__args=[str(killed.pk)])
    assert (task_result.queue_name, task_result.priority) == ("exports", -10)
    # What the killed worker left: its task RUNNING, the export at 95 % with a file written.
    DBTaskResult.objects.filter(pk=task_result.pk).update(
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - datetime.timedelta(hours=1),
        worker_ids=["killed-worker"],
    )
    StatisticsExport.objects.filter(pk=killed.pk).update(status=ExportStatus.RUNNING, progress=95)
    left_behind = default_storage.save(f"statistics/exports/{killed.pk}/half.csv", io.BytesIO(b"x"))
    DBTaskResult.objects.exclude(pk=task_result.pk).update(status=TaskResultStatus.SUCCESSFUL)
    StatisticsExport.objects.exclude(pk=killed.pk).update(status=ExportStatus.DONE)

    worker_batch_in_this_process()

    killed.refresh_from_db()
    assert (killed.status, killed.progress) == (ExportStatus.DONE, 100)
    assert not default_storage.exists(left_behind)
    assert default_storage.listdir(f"statistics/exports/{killed.pk}")[1] == [
        killed.file.name.rsplit("/", 1)[1]
    ]
    assert DBTaskResult.objects.get(pk=task_result.pk).status == TaskResultStatus.SUCCESSFUL
    assert (
        client.post("/thong-ke/xuat-tep/", {"view": VIEW_COMMUNE, "format": "csv"}).status_code
        == 302
    )


def test_old_export_files_are_removed(client, reports, django_capture_on_commit_callbacks):
    import datetime

    from django.core.files.storage import default_storage

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/thong-ke/xuat-tep/", {"view": VIEW_COMMUNE, "format": "csv"})
    old = StatisticsExport.objects.get()
    assert default_storage.exists(old.file.name)
    StatisticsExport.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=2)
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/thong-ke/xuat-tep/", {"view": VIEW_COMMUNE, "format": "csv"})
    assert not StatisticsExport.objects.filter(pk=old.pk).exists()
    assert not default_storage.exists(old.file.name)
    assert StatisticsExport.objects.get().status == ExportStatus.DONE


def test_a_warm_statistics_page_reads_no_list_of_units_areas_or_sectors(
    client, reports, django_capture_on_commit_callbacks
):
    """The filter lists (3,355 areas and every unit in the province) come from the cache."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from pakn.organisations.tests.factories import UnitFactory

    for number in range(20):
        UnitFactory(name=f"Phòng {number}", code=f"phong-{number}")
    assert client.get("/thong-ke/").status_code == 200  # cold: computes and caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/thong-ke/")
    html = response.content.decode()
    assert "Phòng 19" in html and reports["other"].name in html  # the lists are all there
    tables = " ".join(q["sql"] for q in queries)
    assert "organisations_" not in tables, tables
    assert len(queries) <= 2
    # A new unit shows at once: changing a unit expires the cached lists.
    with django_capture_on_commit_callbacks(execute=True):
        UnitFactory(name="Phòng mới lập", code="phong-moi")
    assert "Phòng mới lập" in client.get("/thong-ke/").content.decode()
