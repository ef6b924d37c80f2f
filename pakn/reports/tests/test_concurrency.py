"""Many reports at once get distinct codes; the same form posted twice at once gives one;
two officers acting on one report at once make one event."""

import threading
import uuid

import pytest
from django.db import connection

from pakn.accounts.tests.factories import UserFactory
from pakn.reports.models import Event, Report, ReportStatus
from pakn.reports.services.submission import ReportDetails, report_submit
from pakn.reports.tests.factories import ReportFactory
from pakn.reports.workflow import StaleReport, TransitionNotAllowed, report_apply

pytestmark = pytest.mark.django_db(transaction=True)


def run_together(count, work):
    """Starts ``count`` threads that wait at a barrier, then call ``work(index)`` at once."""
    barrier = threading.Barrier(count)
    results, errors = [None] * count, []

    def target(index):
        try:
            barrier.wait()
            results[index] = work(index)
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


@pytest.fixture
def citizens(org):
    return [UserFactory(username=f"0560900{n:05d}", phone="") for n in range(20)]


def details(n):
    return ReportDetails(title=f"Ổ gà trên đường số {n}", content="Mặt đường hư hỏng nặng.")


def test_twenty_citizens_sending_at_once_get_twenty_distinct_codes(citizens):
    results, errors = run_together(
        20,
        lambda i: (
            report_submit(
                reporter=citizens[i], details=details(i), idempotency_key=uuid.uuid4()
            ).code
        ),
    )
    assert errors == []
    assert len(set(results)) == 20
    assert all(code.startswith("PAKN-") for code in results)
    assert Report.objects.exclude(code=None).count() == 20


def test_the_same_form_posted_twice_at_once_makes_one_report(citizens):
    key = uuid.uuid4()
    results, errors = run_together(
        2, lambda i: report_submit(reporter=citizens[0], details=details(0), idempotency_key=key).pk
    )
    assert errors == []
    assert results[0] == results[1]
    assert Report.objects.filter(reporter=citizens[0]).count() == 1


@pytest.mark.parametrize("expected_status", [ReportStatus.ASSIGNED, None])
def test_two_officers_accepting_one_report_at_once_make_one_event(org, expected_status):
    report = ReportFactory(reporter=org["reporter"], coordinating_unit=org["centre"])
    report_apply(report_id=report.pk, action="submit", actor=org["reporter"])
    report_apply(report_id=report.pk, action="forward", actor=org["coordinator"],
                 unit_id=org["department"].pk)  # fmt: skip
    officers = [org["handler"], org["leader"]]

    results, errors = run_together(
        2,
        lambda i: report_apply(
            report_id=report.pk, action="accept", actor=officers[i],
            expected_status=expected_status,
        ).status,
    )  # fmt: skip

    assert [r for r in results if r is not None] == [ReportStatus.IN_PROGRESS]
    assert len(errors) == 1
    # The one who came second is told why, with the state the other left it in.
    assert isinstance(errors[0], StaleReport | TransitionNotAllowed)
    assert "Đang xử lý" in str(errors[0])
    assert Event.objects.filter(report=report, action="accept").count() == 1
    report.refresh_from_db()
    assert report.status == ReportStatus.IN_PROGRESS
