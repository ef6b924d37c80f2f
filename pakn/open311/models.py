"""Partner systems that send reports through Open311 GeoReport v2, and what each one sent."""

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from pakn.organisations.models import Category
from pakn.reports.models import Report

DEFAULT_RATE_LIMIT_PER_MINUTE = 30


class ApiKey(models.Model):
    """A key given to one partner system. Only its SHA-256 is stored (the key is 32 random
    bytes, so a slow password hash would add nothing); the key itself is shown once, when it
    is created. Reports sent with it have the key's own account as their reporter."""

    name = models.CharField(_("Tên hệ thống đối tác"), max_length=150)
    prefix = models.CharField(_("Tiền tố khóa"), max_length=12, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Tài khoản người gửi"),
        on_delete=models.PROTECT,
        related_name="open311_api_key",
        editable=False,
    )
    rate_limit_per_minute = models.PositiveIntegerField(
        _("Giới hạn yêu cầu mỗi phút"),
        default=DEFAULT_RATE_LIMIT_PER_MINUTE,
        validators=[MinValueValidator(1)],
    )
    contact = models.CharField(
        _("Người liên hệ phía đối tác"),
        max_length=250,
        blank=True,
        help_text=_("Chỉ quản trị hệ thống xem được."),
    )
    is_active = models.BooleanField(_("Đang hiệu lực"), default=True)
    created_at = models.DateTimeField(_("Tạo lúc"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("Dùng lần cuối"), null=True, blank=True)

    class Meta:
        verbose_name = _("Khóa API Open311")
        verbose_name_plural = _("Khóa API Open311")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class Submission(models.Model):
    """One POST of a service request with a valid key, accepted or refused, as it was sent.
    The sender's contact details stay here, seen only in the admin: the report's own
    reporter is the key's account, so no page or answer shows them."""

    api_key = models.ForeignKey(
        ApiKey, verbose_name=_("Khóa API"), on_delete=models.PROTECT, related_name="submissions"
    )
    report = models.OneToOneField(
        Report,
        verbose_name=_("Phản ánh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="open311",
    )
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status_code = models.PositiveSmallIntegerField(_("Mã trả lời"))
    error = models.TextField(_("Lỗi"), blank=True)
    service_code = models.CharField(_("service_code"), max_length=100, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    address_string = models.TextField(blank=True)
    address_id = models.CharField(max_length=100, blank=True)
    attributes = models.JSONField(default=dict, blank=True)
    description = models.TextField(blank=True)
    media_url = models.TextField(
        _("Liên kết tệp (không tải về)"),
        blank=True,
        help_text=_("Lưu nguyên liên kết đối tác gửi; hệ thống không tải tệp này."),
    )
    email = models.CharField(max_length=254, blank=True)
    phone = models.CharField(max_length=100, blank=True)
    first_name = models.CharField(max_length=150, blank=True)
    last_name = models.CharField(max_length=150, blank=True)
    device_id = models.CharField(max_length=150, blank=True)
    account_id = models.CharField(max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("Địa chỉ IP"), null=True, blank=True)
    created_at = models.DateTimeField(_("Nhận lúc"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("Yêu cầu Open311 đã nhận")
        verbose_name_plural = _("Yêu cầu Open311 đã nhận")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.api_key.name} {self.created_at:%Y-%m-%d %H:%M} {self.status_code}"


class AttributeType(models.TextChoices):
    """GeoReport v2's datatypes."""

    STRING = "string", _("Chuỗi ngắn")
    NUMBER = "number", _("Số")
    DATETIME = "datetime", _("Ngày giờ")
    TEXT = "text", _("Đoạn văn")
    SINGLE = "singlevaluelist", _("Chọn một")
    MULTIPLE = "multivaluelist", _("Chọn nhiều")


class ServiceAttribute(models.Model):
    """An extra question a sector asks of reports sent through Open311 (GeoReport's
    attribute); its answer is added to the report's content for the officers."""

    category = models.ForeignKey(
        Category,
        verbose_name=_("Lĩnh vực"),
        on_delete=models.CASCADE,
        related_name="open311_attributes",
    )
    code = models.SlugField(_("Mã"), max_length=60)
    description = models.CharField(_("Câu hỏi"), max_length=250)
    datatype = models.CharField(
        _("Kiểu dữ liệu"),
        max_length=20,
        choices=AttributeType.choices,
        default=AttributeType.STRING,
    )
    datatype_description = models.CharField(_("Hướng dẫn nhập"), max_length=250, blank=True)
    required = models.BooleanField(_("Bắt buộc"), default=False)
    order = models.PositiveSmallIntegerField(_("Thứ tự"), default=0)
    values = models.JSONField(
        _("Các lựa chọn"),
        default=list,
        blank=True,
        help_text=_('Với kiểu chọn một/chọn nhiều: [{"key": "mã", "name": "Tên hiển thị"}, …]'),
    )

    class Meta:
        verbose_name = _("Câu hỏi bổ sung Open311")
        verbose_name_plural = _("Câu hỏi bổ sung Open311")
        ordering = ["category", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "code"], name="open311_attribute_unique_code"
            )
        ]

    def __str__(self) -> str:
        return f"{self.category.name}: {self.description}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.datatype in (AttributeType.SINGLE, AttributeType.MULTIPLE):
            ok = (
                isinstance(self.values, list)
                and self.values
                and all(
                    isinstance(v, dict)
                    and str(v.get("key", "")).strip()
                    and str(v.get("name", "")).strip()
                    for v in self.values
                )
            )
            if not ok:
                raise ValidationError(
                    {"values": _('Cần ít nhất một lựa chọn dạng {"key": "…", "name": "…"}.')}
                )

    @property
    def choices(self) -> dict[str, str]:
        return {str(v["key"]): str(v["name"]) for v in self.values or [] if isinstance(v, dict)}
