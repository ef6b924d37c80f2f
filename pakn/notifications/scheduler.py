"""One pass of the scheduler (the ``pakn_scheduler`` command): deadline reminders, escalation
of late reports, the officers' daily digest, and the removal of uploads nobody sent.

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

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from pakn.core.selectors import site_settings_get, working_calendar_get
from pakn.notifications.models import DigestSent, NotificationKind, ReminderKind, ReminderSent
from pakn.notifications.reminders import reminders_due
from pakn.notifications.rules import DIGEST_CHANNELS, ESCALATION, REMINDER
from pakn.notifications.services import _format_moment, notification_send, notify_by_rule
from pakn.notifications.tasks import digest_notify_task, reminder_notify_task
from pakn.organisations.models import MembershipRole
from pakn.reports.deadlines import add_working_days
from pakn.reports.models import Event, Report
from pakn.reports.models import ReportStatus as S
from pakn.reports.selectors import units_of
from pakn.reports.services.attachments import attachments_pending_purge

# The unit holds the clock in these states; in pending review only escalation applies.
UNIT_CLOCK_STATUSES = (S.ASSIGNED, S.IN_PROGRESS, S.PENDING_APPROVAL)
DEADLINE_STATUSES = (*UNIT_CLOCK_STATUSES, S.PENDING_REVIEW)
DIGEST_ROLES = (MembershipRole.HANDLER, MembershipRole.LEADER, MembershipRole.COORDINATOR)
DUE_SOON_WORKING_DAYS = 2


def scheduler_pass(*, now: datetime.datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    uploads = attachments_pending_purge(now=now)
    return {
        "reminders": reminders_run(now=now),
        "digests": digests_run(now=now),
        "uploads_removed": uploads["attachments"] + uploads["temporary_files"],
    }


def reminders_run(*, now: datetime.datetime, send: bool = True) -> int:
    """Queues every reminder due at ``now`` that has not gone out; returns how many.
    ``send=False`` only records them as sent: demo data loaded with a year of history must
    not greet every officer with hundreds of reminders about the past."""
    calendar = working_calendar_get()
    reports = Report.objects.filter(
        status__in=DEADLINE_STATUSES,
        assigned_at__isnull=False,
        answer_deadline__isnull=False,
        # While the clock waits for the citizen the deadline will move: no reminders.
        waiting_for_citizen_since__isnull=True,
    ).only("id", "status", "assigned_at", "answer_deadline")
    # A reopened report gives the unit a fresh period: its clock starts at the reopening.
    reports = reports.annotate(
        reopened_at=Subquery(
            Event.objects.filter(report=OuterRef("pk"), action="reopen")
            .order_by("-created_at")
            .values("created_at")[:1]
        )
    )
    already = set(
        ReminderSent.objects.filter(report__in=reports).values_list("report_id", "kind", "deadline")
    )
    queued = 0
    for report in reports.iterator(chunk_size=500):
        started = max(filter(None, (report.assigned_at, report.reopened_at)))
        kinds = reminders_due(
            calendar, assigned_at=started, deadline=report.answer_deadline, now=now
        )
        if report.status not in UNIT_CLOCK_STATUSES:
            kinds = [kind for kind in kinds if kind == ReminderKind.LATE]
        missing = [k for k in kinds if (report.pk, k, report.answer_deadline) not in already]
        if missing:
            queued += _reminders_record(report, missing, send=send)
    return queued


def _reminders_record(report: Report, kinds: list[str], *, send: bool = True) -> int:
    """Inserts the rows of ``kinds`` for the report's deadline, then queues the sending of the
    most advanced unit reminder (a 50 % reminder is pointless once 80 % is reached) and of the
    escalation. Another scheduler that got there first makes this a no-op."""
    try:
        with transaction.atomic():
            rows = [
                ReminderSent.objects.create(
                    report=report, kind=kind, deadline=report.answer_deadline
                )
                for kind in kinds
            ]
            unit_rows = [row for row in rows if row.kind != ReminderKind.LATE]
            to_send = unit_rows[-1:] + [row for row in rows if row.kind == ReminderKind.LATE]
            for row in to_send if send else ():
                transaction.on_commit(functools.partial(reminder_notify_task.enqueue, row.pk))
    except IntegrityError:
        return 0
    return len(to_send)


def reminder_notify(*, reminder_id: int) -> int:
    """Sends one reminder, unless the report has moved on (answered, new deadline)."""
    reminder = ReminderSent.objects.select_related("report__reporter", "report__current_unit").get(
        pk=reminder_id
    )
    report = reminder.report
    if report.status not in DEADLINE_STATUSES or report.answer_deadline != reminder.deadline:
        return 0
    values = {
        "unit": report.current_unit.name if report.current_unit else "",
        "note": ReminderKind(reminder.kind).label,
        "deadline": _format_moment(reminder.deadline),
    }
    rules = ESCALATION if reminder.kind == ReminderKind.LATE else [REMINDER]
    return sum(
        notify_by_rule(
            rule=rule,
            report=report,
            unit_id=report.current_unit_id,
            values=values,
            once_key=f"reminder:{reminder.pk}",
        )  # fmt: skip
        for rule in rules
    )


def digests_run(*, now: datetime.datetime) -> int:
    """On a working day, from the start of the working morning (the site settings' hour),
    each officer gets one digest a day, when there is something in it."""
    calendar = working_calendar_get()
    local = timezone.localtime(now)
    if not calendar.is_working_day(local.date()):
        return 0
    if local.time() < site_settings_get().morning_start:
        return 0
    officers = (
        get_user_model()
        .objects.filter(
            is_active=True, memberships__is_active=True, memberships__role__in=DIGEST_ROLES
        )
        .exclude(pk__in=DigestSent.objects.filter(date=local.date()).values("user_id"))
        .distinct()
    )
    queued = 0
    for officer in officers:
        counts = digest_counts(officer, now=now)
        try:
            with transaction.atomic():
                row = DigestSent.objects.create(user=officer, date=local.date(), **counts)
                if any(counts.values()):
                    transaction.on_commit(functools.partial(digest_notify_task.enqueue, row.pk))
                    queued += 1
        except IntegrityError:
            continue
    return queued


def digest_counts(officer, *, now: datetime.datetime) -> dict[str, int]:
    """New reports waiting in the officer's units, reports due within two working days,
    late reports (one query after the two that find the units)."""
    handling = list(units_of(officer, (MembershipRole.HANDLER, MembershipRole.LEADER)))
    coordinating = list(units_of(officer, (MembershipRole.COORDINATOR,)))
    due_by = add_working_days(working_calendar_get(), now, DUE_SOON_WORKING_DAYS)
    in_my_hands = Q(current_unit__in=handling, status__in=UNIT_CLOCK_STATUSES)
    mine = in_my_hands | Q(coordinating_unit__in=coordinating, status__in=DEADLINE_STATUSES)
    return Report.objects.aggregate(
        new_count=Count(
            "pk",
            filter=Q(current_unit__in=handling, status=S.ASSIGNED)
            | Q(coordinating_unit__in=coordinating, status__in=(S.SUBMITTED, S.RETURNED)),
        ),
        due_soon_count=Count(
            "pk", filter=in_my_hands & Q(answer_deadline__gte=now, answer_deadline__lte=due_by)
        ),
        late_count=Count("pk", filter=mine & Q(answer_deadline__lt=now)),
    )


def digest_notify(*, digest_id: int):
    from django.urls import reverse

    digest = DigestSent.objects.select_related("user").get(pk=digest_id)
    title = _("Tổng hợp phản ánh, kiến nghị ngày %(date)s") % {"date": f"{digest.date:%d/%m/%Y}"}
    body = _(
        "Mới chuyển đến đơn vị, chờ tiếp nhận: %(new)d\n"
        "Sắp đến hạn (trong 2 ngày làm việc): %(due)d\n"
        "Quá hạn xử lý: %(late)d"
    ) % {"new": digest.new_count, "due": digest.due_soon_count, "late": digest.late_count}
    notification_send(
        recipient=digest.user, kind=NotificationKind.DIGEST, title=title, body=body,
        url=reverse("backoffice:desk-inbox"), channels=DIGEST_CHANNELS,
        once_key=f"digest:{digest.pk}",
    )  # fmt: skip
    return 1
