"""Which deadline reminders are due for a report at a moment. Pure (the calendar and the
moments in, a list out), so a table of cases pins it down.

- 50 % and 80 % of the unit's working time (from assignment to the deadline, counted in
  working minutes of the calendar) remind the handling unit; 100 % (the deadline itself)
  reminds it once more;
- "late" (escalation to the unit's leaders and the coordinators) is due from the first
  working minute after the deadline: a deadline at 17:00 on Friday escalates at the start of
  Monday's work, not on Saturday.
"""

import datetime

from pakn.core.calendar import WorkingCalendar
from pakn.notifications.models import ReminderKind
from pakn.reports.deadlines import working_time_fraction_used
from pakn.reports.reminder_schedule import escalation_moment

THRESHOLDS = (
    (ReminderKind.HALF_TIME, 0.5),
    (ReminderKind.MOST_TIME, 0.8),
    (ReminderKind.DEADLINE, 1.0),
)


def reminders_due(
    calendar: WorkingCalendar,
    *,
    assigned_at: datetime.datetime | None,
    deadline: datetime.datetime | None,
    now: datetime.datetime,
) -> list[str]:
    """The reminder kinds reached at ``now``, in order (already sent ones included)."""
    if assigned_at is None or deadline is None:
        return []
    if now >= deadline:
        fraction = 1.0
    else:
        fraction = working_time_fraction_used(calendar, assigned_at, deadline, now)
    due = [kind for kind, threshold in THRESHOLDS if fraction >= threshold]
    if now >= escalation_moment(calendar, deadline):
        due.append(ReminderKind.LATE)
    return due
