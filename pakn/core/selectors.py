from django.core.cache import cache

from pakn.core.models import SITE_SETTINGS_CACHE_KEY, SiteSettings


def site_settings_get() -> SiteSettings:
    """The one SiteSettings row (created with defaults if missing), cached until edited."""
    settings_row = cache.get(SITE_SETTINGS_CACHE_KEY)
    if settings_row is None:
        settings_row, _ = SiteSettings.objects.get_or_create(pk=1)
        cache.set(SITE_SETTINGS_CACHE_KEY, settings_row, timeout=3600)
    return settings_row
