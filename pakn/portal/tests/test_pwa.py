"""The installable app: the manifest, the service worker served from the root, the offline
page, and every page linking them."""

import json
import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.templatetags.static import static
from django.urls import reverse
from PIL import Image

from pakn.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def worker_settings(source: str) -> dict:
    return json.loads(re.search(r"const SETTINGS = (\{.*?\});", source).group(1))


def test_manifest_names_the_portal_and_its_icons(client, khanh_hoa_site):
    response = client.get("/manifest.webmanifest")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == khanh_hoa_site.portal_name
    assert manifest["short_name"] == "KhanhHoa-S"
    assert manifest["lang"] == "vi"
    assert manifest["start_url"] == "/"
    assert manifest["scope"] == "/"
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"] == "#0a3f6b"
    sizes = {(icon["sizes"], icon.get("purpose", "any")) for icon in manifest["icons"]}
    assert sizes == {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")}
    for icon in manifest["icons"]:
        path = finders.find(icon["src"].removeprefix(settings.STATIC_URL))
        with Image.open(path) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"], icon["src"]
    assert {"name": "Gửi phản ánh, kiến nghị", "url": reverse("reports:send")} in manifest[
        "shortcuts"
    ]


def test_service_worker_is_served_from_the_root_as_javascript_never_cached(client):
    response = client.get("/sw.js")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/javascript; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    source = response.content.decode()
    worker = worker_settings(source)
    assert worker["offlineUrl"] == "/ngoai-tuyen/"
    assert worker["precache"][0] == "/ngoai-tuyen/"
    assert static("css/site.css") in worker["precache"]
    assert static("js/pwa.js") in worker["precache"]
    for prefix in ["/can-bo/", "/admin/", "/api/", reverse("accounts:profile")]:
        assert prefix in worker["neverCached"]
    assert re.fullmatch(r"[0-9a-f]{12}", worker["version"])
    # The report form is kept for one session: the worker checks the server's session hint.
    assert worker["sessionHintCookie"] == "pakn_session_hint"
    assert worker["offlineHeader"] == "X-PAKN-Offline"
    # POSTs go straight to the network; pages network first, then the cache, then offline.
    assert 'request.method !== "GET"' in source
    assert 'request.mode === "navigate"' in source


def test_with_hashed_static_names_a_release_changes_the_worker(client, settings, tmp_path):
    """In production the static files carry a content hash: the worker lists those names,
    so a release with a changed file has a changed worker, which browsers then install."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)

    worker = worker_settings(client.get("/sw.js").content.decode())
    manifest = json.loads(client.get("/manifest.webmanifest").content)

    assert worker["staticPrefix"] == settings.STATIC_URL
    hashed = re.compile(r"^/static/.+\.[0-9a-f]{12}\.(css|js|svg|png)$")
    assert all(hashed.match(url) for url in worker["precache"][1:]), worker["precache"]
    assert all(hashed.match(icon["src"]) for icon in manifest["icons"])


def test_every_page_links_the_manifest_and_registers_the_worker(client):
    html = client.get(reverse("portal:guides")).content.decode()

    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert f'<script src="{static("js/pwa.js")}" defer></script>' in html
    assert 'data-service-worker="/sw.js"' in html
    assert 'data-signed-in="false"' in html


def test_offline_page_names_nobody_and_offers_the_hotline(client, khanh_hoa_site):
    citizen = UserFactory(full_name="Nguyễn Thị Lan")
    client.force_login(citizen)

    response = client.get("/ngoai-tuyen/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Không có kết nối mạng" in html
    assert 'href="tel:19001023"' in html
    assert "Nguyễn Thị Lan" not in html
    assert "csrfmiddlewaretoken" not in html
    assert static("css/site.css") in html


def test_the_permissions_policy_lets_the_site_ask_for_the_position(client):
    """The report form's "Dùng vị trí hiện tại". The photo picker needs no camera permission
    (the system's picker takes the photo; the site never opens the camera itself)."""
    response = client.get(reverse("portal:home"))

    policy = response.headers.get("Permissions-Policy", "")
    assert "geolocation=(self)" in policy
    assert "geolocation=()" not in policy
