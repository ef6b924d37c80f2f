"""The call log and "Hỏi tình trạng": every enquiry is one call in the log, with the
report's public status in a sentence an operator reads aloud; the log is read by the
operators and coordinators of the unit, by date; other officers do not see it."""

import datetime

import pytest
from django.utils import timezone

from pakn.accounts.models import AccountType, User
from pakn.backoffice.hotline.models import CallKind, CallLog
from pakn.backoffice.hotline.selectors import report_status_sentence
from pakn.backoffice.tests.desk_setup import report_at, submitted_report

pytestmark = pytest.mark.django_db
ENQUIRY = "/can-bo/tong-dai/hoi-tinh-trang/"
LOG = "/can-bo/tong-dai/nhat-ky/"
PHONE = "+84905123456"


def test_an_enquiry_by_code_reads_the_public_status_and_is_logged(client, desk):
    report = report_at(desk, "unit_a")
    client.force_login(desk["operator"])

    response = client.post(ENQUIRY, {"code": f" {report.code.lower()} "})

    page = response.content.decode()
    assert response.status_code == 200
    sentence = report_status_sentence(report)
    assert sentence in page
    assert report.code in sentence and "Sở Xây dựng" in sentence and "Đang xử lý" in sentence
    call = CallLog.objects.get()
    assert (call.kind, call.report, call.operator, call.unit) == (
        CallKind.STATUS_ENQUIRY, report, desk["operator"], desk["centre"],
    )  # fmt: skip


def test_an_enquiry_by_phone_lists_the_callers_reports(client, desk):
    caller = User.objects.create(username="lien-he-1", account_type=AccountType.CONTACT,
                                 phone=PHONE, is_active=False)  # fmt: skip
    first = submitted_report(desk, reporter=caller, title="Ổ gà")
    second = report_at(desk, "unit_a", reporter=caller, title="Đèn hỏng")
    client.force_login(desk["operator"])

    page = client.post(ENQUIRY, {"phone": "0905 123 456"}).content.decode()

    assert first.code in page and second.code in page
    call = CallLog.objects.get()
    assert (call.caller, call.caller_phone, call.report) == (caller, PHONE, None)


def test_an_unknown_code_is_said_so_and_still_logged(client, desk):
    client.force_login(desk["operator"])
    page = client.post(ENQUIRY, {"code": "PAKN-2026-999999"}).content.decode()
    assert "Không tìm thấy phản ánh nào." in page
    assert CallLog.objects.get().report is None


def test_an_empty_enquiry_is_a_clear_error_and_no_call(client, desk):
    client.force_login(desk["operator"])
    response = client.post(ENQUIRY, {"code": "", "phone": ""})
    assert response.status_code == 400
    assert "Nhập mã số phản ánh hoặc số điện thoại." in response.content.decode()
    assert not CallLog.objects.exists()


def test_the_sentence_of_an_answered_report_gives_the_date(desk):
    report = submitted_report(desk)
    report.status, report.answered_at = "answered", timezone.now()
    sentence = report_status_sentence(report)
    assert "đã có kết quả xử lý ngày" in sentence and report.code in sentence


def _call(desk, operator="operator", days_ago=0, **fields):
    call = CallLog.objects.create(operator=desk[operator], unit=desk[operator].memberships.get().unit,
                                  kind=CallKind.OTHER, caller_phone=PHONE, **fields)  # fmt: skip
    CallLog.objects.filter(pk=call.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return call


@pytest.mark.parametrize("reader", ["operator", "coordinator"])
def test_the_log_is_read_by_the_units_operators_and_coordinators_by_date(client, desk, reader):
    _call(desk, note="Hỏi giờ làm việc")
    _call(desk, note="Cuộc gọi cũ", days_ago=10)
    _call(desk, operator="operator_a", note="Cuộc gọi của Sở Xây dựng")
    client.force_login(desk[reader])

    page = client.get(LOG).content.decode()
    assert "Hỏi giờ làm việc" in page and "Cuộc gọi cũ" in page
    assert "Cuộc gọi của Sở Xây dựng" not in page  # another unit's log
    today = timezone.localdate()
    since = (today - datetime.timedelta(days=2)).strftime("%d/%m/%Y")
    filtered = client.get(LOG, {"tu_ngay": since}).content.decode()
    assert "Hỏi giờ làm việc" in filtered and "Cuộc gọi cũ" not in filtered


@pytest.mark.parametrize("name", ["handler_a", "leader_a", "unit_admin_a"])
def test_other_officers_do_not_see_the_log(client, desk, name):
    _call(desk, note="Hỏi giờ làm việc")
    client.force_login(desk[name])
    assert client.get(LOG).status_code == 404


def test_an_operator_logs_another_kind_of_call_a_coordinator_cannot(client, desk):
    client.force_login(desk["operator"])
    response = client.post(LOG, {"phone": "0905123456", "note": "Hỏi địa chỉ trụ sở"})
    assert response.status_code == 302
    call = CallLog.objects.get()
    assert (call.kind, call.caller_phone, call.note) == (
        CallKind.OTHER,
        PHONE,
        "Hỏi địa chỉ trụ sở",
    )
    client.force_login(desk["coordinator"])
    assert client.post(LOG, {"note": "x"}).status_code == 404
    assert CallLog.objects.count() == 1


def test_a_bad_date_is_a_clear_error(client, desk):
    client.force_login(desk["coordinator"])
    response = client.get(LOG, {"tu_ngay": "31/02/2026"})
    assert response.status_code == 200 and 'class="error"' in response.content.decode()


def test_the_log_page_costs_the_same_queries_for_many_calls(
    client, desk, django_assert_max_num_queries
):
    for number in range(30):
        _call(desk, note=f"Cuộc gọi {number}")
    client.force_login(desk["operator"])
    client.get(LOG)
    with django_assert_max_num_queries(14):
        client.get(LOG)
