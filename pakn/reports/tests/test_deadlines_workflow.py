"""Deadlines as the workflow stores them, with the clock frozen: the dates here are worked out
by hand from the calendar (sessions 07:30–11:30 and 13:30–17:00, Monday to Friday, 24/11
Vietnam Cultural Day off), not computed by the code under test."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from pakn.core.models import CalendarOverride, SiteSettings
from pakn.organisations.tests.factories import CategoryFactory
from pakn.reports.models import Event, ReportStatus
from pakn.reports.services.exchange import message_send
from pakn.reports.tests.factories import ReportFactory
from pakn.reports.workflow import WorkflowError, report_apply

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(text: str) -> datetime.datetime:
    return datetime.datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=VN)


def clock(text: str):
    return time_machine.travel(at(text), tick=False)


def submitted_report(org, *, answer_days=5):
    category = CategoryFactory(default_answer_days=answer_days) if answer_days else None
    return ReportFactory(
        reporter=org["reporter"],
        status=ReportStatus.SUBMITTED,
        code=f"PAKN-2026-{ReportFactory._meta.model.objects.count() + 1:06d}",
        coordinating_unit=org["centre"],
        category=category,
    )


def forward(org, report, moment: str, unit=None):
    with clock(moment):
        return report_apply(report_id=report.pk, action="forward", actor=org["coordinator"],
                            unit_id=(unit or org["department"]).pk)  # fmt: skip


def in_progress(org, *, forwarded="2026-11-30 09:00", answer_days=5):
    report = submitted_report(org, answer_days=answer_days)
    forward(org, report, forwarded)
    with clock(forwarded):
        return report_apply(report_id=report.pk, action="accept", actor=org["handler"])


@pytest.mark.parametrize(
    ("forwarded", "deadline", "case"),
    [
        ("2026-11-30 09:00", "2026-12-07 17:00", "Monday morning: five days from Tuesday"),
        ("2026-11-30 16:59", "2026-12-07 17:00", "a minute before closing still counts Monday"),
        ("2026-11-30 17:00", "2026-12-08 17:00", "at 17:00 the clock starts on Tuesday"),
        ("2026-11-23 10:00", "2026-12-01 17:00", "24/11 (Cultural Day) is skipped"),
    ],
)
def test_the_deadline_stored_on_forward(org, forwarded, deadline, case):
    report = forward(org, submitted_report(org), forwarded)
    assert report.answer_deadline == at(deadline), case
    assert report.assigned_at == at(forwarded)
    assert Event.objects.get(report=report, action="forward").deadline == at(deadline)


def test_the_units_own_answer_days_win_over_the_sectors(org):
    unit = org["department"]
    unit.answer_days = 3
    unit.save()
    report = forward(org, submitted_report(org, answer_days=5), "2026-11-30 09:00")
    assert report.answer_deadline == at("2026-12-03 17:00")


def test_without_unit_days_the_sectors_days_count_and_without_a_sector_ten(org):
    by_sector = forward(org, submitted_report(org, answer_days=7), "2026-11-30 09:00")
    no_sector = forward(org, submitted_report(org, answer_days=None), "2026-11-30 09:00")
    assert by_sector.answer_deadline == at("2026-12-09 17:00")
    assert no_sector.answer_deadline == at("2026-12-14 17:00")


@pytest.mark.parametrize(
    ("sent", "routing_deadline", "case"),
    [
        ("2026-11-30 09:00", "2026-12-01 09:30", "6 h on Monday, 2 h on Tuesday"),
        ("2026-11-30 07:30", "2026-12-01 08:00", "a working day is 7.5 h: half an hour on Tuesday"),
        ("2026-11-27 17:00", "2026-12-01 08:00", "Friday at closing: from Monday 07:30"),
        ("2026-11-30 12:00", "2026-12-01 14:00", "at lunch: 3.5 h from 13:30, 4.5 h on Tuesday"),
    ],
)
def test_the_routing_deadline_of_a_sent_report(org, sent, routing_deadline, case):
    draft = ReportFactory(reporter=org["reporter"], coordinating_unit=org["centre"])
    with clock(sent):
        report = report_apply(report_id=draft.pk, action="submit", actor=org["reporter"])
    assert report.routing_deadline == at(routing_deadline), case


def test_the_routing_limit_is_the_site_setting(org):
    SiteSettings.objects.update_or_create(pk=1, defaults={"routing_limit_hours": 4})
    draft = ReportFactory(reporter=org["reporter"], coordinating_unit=org["centre"])
    with clock("2026-11-30 09:00"):
        report = report_apply(report_id=draft.pk, action="submit", actor=org["reporter"])
    assert report.routing_deadline == at("2026-11-30 15:00")  # 2.5 h + 1.5 h


@pytest.mark.parametrize(
    ("days", "approve", "deadline"),
    [(3, True, "2026-12-10 17:00"), (1, True, "2026-12-08 17:00"), (3, False, "2026-12-07 17:00")],
)
def test_an_extension_moves_the_deadline_by_its_size_once_approved(org, days, approve, deadline):
    report = in_progress(org)
    with clock("2026-12-02 10:00"):
        report_apply(report_id=report.pk, action="request_extension", actor=org["handler"],
                     days=days, reason="Cần khảo sát hiện trường.")  # fmt: skip
        decided = report_apply(report_id=report.pk, action="decide_extension",
                               actor=org["coordinator"], approve=approve)  # fmt: skip
    assert decided.answer_deadline == at(deadline)
    assert decided.extension_count == (1 if approve else 0)
    assert Event.objects.get(report=report, action="decide_extension").deadline == at(deadline)
    if approve:  # once only; a refused request does not use it up
        with clock("2026-12-03 10:00"), pytest.raises(WorkflowError):
            report_apply(report_id=report.pk, action="request_extension", actor=org["handler"],
                         days=1, reason="Lần nữa.")  # fmt: skip


@pytest.mark.parametrize(
    ("replied", "deadline", "case"),
    [
        ("2026-12-02 09:00", "2026-12-08 17:00", "waited exactly one working day (450 min)"),
        ("2026-12-02 09:01", "2026-12-09 17:00", "one minute more: two days"),
        ("2026-12-01 09:00", "2026-12-07 17:00", "answered at once: nothing moves"),
        ("2026-12-05 10:00", "2026-12-11 17:00", "a Saturday reply: 3.8 working days waited"),
    ],
)
def test_a_citizens_reply_resumes_the_paused_clock(org, replied, deadline, case):
    report = in_progress(org)  # deadline 2026-12-07 17:00
    with clock("2026-12-01 09:00"):
        report_apply(report_id=report.pk, action="ask_citizen", actor=org["handler"],
                     question="Đề nghị cho biết số nhà chính xác.")  # fmt: skip
    report.refresh_from_db()
    assert report.waiting_for_citizen_since == at("2026-12-01 09:00")
    with clock(replied):
        message_send(report=report, author=org["reporter"], body="Số nhà 12 Trần Phú.")
    report.refresh_from_db()
    assert report.answer_deadline == at(deadline), case
    assert report.waiting_for_citizen_since is None


def test_a_units_message_does_not_resume_the_clock(org):
    report = in_progress(org)
    with clock("2026-12-01 09:00"):
        report_apply(report_id=report.pk, action="ask_citizen", actor=org["handler"],
                     question="Đề nghị cho biết số nhà chính xác.")  # fmt: skip
    with clock("2026-12-03 09:00"):
        message_send(report=report, author=org["handler"], body="Chúng tôi đang chờ.")
    report.refresh_from_db()
    assert report.waiting_for_citizen_since == at("2026-12-01 09:00")
    assert report.answer_deadline == at("2026-12-07 17:00")


def test_without_the_pause_setting_asking_the_citizen_keeps_the_deadline(org):
    SiteSettings.objects.update_or_create(pk=1, defaults={"pause_clock_when_asking_citizen": False})
    report = in_progress(org)
    with clock("2026-12-01 09:00"):
        report_apply(report_id=report.pk, action="ask_citizen", actor=org["handler"],
                     question="Đề nghị cho biết số nhà chính xác.")  # fmt: skip
    with clock("2026-12-03 09:00"):
        message_send(report=report, author=org["reporter"], body="Số nhà 12 Trần Phú.")
    report.refresh_from_db()
    assert report.waiting_for_citizen_since is None
    assert report.answer_deadline == at("2026-12-07 17:00")


def test_an_administrators_override_counts_at_once(org, admin_client):
    # A first forward caches the calendar as it was.
    assert forward(org, submitted_report(org, answer_days=1), "2026-11-30 09:00").answer_deadline \
        == at("2026-12-01 17:00")  # fmt: skip
    response = admin_client.post(
        "/admin/core/calendaroverride/add/",
        {"date": "2026-12-01", "reason": "Nghỉ lễ của tỉnh"},  # is_working_day unchecked
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert forward(org, submitted_report(org, answer_days=1), "2026-11-30 09:00").answer_deadline \
        == at("2026-12-02 17:00")  # fmt: skip
    # A make-up Saturday, then the holiday withdrawn: both count at once too.
    admin_client.post(
        "/admin/core/calendaroverride/add/",
        {"date": "2026-12-05", "is_working_day": "on", "reason": "Làm bù"},
    )
    holiday = CalendarOverride.objects.get(date=datetime.date(2026, 12, 1))
    admin_client.post(f"/admin/core/calendaroverride/{holiday.pk}/delete/", {"post": "yes"})
    assert forward(org, submitted_report(org, answer_days=1), "2026-12-04 09:00").answer_deadline \
        == at("2026-12-05 17:00")  # fmt: skip
    assert forward(org, submitted_report(org, answer_days=1), "2026-11-30 09:00").answer_deadline \
        == at("2026-12-01 17:00")  # fmt: skip


@pytest.mark.parametrize(
    ("returned", "refused"),
    [("2026-12-07 17:00", False), ("2026-12-07 17:01", True)],
)
def test_a_unit_may_transfer_back_up_to_the_end_of_its_return_limit(org, returned, refused):
    report = in_progress(org)  # received Monday 30/11, return limit 5 days: 07/12 17:00
    with clock(returned):
        if refused:
            with pytest.raises(WorkflowError):
                report_apply(report_id=report.pk, action="return", actor=org["handler"],
                             reason="Không thuộc thẩm quyền.")  # fmt: skip
        else:
            report = report_apply(report_id=report.pk, action="return", actor=org["handler"],
                                  reason="Không thuộc thẩm quyền.")  # fmt: skip
            assert (report.status, report.answer_deadline) == (ReportStatus.RETURNED, None)


def test_a_reply_outside_working_hours_resumes_the_clock_too(org):
    """Asked Friday after closing, answered on Saturday: no working time was spent waiting,
    but the clock runs again; a later message must not count the days since Friday."""
    report = in_progress(org, forwarded="2026-12-02 09:00")  # deadline 2026-12-09 17:00
    with clock("2026-12-04 17:30"):
        report_apply(report_id=report.pk, action="ask_citizen", actor=org["handler"],
                     question="Đề nghị cho biết số nhà chính xác.")  # fmt: skip
    with clock("2026-12-05 10:00"):
        message_send(report=report, author=org["reporter"], body="Số nhà 12 Trần Phú.")
    report.refresh_from_db()
    assert report.waiting_for_citizen_since is None
    with clock("2026-12-08 10:00"):
        message_send(report=report, author=org["reporter"], body="Tôi gửi thêm ảnh.")
    report.refresh_from_db()
    assert report.answer_deadline == at("2026-12-09 17:00")
