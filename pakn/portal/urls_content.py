"""URLs of one part of the portal pages, included into pakn/portal/urls.py (same namespace)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
