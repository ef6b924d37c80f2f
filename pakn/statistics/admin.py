from django.contrib import admin

from pakn.statistics.models import StatisticsExport


@admin.register(StatisticsExport)
class StatisticsExportAdmin(admin.ModelAdmin):
    """Background exports, read-only: to see what was asked for and whether it failed."""

    list_display = ("created_at", "file_format", "views", "status", "progress", "finished_at")
    list_filter = ("status", "file_format")
    readonly_fields = [f.name for f in StatisticsExport._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
