"""URLs of one part of the portal pages, included into pakn/portal/urls.py (same namespace)."""

from django.urls import path

from pakn.portal import statistics_views

urlpatterns: list = [
    path("thong-ke/", statistics_views.statistics_page, name="statistics"),
    path("thong-ke/tai-ve/", statistics_views.statistics_download, name="statistics-download"),
    path(
        "thong-ke/xuat-tep/",
        statistics_views.statistics_export_create,
        name="statistics-export-create",
    ),
    path(
        "thong-ke/xuat-tep/<uuid:export_id>/",
        statistics_views.statistics_export_progress,
        name="statistics-export",
    ),
    path(
        "thong-ke/xuat-tep/<uuid:export_id>/trang-thai/",
        statistics_views.statistics_export_status,
        name="statistics-export-status",
    ),
    path(
        "thong-ke/xuat-tep/<uuid:export_id>/tai-ve/",
        statistics_views.statistics_export_file,
        name="statistics-export-file",
    ),
]
