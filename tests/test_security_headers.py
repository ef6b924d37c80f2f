"""Headers that make the browser enforce what the pages promise: scripts, styles and images
only from where the site loads them (Content-Security-Policy), no device feature the site
does not use (Permissions-Policy), and nothing of one person's kept by a browser, a proxy or
the service worker (`Cache-Control: private, no-store`)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from pakn.accounts.tests.factories import OfficerFactory, UserFactory
from pakn.core.middleware import tile_server_source
from pakn.core.models import SiteSettings
from pakn.notifications.models import Notification
from pakn.organisations.models import MembershipRole, UnitKind
from pakn.organisations.tests.factories import MembershipFactory, UnitFactory
from pakn.reports.models import ReportStatus
from pakn.reports.tests.factories import ReportFactory

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def test_every_page_has_a_policy_without_inline_script_or_style(client):
    policy = directives(client.get("/"))
    assert policy["default-src"] == ["'self'"]
    assert "script-src" not in policy  # falls back to default-src: 'self', nothing inline
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert not any("unsafe" in value for values in policy.values() for value in values)


def test_images_may_come_from_the_map_tile_server_of_the_site_settings(client):
    assert "https://tile.openstreetmap.org" in directives(client.get("/ban-do/"))["img-src"]

    site = SiteSettings.objects.get_or_create(pk=1)[0]
    site.map_tile_url = "https://{s}.tiles.khanhhoa.gov.vn:8443/osm/{z}/{x}/{y}.png"
    site.save()
    img_src = directives(client.get("/ban-do/"))["img-src"]
    assert img_src == ["'self'", "data:", "https://*.tiles.khanhhoa.gov.vn:8443"]


@pytest.mark.parametrize(
    ("tile_url", "source"),
    [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
        ("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org"),
        ("http://10.0.0.5:8080/tiles/{z}/{x}/{y}.png", "http://10.0.0.5:8080"),
        ("https://maps.example.org?z={z}&x={x}&y={y}", "https://maps.example.org"),
        ("https://tile.{s}.example.org/{z}/{x}/{y}.png", None),  # not writable as a source
        ("https://a b/{z}/{x}/{y}", None),
        ("javascript:alert(1)//{z}{x}{y}", None),
    ],
)
def test_tile_server_source(tile_url, source):
    assert tile_server_source(tile_url) == source


def test_the_permissions_policy_allows_only_position_and_speech_input(client):
    features = dict(
        item.strip().split("=", 1) for item in client.get("/")["Permissions-Policy"].split(",")
    )
    # The report form's "Dùng vị trí hiện tại" and "Nói để nhập".
    assert features["geolocation"] == "(self)"
    assert features["microphone"] == "(self)"
    # The file picker takes photos through the system's picker: no camera permission.
    for unused in ["camera", "payment", "usb", "serial", "bluetooth", "display-capture"]:
        assert features[unused] == "()", unused


@pytest.fixture
def people():
    province = UnitFactory(name="UBND tỉnh", code="tinh", kind=UnitKind.PROVINCE)
    department = UnitFactory(parent=province, name="Sở Xây dựng", code="sxd")
    unit_admin = OfficerFactory(username="quantri.sxd")
    MembershipFactory(user=unit_admin, unit=department, role=MembershipRole.UNIT_ADMIN)
    leader = OfficerFactory(username="lanhdao.sxd")
    MembershipFactory(user=leader, unit=department, role=MembershipRole.LEADER)
    citizen = UserFactory()
    report = ReportFactory(
        reporter=citizen,
        status=ReportStatus.IN_PROGRESS,
        code="PAKN-2026-000123",
        current_unit=department,
        coordinating_unit=department,
    )
    draft = ReportFactory(reporter=citizen)
    notification = Notification.objects.create(
        recipient=citizen, report=report, kind="status", title="Phản ánh đã được tiếp nhận"
    )
    superuser = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    return {
        "citizen": citizen,
        "report": report,
        "draft": draft,
        "notification": notification,
        "unit_admin": unit_admin,
        "leader": leader,
        "superuser": superuser,
    }


def private_pages(people) -> list[tuple[str | None, str]]:
    """(who is signed in, the page) for every area that holds one person's data."""
    report, draft = people["report"], people["draft"]
    return [
        # Account, visitors' side: what they type (passwords, ID numbers) must not be kept.
        (None, reverse("accounts:login")),
        (None, reverse("accounts:register")),
        (None, reverse("accounts:forgot-password")),
        ("citizen", reverse("accounts:profile")),
        ("citizen", reverse("accounts:password-change")),
        ("citizen", reverse("accounts:download-my-data")),
        # The citizen's reports, the send form and its drafts.
        ("citizen", reverse("reports:send")),
        ("citizen", f"{reverse('reports:send')}?ban-nhap={draft.idempotency_key}"),
        ("citizen", reverse("reports:mine")),
        ("citizen", reverse("reports:detail", args=[report.code])),
        # Notifications.
        ("citizen", reverse("notifications:list")),
        # Officers: desk, inbox, dashboard, unit administration, their login.
        (None, reverse("backoffice:login")),
        ("leader", reverse("backoffice:home")),
        ("leader", reverse("backoffice:desk-inbox")),
        ("leader", reverse("backoffice:desk-report", args=[report.code])),
        ("leader", reverse("backoffice:dashboard")),
        ("unit_admin", reverse("backoffice:administration")),
        # The Django admin, signed in or not.
        (None, reverse("admin:login")),
        ("superuser", reverse("admin:index")),
        ("superuser", reverse("admin:core_sitesettings_changelist")),
    ]


def test_pages_of_one_person_are_never_kept(client, people):
    for who, url in private_pages(people):
        client.logout()
        if who:
            client.force_login(people[who])
        response = client.get(url)
        assert response.status_code in {200, 302}, url
        assert response["Cache-Control"] == "private, no-store", (who, url)
        assert "Expires" not in response, url


def test_a_form_sent_from_a_private_page_is_answered_private_too(client, people):
    client.force_login(people["citizen"])
    response = client.post(reverse("reports:send"), {"title": ""})
    assert response["Cache-Control"] == "private, no-store"


def test_public_pages_keep_their_caching_for_visitors(client, people):
    for url in ["/", reverse("portal:search"), reverse("portal:map"), reverse("portal:guides")]:
        response = client.get(url)
        assert "no-store" not in response.get("Cache-Control", ""), url
    manifest = client.get(reverse("portal:manifest"))
    assert manifest["Cache-Control"] == "public, max-age=3600"


def test_a_public_page_made_for_a_signed_in_person_is_not_kept(client, people):
    """It shows their name in the header and their unread count: the service worker and the
    browser must not keep it past the session."""
    client.force_login(people["citizen"])
    assert client.get("/")["Cache-Control"] == "private, no-store"
    # A response declared the same for everyone keeps its caching.
    assert client.get(reverse("portal:manifest"))["Cache-Control"] == "public, max-age=3600"


INLINE_CODE = [
    ("inline script", re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*\btype=\"application/json\")")),
    ("inline style", re.compile(r"<style\b|\sstyle=")),
    ("event handler", re.compile(r"\son[a-z]+\s*=", re.I)),
    ("javascript: URL", re.compile(r"(href|src|action)\s*=\s*[\"']?\s*javascript:", re.I)),
]


def test_no_template_holds_inline_code_the_policy_would_refuse():
    """Scripts and styles come from static files; data reaches scripts through data-
    attributes or json_script. The browser tests catch what a template scan cannot."""
    found = [
        f"{path.relative_to(settings.BASE_DIR)}: {kind}"
        for path in sorted((Path(settings.BASE_DIR) / "templates").rglob("*.html"))
        for kind, pattern in INLINE_CODE
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []
