"""The trained suggestion models, one row per training, and the coordinators' decisions.

A training writes its row as ``training`` first and turns it ``ready`` (or ``too_little``,
``failed``) only when it has finished: the desk always reads the newest ``ready`` row, so the
previous model keeps serving while a new one trains, and a training that fails leaves it
serving."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pakn.organisations.models import Category, Unit
from pakn.reports.models import Event, Report


class TriageModelStatus(models.TextChoices):
    TRAINING = "training", _("Đang huấn luyện")
    READY = "ready", _("Sẵn sàng")
    TOO_LITTLE = "too_little", _("Chưa đủ dữ liệu")
    FAILED = "failed", _("Huấn luyện lỗi")


class TriageModel(models.Model):
    version = models.PositiveIntegerField(_("Phiên bản"), unique=True)
    status = models.CharField(
        _("Trạng thái"),
        max_length=20,
        choices=TriageModelStatus.choices,
        default=TriageModelStatus.TRAINING,
    )
    started_at = models.DateTimeField(_("Bắt đầu huấn luyện"), default=timezone.now)
    trained_at = models.DateTimeField(_("Huấn luyện xong"), null=True, blank=True)
    samples = models.PositiveIntegerField(_("Số phản ánh đã học"), default=0)
    held_out = models.PositiveIntegerField(_("Số phản ánh để kiểm tra"), default=0)
    # Accuracy on the newest reports kept out of training (0–1), before the final fit on all.
    kind_top1 = models.FloatField(_("Loại: đúng ở đề xuất thứ nhất"), null=True, blank=True)
    category_top1 = models.FloatField(_("Lĩnh vực: đúng ở đề xuất thứ nhất"), null=True, blank=True)
    category_top3 = models.FloatField(_("Lĩnh vực: đúng trong 3 đề xuất"), null=True, blank=True)
    unit_top1 = models.FloatField(_("Đơn vị: đúng ở đề xuất thứ nhất"), null=True, blank=True)
    unit_top3 = models.FloatField(_("Đơn vị: đúng trong 3 đề xuất"), null=True, blank=True)
    # The library that wrote ``payload``: a model pickled by another version is trained again.
    library_version = models.CharField(max_length=20, blank=True)
    payload = models.BinaryField(blank=True, editable=False)
    error = models.TextField(_("Lỗi"), blank=True)

    class Meta:
        verbose_name = _("Mô hình đề xuất")
        verbose_name_plural = _("Mô hình đề xuất")
        ordering = ["-version"]
        constraints = [
            # One training at a time: a second scheduler's insert fails instead of training twice.
            models.UniqueConstraint(
                fields=["status"],
                condition=Q(status="training"),
                name="triage_model_one_training",
            )
        ]
        indexes = [models.Index(fields=["status", "version"], name="triage_model_status_version")]

    def __str__(self) -> str:
        return f"v{self.version} {self.status}"


class TriageSource(models.TextChoices):
    MODEL = "model", _("Mô hình học từ lịch sử")
    RULES = "rules", _("Quy tắc phân công")


class TriageDecision(models.Model):
    """What the coordinator chose when forwarding, beside what was suggested: the hit rate of
    the suggestions. The choice itself (the forward event and the report's sector and kind)
    is what the next training learns from."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="+")
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    source = models.CharField(max_length=10, choices=TriageSource.choices)
    model_version = models.PositiveIntegerField(null=True, blank=True)
    suggested_kind = models.CharField(max_length=20, blank=True)
    chosen_kind = models.CharField(max_length=20, blank=True)
    suggested_category = models.ForeignKey(
        Category, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    chosen_category = models.ForeignKey(
        Category, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    suggested_unit = models.ForeignKey(
        Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    chosen_unit = models.ForeignKey(
        Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # None when nothing was suggested.
    category_matched = models.BooleanField(null=True)
    unit_matched = models.BooleanField(null=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("Quyết định phân loại, chuyển xử lý")
        verbose_name_plural = _("Quyết định phân loại, chuyển xử lý")

    def __str__(self) -> str:
        return f"{self.report_id} {self.source} unit_matched={self.unit_matched}"
