"""The publish guard: a coordinator cannot publish a title or content that still holds a phone
or ID number in any writing of the table, and publishes ordinary numbers (dates, amounts,
hotlines, codes) as written. Before the one rule in core, 0905 123 456, 0905.123.456,
+84 905 123 456 and 02583 822 123 were published."""

import pytest
from django.utils import timezone

from pakn.core.tests.personal_number_spellings import (
    PERSONAL,
    ordinary_params,
    personal_params,
)
from pakn.reports.models import Report, ReportStatus
from pakn.reports.tests.factories import ReportFactory
from pakn.reports.workflow import WorkflowError, report_apply

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(org):
    """An answered report of the coordinator's centre, made directly (the workflow up to the
    answer is tested elsewhere; here only the publish action matters)."""
    return ReportFactory(reporter=org["reporter"], coordinating_unit=org["centre"],
                         current_unit=org["department"], status=ReportStatus.ANSWERED,
                         submitted_at=timezone.now(), title="Đèn đường hỏng")  # fmt: skip


def publish(org, report, **texts):
    return report_apply(report_id=report.pk, action="publish", actor=org["coordinator"], **texts)


@pytest.mark.parametrize("spelling", personal_params())
def test_a_personal_number_in_the_public_content_is_refused(org, answered, spelling):
    with pytest.raises(WorkflowError) as refused:
        publish(org, answered, public_title="Đèn đường hỏng ở Trần Phú",
                public_content=f"Người dân báo đèn hỏng, liên hệ {spelling.text} để chỉ chỗ.")  # fmt: skip
    for number in spelling.found:
        assert number in str(refused.value)  # the coordinator is told what to remove
    report = Report.objects.get(pk=answered.pk)
    assert not report.is_published and report.public_content == ""


def test_a_personal_number_in_the_public_title_is_refused(org, answered):
    for spelling in PERSONAL:
        with pytest.raises(WorkflowError):
            publish(org, answered, public_title=f"Gọi {spelling.text}",
                    public_content="Đèn đường trước nhà số 12 Trần Phú bị hỏng.")  # fmt: skip
        assert not Report.objects.get(pk=answered.pk).is_published, spelling.id


@pytest.mark.parametrize("spelling", ordinary_params())
def test_ordinary_numbers_are_published_as_written(org, answered, spelling):
    content = f"Ngày 12/05/2026 người dân báo: {spelling.text}. Đơn vị đã xử lý."
    publish(org, answered, public_title=f"Phản ánh {spelling.text}", public_content=content)
    report = Report.objects.get(pk=answered.pk)
    assert report.is_published
    assert report.public_title == f"Phản ánh {spelling.text}"
    assert report.public_content == content
