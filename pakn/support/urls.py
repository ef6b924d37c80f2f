from django.urls import path

from pakn.support import views

app_name = "support"

urlpatterns = [
    path("ho-tro/tro-chuyen/", views.chat, name="chat"),
    path("can-bo/ho-tro/", views.console, name="console"),
    path("can-bo/ho-tro/<uuid:pk>/", views.conversation, name="conversation"),
    path(
        "can-bo/ho-tro/<uuid:pk>/tin-nhan/",
        views.conversation_messages,
        name="conversation-messages",
    ),
]
