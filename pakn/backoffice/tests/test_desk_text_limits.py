"""Issue 11: the officers' forms that write public texts (the answer, the public version of a
report) refuse a text over its limit with a Vietnamese message and keep what was typed."""

import pytest

from pakn.backoffice.tests.desk_setup import post_action, report_at
from pakn.reports.models import Answer, Report
from pakn.reports.workflow import report_apply

pytestmark = pytest.mark.django_db


def test_publishing_an_over_long_public_content_is_refused_and_the_text_kept(client, desk):
    report = report_at(desk, "unit_a", title="Đèn hỏng")
    report_apply(report_id=report.pk, action="submit_answer", actor=desk["handler_a"],
                 content="Đã thay bóng đèn.")  # fmt: skip
    report = report_apply(report_id=report.pk, action="approve_answer", actor=desk["leader_a"])
    client.force_login(desk["coordinator"])
    content = "Đèn đường trước nhà số 12 Trần Phú bị hỏng. " * 250  # 11,000 characters
    refused = post_action(client, report, "publish", public_title="Đèn hỏng ở Trần Phú",
                          public_content=content)  # fmt: skip
    html = refused.content.decode()
    assert refused.status_code == 400
    assert "Nội dung công khai tối đa 10000 ký tự" in html
    assert content.strip() in html
    assert not Report.objects.get(pk=report.pk).is_published


def test_an_over_long_answer_is_refused_and_the_text_kept(client, desk):
    report = report_at(desk, "unit_a")
    client.force_login(desk["handler_a"])
    content = "Đơn vị đã cử người kiểm tra và thay bóng đèn. " * 450  # 20,700 characters
    refused = post_action(client, report, "submit_answer", content=content)
    html = refused.content.decode()
    assert refused.status_code == 400
    assert "Nội dung trả lời tối đa 20000 ký tự" in html
    assert content.strip() in html
    assert not Answer.objects.exists()
