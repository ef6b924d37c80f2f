"""/api/v1/: sign-in for apps, the citizen's own reports, the officers' desk, the public
data, and the OpenAPI document with Swagger UI and ReDoc from this site's static files."""

from django.urls import path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

from pakn.api.v1 import citizen, desk, public_data, signin

app_name = "v1"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file: no inline script for the
    # site's Content-Security-Policy to refuse.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:v1:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:v1:schema"), name="redoc"),
    # Sign-in
    path("auth/register/", signin.Register.as_view(), name="register"),
    path(
        "auth/register/organisation/",
        signin.RegisterOrganisation.as_view(),
        name="register-organisation",
    ),
    path("auth/register/resend/", signin.RegisterResend.as_view(), name="register-resend"),
    path("auth/register/confirm/", signin.RegisterConfirm.as_view(), name="register-confirm"),
    path("auth/login/", signin.Login.as_view(), name="login"),
    path("auth/logout/", signin.Logout.as_view(), name="logout"),
    path("auth/logout-everywhere/", signin.LogoutEverywhere.as_view(), name="logout-everywhere"),
    path("auth/password/forgot/", signin.ForgotPassword.as_view(), name="password-forgot"),
    path("auth/password/reset/", signin.PasswordReset.as_view(), name="password-reset"),
    # The citizen's account, notifications and reports
    path("me/", citizen.Profile.as_view(), name="me"),
    path("me/data/", citizen.DataDownload.as_view(), name="my-data"),
    path("me/notifications/", citizen.NotificationList.as_view(), name="my-notifications"),
    path(
        "me/notifications/read-all/",
        citizen.NotificationsReadAll.as_view(),
        name="my-notifications-read-all",
    ),
    path(
        "me/notifications/<int:notification_id>/read/",
        citizen.NotificationRead.as_view(),
        name="my-notification-read",
    ),
    path("me/reports/", citizen.MyReports.as_view(), name="my-reports"),
    path("me/reports/<str:code>/", citizen.MyReport.as_view(), name="my-report"),
    path(
        "me/reports/<str:code>/messages/",
        citizen.MyReportMessages.as_view(),
        name="my-report-messages",
    ),
    path(
        "me/reports/<str:code>/rating/", citizen.MyReportRating.as_view(), name="my-report-rating"
    ),
    path(
        "me/reports/<str:code>/withdraw/",
        citizen.MyReportWithdraw.as_view(),
        name="my-report-withdraw",
    ),
    path("me/drafts/", citizen.Drafts.as_view(), name="my-drafts"),
    path("me/drafts/<uuid:draft_id>/", citizen.Draft.as_view(), name="my-draft"),
    path(
        "me/drafts/<uuid:draft_id>/attachments/",
        citizen.DraftAttachments.as_view(),
        name="my-draft-attachments",
    ),
    path("me/drafts/<uuid:draft_id>/send/", citizen.DraftSend.as_view(), name="my-draft-send"),
    path(
        "me/attachments/<int:attachment_id>/", citizen.MyAttachment.as_view(), name="my-attachment"
    ),
    # Public reference data (the search, a report and the map are in pakn/api/public.py)
    path("public/sectors/", public_data.Sectors.as_view(), name="public-sectors"),
    path("public/units/", public_data.Units.as_view(), name="public-units"),
    path("public/areas/", public_data.Areas.as_view(), name="public-areas"),
    path("public/statistics/", public_data.Statistics.as_view(), name="public-statistics"),
    path("public/announcements/", public_data.Announcements.as_view(), name="public-announcements"),
    path(
        "public/announcements/<slug:slug>/",
        public_data.AnnouncementDetail.as_view(),
        name="public-announcement",
    ),
    # Officers
    path("desk/inbox/", desk.Inbox.as_view(), name="desk-inbox"),
    path("desk/reports/<str:code>/", desk.DeskReport.as_view(), name="desk-report"),
    path("desk/reports/<str:code>/messages/", desk.DeskMessages.as_view(), name="desk-messages"),
    path(
        "desk/reports/<str:code>/attachments/<int:attachment_id>/",
        desk.DeskAttachment.as_view(),
        name="desk-attachment",
    ),
    path(
        "reports/<str:code>/actions/<str:action>/",
        desk.ReportAction.as_view(),
        name="report-action",
    ),
]
