from django.contrib import admin

from pakn.core.admin import ReadOnlyModelAdmin
from pakn.notifications.models import Notification, ReminderSent


@admin.register(Notification)
class NotificationAdmin(ReadOnlyModelAdmin):
    list_display = ["created_at", "recipient", "kind", "title", "read_at"]
    list_filter = ["kind", ("created_at", admin.DateFieldListFilter)]
    search_fields = ["title", "recipient__username"]
    list_select_related = ["recipient"]
    date_hierarchy = "created_at"
    show_full_result_count = False


@admin.register(ReminderSent)
class ReminderSentAdmin(ReadOnlyModelAdmin):
    list_display = ["created_at", "report", "kind", "deadline"]
    list_filter = ["kind"]
    search_fields = ["report__code"]
    list_select_related = ["report"]
