"""The installable app: the manifest, the service worker served from the root, the offline
page, and every page linking them."""

import json
import re

import pytest
from django.contrib.staticfiles import finders
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
        path = finders.find(icon["src"].removeprefix(static("")))
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
    settings = worker_settings(source)
    assert settings["offlineUrl"] == "/ngoai-tuyen/"
    assert settings["precache"][0] == "/ngoai-tuyen/"
    assert static("css/site.css") in settings["precache"]
    assert static("js/pwa.js") in settings["precache"]
    for prefix in ["/can-bo/", "/admin/", "/api/", reverse("accounts:profile")]:
        assert prefix in settings["neverCached"]
    assert re.fullmatch(r"[0-9a-f]{12}", settings["version"])
    # POSTs go straight to the network; pages network first, then the cache, then offline.
    assert 'request.method !== "GET"' in source
    assert 'request.mode === "navigate"' in source


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


def test_no_permissions_policy_blocks_camera_or_position(client):
    response = client.get(reverse("portal:home"))

    policy = response.headers.get("Permissions-Policy", "")
    assert "camera=()" not in policy
    assert "geolocation=()" not in policy
