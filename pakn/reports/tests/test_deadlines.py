"""The calendar table of issue #6: deadlines across weekends, Tết, National Day, make-up
Saturdays, an administrator's extra holiday, and the lunch break."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from pakn.core.calendar import WorkingCalendar, WorkingSession
from pakn.reports.deadlines import (
    add_working_days,
    add_working_hours,
    extend_by_working_days,
    receipt_moment,
    working_minutes_between,
    working_time_fraction_used,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CALENDAR = WorkingCalendar()


def at(text: str) -> datetime.datetime:
    return datetime.datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=VN)


@pytest.mark.parametrize(
    ("received", "days", "deadline", "case"),
    [
        ("2026-11-27 18:00", 1, "2026-12-01 17:00", "Friday evening: clock starts Monday"),
        (
            "2026-11-23 09:00",
            10,
            "2026-12-08 17:00",
            "two weeks, skipping 24/11 (Vietnam Cultural Day, a day off since 2026)",
        ),
        ("2027-02-03 10:00", 3, "2027-02-15 17:00", "across Tết 2027 (4–10 February off)"),
        (
            "2026-08-28 10:00",
            2,
            "2026-09-04 17:00",
            "across 31/8 (make-up day off), 1–2/9 National Day",
        ),
        ("2025-04-25 10:00", 1, "2025-04-26 17:00", "a make-up working Saturday counts"),
        ("2026-12-31 16:59", 1, "2027-01-04 17:00", "New Year's Day, then the weekend"),
        ("2026-11-28 09:00", 5, "2026-12-07 17:00", "received on Saturday"),
        ("2026-11-30 07:29", 1, "2026-12-01 17:00", "before opening: that morning"),
        ("2026-11-30 07:30", 1, "2026-12-01 17:00", "at opening"),
        ("2026-11-30 11:30", 1, "2026-12-01 17:00", "at the lunch break: that afternoon"),
        ("2026-11-30 13:00", 1, "2026-12-01 17:00", "during lunch: that afternoon"),
        ("2026-11-30 16:59", 1, "2026-12-01 17:00", "a minute before closing: that day"),
        ("2026-11-30 17:00", 1, "2026-12-02 17:00", "at closing: the next working day"),
        ("2026-02-13 16:59", 1, "2026-02-23 17:00", "the eve of Tết 2026, before closing"),
        ("2026-02-13 17:00", 1, "2026-02-24 17:00", "the eve of Tết 2026 at closing: after Tết"),
    ],
)
def test_working_day_deadlines(received, days, deadline, case):
    assert add_working_days(CALENDAR, at(received), days) == at(deadline), case


def test_an_administrators_extra_holiday_and_extra_working_day():
    calendar = WorkingCalendar(
        extra_holidays=frozenset({datetime.date(2026, 12, 1)}),
        extra_working_days=frozenset({datetime.date(2026, 12, 5)}),  # a Saturday
    )
    assert add_working_days(calendar, at("2026-11-30 09:00"), 1) == at("2026-12-02 17:00")
    assert add_working_days(calendar, at("2026-12-04 09:00"), 1) == at("2026-12-05 17:00")


@pytest.mark.parametrize(
    ("received", "hours", "deadline", "case"),
    [
        ("2026-11-23 10:30", 2, "2026-11-23 14:30", "across the lunch break"),
        ("2026-11-23 12:00", 1, "2026-11-23 14:30", "received at lunch: clock starts 13:30"),
        ("2026-11-27 18:00", 8, "2026-12-01 08:00", "Friday night: 7.5 h Monday, 0.5 h Tuesday"),
        ("2026-11-23 06:00", 4, "2026-11-23 11:30", "before opening"),
        ("2026-11-30 07:30", 1, "2026-11-30 08:30", "at opening"),
        ("2026-11-30 11:29", 1, "2026-11-30 14:29", "a minute before the break"),
        ("2026-11-30 11:30", 1, "2026-11-30 14:30", "at the break: from 13:30"),
        ("2026-11-30 13:00", 1, "2026-11-30 14:30", "during lunch"),
        ("2026-11-30 13:30", 4, "2026-12-01 08:00", "a whole afternoon and half an hour"),
        ("2026-11-30 17:00", 1, "2026-12-01 08:30", "at closing: the next morning"),
        ("2026-02-13 16:30", 8, "2026-02-23 17:00", "eve of Tết: 0.5 h, then the first day after"),
        (
            "2026-11-23 16:30",
            1,
            "2026-11-25 08:00",
            "evening runs over Cultural Day (24/11) to the 25th",
        ),
    ],
)
def test_working_hour_deadlines(received, hours, deadline, case):
    assert add_working_hours(CALENDAR, at(received), hours) == at(deadline), case


def test_custom_working_hours():
    calendar = WorkingCalendar(
        sessions=(
            WorkingCalendar().sessions[0].__class__(datetime.time(8, 0), datetime.time(12, 0)),
            WorkingCalendar().sessions[0].__class__(datetime.time(13, 0), datetime.time(17, 0)),
        )
    )
    assert add_working_hours(calendar, at("2026-11-23 11:00"), 2) == at("2026-11-23 14:00")
    assert calendar.minutes_per_day == 480


def test_extension_counts_from_the_old_deadline():
    assert extend_by_working_days(CALENDAR, at("2026-12-31 17:00"), 5) == at("2027-01-08 17:00")


def test_receipt_moment_inside_and_outside_sessions():
    assert receipt_moment(CALENDAR, at("2026-11-23 09:15")) == at("2026-11-23 09:15")
    assert receipt_moment(CALENDAR, at("2026-11-25 17:30")) == at("2026-11-26 07:30")
    assert receipt_moment(CALENDAR, at("2026-11-23 17:30")) == at("2026-11-25 07:30")  # 24/11 off


def test_working_minutes_skip_lunch_nights_and_holidays():
    assert working_minutes_between(CALENDAR, at("2026-11-23 11:00"), at("2026-11-23 14:00")) == 60
    assert working_minutes_between(CALENDAR, at("2027-02-03 17:00"), at("2027-02-11 07:30")) == 0


@pytest.mark.parametrize(
    ("start", "deadline", "now", "used"),
    [
        ("2026-11-30 07:30", "2026-11-30 17:00", "2026-11-30 07:30", 0.0),
        ("2026-11-30 07:30", "2026-11-30 17:00", "2026-11-30 13:00", 240 / 450),
        ("2026-11-30 07:30", "2026-11-30 17:00", "2026-12-01 09:00", 1.0),  # late: capped
        ("2026-11-30 07:30", "2026-11-30 07:31", "2026-11-30 07:30", 0.0),  # one minute
        ("2026-11-30 09:00", "2026-11-30 09:00", "2026-11-30 08:00", 1.0),  # no time at all
        ("2026-11-30 17:00", "2026-12-01 07:30", "2026-11-30 18:00", 1.0),  # only a night
    ],
)
def test_working_time_fraction_used(start, deadline, now, used):
    assert working_time_fraction_used(CALENDAR, at(start), at(deadline), at(now)) == used


def test_counting_needs_a_positive_amount():
    """A programming error, not a citizen's: the message says which argument."""
    moment = at("2026-11-30 09:00")
    for zero in (0, -1):
        with pytest.raises(ValueError, match="^hours must be positive$"):
            add_working_hours(CALENDAR, moment, zero)
        with pytest.raises(ValueError, match="^days must be at least 1$"):
            add_working_days(CALENDAR, moment, zero)
        with pytest.raises(ValueError, match="^days must be at least 1$"):
            extend_by_working_days(CALENDAR, moment, zero)
    assert add_working_hours(CALENDAR, moment, 0.5) == at("2026-11-30 09:30")
    assert add_working_days(CALENDAR, moment, 1) == at("2026-12-01 17:00")


def test_a_calendar_of_one_session_without_a_lunch_break():
    calendar = WorkingCalendar(sessions=(WorkingSession(datetime.time(8), datetime.time(16)),))
    assert receipt_moment(calendar, at("2026-11-30 16:00")) == at("2026-12-01 08:00")
    assert add_working_days(calendar, at("2026-11-30 09:00"), 1) == at("2026-12-01 16:00")
    assert extend_by_working_days(calendar, at("2026-12-01 16:00"), 1) == at("2026-12-02 16:00")
    assert add_working_hours(calendar, at("2026-11-30 15:00"), 2) == at("2026-12-01 09:00")
    assert calendar.minutes_per_day == 480


@pytest.fixture
def server_in_another_time_zone(monkeypatch):
    """The machine's own clock set to California time, as a server abroad would have it."""
    import time

    monkeypatch.setenv("TZ", "America/Los_Angeles")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_deadlines_do_not_depend_on_the_servers_time_zone(server_in_another_time_zone):
    assert receipt_moment(CALENDAR, at("2026-11-30 10:00")) == at("2026-11-30 10:00")
    assert add_working_days(CALENDAR, at("2026-11-30 16:59"), 1) == at("2026-12-01 17:00")
    assert add_working_days(CALENDAR, at("2026-11-30 17:00"), 1) == at("2026-12-02 17:00")
    assert extend_by_working_days(CALENDAR, at("2026-12-01 17:00"), 1) == at("2026-12-02 17:00")
