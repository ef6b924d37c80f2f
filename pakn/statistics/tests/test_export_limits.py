"""How many exports one person may have waiting: three, the fourth is refused until one is
finished; a visitor without an account is counted by session, apart from everyone else."""

import pytest

from pakn.accounts.tests.factories import UserFactory
from pakn.statistics.models import ExportStatus, StatisticsExport
from pakn.statistics.selectors import StatisticsFilters
from pakn.statistics.services import ExportRefused, statistics_export_request

pytestmark = pytest.mark.django_db


def request_export(**who) -> StatisticsExport:
    return statistics_export_request(
        filters=StatisticsFilters(), views=["unit"], file_format="xlsx", **who
    )


def test_three_waiting_exports_and_not_a_fourth_until_one_is_done():
    user, other = UserFactory(), UserFactory()
    first = request_export(user=user)
    request_export(user=user)
    StatisticsExport.objects.filter(pk=first.pk).update(status=ExportStatus.RUNNING)
    request_export(user=user)
    with pytest.raises(ExportRefused, match="3 tệp chờ tạo"):
        request_export(user=user)
    request_export(user=other)  # counted per person
    StatisticsExport.objects.filter(pk=first.pk).update(status=ExportStatus.DONE)
    request_export(user=user)
    assert StatisticsExport.objects.filter(requested_by=user).count() == 4


def test_visitors_are_counted_by_their_session():
    for _ in range(3):
        request_export(session_key="phien-a")
    with pytest.raises(ExportRefused):
        request_export(session_key="phien-a")
    request_export(session_key="phien-b")
