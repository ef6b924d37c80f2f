from django.urls import path

from pakn.accounts import views

app_name = "accounts"

urlpatterns = [
    path("dang-ky/", views.register, name="register"),
    path("dang-ky/to-chuc/", views.register_organisation, name="register-organisation"),
    path("dang-ky/xac-thuc/", views.register_verify, name="register-verify"),
    path("dang-nhap/", views.login_view, name="login"),
    path("dang-xuat/", views.logout_view, name="logout"),
    path("quen-mat-khau/", views.forgot_password, name="forgot-password"),
    path("quen-mat-khau/dat-lai/", views.password_reset, name="password-reset"),
    path("tai-khoan/", views.profile, name="profile"),
    path("tai-khoan/doi-mat-khau/", views.password_change_view, name="password-change"),
    path("tai-khoan/doi-so-dien-thoai/", views.phone_change, name="phone-change"),
    path(
        "tai-khoan/doi-so-dien-thoai/xac-thuc/",
        views.phone_change_verify,
        name="phone-change-verify",
    ),
    path("tai-khoan/xoa/", views.delete_account, name="delete-account"),
    path("tai-khoan/tai-du-lieu/", views.download_my_data, name="download-my-data"),
    path("tai-khoan/dang-xuat-tat-ca/", views.logout_everywhere, name="logout-everywhere"),
    path("dia-ban/xa-phuong/", views.communes_of_province, name="communes"),
]
