"""A small forwarding history in the test province: street-lighting reports that the
coordinator sent to department A (Sở Xây dựng), health reports sent to department B (Sở Y
tế). Written as the workflow leaves a forwarded report (the report assigned, one forward
event), without going through report_apply for each: dozens are needed."""

from pakn.organisations.models import Category
from pakn.reports.models import Event, ReportKind, ReportStatus
from pakn.reports.tests.factories import ReportFactory

LIGHTING_TEXTS = [
    ("Đèn đường hỏng trên đường {n}", "Bóng đèn chiếu sáng không sáng nhiều đêm, đường rất tối."),
    ("Đèn chiếu sáng không hoạt động tổ {n}", "Cột đèn đường tắt từ tuần trước, đi lại nguy hiểm."),
    ("Bóng đèn đường bị vỡ hẻm {n}", "Đèn đường bị vỡ bóng, buổi tối tối om, đề nghị thay đèn."),
]
HEALTH_TEXTS = [
    ("Chờ khám bệnh quá lâu ở trạm y tế {n}", "Người bệnh phải chờ khám cả buổi, bác sĩ ít."),
    ("Thái độ nhân viên bệnh viện {n}", "Nhân viên y tế tiếp đón người bệnh thiếu tôn trọng."),
    ("Thiếu thuốc bảo hiểm y tế tại bệnh viện {n}", "Bệnh viện không có thuốc theo bảo hiểm y tế."),
]


def forwarded_history(desk, *, each: int = 12) -> list:
    """``each`` lighting reports forwarded to unit A and ``each`` health reports (kind
    "kiến nghị") forwarded to unit B, alternating, oldest first."""
    health = Category.objects.get(code="health")
    reports = []
    for n in range(each):
        for texts, category, unit, kind in (
            (LIGHTING_TEXTS, desk["lighting"], desk["unit_a"], ReportKind.REPORT),
            (HEALTH_TEXTS, health, desk["unit_b"], ReportKind.RECOMMENDATION),
        ):
            title, content = texts[n % len(texts)]
            report = ReportFactory(
                title=title.format(n=n + 1),
                content=content,
                reporter=desk["reporter"],
                kind=kind,
                category=category,
                commune=desk["ward"] if n % 2 else desk["other_ward"],
                province=desk["province"],
                status=ReportStatus.ASSIGNED,
                current_unit=unit,
                coordinating_unit=desk["centre"],
            )
            Event.objects.create(
                report=report, action="forward", actor=desk["coordinator"],
                actor_unit=desk["centre"], from_status=ReportStatus.SUBMITTED,
                to_status=ReportStatus.ASSIGNED, to_unit=unit,
            )  # fmt: skip
            reports.append(report)
    return reports
