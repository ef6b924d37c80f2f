"""Open311 GeoReport v2 (/open311/v2/). Thin views: read the parameters, call a selector or
``open311_request_submit``, answer in the format the path asks for (.json or .xml). Errors
are the specification's list of ``{code, description}`` in that same format.

Plain Django views rather than DRF: GeoReport fixes its own XML shape, status codes and
error body, and keys come in the form body, so DRF's renderers, authentication and
exception handler would each need replacing; its rate-limit counter is reused."""

import datetime
import functools
import uuid

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from rest_framework.throttling import SimpleRateThrottle

from pakn.core.http import client_ip
from pakn.core.query_time import QueryTimeout, public_query_time_limit
from pakn.core.selectors import site_settings_get
from pakn.core.typed_input import parse_int
from pakn.open311 import selectors
from pakn.open311.formats import respond, respond_errors, w3c_datetime
from pakn.open311.forms import ServiceRequestForm
from pakn.open311.models import ApiKey, Submission
from pakn.open311.services import (
    ServiceRequestInput,
    api_key_authenticate,
    open311_request_submit,
    submission_refused_record,
)
from pakn.reports.models import Report
from pakn.reports.search import report_code_from_query

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
DISCOVERY_CHANGESET = datetime.datetime(2026, 11, 30, tzinfo=datetime.UTC)
WINDOW_MAX = datetime.timedelta(days=90)
PAGE_SIZE_MAX = 1_000
PAGE_MAX = 100_000
IDS_MAX = 1_000
SERVICE_CODES_MAX = 100
BUSY_RETRY_AFTER_SECONDS = 30


class AddressThrottle(SimpleRateThrottle):
    """Requests per minute from one address (the same address the login lockout counts)."""

    scope = "open311"
    rate = "300/minute"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request) or "?"}


class KeyThrottle(SimpleRateThrottle):
    """Requests per minute with one key, at the rate set on that key."""

    scope = "open311-key"

    def __init__(self, api_key: ApiKey):
        self.api_key = api_key
        self.rate = f"{api_key.rate_limit_per_minute}/minute"
        super().__init__()

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.api_key.pk}


class Refusal(Exception):
    """An answer of the specification's error list, with its status."""

    def __init__(self, status: int, *descriptions: str, headers: dict | None = None):
        super().__init__(status, descriptions)
        self.status, self.descriptions, self.headers = status, list(descriptions), headers


def _throttled(throttle: SimpleRateThrottle, request) -> None:
    if not throttle.allow_request(request, None):
        wait = throttle.wait()
        raise Refusal(
            429,
            _("Quá nhiều yêu cầu. Vui lòng thử lại sau."),
            headers={"Retry-After": str(int(wait or 60) + 1)},
        )


def open311_endpoint(root: str, item: str | None = None):
    """Wraps a view that returns data: turns it into the format asked for, and refusals,
    throttling and an over-long query into the specification's error answer."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, fmt: str = "json", **kwargs):
            try:
                if request.method in ("GET", "HEAD"):
                    _throttled(AddressThrottle(), request)
                    with public_query_time_limit():
                        result = view(request, *args, **kwargs)
                else:
                    result = view(request, *args, **kwargs)
            except Refusal as refusal:
                return respond_errors(
                    fmt, refusal.status, refusal.descriptions, headers=refusal.headers
                )
            except QueryTimeout:
                return respond_errors(
                    fmt,
                    503,
                    [_("Hệ thống đang bận. Vui lòng thử lại sau hoặc thu hẹp tìm kiếm.")],
                    headers={"Retry-After": str(BUSY_RETRY_AFTER_SECONDS)},
                )
            data, status = result if isinstance(result, tuple) else (result, 200)
            return respond(data, fmt, root=root, item=item, status=status)

        return wrapped

    return decorate


# --- Discovery and services ----------------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
@open311_endpoint("discovery")
def discovery(request):
    site = site_settings_get()
    contact = ", ".join(part for part in (site.portal_name, site.hotline, site.email) if part)
    changeset = w3c_datetime(DISCOVERY_CHANGESET)
    return {
        "changeset": changeset,
        "contact": contact,
        "key_service": _(
            "Khóa API (api_key) do quản trị hệ thống cấp cho từng hệ thống đối tác; liên hệ: "
            "%(contact)s"
        )
        % {"contact": contact},
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": request.build_absolute_uri(reverse("open311:root")),
                "changeset": changeset,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }


@require_http_methods(["GET", "HEAD"])
@open311_endpoint("services", "service")
def services(request):
    with_questions = selectors.services_with_attributes()
    return [
        selectors.service_as_data(category, metadata=category.pk in with_questions)
        for category in selectors.services_list()
    ]


@require_http_methods(["GET", "HEAD"])
@open311_endpoint("service_definition")
def service_definition(request, code: str):
    try:
        category = selectors.service_get(code=code)
    except selectors.Category.DoesNotExist:
        raise Refusal(404, _("Không có lĩnh vực với service_code này.")) from None
    return {
        "service_code": category.code,
        "attributes": [
            selectors.attribute_as_data(attribute)
            for attribute in selectors.service_attributes(category=category)
        ],
    }


# --- Requests ------------------------------------------------------------------------------


def _caller_key(request) -> ApiKey | None:
    """The key given with a read, if any: it adds the caller's own unpublished requests. A
    key that is given but wrong is refused rather than silently ignored."""
    raw = request.GET.get("api_key")
    if raw is None:
        return None
    api_key = api_key_authenticate(raw_key=raw)
    if api_key is None:
        raise Refusal(403, _("api_key không hợp lệ hoặc đã bị thu hồi."))
    _throttled(KeyThrottle(api_key), request)
    return api_key


def _own_submission(report: Report, api_key: ApiKey | None) -> Submission | None:
    try:
        submission = report.open311
    except Submission.DoesNotExist:
        return None
    return submission if api_key is not None and submission.api_key_id == api_key.pk else None


def _request_as_data(request, report: Report, own: Submission | None, photo_id: int | None):
    unit = report.current_unit or report.coordinating_unit
    data = {
        "service_request_id": report.code,
        "status": "open" if report.is_open else "closed",
        "status_notes": report.get_status_display(),
        "service_name": report.category.name if report.category_id else None,
        "service_code": report.category.code if report.category_id else None,
        "description": None,
        "agency_responsible": unit.name if unit else None,
        "service_notice": None,
        "requested_datetime": w3c_datetime(report.submitted_at),
        "updated_datetime": w3c_datetime(report.updated_at),
        "expected_datetime": w3c_datetime(report.answer_deadline),
        "address": None,
        "address_id": report.commune.code if report.commune_id else None,
        "zipcode": None,
        "lat": report.latitude,
        "long": report.longitude,
        "media_url": None,
    }
    if own is not None:  # the partner's own request: what it sent
        data.update(
            description=own.description,
            address=own.address_string or None,
            media_url=own.media_url or None,
        )
    else:  # published: only the text the coordinator made public
        data["description"] = report.public_content
        if photo_id is not None:
            data["media_url"] = request.build_absolute_uri(
                reverse("portal:report-photo", args=[report.code, photo_id])
            )
    return data


def _requests_as_data(request, reports: list[Report], api_key: ApiKey | None) -> list[dict]:
    owned = {report.pk: _own_submission(report, api_key) for report in reports}
    photos = selectors.public_photo_ids(
        [r.pk for r in reports if owned[r.pk] is None and r.is_published]
    )
    return [_request_as_data(request, r, owned[r.pk], photos.get(r.pk)) for r in reports]


def _parse_w3c(name: str, raw: str, *, end: bool) -> datetime.datetime:
    text = raw.strip()
    value = None
    if text.isascii() and len(text) <= 40:
        try:
            value = parse_datetime(text)
            if value is None and len(text) == 10:
                day = datetime.date.fromisoformat(text)
                value = datetime.datetime.combine(
                    day, datetime.time.max if end else datetime.time.min
                )
        except ValueError:
            value = None
    if value is None or not 1900 <= value.year <= 2999:
        raise Refusal(
            400,
            _("%(name)s phải là ngày giờ dạng W3C, ví dụ 2026-01-31T08:00:00+07:00.")
            % {"name": name},
        )
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def _window(params) -> tuple[datetime.datetime, datetime.datetime]:
    """start_date and end_date, at most 90 days apart; the last 90 days by default."""
    start = _parse_w3c("start_date", params["start_date"], end=False) if params.get(
        "start_date") else None  # fmt: skip
    end = _parse_w3c("end_date", params["end_date"], end=True) if params.get(
        "end_date") else None  # fmt: skip
    if start is None and end is None:
        end = timezone.now()
    if start is None:
        start = end - WINDOW_MAX
    if end is None:
        end = start + WINDOW_MAX
    if end < start:
        raise Refusal(400, _("end_date phải sau start_date."))
    if end - start > WINDOW_MAX:
        raise Refusal(400, _("start_date và end_date cách nhau tối đa 90 ngày."))
    return start, end


def _list_param(params, name: str, *, limit: int) -> list[str] | None:
    raw = params.get(name)
    if raw is None or not raw.strip():
        return None
    values = [value.strip() for value in raw.split(",") if value.strip()]
    if len(values) > limit or any(len(value) > 100 for value in values):
        raise Refusal(400, _("Quá nhiều giá trị trong %(name)s.") % {"name": name})
    return values


def _number(params, name: str, *, default: int, maximum: int) -> int:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    try:
        return parse_int(raw, minimum=1, maximum=maximum)
    except ValidationError:
        raise Refusal(
            400, _("%(name)s phải là số nguyên từ 1 đến %(maximum)s.") % {
                "name": name, "maximum": maximum}
        ) from None  # fmt: skip


def _filters(params) -> selectors.RequestFilters:
    ids = _list_param(params, "service_request_id", limit=IDS_MAX)
    if ids is not None:  # "overrides all other arguments" (GeoReport v2)
        return selectors.RequestFilters(
            codes=[code for raw in ids if (code := report_code_from_query(raw))]
        )
    statuses = None
    status_names = _list_param(params, "status", limit=2)
    if status_names is not None:
        unknown = [name for name in status_names if name not in selectors.STATUS_GROUPS]
        if unknown:
            raise Refusal(400, _("status chỉ nhận open, closed hoặc open,closed."))
        statuses = tuple(s for name in status_names for s in selectors.STATUS_GROUPS[name])
    start, end = _window(params)
    return selectors.RequestFilters(
        service_codes=_list_param(params, "service_code", limit=SERVICE_CODES_MAX),
        start=start,
        end=end,
        statuses=statuses,
    )


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def requests(request, fmt: str = "json"):
    if request.method == "POST":
        return _requests_post(request, fmt=fmt)
    return _requests_get(request, fmt=fmt)


@open311_endpoint("service_requests", "request")
def _requests_get(request):
    api_key = _caller_key(request)
    filters = _filters(request.GET)
    page_size = _number(request.GET, "page_size", default=PAGE_SIZE_MAX, maximum=PAGE_SIZE_MAX)
    page = _number(request.GET, "page", default=1, maximum=PAGE_MAX)
    offset = (page - 1) * page_size
    reports = list(
        selectors.requests_search(api_key=api_key, filters=filters)[offset : offset + page_size]
    )
    return _requests_as_data(request, reports, api_key)


@open311_endpoint("service_requests", "request")
def _requests_post(request):
    raw_key = request.POST.get("api_key") or request.GET.get("api_key") or ""
    api_key = api_key_authenticate(raw_key=raw_key)
    if api_key is None:
        raise Refusal(403, _("Thiếu api_key, hoặc api_key không hợp lệ hoặc đã bị thu hồi."))
    _throttled(KeyThrottle(api_key), request)
    ip_address = client_ip(request)
    form = ServiceRequestForm(request.POST)
    valid = form.is_valid()
    sent = ServiceRequestInput(
        raw={name: request.POST.get(name, "") for name in request.POST if name != "api_key"},
        attributes=form.attributes,
        cleaned=form.cleaned_data if valid else None,
        answers=tuple(form.answers),
    )
    idempotency_key = None
    raw_idempotency = request.headers.get("Idempotency-Key")
    if raw_idempotency:
        try:
            idempotency_key = uuid.UUID(raw_idempotency.strip()[:64])
        except ValueError:
            valid = False
            form.add_error(None, _("Idempotency-Key phải là một UUID."))
    if not valid:
        errors = form.error_descriptions()
        submission_refused_record(
            api_key=api_key, sent=sent, error="\n".join(errors), ip_address=ip_address
        )
        raise Refusal(400, *errors)
    submission = open311_request_submit(
        api_key=api_key, sent=sent, idempotency_key=idempotency_key, ip_address=ip_address
    )
    answer = {
        "service_request_id": submission.report.code,
        "token": str(submission.token),
        "service_notice": _(
            "Đã tiếp nhận. Đơn vị tiếp nhận, điều phối sẽ phân loại và chuyển cơ quan có "
            "thẩm quyền xử lý."
        ),
        "account_id": None,
    }
    return [answer], 201


@require_http_methods(["GET", "HEAD"])
@open311_endpoint("service_requests", "request")
def request_detail(request, service_request_id: str):
    api_key = _caller_key(request)
    code = report_code_from_query(service_request_id)
    report = selectors.requests_visible(api_key=api_key).filter(code=code).first() if code else None
    if report is None:
        raise Refusal(404, _("Không có yêu cầu công khai với service_request_id này."))
    return _requests_as_data(request, [report], api_key)


@require_http_methods(["GET", "HEAD"])
@open311_endpoint("service_requests", "request")
def token(request, token: str):
    try:
        submission = selectors.submission_by_token(token=uuid.UUID(token))
    except (ValueError, Submission.DoesNotExist):
        raise Refusal(404, _("Không có yêu cầu với token này.")) from None
    return [{"service_request_id": submission.report.code, "token": str(submission.token)}]


def not_found(request, rest: str = ""):
    fmt = "xml" if rest.endswith(".xml") else "json"
    return respond_errors(fmt, 404, [_("Không có tài nguyên Open311 ở địa chỉ này.")])
