"""The public statistics page (issue #7)."""

from pakn.reports.tests.conftest import answer_report, org  # noqa: F401
from pakn.reports.tests.factories import ReportFactory
from pakn.reports.workflow import report_apply


def test_statistics_page_shows_seed_002_table(client, org):  # noqa: F811
    report = ReportFactory(reporter=org["reporter"])
    report_apply(report_id=report.pk, action="submit", actor=org["reporter"])
    answer_report(org, report)
    response = client.get("/thong-ke/")
    html = response.content.decode()
    assert response.status_code == 200
    for heading in ("Cơ quan/Đơn vị xử lý", "Kết quả xử lý PAKN", "Đã xử lý", "Đang xử lý",
                    "Đúng hạn", "Quá hạn", "Rất hài lòng", "Không hài lòng"):  # fmt: skip
        assert heading in html
    assert "Sở Xây dựng" in html
