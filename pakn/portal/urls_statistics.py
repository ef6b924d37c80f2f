"""URLs of one part of the portal pages, included into pakn/portal/urls.py (same namespace)."""

from django.urls import path

from pakn.portal import statistics_views

urlpatterns: list = [
    path("thong-ke/", statistics_views.statistics_page, name="statistics"),
]
