from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from pakn.backoffice import views as backoffice_views
from pakn.core import file_responses as core_file_responses
from pakn.core import views as core_views
from pakn.statistics import metrics as statistics_metrics

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("metrics", statistics_metrics.metrics, name="metrics"),
    path("i18n/", include("django.conf.urls.i18n")),
    # Before the admin's own login, which would take a password without the second factor.
    path("admin/login/", backoffice_views.admin_login, name="admin-login"),
    path("admin/", admin.site.urls),
    path("", include("pakn.core.urls")),
    path("", include("pakn.accounts.urls")),
    path("", include("pakn.reports.urls")),
    path("", include("pakn.notifications.urls")),
    path("", include("pakn.support.urls")),
    path("can-bo/", include("pakn.campaigns.urls")),
    path("can-bo/", include("pakn.backoffice.urls")),
    path("api/", include("pakn.api.urls")),
    path("open311/v2/", include("pakn.open311.urls")),
    path("", include("pakn.portal.urls")),
]

if settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage"):
    # Files on local disk: the public pictures (logo, news) are served whatever DEBUG says,
    # so that they show without S3 and without a proxy rule for them; in DEBUG any file is.
    urlpatterns += [
        path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})
        if settings.DEBUG
        else path("media/<path:path>", core_file_responses.public_media, name="public-media"),
    ]
if settings.BENCH_FLOOR_VIEWS:
    from config import bench_floor

    urlpatterns += bench_floor.urlpatterns
if settings.DEBUG:
    urlpatterns += [path("dev/outbox/", core_views.dev_outbox, name="dev-outbox")]

admin.site.site_header = "PAKN"
admin.site.site_title = "PAKN"
