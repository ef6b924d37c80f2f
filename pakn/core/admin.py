from django.contrib import admin

from pakn.core.models import SiteSettings


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    fieldsets = [
        (None, {"fields": ["portal_name", "short_name", "managing_agency", "logo"]}),
        ("Liên hệ", {"fields": ["hotline", "email", "address", "zalo_url"]}),
        ("Ứng dụng", {"fields": ["app_store_url", "play_store_url"]}),
        ("Bản đồ", {"fields": ["map_tile_url", "map_attribution"]}),
    ]

    def has_add_permission(self, request):
        return not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
