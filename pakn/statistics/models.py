import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExportStatus(models.TextChoices):
    PENDING = "pending", _("Đang chờ")
    RUNNING = "running", _("Đang tạo tệp")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Không tạo được tệp")


class ExportFormat(models.TextChoices):
    XLSX = "xlsx", _("Excel (XLSX)")
    CSV = "csv", _("CSV")


def export_upload_to(instance, filename: str) -> str:
    return f"statistics/exports/{instance.pk}/{filename}"


class StatisticsExport(models.Model):
    """A spreadsheet of the public statistics made in the background (a long export), with
    its progress. The id in the address is random; only whoever asked for it (their session
    or account) can follow it. Public counts only: no personal data in the file."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    status = models.CharField(
        _("Trạng thái"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("Tiến độ (%)"), default=0)
    file_format = models.CharField(_("Định dạng"), max_length=4, choices=ExportFormat.choices)
    views = models.JSONField(_("Các bảng"), default=list)
    filters = models.JSONField(_("Điều kiện lọc"), default=dict)
    file = models.FileField(_("Tệp"), upload_to=export_upload_to, max_length=200, blank=True)
    error = models.TextField(_("Lỗi"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người yêu cầu"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    session_key = models.CharField(_("Phiên"), max_length=40, blank=True, db_index=True)
    # Fresh cookies make a fresh session: the address limits what one machine may queue. Kept
    # only as long as the export (a day).
    client_ip = models.GenericIPAddressField(_("Địa chỉ IP"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(_("Yêu cầu lúc"), auto_now_add=True)
    finished_at = models.DateTimeField(_("Xong lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("Tệp xuất thống kê")
        verbose_name_plural = _("Tệp xuất thống kê")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.file_format} {self.get_status_display()}"

    @property
    def is_finished(self) -> bool:
        return self.status in (ExportStatus.DONE, ExportStatus.FAILED)
