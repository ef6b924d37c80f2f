from django.urls import path

from pakn.core import views

app_name = "core"

urlpatterns = [
    path("ma-xac-thuc/<uuid:challenge_id>.png", views.captcha_image, name="captcha-image"),
    path("ma-xac-thuc/moi", views.captcha_new, name="captcha-new"),
]
