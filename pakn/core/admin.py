from django.contrib import admin

from pakn.core.models import (
    CalendarOverride,
    OutgoingSms,
    SiteSettings,
    SmsStatus,
    WorkerHeartbeat,
)
from pakn.core.sms import sms_send_task
from pakn.core.validators import mask_identifier


class ReadOnlyModelAdmin(admin.ModelAdmin):
    """Records (audit trails, what was sent, official lists): listed and searched in the admin,
    never added, changed or deleted by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    fieldsets = [
        (None, {"fields": ["portal_name", "short_name", "managing_agency", "logo"]}),
        ("Liên hệ", {"fields": ["hotline", "email", "address", "zalo_url"]}),
        ("Ứng dụng", {"fields": ["app_store_url", "play_store_url"]}),
        ("Bản đồ", {"fields": ["map_tile_url", "map_attribution"]}),
        ("Thời hạn", {"fields": ["routing_limit_hours", "pause_clock_when_asking_citizen"]}),
        (
            "Giờ làm việc",
            {"fields": ["morning_start", "morning_end", "afternoon_start", "afternoon_end"]},
        ),
    ]

    def has_add_permission(self, request):
        return not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OutgoingSms)
class OutgoingSmsAdmin(admin.ModelAdmin):
    """Operators see what was sent and resend what failed; phones are shown masked."""

    list_display = ["id", "masked_phone", "status", "attempts", "last_error", "created_at"]
    list_filter = ["status", "sensitive"]
    readonly_fields = [
        f.name for f in OutgoingSms._meta.fields if f.name not in {"phone", "sealed_secret"}
    ] + ["masked_phone"]
    exclude = ["phone", "sealed_secret"]
    actions = ["resend"]

    @admin.display(description="Số điện thoại")
    def masked_phone(self, obj):
        return mask_identifier(obj.phone)

    @admin.action(description="Gửi lại các tin đã chọn")
    def resend(self, request, queryset):
        count = 0
        for message in queryset.exclude(status=SmsStatus.SENT):
            sms_send_task.enqueue(message.pk)
            count += 1
        self.message_user(request, f"Đã xếp {count} tin vào hàng đợi gửi lại.")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ["date", "is_working_day", "reason"]
    list_filter = ["is_working_day"]
    date_hierarchy = "date"


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(ReadOnlyModelAdmin):
    """Which task workers and schedulers are alive now, and what each serves (what /readyz
    checks); a process that stops cleanly removes its row, a dead one's row expires."""

    list_display = ["name", "role", "queues", "host", "pid", "started_at", "seen_at", "expires_at"]
    list_filter = ["role"]
