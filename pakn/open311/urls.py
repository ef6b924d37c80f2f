"""/open311/v2/: GeoReport v2, each resource with a .json or .xml suffix."""

from django.urls import path, re_path

from pakn.open311 import views

app_name = "open311"

FMT = r"\.(?P<fmt>json|xml)$"

urlpatterns = [
    path("", views.not_found, name="root"),
    re_path(r"^discovery" + FMT, views.discovery, name="discovery"),
    re_path(r"^services" + FMT, views.services, name="services"),
    re_path(r"^services/(?P<code>[A-Za-z0-9_-]{1,60})" + FMT, views.service_definition,
            name="service"),
    re_path(r"^requests" + FMT, views.requests, name="requests"),
    re_path(r"^requests/(?P<service_request_id>[^/]{1,40})" + FMT, views.request_detail,
            name="request"),
    re_path(r"^tokens/(?P<token>[^/]{1,64})" + FMT, views.token, name="token"),
    re_path(r"^(?P<rest>.*)$", views.not_found),
]  # fmt: skip
