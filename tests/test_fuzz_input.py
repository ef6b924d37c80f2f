"""Hostile input to every page, form and list of the site: no answer is a 500 (issue 11, point 6).

The targets are not listed by hand. Every route of the URL conf is opened as each kind of
visitor (anonymous, citizen, coordinator, handler, unit administrator); the forms its page
shows (method, action, fields and their values) and the query parameters of its links become
targets, to which Hypothesis sends Unicode digits, over-long and NaN numbers, control
characters, very long strings and SQL or HTML snippets, keeping the other fields as the page
filled them. The public API takes its parameters from its OpenAPI schema and must answer JSON;
the Django admin's changelists are fuzzed the same way as a superuser. A new page is covered
when it is routed. Examples are bounded and derandomized (a fixed seed): the same requests on
every run, SQLite or PostgreSQL.
"""

import datetime
import functools
import pathlib
import re
import uuid
from html.parser import HTMLParser
from urllib.parse import parse_qsl, quote, urljoin, urlsplit

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from pakn.accounts.tests.factories import OfficerFactory
from pakn.backoffice.models import SavedInboxFilter
from pakn.campaigns.models import Campaign, CampaignPeriod, ReportingGroup
from pakn.open311.services import api_key_create
from pakn.organisations.models import MembershipRole
from pakn.organisations.tests.factories import MembershipFactory
from pakn.portal.models import Announcement
from pakn.reports.tests.public_reports import public_photo
from pakn.testing.reports import answer_report, sent_report

pytestmark = pytest.mark.django_db

EXAMPLES_PER_ROUTE = 30
EXAMPLES_PER_CHANGELIST = 12
# The API's description and its human pages answer OpenAPI YAML and HTML.
API_PAGES = ("schema/", "docs/", "redoc/")
# Answers that read no input (a schema, a manifest, a health check): a few examples show it.
FIXED_ANSWERS = {"api/schema/", "manifest.webmanifest", "sw.js", "healthz", "readyz",
                 "ngoai-tuyen/", "can-bo/quan-tri/nhap-tep/mau.xlsx", "api/v1/schema/",
                 "api/v1/docs/", "api/v1/redoc/"}  # fmt: skip
EXAMPLES_PER_FIXED_ANSWER = 5
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES_PER_ROUTE,
    derandomize=True,  # a fixed seed: the same examples on every run
    database=None,  # nothing written under .hypothesis/
    deadline=None,  # no timing assertions (the guide's rule); the example count bounds the time
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

HOSTILE = [
    "²", "①", "٣", "３", "١٢٣", "Ⅻ", "99999999999999999999999", str(2**63), "-1", "0", "-0",
    "NaN", "nan", "Infinity", "-inf", "1e999", "1e-999", "0x1F", "1.5", "1,5", "last", "",
    " ", "\x00", "\x1b[31m", "\u202e", "\ufeff", "%00", "'; DROP TABLE reports_report;--",
    "1' OR '1'='1", "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "../../etc/passwd",
    "0001-01-01", "9999-12-31", "2026-02-30", "٢٠٢٦-٠١-٠١", "PAKN-2026-99999999999999999999",
    "a" * 5000, "9" * 400, "Đèn đường " * 300,
]  # fmt: skip
# Every field at once with each of these, before the random examples: the cases of the issue.
SWEEP = ["²", "٣", "99999999999999999999999", "NaN"]
hostile_values = st.one_of(
    st.sampled_from(HOSTILE),
    # Digits and numbers of every script: what str.isdigit() and int() disagree about.
    st.text(st.characters(categories=["Nd", "No", "Nl"]), min_size=1, max_size=6),
    st.text(max_size=30),
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.floats().map(str),
)
# Path segments: anything but a slash (which would make another route).
hostile_segments = st.one_of(
    st.sampled_from([v for v in HOSTILE if v and "/" not in v and len(v) < 500]),
    st.text(min_size=1, max_size=20).filter(lambda s: "/" not in s),
    st.integers(min_value=0, max_value=10**25).map(str),
)
PAGE_PARAMETERS = {"trang", "page", "page_size", "q"}
OPEN311_TYPES = {"application/json", "text/xml"}
# GeoReport v2's query parameters, and a valid POST of a request (api_key and service_code
# are added from the world).
OPEN311_QUERY = {"service_request_id", "service_code", "start_date", "end_date", "status",
                 "page", "page_size", "jurisdiction_id", "api_key"}  # fmt: skip
OPEN311_POST = {
    "lat": "12.2388", "long": "109.1967", "address_string": "Chợ Đầm", "address_id": "",
    "description": "Ổ gà trước chợ.", "email": "a@example.vn", "phone": "0905123456",
    "first_name": "An", "last_name": "Trần", "device_id": "d1", "account_id": "a1",
    "media_url": "https://example.vn/a.jpg", "attribute[so_nha]": "12",
    "jurisdiction_id": "khanhhoa",
}  # fmt: skip
STATIC_JS = pathlib.Path(__file__).resolve().parent.parent / "static" / "js"
# Query parameters the site's scripts add to addresses (fetch(url + "?tinh=" + …)): every
# list is fuzzed with them too, since no form or link on a page names them.
SCRIPT_PARAMETERS = {
    name
    for script in STATIC_JS.glob("*.js")
    for name in re.findall(
        r"[?&]([A-Za-z_-]+)=|searchParams\.(?:set|append)\([\"']([^\"']+)",
        script.read_text(encoding="utf-8"),
    )
    for name in name
    if name
}
# Routes whose answer is not a page of this site's own (a file, a redirect to the language).
NOT_FUZZED_AS_PAGES = {"i18n/setlang/"}
PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")


def _routes(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and isinstance(entry.pattern, RoutePattern):
            yield prefix + str(entry.pattern)


ROUTES = sorted(
    route
    for route in set(_routes(get_resolver().url_patterns))
    if not route.startswith("admin/") and route not in NOT_FUZZED_AS_PAGES
)


class FormsAndLinks(HTMLParser):
    """The forms of a page (method, action, fields with the values the page put in them) and
    the query parameters of its links. The standard library's parser is enough to read names;
    a browser is not needed for that."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self.link_parameters: set[str] = set()
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(
                {
                    "method": (attrs.get("method") or "get").lower(),
                    "action": attrs.get("action") or "",
                    "fields": {},
                    # Addresses its script sends the form's fields to (the automatic draft).
                    "script_urls": [
                        value
                        for key, value in attrs.items()
                        if key.startswith("data-") and key.endswith("-url") and value
                    ],
                }
            )
            return
        if tag == "a" and "?" in (attrs.get("href") or ""):
            self.link_parameters |= {k for k, _ in parse_qsl(urlsplit(attrs["href"]).query)}
        if not self.forms or not attrs.get("name"):
            return
        fields = self.forms[-1]["fields"]
        name = attrs["name"]
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                fields.setdefault(name, "")
            elif kind != "file":
                fields[name] = attrs.get("value") or ""
        elif tag == "select":
            self._select = name
            fields.setdefault(name, "")
        elif tag == "option" and self._select:
            if "selected" in attrs:
                self.forms[-1]["fields"][self._select] = attrs.get("value", "")
        elif tag == "textarea":
            self._textarea = name
            fields[name] = ""
        elif tag == "button" and attrs.get("type", "submit") == "submit":
            fields.setdefault(name, attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self.forms:
            self.forms[-1]["fields"][self._textarea] += data


@pytest.fixture
def world(org):  # noqa: F811
    """A report in handling (the reporter's and the desk's), a published one with a photo, an
    announcement, a unit administrator, and a signed-in client for each kind of visitor."""
    in_handling = sent_report(org["reporter"], title="Đèn đường hỏng trên đường Trần Phú")
    published = answer_report(org, sent_report(org["reporter"], title="Rác thải ùn ứ ở chợ"))
    published.is_published = True
    published.public_title, published.public_content = "Rác thải ùn ứ ở chợ", "Đã thu gom."
    published.save()
    photo = public_photo(published)
    announcement = Announcement.objects.create(title="Lịch tiếp công dân", body="Nội dung")
    _key, open311_key = api_key_create(name="Đối tác Open311", rate_limit_per_minute=100_000)
    unit_admin = OfficerFactory(username="quan.tri")
    MembershipFactory(user=unit_admin, unit=org["department"], role=MembershipRole.UNIT_ADMIN)
    notification = org["reporter"].notifications.first()
    saved_filter = SavedInboxFilter.objects.create(
        owner=org["handler"], name="Đang xử lý", query="hop-thu=dang-xu-ly"
    )
    campaign = Campaign.objects.create(name="KhanhHoa-S", app_name="KhanhHoa-S",
                                       reporting_groups=[ReportingGroup.AGENCY])  # fmt: skip
    period = CampaignPeriod.objects.create(
        campaign=campaign, name="Tháng 11", start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2026, 12, 31), deadline=datetime.date(2027, 1, 5),
    )  # fmt: skip
    users = {
        "anonymous": None,
        "citizen": org["reporter"],
        "coordinator": org["coordinator"],
        "handler": org["handler"],
        "operator": org["operator"],
        "unit_admin": unit_admin,
    }
    return {
        "users": users,
        "values": {
            "code": in_handling.code,
            "public_code": published.code,
            "slug": announcement.slug,
            "officer_id": org["handler"].pk,
            "caller_id": org["reporter"].pk,  # an operator enters a report for them
            "membership_id": org["handler"].memberships.first().pk,
            "action": "classify",
            "pk": photo.pk,
            "notification": notification.pk if notification else 1,
            "notification_id": notification.pk if notification else 1,
            "attachment_id": photo.pk,
            "draft_id": uuid.uuid4(),
            "challenge_id": uuid.uuid4(),
            "template_id": 1,
            "filter_id": saved_filter.pk,
            "inbound_email_id": 1,
            "export_id": uuid.uuid4(),
            "import_id": uuid.uuid4(),
            "fmt": "json",
            "service_code": published.category.code if published.category_id else "water",
            "token": uuid.uuid4(),
            "open311_key": open311_key,
            "campaign_id": campaign.pk,
            "period_id": period.pk,
            "unit_id": org["department"].pk,  # asked for the campaign's figures (an agency)
            "path": "site/logo.png",  # the public pictures' route (pakn.core.file_responses)
        },
    }


class Visitors:
    """One client per kind of visitor, signed in again when a request signed it out (the
    log-out pages are fuzzed too). Exceptions propagate: a failing example shows the traceback,
    which Hypothesis shrinks."""

    def __init__(self, users: dict):
        self.users = users
        self.clients = {}

    def __call__(self, role: str) -> Client:
        client = self.clients.get(role)
        user = self.users[role]
        if client is None:
            client = self.clients[role] = Client()
            if user is not None:
                client.force_login(user)
        elif user is not None and not client.session.get("_auth_user_id"):
            client.force_login(user)
        return client


def real_value(route: str, name: str, values: dict) -> str:
    if route.startswith("open311/") and name in ("code", "service_request_id"):
        return values["service_code" if name == "code" else "public_code"]
    if name == "code" and (route.startswith("phan-anh/") or route.startswith("api/")):
        return values["public_code"]
    if name == "pk" and route.startswith("thong-bao/"):
        return str(values["notification"])
    return str(values[name])


def fill(route: str, values: dict, replace: dict | None = None) -> str:
    def value(match):
        name = match.group(2)
        if replace and name in replace:
            return quote(replace[name], safe="")
        return quote(real_value(route, name, values), safe="")

    return "/" + PARAMETER.sub(value, route)


def targets_of(url: str, visitors: Visitors) -> list[tuple]:
    """(role, method, address, fields) for the page at ``url`` as each visitor sees it: its
    own query string, and each form it shows (POST forms with the values the page filled)."""
    targets = []
    for role in visitors.users:
        response = visitors(role).get(url)
        found = FormsAndLinks()
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            found.feed(response.content.decode(errors="replace"))
        get_names = PAGE_PARAMETERS | SCRIPT_PARAMETERS | found.link_parameters
        for form in found.forms:
            action = urljoin(url, form["action"]) if form["action"] else url
            if urlsplit(action).netloc:
                continue  # another site
            if form["method"] == "post":
                targets.append((role, "post", action, form["fields"]))
                for script_url in form["script_urls"]:
                    targets.append((role, "post", urljoin(url, script_url), form["fields"]))
                    targets.append((role, "get", urljoin(url, script_url), form["fields"]))
            elif urlsplit(action).path == urlsplit(url).path:
                get_names |= set(form["fields"])
        targets.append((role, "get", url, dict.fromkeys(sorted(get_names), "")))
    # The same form seen by several visitors is fuzzed once, as the first of them.
    unique = {}
    for role, method, address, fields in targets:
        unique.setdefault((method, address, tuple(sorted(fields))), (role, method, address, fields))
    return list(unique.values())


@functools.cache
def api_parameters() -> dict[str, frozenset[str]]:
    """Query parameters of each public API path, from its OpenAPI schema."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    return {
        path: frozenset(
            p["name"]
            for operation in operations.values()
            for p in operation.get("parameters", [])
            if p.get("in") == "query"
        )
        for path, operations in schema["paths"].items()
    }


@pytest.mark.parametrize("route", ROUTES)
def test_no_input_to_any_page_is_a_server_error(route, world):
    visitors, values = Visitors(world["users"]), world["values"]
    names = PARAMETER.findall(route)
    url = fill(route, values)
    is_api = route.startswith("api/v1/")
    is_open311 = route.startswith("open311/")
    if is_open311:
        # Not HTML: the specification's parameters, and for POST requests a valid request
        # whose fields the examples spoil a few at a time.
        targets = [("anonymous", "get", url, dict.fromkeys(sorted(OPEN311_QUERY), ""))]
        if route == "open311/v2/requests.<open311_format:fmt>":
            post_fields = {**OPEN311_POST, "api_key": values["open311_key"],
                           "service_code": values["service_code"]}  # fmt: skip
            targets.append(("anonymous", "post", url, post_fields))
    elif is_api:
        schema_path = "/" + PARAMETER.sub(lambda m: "{" + m.group(2) + "}", route)
        query = api_parameters().get(schema_path, set()) | {"page", "page_size", "format"}
        targets = [("anonymous", "get", url, dict.fromkeys(sorted(query), ""))]
    else:
        targets = targets_of(url, visitors)

    fixed = route in FIXED_ANSWERS

    @settings(
        FUZZ_SETTINGS, max_examples=EXAMPLES_PER_FIXED_ANSWER if fixed else EXAMPLES_PER_ROUTE
    )
    @given(data=st.data())
    def fuzz(data):
        role, method, address, fields = data.draw(st.sampled_from(targets), label="target")
        if names and method == "get" and data.draw(st.booleans(), label="hostile path"):
            replace = {name: data.draw(hostile_segments, label=name) for _, name in names}
            address = fill(route, values, replace)
        # A few fields at a time, so that one refused field does not hide another behind it.
        chosen = data.draw(
            st.sets(st.sampled_from(sorted(fields or PAGE_PARAMETERS)), min_size=1, max_size=3),
            label="fields",
        )
        hostile = {name: data.draw(hostile_values, label=name) for name in sorted(chosen)}
        send(role, method, address, {**fields, **hostile} if method == "post" else hostile)

    def send(role, method, address, sent):
        response = getattr(visitors(role), method)(address, sent)
        assert response.status_code < 500, (role, method, address, sent)
        if is_api and address.startswith("/api/v1/") and not route.endswith(API_PAGES):
            # JSON, or a JSON problem document (RFC 9457) for a refusal.
            assert response["Content-Type"].startswith(
                ("application/json", "application/problem+json")
            ), address
        if is_open311:
            assert response["Content-Type"].split(";")[0] in OPEN311_TYPES, (address, sent)

    for role, method, address, fields in targets:
        for value in SWEEP:
            send(role, method, address, dict.fromkeys(fields or PAGE_PARAMETERS, value))
            if is_api or is_open311:  # cheap answers: each parameter alone too
                for name in fields:
                    sent = {**fields, name: value} if method == "post" else {name: value}
                    send(role, method, address, sent)
    fuzz()


@pytest.fixture
def superuser_client(django_user_model):
    user = django_user_model.objects.create_superuser(
        "quantri", "quantri@example.vn", "Qu@ntri-2026"
    )
    client = Client()
    client.force_login(user)
    return client


ADMIN_PARAMETERS = {"p", "o", "q", "all", "e", "_to_field", "_popup"}


@pytest.mark.parametrize(
    "model", sorted(admin.site._registry, key=lambda m: m._meta.label), ids=lambda m: m._meta.label
)
def test_no_query_string_of_an_admin_list_is_a_server_error(model, world, superuser_client):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    page = superuser_client.get(url)
    assert page.status_code == 200
    found = FormsAndLinks()
    found.feed(page.content.decode())
    names = sorted(
        ADMIN_PARAMETERS
        | found.link_parameters
        | {n for f in found.forms if f["method"] == "get" for n in f["fields"]}
    )

    @settings(FUZZ_SETTINGS, max_examples=EXAMPLES_PER_CHANGELIST)
    @given(query=st.dictionaries(st.sampled_from(names), hostile_values, min_size=1, max_size=3))
    def fuzz(query):
        response = superuser_client.get(url, query)
        assert response.status_code < 500, query

    fuzz()


def test_the_fuzzer_reaches_the_forms_of_the_issue(world):
    """The targets are found, not listed: this checks that they are, so that a page that stops
    showing its form to the fuzzer does not pass unnoticed."""
    visitors = Visitors(world["users"])

    def fields_of(url, method, address=None):
        return {
            name
            for _role, m, a, fields in targets_of(url, visitors)
            if m == method and urlsplit(a).path == (address or url)
            for name in fields
        }

    assert {"address_province", "address_commune"} <= fields_of("/dang-ky/", "post")
    assert {"latitude", "longitude", "address_province"} <= fields_of("/gui-phan-anh/", "post")
    assert "latitude" in fields_of("/gui-phan-anh/", "post", "/gui-phan-anh/luu-nhap/")
    assert {"category", "unit", "date_from", "trang"} <= fields_of("/can-bo/phan-anh/", "get")
    assert {"sector", "date_from", "date_to"} <= fields_of("/thong-ke/", "get")
    assert {"tinh", "zoom", "bbox"} <= fields_of("/dia-ban/xa-phuong/", "get")
