"""The REST API (/api/v1/, pakn/api/v1), described by drf-spectacular at /api/v1/schema/
(and, as before, /api/schema/), with Swagger UI at /api/v1/docs/ and ReDoc at /api/v1/redoc/
served from this site's own static files (drf-spectacular-sidecar)."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView

from pakn.api import public
from pakn.api.v1.problems import NoSuchEndpoint

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
    path("v1/", include("pakn.api.v1.urls")),
    re_path(r"^v1/", NoSuchEndpoint.as_view()),
]
