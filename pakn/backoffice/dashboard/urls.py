"""URLs of one part of the backoffice pages, included into pakn/backoffice/urls.py (same namespace)."""

from django.urls import path

from pakn.backoffice.dashboard import views as dashboard_views

urlpatterns: list = [
    path("bang-dieu-khien/", dashboard_views.dashboard, name="dashboard"),
]
