"""No personal data on the public side (issue 7, DESIGN.md §5): with the demo data loaded, an
anonymous visitor crawls every public page reachable from the home page, every published
report's page, every public API response and every Open311 answer (a request sent by a
partner with a citizen's phone, e-mail and name included), and none of them holds a citizen's
ID number,
anyone's phone number (in any writing: 0905 123 456, 0905.123.456, +84905123456, ...) or the
name of a reporter who asked to keep it secret."""

import datetime
import json
import re
from collections import deque
from html import unescape
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.utils import timezone

from pakn.accounts.models import AccountType, User
from pakn.api.public import PublicApiThrottle
from pakn.core.models import SiteSettings
from pakn.open311.services import api_key_create
from pakn.open311.views import AddressThrottle
from pakn.organisations.models import Unit
from pakn.reports.models import Report

pytestmark = pytest.mark.django_db

DEMO_REPORTS = 200
DEMO_CITIZENS = 60
MAX_PAGES = 1500
# Filters and pages of one list give many addresses; a few of each path are enough.
MAX_VARIANTS_PER_PATH = 25
# Officers', citizens' and administrators' own pages: not public, not crawled.
PRIVATE_PREFIXES = (
    "/admin/",
    "/can-bo/",
    "/dang-nhap/",
    "/dang-ky/",
    "/dang-xuat/",
    "/quen-mat-khau/",
    "/tai-khoan/",
    "/gui-phan-anh/",
    "/phan-anh-cua-toi/",
    "/tep-dinh-kem/",
    "/i18n/",
    "/dev/",
    "/media/",
    "/static/",
)
TEXT_TYPES = ("text/", "application/json", "application/javascript", "application/xml")
LINK = re.compile(r"""(?:href|src|action)\s*=\s*["']([^"'#][^"']*)["']""", re.IGNORECASE)
# A run of digits that may be split by spaces, dots or dashes, with an optional +.
NUMBER_RUN = re.compile(r"\+?\d(?:[ .\-\u00a0]?\d){7,13}")


def _national(digits: str) -> str:
    """A phone's digits in the national form: +84 905 ... and 84905... become 0905..."""
    if digits.startswith("84") and len(digits) in (11, 12):
        return "0" + digits[2:]
    return digits


class Secrets:
    """What must never be public, from the accounts and reports themselves."""

    def __init__(self):
        public_numbers = {
            _national(re.sub(r"\D", "", phone))
            for phone in [
                *Unit.objects.values_list("phone", flat=True),
                *SiteSettings.objects.values_list("hotline", flat=True),
            ]  # fmt: skip
            if phone
        }
        self.numbers: dict[str, str] = {}
        for username, phone, account_type in User.objects.values_list(
            "username", "phone", "account_type"
        ):
            if account_type == AccountType.INDIVIDUAL and re.fullmatch(r"\d{9}|\d{12}", username):
                self.numbers[username] = "ID number"
            national = _national(re.sub(r"\D", "", phone or ""))
            if len(national) >= 9 and national not in public_numbers:
                self.numbers[national] = "phone number"
        officer_names = set(
            User.objects.filter(account_type=AccountType.OFFICER).values_list(
                "full_name", flat=True
            )
        )
        self.names = {
            name
            for name in Report.objects.filter(hide_reporter_name=True).values_list(
                "reporter__full_name", flat=True
            )
            if name and name not in officer_names
        }

    def leaks(self, text: str) -> list[str]:
        found = []
        plain = unescape(text)
        for match in NUMBER_RUN.finditer(plain):
            digits = _national(re.sub(r"\D", "", match.group()))
            if digits in self.numbers:
                found.append(f"{self.numbers[digits]} {match.group()!r}")
        found += [f"ID number {n!r}" for n, kind in self.numbers.items()
                  if kind == "ID number" and n in plain and f"ID number {n!r}" not in found]  # fmt: skip
        found += [f"hidden name {name!r}" for name in self.names if name in plain]
        return found


@pytest.fixture
def demo(settings, monkeypatch):
    call_command(
        "seed_demo",
        reports=DEMO_REPORTS,
        citizens=DEMO_CITIZENS,
        allow_production=True,
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )
    # Reporters of every fourth report ask to keep their name from the handling unit.
    for report_id in Report.objects.order_by("id").values_list("id", flat=True)[::4]:
        Report.objects.filter(pk=report_id).update(hide_reporter_name=True)
    monkeypatch.setattr(PublicApiThrottle, "rate", "100000/minute")
    monkeypatch.setattr(AddressThrottle, "rate", "100000/minute")
    settings.ALLOWED_HOSTS = ["testserver"]
    return Secrets()


def _is_private(path: str) -> bool:
    return path.startswith(PRIVATE_PREFIXES)


def _crawl(client, start: list[str]) -> dict[str, str]:
    """Every same-site page reachable from ``start`` with GET, as text, by path."""
    seen: set[str] = set()
    variants: dict[str, int] = {}
    pages: dict[str, str] = {}
    queue = deque(start)
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        path = urlsplit(url).path
        if url in seen or variants.get(path, 0) >= MAX_VARIANTS_PER_PATH:
            continue
        seen.add(url)
        variants[path] = variants.get(path, 0) + 1
        response = client.get(url)
        if response.status_code in (301, 302, 303, 307, 308):
            target = urljoin(url, response["Location"])
            parts = urlsplit(target)
            if parts.netloc in ("", "testserver") and not _is_private(parts.path):
                queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
            continue
        content_type = response.get("Content-Type", "")
        if response.status_code != 200 or not content_type.startswith(TEXT_TYPES):
            continue
        body = (
            b"".join(response.streaming_content) if response.streaming else response.content
        ).decode("utf-8", errors="replace")
        pages[url] = body
        if not content_type.startswith("text/html"):
            continue
        for raw in LINK.findall(body):
            target, _ = urldefrag(urljoin(url, unescape(raw)))
            parts = urlsplit(target)
            if parts.scheme not in ("http", "https", "") or parts.netloc not in ("", "testserver"):
                continue
            if _is_private(parts.path) or "/api/" in parts.path:
                continue
            link = parts.path + (f"?{parts.query}" if parts.query else "")
            if link not in seen:
                queue.append(link)
    return pages


def _api_responses(client) -> dict[str, str]:
    """Every public API answer: each page of the search, each report, the map at several
    zoom levels, and the OpenAPI document."""
    responses = {}
    url = "/api/v1/public/reports/?page_size=100"
    while url:
        response = client.get(url)
        assert response.status_code == 200, url
        responses[url] = response.content.decode()
        url = response.json()["next"]
        url = url and url.replace("http://testserver", "")
    for code in Report.objects.filter(is_published=True).values_list("code", flat=True):
        detail = f"/api/v1/public/reports/{code}/"
        response = client.get(detail)
        assert response.status_code == 200, detail
        responses[detail] = response.content.decode()
    for zoom in (5, 9, 12, 17):
        map_url = f"/api/v1/public/map/?bbox=102,7,118,23.5&zoom={zoom}"
        response = client.get(map_url)
        assert response.status_code == 200, map_url
        responses[map_url] = response.content.decode()
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    responses["/api/schema/"] = schema.content.decode()
    # The public reference data of /api/v1/ (issue 15): sectors, units, areas, statistics in
    # each view, every announcement.
    reference = [
        "/api/v1/public/sectors/", "/api/v1/public/units/", "/api/v1/public/areas/",
        *[f"/api/v1/public/statistics/?view={view}" for view in ("unit", "sector", "commune")],
    ]  # fmt: skip
    url = "/api/v1/public/announcements/?page_size=100"
    while url:
        response = client.get(url)
        assert response.status_code == 200, url
        responses[url] = response.content.decode()
        reference += [
            f"/api/v1/public/announcements/{a['slug']}/" for a in response.json()["results"]
        ]
        url = response.json()["next"]
        url = url and url.replace("http://testserver", "")
    for address in reference:
        response = client.get(address)
        assert response.status_code == 200, address
        responses[address] = response.content.decode()
    return responses


def _open311_request_with_contacts(client) -> str:
    """A partner sends a request with a citizen's own phone, e-mail and name (as a GeoReport
    client does), and the coordinator publishes it: its public answers must not carry them."""
    citizen = User.objects.filter(account_type=AccountType.INDIVIDUAL).exclude(phone="")[0]
    category = Report.objects.exclude(category=None).values_list("category__code", flat=True)[0]
    _key, raw_key = api_key_create(name="Ứng dụng đối tác")
    response = client.post(
        "/open311/v2/requests.json",
        {
            "api_key": raw_key,
            "service_code": category,
            "address_string": "Chợ Đầm, Nha Trang",
            "description": "Nắp cống bị vỡ trước cổng chợ.",
            "phone": citizen.phone,
            "email": "nguoi.gui@example.vn",
            "first_name": citizen.full_name,
            "last_name": citizen.username,
        },
    )
    assert response.status_code == 201
    code = response.json()[0]["service_request_id"]
    Report.objects.filter(code=code).update(
        is_published=True, public_title="Nắp cống vỡ", public_content="Nắp cống bị vỡ ở chợ.",
        published_at=timezone.now(),
    )  # fmt: skip
    return code


def _open311_responses(client) -> dict[str, str]:
    """Every Open311 answer a visitor can read: discovery, services, every 90-day window of
    requests over the demo's year and every published request, in JSON and XML."""
    responses = {}
    now = timezone.now()
    for fmt in ("json", "xml"):
        urls = [f"/open311/v2/discovery.{fmt}", f"/open311/v2/services.{fmt}"]
        for window in range(5):
            end = now - datetime.timedelta(days=90 * window)
            start = end - datetime.timedelta(days=90)
            urls.append(
                f"/open311/v2/requests.{fmt}?start_date={start:%Y-%m-%dT%H:%M:%SZ}"
                f"&end_date={end:%Y-%m-%dT%H:%M:%SZ}"
            )
        urls += [
            f"/open311/v2/requests/{code}.{fmt}"
            for code in Report.objects.filter(is_published=True).values_list("code", flat=True)
        ]
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            responses[url] = response.content.decode()
    return responses


def test_the_scanner_finds_a_phone_an_id_and_a_hidden_name_however_written(demo):
    """The scan below would catch a page that printed report.reporter.phone or the like."""
    reporter = Report.objects.filter(hide_reporter_name=True).select_related("reporter")[0].reporter
    national = _national(re.sub(r"\D", "", reporter.phone))
    spaced = f"{national[:4]} {national[4:7]} {national[7:]}"
    dotted = f"{national[:4]}.{national[4:7]}.{national[7:]}"
    international = "+84 " + national[1:]
    for written in (reporter.phone, national, spaced, dotted, international):
        assert demo.leaks(f"<p>Liên hệ: {written}</p>"), written
    assert demo.leaks(f"<td>{reporter.username}</td>")
    assert demo.leaks(json.dumps({"name": reporter.full_name}, ensure_ascii=False))
    assert not demo.leaks("<p>Tổng đài 1900 1023, mã số PAKN-2026-000123</p>")


def test_no_public_page_or_api_response_shows_personal_data(client, demo):
    published = list(Report.objects.filter(is_published=True).values_list("code", flat=True))
    assert len(published) > 20 and demo.names and demo.numbers  # the scan has material
    start = ["/", "/tra-cuu/", "/ban-do/", *[f"/phan-anh/{code}/" for code in published]]
    pages = _crawl(client, start)
    assert "/" in pages and "/tra-cuu/" in pages
    assert all(f"/phan-anh/{code}/" in pages for code in published)
    pages.update(_api_responses(client))
    open311_code = _open311_request_with_contacts(client)
    open311 = _open311_responses(client)
    assert any(open311_code in body for body in open311.values())
    pages.update(open311)

    leaks = {url: found for url, body in pages.items() if (found := demo.leaks(body))}
    assert leaks == {}, f"personal data on {len(leaks)} public responses: {leaks}"
