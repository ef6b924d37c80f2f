"""The leaders' dashboard shows a weekly trend of reports received, answered and answered
late, the current week last; each from the same statistics selectors as the public pages."""

import datetime
import re

import pytest
from django.utils import timezone

from pakn.backoffice.tests.desk_setup import desk_build, report_at
from pakn.reports.models import Report
from pakn.reports.workflow import report_apply
from pakn.statistics.selectors import StatisticsFilters, weekly_trend

pytestmark = pytest.mark.django_db


def _answered_late(desk):
    report = report_at(desk, "unit_a")
    report_apply(report_id=report.pk, action="submit_answer", actor=desk["handler_a"],
                 content="Đã xử lý.")  # fmt: skip
    report_apply(report_id=report.pk, action="approve_answer", actor=desk["leader_a"])
    Report.objects.filter(pk=report.pk).update(
        answer_deadline=timezone.now() - datetime.timedelta(days=1)
    )


def test_the_trend_counts_this_weeks_reports(client):
    desk = desk_build()
    report_at(desk, "unit_a")
    _answered_late(desk)
    report_at(desk, "unit_b")  # another department: not in A's trend
    trend = weekly_trend(filters=StatisticsFilters(unit_id=desk["unit_a"].pk), now=timezone.now())
    assert len(trend) == 8
    this_week = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
    assert trend[-1].week_start == this_week
    assert (trend[-1].received, trend[-1].answered, trend[-1].answered_late) == (2, 1, 1)
    assert all(week.received == 0 for week in trend[:-1])

    client.force_login(desk["leader_a"])
    page = client.get("/can-bo/bang-dieu-khien/").content.decode()
    row = re.search(rf'data-week="{this_week:%Y-%m-%d}">(.*?)</tr>', page, re.S).group(1)
    assert [int(n) for n in re.findall(r"<td[^>]*>(?:<span[^>]*>)?(\d+)", row)] == [2, 1, 1]
