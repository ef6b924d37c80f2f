"""Reminders to the units that have not sent a period's figures (seed 000's deadline),
run by each pass of the scheduler (``pakn_scheduler``):

- from ``DUE_SOON_DAYS`` days before the deadline, once: "due soon";
- after the deadline, once, while the unit has still sent nothing: "overdue"
  (up to ``OVERDUE_WINDOW_DAYS`` after it, so an old campaign does not wake up forever).

Once per unit, period and kind even with two schedulers: the AdoptionReminderSent row is
written first, and a second writer fails on its unique constraint and sends nothing."""

import datetime

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pakn.campaigns.access import REPORTING_ROLES
from pakn.campaigns.models import AdoptionReminderKind, AdoptionReminderSent, CampaignPeriod
from pakn.campaigns.selectors import campaign_reporting_units, submitted_units
from pakn.notifications.rules import ADOPTION_REMINDER
from pakn.notifications.selectors import unit_officers
from pakn.notifications.services import notification_send

DUE_SOON_DAYS = 3
OVERDUE_WINDOW_DAYS = 60


def _kind_due(period: CampaignPeriod, today: datetime.date) -> str | None:
    if today > period.deadline:
        return AdoptionReminderKind.OVERDUE
    if today >= period.deadline - datetime.timedelta(days=DUE_SOON_DAYS):
        return AdoptionReminderKind.DUE_SOON
    return None


def adoption_reminders_run(*, now: datetime.datetime | None = None) -> int:
    """Reminds every unit still missing figures of a period now due; returns how many units
    were reminded. Reads only the periods whose deadline is near or recently past."""
    today = timezone.localdate(now or timezone.now())
    periods = CampaignPeriod.objects.filter(
        campaign__is_active=True,
        start_date__lte=today,
        deadline__gte=today - datetime.timedelta(days=OVERDUE_WINDOW_DAYS),
        deadline__lte=today + datetime.timedelta(days=DUE_SOON_DAYS),
    ).select_related("campaign")
    reminded = 0
    for period in periods:
        kind = _kind_due(period, today)
        if kind is None:
            continue
        sent = set(
            AdoptionReminderSent.objects.filter(period=period, kind=kind).values_list(
                "unit_id", flat=True
            )
        )
        done = submitted_units(period) | sent
        for item in campaign_reporting_units(period.campaign):
            if item.unit.pk not in done and _remind(period=period, unit=item.unit, kind=kind):
                reminded += 1
    return reminded


def _remind(*, period: CampaignPeriod, unit, kind: str) -> bool:
    try:
        with transaction.atomic():
            row = AdoptionReminderSent.objects.create(period=period, unit=unit, kind=kind)
            values = {
                "campaign": period.campaign.name, "period": period.name, "unit": unit.name,
                "deadline": f"{period.deadline:%d/%m/%Y}",
            }  # fmt: skip
            if kind == AdoptionReminderKind.OVERDUE:
                title = _("Quá hạn gửi số liệu: %(campaign)s") % values
                body = _("%(unit)s chưa gửi số liệu kỳ “%(period)s”; hạn gửi là %(deadline)s. "
                         "Đề nghị gửi ngay trên trang cán bộ, mục Phong trào.") % values  # fmt: skip
            else:
                title = _("Sắp đến hạn gửi số liệu: %(campaign)s") % values
                body = _("Đề nghị %(unit)s gửi số liệu kỳ “%(period)s” trước hạn %(deadline)s: "
                         "số lượt được hướng dẫn, cài đặt ứng dụng, đăng ký tài khoản.") % values  # fmt: skip
            url = reverse("campaigns:submit", kwargs={"period_id": period.pk, "unit_id": unit.pk})
            for officer in unit_officers(unit.pk, REPORTING_ROLES):
                notification_send(
                    recipient=officer, kind=ADOPTION_REMINDER.kind, title=title, body=body,
                    url=url, channels=ADOPTION_REMINDER.channels,
                    once_key=f"adoption-reminder:{row.pk}",
                )  # fmt: skip
    except IntegrityError:
        return False
    return True
