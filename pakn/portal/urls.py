from django.urls import include, path

from pakn.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("pakn.portal.urls_search")),
    path("", include("pakn.portal.urls_follow")),
    path("", include("pakn.portal.urls_statistics")),
    path("", include("pakn.portal.urls_content")),
]
