from django.urls import include, path

from pakn.backoffice import views

app_name = "backoffice"

urlpatterns = [
    path("", views.home, name="home"),
    path("dang-nhap/", views.officer_login, name="login"),
    path("dang-nhap/xac-thuc-hai-lop/", views.officer_login_two_factor, name="login-two-factor"),
    path("dang-xuat/", views.officer_logout, name="logout"),
    path("xac-thuc-hai-lop/", views.totp_setup, name="totp-setup"),
    path("", include("pakn.backoffice.desk.workspace_urls")),
    path("", include("pakn.backoffice.desk.urls")),
    path("", include("pakn.backoffice.dashboard.urls")),
    path("", include("pakn.backoffice.units.urls")),
    path("", include("pakn.backoffice.hotline.urls")),
    path("", include("pakn.backoffice.mail.urls")),
]
