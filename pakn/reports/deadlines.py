"""Deadline arithmetic in working time. Pure: every function takes the calendar and the
moment it counts from, and reads nothing else, so a table of cases pins it down.

Conventions (the usual reading of "within N working days of receipt"):
- A report received outside working hours, or on a day off, counts as received at the start
  of the next working session.
- N working days run to the end of the last working session of the N-th working day after
  the day of receipt.
- N working hours are counted inside the working sessions only (lunch and nights excluded).
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings

from pakn.core.calendar import WorkingCalendar


def _local(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(ZoneInfo(settings.TIME_ZONE))


def _at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(day, time, tzinfo=ZoneInfo(settings.TIME_ZONE))


def receipt_moment(calendar: WorkingCalendar, moment: datetime.datetime) -> datetime.datetime:
    """When the clock starts: ``moment`` itself inside a session, else the next session."""
    local = _local(moment)
    day = local.date()
    if calendar.is_working_day(day):
        for session in calendar.sessions:
            start, end = _at(day, session.start), _at(day, session.end)
            if local < end:
                return max(local, start)
    return _at(calendar.next_working_day(day), calendar.sessions[0].start)


def add_working_days(
    calendar: WorkingCalendar, moment: datetime.datetime, days: int
) -> datetime.datetime:
    """The end of the ``days``-th working day after the day the clock starts."""
    if days < 1:
        raise ValueError("days must be at least 1")
    day = receipt_moment(calendar, moment).date()
    for _ in range(days):
        day = calendar.next_working_day(day)
    return _at(day, calendar.sessions[-1].end)


def extend_by_working_days(
    calendar: WorkingCalendar, deadline: datetime.datetime, days: int
) -> datetime.datetime:
    """A new deadline ``days`` working days after the current one (an approved extension)."""
    if days < 1:
        raise ValueError("days must be at least 1")
    day = _local(deadline).date()
    for _ in range(days):
        day = calendar.next_working_day(day)
    return _at(day, calendar.sessions[-1].end)


def add_working_hours(
    calendar: WorkingCalendar, moment: datetime.datetime, hours: float
) -> datetime.datetime:
    """``hours`` of working time after ``moment``, counted inside the working sessions."""
    if hours <= 0:
        raise ValueError("hours must be positive")
    remaining = datetime.timedelta(hours=hours)
    current = receipt_moment(calendar, moment)
    while True:
        day = current.date()
        for session in calendar.sessions:
            start, end = _at(day, session.start), _at(day, session.end)
            if current >= end:
                continue
            current = max(current, start)
            available = end - current
            if remaining <= available:
                return current + remaining
            remaining -= available
            current = end
        current = _at(calendar.next_working_day(day), calendar.sessions[0].start)


def working_time_fraction_used(
    calendar: WorkingCalendar,
    start: datetime.datetime,
    deadline: datetime.datetime,
    now: datetime.datetime,
) -> float:
    """How much of the time between ``start`` and ``deadline`` has passed at ``now``, in
    working minutes (0.5 = half the time used): for the 50 % and 80 % reminders."""
    total = working_minutes_between(calendar, start, deadline)
    if total <= 0:
        return 1.0
    return min(1.0, working_minutes_between(calendar, start, now) / total)


def working_minutes_between(
    calendar: WorkingCalendar, start: datetime.datetime, end: datetime.datetime
) -> int:
    if end <= start:
        return 0
    start, end = _local(start), _local(end)
    minutes = 0
    day = start.date()
    while day <= end.date():
        if calendar.is_working_day(day):
            for session in calendar.sessions:
                session_start = max(_at(day, session.start), start)
                session_end = min(_at(day, session.end), end)
                if session_end > session_start:
                    minutes += int((session_end - session_start).total_seconds() // 60)
        day += datetime.timedelta(days=1)
    return minutes
