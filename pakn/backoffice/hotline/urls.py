"""The operators' pages, included into pakn/backoffice/urls.py (same namespace)."""

from django.urls import path

from pakn.backoffice.hotline import views

urlpatterns: list = [
    path("tong-dai/", views.intake, name="hotline-intake"),
    path("tong-dai/nguoi-lien-he/", views.contact_add, name="hotline-contact-add"),
    path("tong-dai/nhap-phan-anh/<int:caller_id>/", views.report_enter, name="hotline-report"),
    path("tong-dai/da-nhap/<str:code>/", views.report_entered, name="hotline-entered"),
    path("tong-dai/hoi-tinh-trang/", views.enquiry, name="hotline-enquiry"),
    path("tong-dai/nhat-ky/", views.call_log, name="hotline-log"),
]
