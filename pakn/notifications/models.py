from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    FORWARDED = "forwarded", _("Đã chuyển xử lý")
    ACCEPTED = "accepted", _("Đơn vị tiếp nhận xử lý")
    QUESTION = "question", _("Đề nghị bổ sung thông tin")
    ANSWERED = "answered", _("Đã có kết quả")
    REJECTED = "rejected", _("Không tiếp nhận")
    MERGED = "merged", _("Trùng, đã gộp")
    REOPENED = "reopened", _("Xử lý lại")
    MESSAGE = "message", _("Trao đổi mới")
    ASSIGNED = "assigned", _("Phản ánh mới được giao")
    CO_HANDLING = "co_handling", _("Mời phối hợp xử lý")
    APPROVAL_NEEDED = "approval_needed", _("Dự thảo chờ duyệt")
    SENT_BACK = "sent_back", _("Dự thảo bị trả lại")
    RETURNED = "returned", _("Đơn vị chuyển trả")
    EXTENSION_REQUESTED = "extension_requested", _("Xin gia hạn")
    EXTENSION_DECIDED = "extension_decided", _("Kết quả xin gia hạn")
    NOT_SATISFIED = "not_satisfied", _("Người gửi không hài lòng")
    REVIEW_NEEDED = "review_needed", _("Kết quả chờ xem xét")
    WITHDRAWN = "withdrawn", _("Người gửi rút phản ánh")
    REMINDER = "reminder", _("Nhắc hạn xử lý")
    LATE = "late", _("Quá hạn xử lý")
    DIGEST = "digest", _("Tổng hợp hằng ngày")
    ADOPTION_REMINDER = "adoption_reminder", _("Nhắc gửi số liệu phong trào")
    FOLLOWED_UPDATE = "followed_update", _("Phản ánh đang theo dõi có cập nhật")
    FOLLOWED_ANSWERED = "followed_answered", _("Phản ánh đang theo dõi đã có kết quả")


class Notification(models.Model):
    """A message to one person, shown in their notification list ("Thông báo"). E-mail and
    SMS copies, when the channel rules ask for them, are queued beside it (core's outboxes).

    Written here rather than taken from django-notifications-hq: that package stores
    generic actor/verb/target triples without channels, and what PAKN needs is the small
    rule table of rules.py, a report link and Vietnamese texts, in one plain model."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người nhận"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    report = models.ForeignKey(
        "reports.Report",
        verbose_name=_("Phản ánh"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("Loại"), max_length=30, choices=NotificationKind.choices)
    title = models.CharField(_("Tiêu đề"), max_length=200)
    body = models.TextField(_("Nội dung"), blank=True)
    url = models.CharField(_("Đường dẫn"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("Thời điểm"), auto_now_add=True)
    read_at = models.DateTimeField(_("Đã đọc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("Thông báo cá nhân")
        verbose_name_plural = _("Thông báo cá nhân")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_recipient_new"),
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="notification_unread",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ReminderKind(models.TextChoices):
    HALF_TIME = "half_time", _("Đã dùng 50% thời gian xử lý")
    MOST_TIME = "most_time", _("Đã dùng 80% thời gian xử lý")
    DEADLINE = "deadline", _("Đến hạn xử lý")
    LATE = "late", _("Quá hạn: báo lãnh đạo và đơn vị điều phối")


class ReminderSent(models.Model):
    """One reminder of one report for one deadline. The row is written before the reminder
    goes out, and the unique constraint makes a second scheduler (or a second pass) fail to
    write it, so each reminder goes once; a new deadline (extension, reopening) gets its own."""

    report = models.ForeignKey(
        "reports.Report", on_delete=models.CASCADE, related_name="+", verbose_name=_("Phản ánh")
    )
    kind = models.CharField(_("Loại nhắc"), max_length=20, choices=ReminderKind.choices)
    deadline = models.DateTimeField(_("Hạn xử lý"))
    created_at = models.DateTimeField(_("Gửi lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("Nhắc hạn đã gửi")
        verbose_name_plural = _("Nhắc hạn đã gửi")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "kind", "deadline"], name="reminder_once_per_deadline"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report_id} {self.kind} {self.deadline:%Y-%m-%d}"


class DigestSent(models.Model):
    """The daily digest of one officer on one day (written first, like ReminderSent)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    date = models.DateField(_("Ngày"))
    new_count = models.PositiveIntegerField(default=0)
    due_soon_count = models.PositiveIntegerField(default=0)
    late_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Tổng hợp hằng ngày đã gửi")
        verbose_name_plural = _("Tổng hợp hằng ngày đã gửi")
        constraints = [models.UniqueConstraint(fields=["user", "date"], name="digest_once_per_day")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.date}"


class NotificationChannel(models.TextChoices):
    """The copies a person may turn off; the in-app notification always stays, so nothing
    is lost, and one-time codes always go by SMS (they are not notifications)."""

    EMAIL = "email", _("Thư điện tử")
    SMS = "sms", _("Tin nhắn SMS")
    PUSH = "push", _("Thông báo đẩy")


class NotificationMute(models.Model):
    """One kind of notification a person no longer wants on one channel ("Cài đặt thông
    báo"). Only the turned-off pairs are stored: everything else follows the rule table."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_mutes"
    )
    kind = models.CharField(_("Loại"), max_length=30, choices=NotificationKind.choices)
    channel = models.CharField(_("Kênh"), max_length=10, choices=NotificationChannel.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Thông báo đã tắt")
        verbose_name_plural = _("Thông báo đã tắt")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "channel"], name="notification_mute_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind} {self.channel}"


class PushSubscription(models.Model):
    """One browser or installed app that asked for web push for its signed-in person: the
    push service's address and the keys the payload is encrypted with (RFC 8291)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions"
    )
    endpoint = models.URLField(_("Địa chỉ dịch vụ đẩy"), max_length=1000, unique=True)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    user_agent = models.CharField(_("Trình duyệt"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Thiết bị nhận thông báo đẩy")
        verbose_name_plural = _("Thiết bị nhận thông báo đẩy")

    def __str__(self) -> str:
        return f"{self.user_id} {self.endpoint[:60]}"
