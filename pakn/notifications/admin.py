from django.contrib import admin

from pakn.notifications.models import Notification, ReminderSent


class ReadOnlyAdmin(admin.ModelAdmin):
    """What was sent is a record: listed for support, never written by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "recipient", "kind", "title", "read_at"]
    list_filter = ["kind", ("created_at", admin.DateFieldListFilter)]
    search_fields = ["title", "recipient__username"]
    list_select_related = ["recipient"]
    date_hierarchy = "created_at"
    show_full_result_count = False


@admin.register(ReminderSent)
class ReminderSentAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "report", "kind", "deadline"]
    list_filter = ["kind"]
    search_fields = ["report__code"]
    list_select_related = ["report"]
