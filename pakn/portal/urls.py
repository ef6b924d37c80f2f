from django.urls import include, path

from pakn.portal import proposal_views, views, widget

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("sang-kien-duoc-tiep-thu/", proposal_views.adopted_proposals, name="adopted-proposals"),
    path("nhung/<slug:code>/", widget.widget, name="widget"),
    path("nhung/<slug:code>/nhung.js", widget.widget_script, name="widget-script"),
    path("", include("pakn.portal.urls_search")),
    path("", include("pakn.portal.urls_follow")),
    path("", include("pakn.portal.urls_statistics")),
    path("", include("pakn.portal.urls_content")),
]
