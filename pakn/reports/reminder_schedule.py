"""When a report's next deadline reminder falls due: the moment stored on the report as
``next_reminder_at`` (indexed), so a scheduler pass reads only the reports that are due
instead of recomputing every open deadline a minute.

The stored moment is never later than the true one: it is counted from the assignment (a
reopening only moves the start later, which moves every threshold later), and the pass,
which knows the reopenings and the reminders sent, replaces it with the exact next one."""

import datetime
import math

from pakn.core.calendar import WorkingCalendar
from pakn.reports.deadlines import add_working_hours, receipt_moment, working_minutes_between
from pakn.reports.models import ReportStatus as S

# The unit holds the clock in these states; in pending review only escalation applies.
UNIT_CLOCK_STATUSES = (S.ASSIGNED, S.IN_PROGRESS, S.PENDING_APPROVAL)
DEADLINE_STATUSES = (*UNIT_CLOCK_STATUSES, S.PENDING_REVIEW)
# Share of the unit's working time at which each reminder is due (the values of
# notifications' ReminderKind), then the escalation after the deadline.
REMINDER_STEPS = (("half_time", 0.5), ("most_time", 0.8), ("deadline", 1.0))
ESCALATION = "late"
# The fields the moment depends on; a save that changes one of them recomputes it.
REMINDER_INPUTS = ("status", "assigned_at", "answer_deadline", "waiting_for_citizen_since")


def reminder_clock_runs(report) -> bool:
    """Reminders apply: a deadline in an open handling state, not waiting for the citizen
    (the deadline will move when they answer)."""
    return (
        report.status in DEADLINE_STATUSES
        and report.assigned_at is not None
        and report.answer_deadline is not None
        and report.waiting_for_citizen_since is None
    )


def escalation_moment(calendar: WorkingCalendar, deadline: datetime.datetime) -> datetime.datetime:
    """The first working minute after the deadline."""
    return receipt_moment(calendar, deadline + datetime.timedelta(minutes=1))


def fraction_moment(
    calendar: WorkingCalendar,
    start: datetime.datetime,
    deadline: datetime.datetime,
    fraction: float,
) -> datetime.datetime:
    """The first moment at which ``fraction`` of the working time from ``start`` to the
    deadline has been used (the inverse of ``working_time_fraction_used``)."""
    total = working_minutes_between(calendar, start, deadline)
    minutes = math.ceil(fraction * total - 1e-9)
    if total <= 0 or minutes <= 0:
        return min(start, deadline)
    return min(deadline, add_working_hours(calendar, start, minutes / 60))


def reminder_schedule(
    calendar: WorkingCalendar,
    *,
    started_at: datetime.datetime,
    deadline: datetime.datetime,
    unit_clock: bool,
) -> list[tuple[str, datetime.datetime]]:
    """Each reminder kind with the moment it falls due, in order."""
    steps = (
        [(kind, fraction_moment(calendar, started_at, deadline, f)) for kind, f in REMINDER_STEPS]
        if unit_clock
        else []
    )
    return [*steps, (ESCALATION, escalation_moment(calendar, deadline))]


def report_next_reminder_at(report) -> datetime.datetime | None:
    """The earliest moment a reminder of the report's current deadline can fall due; None
    when no reminder applies. Called by ``Report.save`` whenever one of its inputs changes,
    so every path that sets a deadline (workflow, exchange, admin, factories) keeps it."""
    from pakn.core.selectors import working_calendar_get

    if not reminder_clock_runs(report):
        return None
    schedule = reminder_schedule(
        working_calendar_get(),
        started_at=report.assigned_at,
        deadline=report.answer_deadline,
        unit_clock=report.status in UNIT_CLOCK_STATUSES,
    )
    return min(moment for _, moment in schedule)


def reports_next_reminder_fill() -> int:
    """Gives reports written without ``Report.save`` (bulk loads of demo or generated data) a
    moment for the scheduler: their assignment, never later than any reminder; the first pass
    stores the exact one. One UPDATE, so it stays quick at a million rows."""
    from django.db.models import F

    from pakn.reports.models import Report

    return Report.objects.filter(
        next_reminder_at__isnull=True,
        status__in=DEADLINE_STATUSES,
        assigned_at__isnull=False,
        answer_deadline__isnull=False,
        waiting_for_citizen_since__isnull=True,
    ).update(next_reminder_at=F("assigned_at"))
