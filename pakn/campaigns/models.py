"""App-adoption campaigns (seed 000): a campaign asks units of some groups (communes, wards,
special zones, agencies, schools, companies) for their figures per period, by a deadline.

Figures are history: each submission or correction is a new row (append-only); the latest
row of a unit in a period is its current figures, the first one says when it first reported
(on time or late)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pakn.core.models import AppendOnlyModel


class ReportingGroup(models.TextChoices):
    """Who seed 000 asks to report. Communes, wards and special zones are the commune
    committees (UnitKind.COMMUNE_COMMITTEE) told apart by their area's type; see
    ``pakn.campaigns.selectors.GROUP_UNIT_KINDS``."""

    COMMUNE = "commune", _("Xã")
    WARD = "ward", _("Phường")
    SPECIAL_ZONE = "special_zone", _("Đặc khu")
    AGENCY = "agency", _("Sở, ban, ngành, cơ quan")
    SCHOOL = "school", _("Trường học")
    COMPANY = "company", _("Doanh nghiệp")


class Campaign(models.Model):
    name = models.CharField(_("Tên phong trào"), max_length=200)
    app_name = models.CharField(
        _("Ứng dụng, dịch vụ"), max_length=100, help_text=_("Ví dụ: ứng dụng KhanhHoa-S.")
    )
    description = models.TextField(
        _("Nội dung, văn bản chỉ đạo"),
        blank=True,
        help_text=_("Ví dụ: Công văn số 1715/SKHCN-TTCĐS ngày 30/3/2026."),
    )
    reporting_groups = models.JSONField(
        _("Các đơn vị phải báo cáo"),
        default=list,
        help_text=_(
            "Nhóm đơn vị phải gửi số liệu: xã, phường, đặc khu, cơ quan, trường học, doanh nghiệp."
        ),
    )
    is_active = models.BooleanField(_("Đang triển khai"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người tạo"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("Tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("Phong trào")
        verbose_name_plural = _("Phong trào")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        groups = self.reporting_groups
        if not isinstance(groups, list) or not groups or set(groups) - set(ReportingGroup.values):
            raise ValidationError(
                {"reporting_groups": _("Chọn ít nhất một nhóm đơn vị phải báo cáo.")}
            )

    @property
    def reporting_group_labels(self) -> list[str]:
        labels = dict(ReportingGroup.choices)
        return [str(labels[g]) for g in ReportingGroup.values if g in self.reporting_groups]


class CampaignPeriod(models.Model):
    """One reporting round of a campaign: the figures of [start, end], due by ``deadline``
    (seed 000: "trước ngày 15/5/2026"; a submission on the deadline day is on time)."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("Phong trào"), on_delete=models.CASCADE, related_name="periods"
    )
    name = models.CharField(_("Tên kỳ báo cáo"), max_length=100)
    start_date = models.DateField(_("Từ ngày"))
    end_date = models.DateField(_("Đến ngày"))
    deadline = models.DateField(_("Hạn gửi số liệu"))

    class Meta:
        verbose_name = _("Kỳ báo cáo")
        verbose_name_plural = _("Kỳ báo cáo")
        ordering = ["-end_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="campaign_period_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.campaign.name} — {self.name}"

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Ngày kết thúc phải sau ngày bắt đầu.")})


class AdoptionFigures(AppendOnlyModel):
    """What one unit declared for one period. A correction is a new row; the history stays."""

    period = models.ForeignKey(
        CampaignPeriod, verbose_name=_("Kỳ báo cáo"), on_delete=models.CASCADE,
        related_name="figures",
    )  # fmt: skip
    unit = models.ForeignKey(
        "organisations.Unit", verbose_name=_("Đơn vị"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    people_guided = models.PositiveIntegerField(_("Số lượt người dân, doanh nghiệp được hướng dẫn"))
    app_installs = models.PositiveIntegerField(_("Số lượt cài đặt ứng dụng"))
    accounts_registered = models.PositiveIntegerField(_("Số tài khoản đăng ký sử dụng"))
    solutions = models.TextField(_("Giải pháp triển khai"), max_length=4000, blank=True)
    notes = models.TextField(_("Ghi chú"), max_length=2000, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Người gửi"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    # A default rather than auto_now_add: the demo data writes submissions made in the past.
    created_at = models.DateTimeField(_("Gửi lúc"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("Số liệu phong trào")
        verbose_name_plural = _("Số liệu phong trào")
        ordering = ["period", "unit", "-created_at", "-id"]
        indexes = [
            models.Index(fields=["period", "unit", "created_at"], name="adoption_figures_latest")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.period_id} {self.created_at:%Y-%m-%d}"


class AdoptionReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", _("Sắp đến hạn gửi số liệu")
    OVERDUE = "overdue", _("Quá hạn gửi số liệu")


class AdoptionReminderSent(models.Model):
    """One reminder to one unit for one period, written before it goes (like the report
    reminders): the unique constraint keeps a second scheduler from sending it again."""

    period = models.ForeignKey(CampaignPeriod, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("organisations.Unit", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("Loại nhắc"), max_length=20, choices=AdoptionReminderKind.choices)
    created_at = models.DateTimeField(_("Gửi lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("Nhắc gửi số liệu đã gửi")
        verbose_name_plural = _("Nhắc gửi số liệu đã gửi")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "unit", "kind"], name="adoption_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.period_id} {self.unit_id} {self.kind}"
