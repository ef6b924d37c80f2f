"""URLs of the public search, report pages and map, included into pakn/portal/urls.py (same
namespace, "portal")."""

from django.urls import path

from pakn.portal import search_views

urlpatterns = [
    path("tra-cuu/", search_views.search, name="search"),
    path("phan-anh/<str:code>/", search_views.report, name="report"),
    path("phan-anh/<str:code>/anh/<int:pk>/", search_views.report_photo, name="report-photo"),
    path(
        "phan-anh/<str:code>/anh/<int:pk>/thu-nho/",
        search_views.report_photo,
        {"thumbnail": True},
        name="report-photo-thumbnail",
    ),
    path("ban-do/", search_views.map_page, name="map"),
]
