"""Sending notifications: the in-app row, and e-mail and SMS copies queued after commit.

Who is told of what is decided by the table in ``rules.py``; these functions only follow it.
Texts are written in the site's language at sending time, and personal numbers (ID numbers,
phone numbers) are removed from anything quoted from a report or a note."""

from django.conf import settings
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pakn.accounts.models import AccountType
from pakn.core.mail import email_queue
from pakn.core.personal_numbers import personal_numbers_mask
from pakn.core.selectors import site_settings_get
from pakn.core.sms import sms_queue
from pakn.core.workers import idempotency_key_claim
from pakn.notifications.models import (
    DigestSent,
    Notification,
    NotificationKind,
    NotificationMute,
    ReminderKind,
    ReminderSent,
)
from pakn.notifications.push import push_queue
from pakn.notifications.rules import (
    CITIZEN_AUDIENCES,
    DIGEST_CHANNELS,
    EMAIL,
    ESCALATION,
    EVENT_RULES,
    IN_APP,
    MESSAGE_FROM_CITIZEN,
    MESSAGE_FROM_UNIT,
    PUSH,
    REMINDER,
    SMS,
    SMS_TEXTS,
    TEXTS,
    Rule,
    copies_by_kind,
    with_push,
)
from pakn.notifications.selectors import (
    COORDINATOR_ROLES,
    HANDLER_ROLES,
    LEADER_ROLES,
    muted_channels,
    unit_officers,
)
from pakn.organisations.models import MembershipRole
from pakn.reports.links import sms_with_link
from pakn.reports.models import (
    Answer,
    Event,
    Message,
    Rating,
    RatingValue,
    Report,
    ReportFollower,
    ReportStatus,
)
from pakn.reports.reminder_schedule import DEADLINE_STATUSES

CONTACT_CHANNELS = frozenset({SMS, EMAIL})
FORWARDING_ACTIONS = ("forward", "forward_up", "forward_sub_unit", "add_co_handler")
CONDITIONS = {
    "answered": lambda event: event.to_status == "answered",
    "pending_review": lambda event: event.to_status == "pending_review",
    "not_satisfied": lambda event: Rating.objects.filter(
        report_id=event.report_id, value=RatingValue.NOT_SATISFIED
    ).exists(),
}


def _format_moment(moment) -> str:
    return f"{timezone.localtime(moment):%H:%M %d/%m/%Y}" if moment else "—"


def report_url_for_follower(report: Report) -> str:
    """A follower's way to the report: its public page once published, else their list."""
    if report.is_published:
        return reverse("portal:report", args=[report.code])
    return reverse("reports:mine") + "#theo-doi"


def report_url_for(report: Report, *, for_citizen: bool) -> str:
    """Where a notification about ``report`` leads: the citizen's report page, or the
    officers' report desk."""
    if for_citizen:
        return reverse("reports:detail", args=[report.code])
    try:
        return reverse("backoffice:desk-report", kwargs={"code": report.code})
    except NoReverseMatch:
        return reverse("backoffice:home")


def notification_send(
    *,
    recipient,
    kind: str,
    title: str,
    body: str = "",
    report: Report | None = None,
    url: str = "",
    channels=frozenset({IN_APP}),
    sms_text: str = "",
    once_key: str = "",
) -> Notification | None:
    """Writes the notification and queues its e-mail and SMS copies, which leave after the
    current transaction commits. Nobody is told on a channel they have no address for, and
    deactivated or deleted accounts are told nothing; contacts (no account) only by SMS and
    e-mail. With ``once_key`` (what caused it: an
    event, a reminder) a second call for the same person does nothing: a task run again after
    its worker died tells only those it had not told yet."""
    contact = recipient.account_type == AccountType.CONTACT
    if (not recipient.is_active and not contact) or getattr(recipient, "deleted_at", None):
        return None
    if not recipient.is_active:
        if recipient.account_type != AccountType.CONTACT:
            return None
        # A contact (a caller or an e-mail sender without an account) never logs in: told only
        # where they read, by e-mail and SMS, like the receipt with their report's code.
        channels = frozenset(channels) & {EMAIL, SMS}
    channels = with_push(frozenset(channels)) - muted_channels(user=recipient, kind=kind)
    if not recipient.is_active:
        # A caller or writer without an account: told by SMS and e-mail only (no inbox to
        # read, no browser that asked for pushes).
        channels &= CONTACT_CHANNELS
    with transaction.atomic():
        if once_key and not idempotency_key_claim(key=f"notify:{once_key}:{kind}:{recipient.pk}"):
            return None
        notification = None
        if IN_APP in channels:
            notification = Notification.objects.create(
                recipient=recipient, report=report, kind=kind, title=title[:200], body=body,
                url=url[:300],
            )  # fmt: skip
        if EMAIL in channels and recipient.email:
            email_queue(to=recipient.email, subject=title, body=_email_body(title, body, url))
        if SMS in channels and sms_text and recipient.phone:
            sms_queue(phone=recipient.phone, body=sms_text)
        if PUSH in channels and notification is not None:
            push_queue(notification)
    return notification


def _email_body(title: str, body: str, url: str = "") -> str:
    site = site_settings_get()
    if settings.PUBLIC_BASE_URL and url.startswith("/"):
        return _(
            "%(title)s\n\n%(body)s\n\nXem chi tiết: %(link)s\n"
            "Đây là thư tự động, vui lòng không trả lời thư này."
        ) % {"title": title, "body": body, "link": settings.PUBLIC_BASE_URL + url}
    return _(
        "%(title)s\n\n%(body)s\n\nĐăng nhập %(portal)s, mục “Thông báo”, để xem chi tiết.\n"
        "Đây là thư tự động, vui lòng không trả lời thư này."
    ) % {"title": title, "body": body, "portal": site.portal_name}


def _audience(rule: Rule, *, report: Report, unit_id: int | None) -> list:
    if rule.audience == "reporter":
        return [report.reporter]
    if rule.audience in ("unit", "to_unit"):
        return unit_officers(unit_id, MembershipRole.HANDLING)
    if rule.audience == "unit_leaders":
        return unit_officers(unit_id, LEADER_ROLES)
    if rule.audience == "unit_handlers":
        return unit_officers(unit_id, HANDLER_ROLES)
    if rule.audience == "coordinators":
        return unit_officers(report.coordinating_unit_id, COORDINATOR_ROLES)
    if rule.audience == "followers":
        return [f.user for f in ReportFollower.objects.filter(report=report).select_related("user")]
    if rule.audience == "drafter":
        answer = Answer.objects.filter(report=report).select_related("drafted_by").first()
        return [answer.drafted_by] if answer else []
    raise ValueError(f"unknown audience {rule.audience}")


def notify_by_rule(
    *,
    rule: Rule,
    report: Report,
    unit_id: int | None,
    values: dict,
    skip_user_id=None,
    once_key: str = "",
) -> int:
    """Tells everyone in the rule's audience; returns how many people were told."""
    recipients = [
        u for u in _audience(rule, report=report, unit_id=unit_id) if u.pk != skip_user_id
    ]
    if not recipients:
        return 0
    for_citizen = rule.audience in CITIZEN_AUDIENCES
    with translation.override(settings.LANGUAGE_CODE):
        site = site_settings_get()
        values = {"code": report.code, "title": personal_numbers_mask(report.title), "portal": site.short_name,
                  **values}  # fmt: skip
        title_template, body_template = TEXTS[rule.kind]
        title = str(title_template) % values
        body = str(body_template) % values
        sms_text = ""
        if rule.kind in SMS_TEXTS:
            sms_text = sms_with_link(
                str(SMS_TEXTS[rule.kind]) % values,
                code=report.code,
                # A reporter without an account follows by code and phone, not by signing in.
                follow=rule.audience == "reporter"
                and report.reporter.account_type == AccountType.CONTACT,
            )
        if rule.audience == "followers":
            url = report_url_for_follower(report)
        else:
            url = report_url_for(report, for_citizen=for_citizen)
    for recipient in recipients:
        notification_send(
            recipient=recipient, kind=rule.kind, title=title, body=body, report=report, url=url,
            channels=rule.channels, sms_text=sms_text, once_key=once_key,
        )  # fmt: skip
    return len(recipients)


def event_notify(*, event_id: int) -> int:
    """Tells the people the channel rules name about one workflow event."""
    event = Event.objects.select_related(
        "report__reporter", "report__current_unit", "to_unit", "actor_unit"
    ).get(pk=event_id)
    rules = [
        rule
        for rule in EVENT_RULES.get(event.action, [])
        if not rule.condition or CONDITIONS[rule.condition](event)
    ]
    if not rules:
        return 0
    if event.action in FORWARDING_ACTIONS:
        unit = event.to_unit
    else:
        unit = event.actor_unit or event.to_unit
    values = {
        "unit": unit.name if unit else "",
        "note": personal_numbers_mask(event.note),
        "deadline": _format_moment(event.deadline),
        "status": ReportStatus(event.to_status).label if event.to_status else "",
    }
    told = 0
    for rule in rules:
        told += notify_by_rule(
            rule=rule, report=event.report, unit_id=event.to_unit_id, values=values,
            skip_user_id=None if rule.tell_actor else event.actor_id, once_key=f"event:{event.pk}",
        )  # fmt: skip
    return told


def message_notify(*, message_id: int) -> int:
    """A citizen's message tells the unit's handlers; a unit's message tells the citizen."""
    message = Message.objects.select_related("report__reporter").get(pk=message_id)
    rule = MESSAGE_FROM_CITIZEN if message.from_citizen else MESSAGE_FROM_UNIT
    report = message.report
    return notify_by_rule(
        rule=rule, report=report, unit_id=report.current_unit_id,
        values={"unit": "", "note": "", "deadline": _format_moment(report.answer_deadline)},
        skip_user_id=message.author_id, once_key=f"message:{message.pk}",
    )  # fmt: skip


def notification_mark_read(*, user, notification_id: int) -> Notification:
    """Marks one of ``user``'s notifications read; another person's raises DoesNotExist."""
    notification = Notification.objects.get(pk=notification_id, recipient=user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def notification_preferences_set(*, user, wanted: set[tuple[str, str]]) -> None:
    """Keeps the copies (kind, channel) in ``wanted`` and turns off every other copy the
    rule table would send ``user``; pairs outside the table are ignored."""
    offered = copies_by_kind(citizen=not user.is_officer)
    muted = {
        (kind, channel)
        for kind, channels in offered.items()
        for channel in channels
        if (kind, channel) not in wanted
    }
    NotificationMute.objects.filter(user=user).delete()
    NotificationMute.objects.bulk_create(
        [NotificationMute(user=user, kind=k, channel=c) for k, c in sorted(muted)]
    )


# The per-item work of the periodic passes (pakn.notifications.scheduler), run by their tasks.


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


def digest_notify(*, digest_id: int):
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
