from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pakn.core.models import (
    CalendarOverride,
    OutgoingSms,
    SiteSettings,
    WorkerHeartbeat,
)
from pakn.core.sms import sms_needs_person, sms_resend
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


class NeedsPersonFilter(admin.SimpleListFilter):
    """The messages the automatic tries gave up on, for a person to resend."""

    title = gettext_lazy("Cần người gửi lại")
    parameter_name = "can_gui_lai"

    def lookups(self, request, model_admin):
        return [("1", gettext_lazy("Hết lượt tự động thử lại"))]

    def queryset(self, request, queryset):
        return sms_needs_person(queryset) if self.value() == "1" else queryset


@admin.register(OutgoingSms)
class OutgoingSmsAdmin(admin.ModelAdmin):
    """Operators see what was sent and resend what failed; phones are shown masked."""

    list_display = [
        "id", "masked_phone", "status", "attempts", "next_attempt_at", "last_error", "created_at"
    ]  # fmt: skip
    list_filter = [NeedsPersonFilter, "status", "sensitive"]
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
        outcomes = [sms_resend(message_id=pk) for pk in queryset.values_list("pk", flat=True)]
        self.message_user(
            request, _("Đã xếp %(count)d tin vào hàng đợi gửi lại.") % {"count": sum(outcomes)}
        )
        skipped = outcomes.count(False)
        if skipped:
            self.message_user(
                request,
                _(
                    "%(count)d tin không gửi lại: đã gửi rồi, hoặc là mã xác thực đã hết hạn "
                    "(người dùng cần yêu cầu mã mới)."
                )
                % {"count": skipped},
                level=messages.WARNING,
            )

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
