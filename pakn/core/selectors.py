from django.core.cache import cache

from pakn.core.models import SITE_SETTINGS_CACHE_KEY, SiteSettings


def site_settings_get() -> SiteSettings:
    """The one SiteSettings row (created with defaults if missing), cached until edited."""
    settings_row = cache.get(SITE_SETTINGS_CACHE_KEY)
    if settings_row is None:
        settings_row, _ = SiteSettings.objects.get_or_create(pk=1)
        cache.set(SITE_SETTINGS_CACHE_KEY, settings_row, timeout=3600)
    return settings_row


def working_calendar_get():
    """The calendar in force: official holidays, the administrator's overrides and the working
    hours of the site settings. Cached until an override or the settings change."""
    from pakn.core.calendar import WorkingCalendar, WorkingSession
    from pakn.core.models import CALENDAR_CACHE_KEY, CalendarOverride

    calendar = cache.get(CALENDAR_CACHE_KEY)
    if calendar is None:
        overrides = list(CalendarOverride.objects.values_list("date", "is_working_day"))
        site = site_settings_get()
        calendar = WorkingCalendar(
            extra_holidays=frozenset(d for d, working in overrides if not working),
            extra_working_days=frozenset(d for d, working in overrides if working),
            sessions=(
                WorkingSession(site.morning_start, site.morning_end),
                WorkingSession(site.afternoon_start, site.afternoon_end),
            ),
        )
        cache.set(CALENDAR_CACHE_KEY, calendar, timeout=3600)
    return calendar
