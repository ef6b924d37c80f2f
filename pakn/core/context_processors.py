from pakn.core.modes import site_wording
from pakn.core.selectors import site_settings_get


def site_settings(request):
    return {"site": site_settings_get(), "site_wording": site_wording()}
