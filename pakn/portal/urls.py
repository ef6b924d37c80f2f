from django.urls import include, path

from pakn.portal import proposal_views, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("sang-kien-duoc-tiep-thu/", proposal_views.adopted_proposals, name="adopted-proposals"),
    path("", include("pakn.portal.urls_search")),
    path("", include("pakn.portal.urls_follow")),
    path("", include("pakn.portal.urls_statistics")),
    path("", include("pakn.portal.urls_content")),
]
