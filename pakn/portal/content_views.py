"""The portal's own pages: the about page (giới thiệu), announcements, the directory (địa chỉ cần biết), guides, online
public services, and the installable app's manifest, service worker and offline page."""

import hashlib
import json

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from pakn.core.offline import OFFLINE_HEADER, SESSION_HINT_COOKIE
from pakn.core.public_cache import public_cache_get_or_set
from pakn.core.selectors import site_settings_get
from pakn.core.typed_input import Paginator
from pakn.portal.content_selectors import (
    about_page_get,
    announcement_published_get,
    announcements_published,
    directory_groups,
    guide_get,
    guides_list,
    online_services_list,
)
from pakn.portal.models import AnnouncementKind

ANNOUNCEMENTS_PER_PAGE = 12
THEME_COLOUR = "#0a3f6b"


@require_GET
def about(request):
    """ "Giới thiệu": the page the administrators write in the admin."""
    page = about_page_get()
    if page is None:
        raise Http404
    return render(request, "portal/about.html", {"page": page})


@require_GET
def announcements(request):
    kind = request.GET.get("loai", "")
    if kind not in AnnouncementKind.values:
        kind = ""
    paginator = Paginator(announcements_published(kind=kind or None), ANNOUNCEMENTS_PER_PAGE)
    page = paginator.get_page(request.GET.get("trang"))
    return render(
        request,
        "portal/announcements.html",
        {
            "page": page,
            "announcements": page.object_list,
            "kind": kind,
            "kinds": AnnouncementKind.choices,
        },
    )


@require_GET
def announcement(request, slug: str):
    """One announcement; an unpublished (scheduled or withdrawn) one does not exist."""
    shown = public_cache_get_or_set(
        f"portal:announcement:{slug}", lambda: announcement_published_get(slug=slug) or False
    )
    if not shown or not shown.is_published:
        raise Http404
    others = public_cache_get_or_set(
        "portal:announcements:latest", lambda: list(announcements_published()[:6])
    )
    return render(
        request,
        "portal/announcement.html",
        {"announcement": shown, "others": [a for a in others if a.pk != shown.pk][:5]},
    )


@require_GET
def directory(request):
    groups = public_cache_get_or_set("portal:directory", directory_groups)
    return render(request, "portal/directory.html", {"groups": groups})


@require_GET
def guides(request):
    pages = public_cache_get_or_set("portal:guides", guides_list)
    return render(request, "portal/guides.html", {"guides": pages})


@require_GET
def guide(request, slug: str):
    shown = public_cache_get_or_set(f"portal:guide:{slug}", lambda: guide_get(slug=slug) or False)
    if not shown:
        raise Http404
    pages = public_cache_get_or_set("portal:guides", guides_list)
    position = next((i for i, page in enumerate(pages) if page.pk == shown.pk), None)
    previous_page = pages[position - 1] if position else None
    next_page = pages[position + 1] if position is not None and position + 1 < len(pages) else None
    return render(
        request,
        "portal/guide.html",
        {"guide": shown, "guides": pages, "previous_page": previous_page, "next_page": next_page},
    )


@require_GET
def online_services(request):
    links = public_cache_get_or_set("portal:online-services", online_services_list)
    return render(request, "portal/online_services.html", {"links": links})


# --- Installable app (PWA) ------------------------------------------------------------------


@require_GET
def offline(request):
    """Shown by the service worker when a page is neither reachable nor cached. It names no
    user (the service worker keeps it for everyone on the device)."""
    response = render(request, "portal/offline.html", {"site": site_settings_get()})
    patch_cache_control(response, no_cache=True)
    return response


@require_GET
def manifest(request):
    site = site_settings_get()
    data = {
        "id": "/",
        "name": site.portal_name,
        "short_name": site.short_name,
        "description": _(
            "Gửi phản ánh, kiến nghị kèm hình ảnh và vị trí, theo dõi kết quả xử lý và "
            "đánh giá mức độ hài lòng."
        ),
        "lang": "vi",
        "dir": "ltr",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "orientation": "any",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "categories": ["government", "utilities"],
        "icons": [
            {"src": static("img/icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("img/icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("img/icons/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
        "shortcuts": [
            {"name": _("Gửi phản ánh, kiến nghị"), "url": reverse("reports:send")},
            {"name": _("Phản ánh, kiến nghị của tôi"), "url": reverse("reports:mine")},
        ],
    }
    response = JsonResponse(
        data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False}
    )
    patch_cache_control(response, public=True, max_age=3600)
    return response


def _optional_reverse(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


# The static files every page needs, kept by the service worker from its installation on.
PRECACHED_STATIC = [
    "css/site.css",
    "js/pwa.js",
    "js/forms.js",
    "img/emblem.svg",
    "img/icons/icon-192.png",
]


def _service_worker_source() -> str:
    precache = [reverse("portal:offline"), *(static(path) for path in PRECACHED_STATIC)]
    # Pages never kept on the device: officers' and administrators' pages, the API, the
    # citizen's account (personal data) and the language switch.
    never_cached = [
        prefix
        for prefix in [
            "/can-bo/",
            "/admin/",
            "/api/",
            "/i18n/",
            _optional_reverse("accounts:profile"),
            _optional_reverse("accounts:logout"),
        ]
        if prefix
    ]
    settings_for_worker = {
        "precache": precache,
        "offlineUrl": reverse("portal:offline"),
        # Not static(""): the manifest storage of production has no entry for "".
        "staticPrefix": settings.STATIC_URL,
        "neverCached": never_cached,
        # Pages kept for one session only (pakn.core.offline).
        "sessionHintCookie": SESSION_HINT_COOKIE,
        "offlineHeader": OFFLINE_HEADER,
        # Web push (pakn.notifications.push): the title when a push has none, and the icon.
        "siteName": "PAKN",
        "pushIcon": static("img/icons/icon-192.png"),
    }
    version = hashlib.sha256(json.dumps(settings_for_worker, sort_keys=True).encode()).hexdigest()[
        :12
    ]
    return render_to_string(
        "portal/service-worker.js",
        {"worker_settings": json.dumps({**settings_for_worker, "version": version})},
    )


@require_GET
def service_worker(request):
    """The service worker, served from the site's root so that its scope is the whole site.
    Its list of files carries the hashed static names, so a new release changes its bytes
    and browsers install the new worker. Never kept by HTTP caches."""
    response = HttpResponse(
        _service_worker_source(), content_type="application/javascript; charset=utf-8"
    )
    patch_cache_control(response, no_cache=True, no_store=True, max_age=0)
    return response
