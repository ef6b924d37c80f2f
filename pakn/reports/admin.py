from django.contrib import admin

from pakn.reports.models import Event, Report


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    """The audit trail of officer actions: listed and filtered, never edited or deleted."""

    list_display = ["created_at", "report", "action", "actor", "actor_unit", "from_status",
                    "to_status", "ip_address"]  # fmt: skip
    list_filter = ["action", "to_status", "is_public", "actor_unit"]
    search_fields = ["report__code", "actor__username", "note"]
    date_hierarchy = "created_at"
    list_select_related = ["report", "actor", "actor_unit"]


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    """Reports change only through the workflow; the admin shows them."""

    list_display = ["code", "title", "status", "current_unit", "submitted_at", "answer_deadline"]
    list_filter = ["status", "kind", "channel", "is_published"]
    search_fields = ["code", "title"]
    list_select_related = ["current_unit"]
    exclude = ["reporter", "entered_by"]
