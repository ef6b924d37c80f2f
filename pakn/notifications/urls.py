from django.urls import path

from pakn.notifications import views

app_name = "notifications"

urlpatterns = [
    path("thong-bao/", views.notification_list, name="list"),
    path("thong-bao/<int:pk>/mo/", views.notification_open, name="open"),
    path("thong-bao/cai-dat/", views.notification_preferences, name="preferences"),
    path("thong-bao/day/dang-ky/", views.push_subscribe, name="push-subscribe"),
    path("thong-bao/day/huy/", views.push_unsubscribe, name="push-unsubscribe"),
    path("thong-bao/da-doc-tat-ca/", views.notifications_read_all, name="read-all"),
]
