"""One pass of the scheduler (the ``pakn_scheduler`` command): deadline reminders, escalation
of late reports, the officers' daily digest, the removal of uploads nobody sent, the
daily training of the triage suggestions (pakn.triage), a reading of the e-mail intake
mailbox (queued for a worker, pakn.reports.mailbox), and the next try of the SMS a gateway
refused (pakn.core.sms).

Exactly once, even with two schedulers running: for each reminder (or digest) the unique row
(ReminderSent, DigestSent) is inserted first, in a transaction; if another scheduler already
inserted it the insert fails with IntegrityError and nothing is sent; otherwise the sending
task is queued when the row commits.

Why not a periodic-task library (celery beat, django-q schedules, APScheduler): PAKN runs with
zero extra services by default, its tasks already go through the database queue, and the
"once" guarantee has to come from the database anyway; a loop calling one pass a minute
plus two unique constraints is all that is needed."""

import datetime
import functools
from collections.abc import Callable

from django.db import IntegrityError, connection, transaction
from django.db.models import Case, Count, F, Max, Q, Value, When
from django.utils import timezone

from pakn.core.selectors import site_settings_get, working_calendar_get
from pakn.core.sms import sms_retries_queue
from pakn.notifications.models import DigestSent, ReminderKind, ReminderSent
from pakn.notifications.reminders import reminders_due
from pakn.notifications.tasks import digest_notify_task, reminder_notify_task
from pakn.organisations.models import Membership, MembershipRole, Unit
from pakn.reports.deadlines import add_working_days
from pakn.reports.mailbox import mailbox_read_task
from pakn.reports.models import Event, Report
from pakn.reports.models import ReportStatus as S
from pakn.reports.reminder_schedule import (
    DEADLINE_STATUSES,
    UNIT_CLOCK_STATUSES,
    reminder_clock_runs,
    reminder_schedule,
)
from pakn.reports.services.attachments import attachments_pending_purge
from pakn.triage.services import triage_training_due

DIGEST_ROLES = (MembershipRole.HANDLER, MembershipRole.LEADER, MembershipRole.COORDINATOR)
DUE_SOON_WORKING_DAYS = 2
KIND_ORDER = {kind: index for index, kind in enumerate(ReminderKind.values)}


# Passes of apps above this one in the layers (the campaigns' reminders), registered by
# their AppConfig.ready: name -> function(now=...) returning how many were queued.
EXTRA_PASSES: dict[str, Callable[..., int]] = {}


def scheduler_pass_register(name: str, function: Callable[..., int]) -> None:
    EXTRA_PASSES[name] = function


def scheduler_pass(*, now: datetime.datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    uploads = attachments_pending_purge(now=now)
    # Read by a worker, not here: a slow IMAP server must not hold up the reminders.
    mailbox_read_task.enqueue()
    sms_retries_queue(now=now)
    result = {
        "reminders": reminders_run(now=now),
        "digests": digests_run(now=now),
        "uploads_removed": uploads["attachments"] + uploads["temporary_files"],
        # The triage model, trained again once a day by a background task.
        "triage_trainings": triage_training_due(now=now),
    }
    for name, function in EXTRA_PASSES.items():
        result[name] = function(now=now)
    return result


REMINDER_BATCH = 500


def reminders_run(*, now: datetime.datetime, send: bool = True) -> int:
    """Queues every reminder due at ``now`` that has not gone out; returns how many.
    ``send=False`` only records them as sent: demo data loaded with a year of history must
    not greet every officer with hundreds of reminders about the past.

    Reads only the reports whose ``next_reminder_at`` has come (an index), by batches in a
    fixed number of queries each, and stores each one's next moment."""
    calendar = working_calendar_get()
    due = Report.objects.filter(next_reminder_at__lte=now).order_by("pk")
    due = due.only("id", "status", "assigned_at", "answer_deadline", "waiting_for_citizen_since",
                   "updated_at")  # fmt: skip
    queued, after = 0, 0
    while batch := list(due.filter(pk__gt=after)[:REMINDER_BATCH]):
        after = batch[-1].pk
        queued += _reminders_batch(batch, calendar=calendar, now=now, send=send)
    return queued


def _reminders_batch(batch: list[Report], *, calendar, now: datetime.datetime, send: bool) -> int:
    ids = [report.pk for report in batch]
    # A reopened report gives the unit a fresh period: its clock starts at the reopening.
    reopened = dict(
        Event.objects.filter(report_id__in=ids, action="reopen")
        .values("report_id")
        .annotate(at=Max("created_at"))
        .values_list("report_id", "at")
    )
    already = set(
        ReminderSent.objects.filter(report_id__in=ids).values_list("report_id", "kind", "deadline")
    )
    wanted: list[tuple[Report, str]] = []
    next_at: dict[int, datetime.datetime | None] = {}
    for report in batch:
        if not reminder_clock_runs(report):
            next_at[report.pk] = None
            continue
        started = max(filter(None, (report.assigned_at, reopened.get(report.pk))))
        unit_clock = report.status in UNIT_CLOCK_STATUSES
        kinds = reminders_due(
            calendar, assigned_at=started, deadline=report.answer_deadline, now=now
        )
        if not unit_clock:
            kinds = [kind for kind in kinds if kind == ReminderKind.LATE]
        done = {kind for pk, kind, deadline in already
                if pk == report.pk and deadline == report.answer_deadline}  # fmt: skip
        wanted += [(report, kind) for kind in kinds if kind not in done]
        later = [
            # Never at or before now, or the report would be read again by every pass.
            max(moment, now + datetime.timedelta(minutes=1))
            for kind, moment in reminder_schedule(
                calendar, started_at=started, deadline=report.answer_deadline, unit_clock=unit_clock
            )
            if kind not in done and kind not in kinds
        ]
        next_at[report.pk] = min(later, default=None)
    with transaction.atomic():
        rows = _reminders_insert(wanted)
        _next_reminder_store(batch, next_at)
        to_send = []
        for report_id in dict.fromkeys(row[1] for row in rows):
            mine = [row for row in rows if row[1] == report_id]
            unit_rows = [row for row in mine if row[2] != ReminderKind.LATE]
            # A 50 % reminder is pointless once 80 % is reached: only the most advanced goes.
            unit_rows.sort(key=lambda row: KIND_ORDER[row[2]])
            to_send += unit_rows[-1:] + [row for row in mine if row[2] == ReminderKind.LATE]
        for reminder_id, _report_id, _kind in to_send if send else ():
            transaction.on_commit(functools.partial(reminder_notify_task.enqueue, reminder_id))
    return len(to_send)


def _reminders_insert(wanted: list[tuple[Report, str]]) -> list[tuple[int, int, str]]:
    """Inserts the reminder rows in one statement and returns (id, report, kind) of those this
    scheduler wrote: a row another scheduler already wrote is skipped by the unique
    constraint and not sent again. Hand-written because Django's bulk_create with
    ignore_conflicts does not say which rows it inserted; ON CONFLICT DO NOTHING RETURNING
    works on PostgreSQL and SQLite (3.35+)."""
    if not wanted:
        return []
    table = ReminderSent._meta.db_table
    field = ReminderSent._meta.get_field
    created = field("created_at").get_db_prep_value(timezone.now(), connection)
    params = []
    for report, kind in wanted:
        deadline = field("deadline").get_db_prep_value(report.answer_deadline, connection)
        params += [report.pk, kind, deadline, created]
    values = ", ".join(["(%s, %s, %s, %s)"] * len(wanted))
    # The table name comes from the model and every value is bound: nothing to inject.
    sql = (
        f"INSERT INTO {table} (report_id, kind, deadline, created_at) VALUES {values} "  # noqa: S608
        "ON CONFLICT DO NOTHING RETURNING id, report_id, kind"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [tuple(row) for row in cursor.fetchall()]


def _next_reminder_store(batch: list[Report], next_at: dict) -> None:
    """Stores each report's next moment in one UPDATE, only where the report was not saved
    since it was read (a new deadline has already set its own moment)."""
    whens = [
        When(Q(pk=report.pk, updated_at=report.updated_at), then=Value(next_at[report.pk]))
        for report in batch
    ]
    Report.objects.filter(pk__in=list(next_at)).update(
        next_reminder_at=Case(*whens, default=F("next_reminder_at"),
                              output_field=Report._meta.get_field("next_reminder_at"))
    )  # fmt: skip


def digests_run(*, now: datetime.datetime) -> int:
    """On a working day, from the start of the working morning (the site settings' hour),
    each officer gets one digest a day, when there is something in it."""
    calendar = working_calendar_get()
    local = timezone.localtime(now)
    if not calendar.is_working_day(local.date()):
        return 0
    if local.time() < site_settings_get().morning_start:
        return 0
    memberships = list(
        Membership.objects.filter(
            is_active=True, role__in=DIGEST_ROLES, user__is_active=True
        )
        .exclude(user_id__in=DigestSent.objects.filter(date=local.date()).values("user_id"))
        .order_by("user_id")
        .values_list("user_id", "role", "unit__path")
    )  # fmt: skip
    if not memberships:
        return 0
    queued = 0
    for user_id, counts in _digest_counts_by_officer(memberships, now=now).items():
        try:
            with transaction.atomic():
                row = DigestSent.objects.create(user_id=user_id, date=local.date(), **counts)
                if any(counts.values()):
                    transaction.on_commit(functools.partial(digest_notify_task.enqueue, row.pk))
                    queued += 1
        except IntegrityError:
            continue
    return queued


def digest_counts(officer, *, now: datetime.datetime) -> dict[str, int]:
    """The digest figures of one officer (the same rule the daily pass applies to all)."""
    memberships = Membership.objects.filter(user=officer, is_active=True, role__in=DIGEST_ROLES)
    rows = list(memberships.values_list("user_id", "role", "unit__path"))
    empty = {"new_count": 0, "due_soon_count": 0, "late_count": 0}
    return _digest_counts_by_officer(rows, now=now).get(officer.pk, empty)


def _digest_counts_by_officer(
    memberships: list[tuple[int, str, str]], *, now: datetime.datetime
) -> dict[int, dict[str, int]]:
    """New reports waiting in each officer's units (their subtrees), reports due within two
    working days, late reports. The reports are counted in one query grouped by current
    unit, coordinating unit and status, instead of one aggregate over all reports per
    officer; each officer's figures are sums over the groups of their units (a report is in
    exactly one group, so nothing is counted twice)."""
    due_by = add_working_days(working_calendar_get(), now, DUE_SOON_WORKING_DAYS)
    groups = list(
        Report.objects.filter(status__in=(S.SUBMITTED, S.RETURNED, *DEADLINE_STATUSES))
        .order_by()  # the model's ordering would enter the GROUP BY
        .values_list("current_unit_id", "coordinating_unit_id", "status")
        .annotate(
            total=Count("pk"),
            due_soon=Count("pk", filter=Q(answer_deadline__gte=now, answer_deadline__lte=due_by)),
            late=Count("pk", filter=Q(answer_deadline__lt=now)),
        )
    )
    units = list(Unit.objects.values_list("id", "path"))
    subtrees: dict[str, set[int]] = {}

    def subtree(path: str) -> set[int]:  # as Unit.objects.subtree_of, in memory
        if path not in subtrees:
            subtrees[path] = {pk for pk, unit_path in units if unit_path.startswith(path)}
        return subtrees[path]

    handling: dict[int, set[int]] = {}
    coordinating: dict[int, set[int]] = {}
    for user_id, role, path in memberships:
        target = coordinating if role == MembershipRole.COORDINATOR else handling
        target.setdefault(user_id, set()).update(subtree(path))
        (handling if target is coordinating else coordinating).setdefault(user_id, set())
    result = {}
    for user_id in handling:
        mine_h, mine_c = handling[user_id], coordinating[user_id]
        new = due_soon = late = 0
        for current, coordinator, status, total, soon, overdue in groups:
            in_hands = current in mine_h and status in UNIT_CLOCK_STATUSES
            coordinated = coordinator in mine_c
            if (current in mine_h and status == S.ASSIGNED) or (
                coordinated and status in (S.SUBMITTED, S.RETURNED)
            ):
                new += total
            if in_hands:
                due_soon += soon
            if in_hands or (coordinated and status in DEADLINE_STATUSES):
                late += overdue
        result[user_id] = {"new_count": new, "due_soon_count": due_soon, "late_count": late}
    return result
