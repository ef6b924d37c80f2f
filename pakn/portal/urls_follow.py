"""Following a report by code and phone (no account), included into pakn/portal/urls.py."""

from django.urls import path

from pakn.portal import follow_views

urlpatterns = [
    path("tra-cuu/theo-doi/", follow_views.follow_request, name="follow"),
    path("tra-cuu/theo-doi/xac-thuc/", follow_views.follow_code, name="follow-code"),
    path("tra-cuu/theo-doi/<str:code>/", follow_views.follow_report, name="follow-report"),
]
