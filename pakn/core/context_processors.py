from pakn.core.selectors import site_settings_get


def site_settings(request):
    return {"site": site_settings_get()}
