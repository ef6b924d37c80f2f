"""/api/v1/: sign-in for apps, the citizen's own reports, the officers' desk, the public
data, and the OpenAPI document with Swagger UI and ReDoc from this site's static files."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView


app_name = "v1"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:v1:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:v1:schema"), name="redoc"),
]
