"""The inbox's saved filters and map, included into pakn/backoffice/urls.py before the desk's
own addresses (whose ``phan-anh/<code>/`` would otherwise take them)."""

from django.urls import path

from pakn.backoffice.desk import workspace_views as views

urlpatterns: list = [
    path("phan-anh/ban-do/", views.inbox_map, name="desk-inbox-map"),
    path("phan-anh/ban-do/du-lieu/", views.inbox_map_data, name="desk-inbox-map-data"),
    path("phan-anh/bo-loc/", views.saved_filters_page, name="desk-saved-filters"),
    path("phan-anh/bo-loc/luu/", views.saved_filter_save, name="desk-saved-filter-save"),
    path(
        "phan-anh/bo-loc/<int:filter_id>/doi-ten/",
        views.saved_filter_rename_view,
        name="desk-saved-filter-rename",
    ),
    path(
        "phan-anh/bo-loc/<int:filter_id>/xoa/",
        views.saved_filter_delete_view,
        name="desk-saved-filter-delete",
    ),
]
