"""Reports made the way people make them (the services and the workflow), for any app's
tests."""

import uuid

from pakn.reports.models import Report
from pakn.reports.services.submission import ReportDetails, report_submit
from pakn.reports.workflow import report_apply


def sent_report(
    reporter,
    title: str = "Rác thải ùn ứ ở chợ",
    content: str = "Rác không được thu gom nhiều ngày.",
) -> Report:
    """A report ``reporter`` has sent, waiting for the coordinating centre."""
    return report_submit(
        reporter=reporter,
        details=ReportDetails(title=title, content=content),
        idempotency_key=uuid.uuid4(),
    )


def answer_report(org, report) -> Report:
    """The officers' side, as the workflow table has it: forward, accept, answer, approve."""
    report_apply(report_id=report.pk, action="forward", actor=org["coordinator"],
                 unit_id=org["department"].pk)  # fmt: skip
    report_apply(report_id=report.pk, action="accept", actor=org["handler"])
    report_apply(report_id=report.pk, action="submit_answer", actor=org["handler"],
                 content="Đã thay bóng đèn đường ngày 20/11.")  # fmt: skip
    return report_apply(report_id=report.pk, action="approve_answer", actor=org["leader"])
