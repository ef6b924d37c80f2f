from django.contrib import admin

from pakn.campaigns.models import AdoptionFigures, AdoptionReminderSent, Campaign, CampaignPeriod
from pakn.core.admin import ReadOnlyModelAdmin


class CampaignPeriodInline(admin.TabularInline):
    model = CampaignPeriod
    extra = 1
    fields = ["name", "start_date", "end_date", "deadline"]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "app_name", "is_active", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "app_name"]
    inlines = [CampaignPeriodInline]
    readonly_fields = ["created_by", "created_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(AdoptionFigures)
class AdoptionFiguresAdmin(ReadOnlyModelAdmin):
    """The units' submissions: history, read only (a unit corrects by sending again)."""

    list_display = ["period", "unit", "people_guided", "app_installs", "accounts_registered",
                    "submitted_by", "created_at"]  # fmt: skip
    list_filter = ["period__campaign", "period"]
    search_fields = ["unit__name"]
    list_select_related = ["period__campaign", "unit", "submitted_by"]


@admin.register(AdoptionReminderSent)
class AdoptionReminderSentAdmin(ReadOnlyModelAdmin):
    list_display = ["period", "unit", "kind", "created_at"]
    list_filter = ["kind"]
    list_select_related = ["period__campaign", "unit"]
