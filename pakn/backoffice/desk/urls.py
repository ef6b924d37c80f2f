"""The officers' desk: the inbox and the page of one report, included into
pakn/backoffice/urls.py (same namespace)."""

from django.urls import path

from pakn.backoffice.desk import bulk as inbox_bulk
from pakn.backoffice.desk import views as desk_views

urlpatterns: list = [
    path("phan-anh/", desk_views.inbox, name="desk-inbox"),
    path("phan-anh/chuyen-nhieu/", inbox_bulk.inbox_bulk_forward, name="desk-bulk-forward"),
    path("phan-anh/<str:code>/", desk_views.report_desk, name="desk-report"),
    path(
        "phan-anh/<str:code>/thao-tac/<str:action>/",
        desk_views.report_action,
        name="desk-action",
    ),
    path("phan-anh/<str:code>/trao-doi/", desk_views.report_message, name="desk-message"),
    path(
        "phan-anh/<str:code>/tep/<int:pk>/",
        desk_views.attachment_download,
        name="desk-attachment",
    ),
]
