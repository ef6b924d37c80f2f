"""The REST API (/api/v1/), described by drf-spectacular at /api/schema/.

Only the OpenAPI document is served: Swagger UI and ReDoc load their scripts from other
servers (drf-spectacular-sidecar is not a dependency), which this portal never does."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from pakn.api import public

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("v1/public/reports/", public.PublicReportList.as_view(), name="public-reports"),
    path(
        "v1/public/reports/<str:code>/",
        public.PublicReportDetail.as_view(),
        name="public-report",
    ),
    path("v1/public/map/", public.PublicMap.as_view(), name="public-map"),
]
