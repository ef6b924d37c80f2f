"""URLs of one part of the portal pages, included into pakn/portal/urls.py (same namespace):
announcements, directory, guides, online public services and the installable app's files."""

from django.urls import path

from pakn.portal import content_views

urlpatterns = [
    path("gioi-thieu/", content_views.about, name="about"),
    path("tin-tuc/", content_views.announcements, name="announcements"),
    path("tin-tuc/<slug:slug>/", content_views.announcement, name="announcement"),
    path("dia-chi-can-biet/", content_views.directory, name="directory"),
    path("huong-dan/", content_views.guides, name="guides"),
    path("huong-dan/<slug:slug>/", content_views.guide, name="guide"),
    path("dich-vu-cong/", content_views.online_services, name="online-services"),
    path("ngoai-tuyen/", content_views.offline, name="offline"),
    path("manifest.webmanifest", content_views.manifest, name="manifest"),
    # At the root, so that the service worker's scope is the whole site.
    path("sw.js", content_views.service_worker, name="service-worker"),
]
