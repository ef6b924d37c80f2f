"""/open311/v2/: GeoReport v2, each resource with a .json or .xml suffix."""

from django.urls import path, re_path, register_converter

from pakn.open311 import views


class FormatConverter:
    regex = "json|xml"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FormatConverter, "open311_format")

app_name = "open311"

urlpatterns = [
    path("", views.not_found, name="root"),
    path("discovery.<open311_format:fmt>", views.discovery, name="discovery"),
    path("services.<open311_format:fmt>", views.services, name="services"),
    path("services/<str:code>.<open311_format:fmt>", views.service_definition, name="service"),
    path("requests.<open311_format:fmt>", views.requests, name="requests"),
    path(
        "requests/<str:service_request_id>.<open311_format:fmt>",
        views.request_detail,
        name="request",
    ),
    path("tokens/<str:token>.<open311_format:fmt>", views.token, name="token"),
    # Anything else under /open311/v2/: the specification's 404, not the site's page.
    re_path(r"^(?P<rest>[\s\S]*)\Z", views.not_found),
]
