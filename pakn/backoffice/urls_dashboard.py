"""URLs of one part of the backoffice pages, included into pakn/backoffice/urls.py (same namespace)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
