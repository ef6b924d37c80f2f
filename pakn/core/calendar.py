"""The working calendar: which days and hours count towards a deadline.

A day is a working day when it is Monday to Friday or an official make-up working Saturday,
is not a public holiday of Vietnam (Tết and the other holidays, from the `holidays` package),
and no administrator override says otherwise. Working hours are two sessions a day.
The calendar is a plain value (no database access once built), so deadline arithmetic in
pakn.reports.deadlines is pure and testable with tables of cases."""

import datetime
from dataclasses import dataclass, field
from functools import lru_cache

import holidays


@dataclass(frozen=True)
class WorkingSession:
    start: datetime.time
    end: datetime.time


DEFAULT_SESSIONS = (
    WorkingSession(datetime.time(7, 30), datetime.time(11, 30)),
    WorkingSession(datetime.time(13, 30), datetime.time(17, 0)),
)


@lru_cache(maxsize=64)
def _official_year(year: int) -> tuple[frozenset, frozenset]:
    """(public holidays, make-up working weekend days) of one year, from `holidays`."""
    vietnam = holidays.country_holidays("VN", years=year)
    return frozenset(vietnam.keys()), frozenset(getattr(vietnam, "weekend_workdays", ()))


@dataclass(frozen=True)
class WorkingCalendar:
    """``extra_holidays`` and ``extra_working_days`` are the administrator's overrides."""

    extra_holidays: frozenset = field(default_factory=frozenset)
    extra_working_days: frozenset = field(default_factory=frozenset)
    sessions: tuple[WorkingSession, ...] = DEFAULT_SESSIONS

    def is_working_day(self, day: datetime.date) -> bool:
        if day in self.extra_working_days:
            return True
        if day in self.extra_holidays:
            return False
        public_holidays, weekend_workdays = _official_year(day.year)
        if day in public_holidays:
            return False
        return day.weekday() < 5 or day in weekend_workdays

    def next_working_day(self, day: datetime.date) -> datetime.date:
        day += datetime.timedelta(days=1)
        while not self.is_working_day(day):
            day += datetime.timedelta(days=1)
        return day

    @property
    def minutes_per_day(self) -> int:
        return sum(_minutes_between(s.start, s.end) for s in self.sessions)


def _minutes_between(start: datetime.time, end: datetime.time) -> int:
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
