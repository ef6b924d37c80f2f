"""The REST API (/api/v1/), described by drf-spectacular at /api/schema/."""

from django.urls import path  # noqa: F401

app_name = "api"

urlpatterns: list = []
