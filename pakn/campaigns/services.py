"""Changing the campaigns: a unit's figures (a new row each time: corrections keep the
history), and the campaigns and periods the province coordinators set up."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pakn.campaigns.access import campaigns_may_manage, figures_may_submit
from pakn.campaigns.models import AdoptionFigures, Campaign, CampaignPeriod
from pakn.campaigns.selectors import campaign_reporting_units
from pakn.organisations.models import Unit

FIGURE_MAX = 10_000_000  # more than the province's population: a typing slip, not a figure


def adoption_figures_submit(
    *,
    actor,
    period: CampaignPeriod,
    unit: Unit,
    people_guided: int,
    app_installs: int,
    accounts_registered: int,
    solutions: str = "",
    notes: str = "",
) -> AdoptionFigures:
    """Records ``unit``'s figures for ``period`` as sent by ``actor`` (an officer of the unit).
    Sending again is a correction: a new row, the earlier ones stay."""
    if not figures_may_submit(actor, unit):
        raise PermissionDenied(_("Tài khoản này không gửi được số liệu thay cho đơn vị này."))
    if not period.campaign.is_active:
        raise ValidationError(_("Phong trào này đã kết thúc, không nhận thêm số liệu."))
    if timezone.localdate() < period.start_date:
        raise ValidationError(_("Kỳ báo cáo này chưa bắt đầu."))
    if unit.pk not in {r.unit.pk for r in campaign_reporting_units(period.campaign)}:
        raise ValidationError(_("Phong trào này không yêu cầu đơn vị gửi số liệu."))
    for value in (people_guided, app_installs, accounts_registered):
        if not isinstance(value, int) or not 0 <= value <= FIGURE_MAX:
            raise ValidationError(
                _("Số liệu phải là số nguyên từ 0 đến %(max)s.")
                % {"max": f"{FIGURE_MAX:,}".replace(",", ".")}
            )
    return AdoptionFigures.objects.create(
        period=period, unit=unit, people_guided=people_guided, app_installs=app_installs,
        accounts_registered=accounts_registered, solutions=solutions.strip(),
        notes=notes.strip(), submitted_by=actor,
    )  # fmt: skip


@transaction.atomic
def campaign_create(
    *,
    actor,
    name: str,
    app_name: str,
    reporting_groups: list[str],
    description: str = "",
    period_name: str,
    start_date: datetime.date,
    end_date: datetime.date,
    deadline: datetime.date,
) -> Campaign:
    """A campaign with its first period (province coordinators and administrators)."""
    if not campaigns_may_manage(actor):
        raise PermissionDenied(_("Chỉ cán bộ điều phối của tỉnh được tạo phong trào."))
    campaign = Campaign(
        name=name, app_name=app_name, reporting_groups=list(reporting_groups),
        description=description, created_by=actor,
    )  # fmt: skip
    campaign.full_clean()
    campaign.save()
    campaign_period_add(actor=actor, campaign=campaign, name=period_name, start_date=start_date,
                        end_date=end_date, deadline=deadline)  # fmt: skip
    return campaign


def campaign_period_add(
    *,
    actor,
    campaign: Campaign,
    name: str,
    start_date: datetime.date,
    end_date: datetime.date,
    deadline: datetime.date,
) -> CampaignPeriod:
    if not campaigns_may_manage(actor):
        raise PermissionDenied(_("Chỉ cán bộ điều phối của tỉnh được thêm kỳ báo cáo."))
    period = CampaignPeriod(
        campaign=campaign, name=name, start_date=start_date, end_date=end_date, deadline=deadline
    )
    period.full_clean()
    period.save()
    return period
