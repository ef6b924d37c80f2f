import datetime

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from pakn.core.modes import portal_name_default

SITE_SETTINGS_CACHE_KEY = "core:site-settings:v1"


class SiteSettings(models.Model):
    """The portal's identity and contacts, edited by a system administrator. One row."""

    portal_name = models.CharField(
        _("Tên cổng thông tin"),
        max_length=200,
        # The mode's name (a province's portal, the national programme): pakn.core.modes.
        default=portal_name_default,
    )
    short_name = models.CharField(_("Tên viết tắt"), max_length=40, default="PAKN")
    managing_agency = models.CharField(_("Cơ quan chủ quản"), max_length=200, blank=True)
    hotline = models.CharField(
        _("Đường dây nóng"),
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^[0-9 .+()-]{3,20}$", _("Số điện thoại không hợp lệ."))],
    )
    email = models.EmailField(_("Thư điện tử"), blank=True)
    address = models.CharField(_("Địa chỉ"), max_length=300, blank=True)
    logo = models.ImageField(_("Biểu trưng (logo)"), upload_to="site/", blank=True)
    zalo_url = models.URLField(_("Liên kết hỗ trợ Zalo"), blank=True)
    app_store_url = models.URLField(_("Liên kết App Store"), blank=True)
    play_store_url = models.URLField(_("Liên kết Google Play"), blank=True)
    map_tile_url = models.CharField(
        _("Máy chủ bản đồ (URL ô bản đồ)"),
        max_length=300,
        default="https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        help_text=_("Mẫu URL có {z}, {x}, {y}."),
        validators=[
            RegexValidator(
                r"^https?://.*\{z\}.*\{x\}.*\{y\}",
                _("URL phải bắt đầu bằng http(s):// và có {z}, {x}, {y}."),
            )
        ],
    )
    map_attribution = models.CharField(
        _("Ghi nguồn bản đồ"), max_length=300, default="© OpenStreetMap contributors"
    )
    routing_limit_hours = models.PositiveSmallIntegerField(
        _("Thời hạn chuyển xử lý của đơn vị điều phối (giờ làm việc)"), default=8
    )
    pause_clock_when_asking_citizen = models.BooleanField(
        _("Dừng tính hạn khi chờ người gửi bổ sung thông tin"), default=True
    )
    morning_start = models.TimeField(_("Giờ làm việc sáng: bắt đầu"), default=datetime.time(7, 30))
    morning_end = models.TimeField(_("Giờ làm việc sáng: kết thúc"), default=datetime.time(11, 30))
    afternoon_start = models.TimeField(
        _("Giờ làm việc chiều: bắt đầu"), default=datetime.time(13, 30)
    )
    afternoon_end = models.TimeField(
        _("Giờ làm việc chiều: kết thúc"), default=datetime.time(17, 0)
    )
    updated_at = models.DateTimeField(_("Cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("Cấu hình cổng thông tin")
        verbose_name_plural = _("Cấu hình cổng thông tin")

    def __str__(self) -> str:
        return self.portal_name

    def save(self, *args, **kwargs) -> None:
        self.pk = 1
        super().save(*args, **kwargs)
        cache.delete(SITE_SETTINGS_CACHE_KEY)
        cache.delete("core:calendar:v1")

    def delete(self, *args, **kwargs):
        raise PermissionError("Site settings cannot be deleted; edit them instead.")

    def clean(self):
        if not (self.morning_start < self.morning_end <= self.afternoon_start < self.afternoon_end):
            raise ValidationError(
                _(
                    "Giờ làm việc phải theo thứ tự: sáng bắt đầu < sáng kết thúc ≤ chiều bắt đầu < chiều kết thúc."
                )
            )


class CaptchaChallenge(models.Model):
    """An arithmetic question shown as an image ("Mã số xác thực" in the seeds). Single use:
    it is deleted when answered, right or wrong, and expires after a few minutes."""

    id = models.UUIDField(primary_key=True)
    question = models.CharField(max_length=20)
    answer = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("Mã số xác thực")
        verbose_name_plural = _("Mã số xác thực")

    def __str__(self) -> str:
        return f"{self.question} ({self.created_at:%H:%M:%S})"

    @property
    def spoken_question(self) -> str:
        """The question in words, for a screen reader (the image's text alternative): the
        accessible way to answer that the arithmetic captcha allows."""
        left, operator, right = self.question.split()
        if operator == "+":
            return _("%(left)s cộng %(right)s bằng bao nhiêu?") % {"left": left, "right": right}
        return _("%(left)s trừ %(right)s bằng bao nhiêu?") % {"left": left, "right": right}


class SmsStatus(models.TextChoices):
    QUEUED = "queued", _("Chờ gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Gửi lỗi")


class OutgoingSms(models.Model):
    """One text message to one phone. The sending task receives only this row's id, so the
    text is never copied into the task queue. A one-time code is never stored in clear: the
    text keeps it masked and ``sealed_secret`` holds it encrypted until it has been sent."""

    phone = models.CharField(_("Số điện thoại"), max_length=16)
    body = models.TextField(_("Nội dung"))
    sensitive = models.BooleanField(_("Chứa mã bí mật"), default=False)
    sealed_secret = models.TextField(blank=True, default="", editable=False)
    status = models.CharField(
        _("Trạng thái"), max_length=10, choices=SmsStatus.choices, default=SmsStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("Số lần gửi"), default=0)
    last_error = models.CharField(_("Lỗi gần nhất"), max_length=300, blank=True)
    gateway_reference = models.CharField(_("Mã của nhà mạng"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("Tạo lúc"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("Gửi lúc"), null=True, blank=True)
    # When the scheduler tries a failed message again (SMS_RETRY_MINUTES); empty once the
    # tries are spent: the message then waits for a person to resend it.
    next_attempt_at = models.DateTimeField(
        _("Thử gửi lại lúc"), null=True, blank=True, db_index=True, editable=False
    )
    # Past this moment a one-time code is worthless: no more tries, and its seal is dropped.
    secret_expires_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("Tin nhắn SMS")
        verbose_name_plural = _("Tin nhắn SMS")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"SMS #{self.pk} ({self.get_status_display()})"


class CalendarOverride(models.Model):
    """A day the administrator declares a holiday or a working day, beyond the official list
    (e.g. a provincial holiday, or a make-up day decided after the package was released)."""

    date = models.DateField(_("Ngày"), unique=True)
    is_working_day = models.BooleanField(
        _("Là ngày làm việc"),
        help_text=_("Bỏ chọn: ngày nghỉ thêm. Chọn: ngày làm việc bù (ví dụ thứ Bảy làm bù)."),
    )
    reason = models.CharField(_("Lý do"), max_length=200)

    class Meta:
        verbose_name = _("Ngày nghỉ, ngày làm bù")
        verbose_name_plural = _("Ngày nghỉ, ngày làm bù")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y}: {self.reason}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        cache.delete(CALENDAR_CACHE_KEY)

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        cache.delete(CALENDAR_CACHE_KEY)
        return result


CALENDAR_CACHE_KEY = "core:calendar:v1"


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("This history is append-only.")

    def delete(self):
        raise PermissionError("This history is append-only.")


class AppendOnlyModel(models.Model):
    """A history row (a report's events, the audit of roles): added, never changed or deleted,
    neither one by one nor through a queryset."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("This history is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("This history is append-only.")


class BackgroundRole(models.TextChoices):
    WORKER = "worker", _("Tiến trình chạy tác vụ nền")
    SCHEDULER = "scheduler", _("Bộ lập lịch")


class WorkerHeartbeat(models.Model):
    """A background process that is alive: a task worker (``pakn_worker``) or the scheduler.
    It renews ``expires_at`` every few seconds; a row left to expire belongs to a process that
    died, and the tasks it was running are queued again (pakn.core.workers). ``/readyz`` reads
    these rows to say whether anybody is working the queues."""

    name = models.CharField(_("Mã tiến trình"), max_length=64, primary_key=True)
    role = models.CharField(_("Vai trò"), max_length=10, choices=BackgroundRole.choices)
    queues = models.CharField(_("Hàng đợi"), max_length=200, blank=True)
    host = models.CharField(_("Máy"), max_length=100, blank=True)
    pid = models.PositiveIntegerField(_("Số tiến trình"), null=True, blank=True)
    started_at = models.DateTimeField(_("Chạy từ"))
    seen_at = models.DateTimeField(_("Lần cuối còn chạy"))
    expires_at = models.DateTimeField(_("Coi là đã dừng sau"), db_index=True)

    class Meta:
        verbose_name = _("Tiến trình nền")
        verbose_name_plural = _("Tiến trình nền")
        ordering = ["role", "name"]

    def __str__(self) -> str:
        return f"{self.role} {self.name}"


class IdempotencyKey(models.Model):
    """A side effect that has been done once (a notification written, an e-mail handed to the
    mail server), named by a key made from what caused it. Claimed in the same transaction as
    the effect, so a task run a second time (after its worker died) skips what already
    happened and does what did not."""

    key = models.CharField(_("Khóa"), max_length=200, unique=True)
    created_at = models.DateTimeField(_("Tạo lúc"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("Việc đã làm một lần")
        verbose_name_plural = _("Việc đã làm một lần")

    def __str__(self) -> str:
        return self.key
