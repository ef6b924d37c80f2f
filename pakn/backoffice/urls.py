from django.urls import include, path

from pakn.backoffice import views

app_name = "backoffice"

urlpatterns = [
    path("", views.home, name="home"),
    path("dang-nhap/", views.officer_login, name="login"),
    path("dang-nhap/xac-thuc-hai-lop/", views.officer_login_two_factor, name="login-two-factor"),
    path("dang-xuat/", views.officer_logout, name="logout"),
    path("xac-thuc-hai-lop/", views.totp_setup, name="totp-setup"),
    path("quan-tri/", views.administration, name="administration"),
    path("quan-tri/can-bo/them/", views.officer_add, name="officer-add"),
    path("quan-tri/can-bo/<int:officer_id>/", views.officer_detail, name="officer-detail"),
    path(
        "quan-tri/can-bo/<int:officer_id>/vai-tro/<int:membership_id>/thu-hoi/",
        views.membership_revoke_view,
        name="membership-revoke",
    ),
    path(
        "quan-tri/can-bo/<int:officer_id>/khoa/",
        views.officer_toggle_active,
        name="officer-toggle-active",
    ),
    path(
        "quan-tri/can-bo/<int:officer_id>/dat-lai-mat-khau/",
        views.officer_password_reset,
        name="officer-password-reset",
    ),
    path("quan-tri/don-vi/them/", views.sub_unit_add, name="sub-unit-add"),
    path("quan-tri/nhap-tep/", views.officers_bulk_upload, name="officers-bulk-upload"),
    path("quan-tri/nhap-tep/mau.xlsx", views.officers_bulk_template, name="officers-bulk-template"),
    path("", include("pakn.backoffice.urls_desk")),
    path("", include("pakn.backoffice.urls_dashboard")),
    path("", include("pakn.backoffice.urls_answer_templates")),
]
