from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pakn.organisations.models import Unit
from pakn.reports.models import Report


class CallKind(models.TextChoices):
    NEW_REPORT = "new_report", _("Phản ánh mới")
    STATUS_ENQUIRY = "status_enquiry", _("Hỏi tình trạng")
    OTHER = "other", _("Khác")


class CallLog(models.Model):
    """One phone call taken by an operator ("nhật ký cuộc gọi"): who called, about which
    report. Written by the services of every intake and enquiry, never edited."""

    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Tổng đài viên"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The unit the operator answered for: who may read the log (its operators and
    # coordinators).
    unit = models.ForeignKey(
        Unit, verbose_name=_("Đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    caller_phone = models.CharField(_("Số điện thoại người gọi"), max_length=16, blank=True)
    caller = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người gọi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    report = models.ForeignKey(
        Report,
        verbose_name=_("Phản ánh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("Loại cuộc gọi"), max_length=20, choices=CallKind.choices)
    note = models.TextField(_("Ghi chú"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("Thời điểm"), auto_now_add=True)

    class Meta:
        verbose_name = _("Cuộc gọi đến tổng đài")
        verbose_name_plural = _("Nhật ký cuộc gọi")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["unit", "-created_at"], name="hotline_call_unit_time")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%d/%m/%Y %H:%M}"
