"""The charts the home page includes: drawn as SVG on the server, with their numbers."""

from django.template import Context, Template

from pakn.reports.models import Report
from pakn.reports.tests.factories import ReportFactory
from pakn.reports.workflow import report_apply
from pakn.testing.reports import answer_report


def _render(source: str) -> str:
    return Template("{% load statistics_charts %}" + source).render(Context({}))


def _answered_and_rated(org, value: str) -> Report:
    report = ReportFactory(reporter=org["reporter"])
    report_apply(report_id=report.pk, action="submit", actor=org["reporter"])
    answer_report(org, report)
    return report_apply(report_id=report.pk, action="rate", actor=org["reporter"], value=value)


def test_home_pies_count_the_last_twelve_months(org):
    _answered_and_rated(org, "very_satisfied")
    _answered_and_rated(org, "not_satisfied")
    open_report = ReportFactory(reporter=org["reporter"])
    report_apply(report_id=open_report.pk, action="submit", actor=org["reporter"])
    report_apply(report_id=open_report.pk, action="forward", actor=org["coordinator"],
                 unit_id=org["department"].pk)  # fmt: skip

    results = _render("{% results_pie %}")
    satisfaction = _render("{% satisfaction_pie %}")

    assert "<svg" in results and 'role="img"' in results
    assert results.count("<path d=") == 2  # answered on time, in progress on time
    assert "3 phản ánh, kiến nghị: 2 đã xử lý đúng hạn" in results.replace("Tổng số ", "")
    assert "/thong-ke/" in results
    assert satisfaction.count("<path d=") == 2
    assert "2 lượt đánh giá: 1 rất hài lòng, 0 hài lòng, 1 không hài lòng" in satisfaction


def test_an_empty_site_draws_an_empty_ring(db):
    html = _render("{% results_pie %}{% satisfaction_pie %}")
    assert html.count("chưa có số liệu") == 2
