"""The public API (/api/v1/public/): search of published reports, one report, and the map's
clusters. Anyone may call it, throttled per address; every field is named in a serializer
and none of them is personal (no reporter, no original title or content, no exchange).

Bad parameters answer 400 with a problem document (pakn.api.v1.problems) in the caller's
language: Vietnamese, or English when the request says ``Accept-Language: en``."""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from pakn.api.v1.problems import problem_response
from pakn.core.http import client_ip
from pakn.core.public_cache import public_cache_get_or_set
from pakn.core.query_time import QueryTimeout, public_query_time_limit
from pakn.core.typed_input import KnownCountPaginator, parse_decimal, parse_int
from pakn.reports.models import Report
from pakn.reports.public import (
    MAP_MAX_ZOOM,
    map_bbox_snap,
    report_public_get,
    reports_public_map,
)
from pakn.reports.search import PublicSearchForm, PublicSearchParams, report_code_from_query

MAP_CACHE_SECONDS = 300
SEARCH_CACHE_SECONDS = 300  # as the search page (pakn.portal.search_views)
BUSY_RETRY_AFTER_SECONDS = 30


class PublicApiThrottle(AnonRateThrottle):
    """Requests per minute from one address to the public API (DRF's cache-based counter)."""

    scope = "public_api"
    rate = f"{settings.PUBLIC_API_REQUESTS_PER_MINUTE}/minute"

    def get_ident(self, request):
        """The same address the login lockout counts (``client_ip``): DRF's own reads the
        client's X-Forwarded-For unless NUM_PROXIES is set, so a changed header escaped it."""
        return client_ip(request) or "unknown"


class PublicEndpoint(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []  # the same answer for everyone; no session, no CSRF
    throttle_classes = [PublicApiThrottle]

    def handle_exception(self, exc):
        """A query cancelled by the public time limit (pakn.core.query_time): 503, not 500."""
        if isinstance(exc, QueryTimeout):
            return problem_response(
                status_code=503,
                kind="busy",
                detail=_(
                    "Hệ thống đang bận, yêu cầu cần quá nhiều thời gian nên đã được "
                    "dừng lại. Vui lòng thử lại sau hoặc thu hẹp tìm kiếm."
                ),
                headers={"Retry-After": str(BUSY_RETRY_AFTER_SECONDS)},
            )
        return super().handle_exception(exc)


def _search_params(query_params) -> PublicSearchParams:
    form = PublicSearchForm(query_params)
    if not form.is_valid():
        raise ValidationError(
            {
                "detail": _("Tham số tìm kiếm không hợp lệ."),
                "errors": {name: [str(e) for e in errors] for name, errors in form.errors.items()},
            }
        )
    return form.search_params()


# --- Serializers: every field named, none personal -------------------------------------------


class NamedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class PublicReportSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField(source="public_title")
    content = serializers.CharField(source="public_content")
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    sector = NamedSerializer(source="category", allow_null=True)
    commune = NamedSerializer(allow_null=True)
    handling_unit = NamedSerializer(source="current_unit", allow_null=True)
    submitted_at = serializers.DateTimeField(allow_null=True)
    answer_deadline = serializers.DateTimeField(allow_null=True)
    answered_at = serializers.DateTimeField(allow_null=True)
    is_late = serializers.BooleanField(allow_null=True)
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)
    url = serializers.SerializerMethodField()

    def get_url(self, report: Report) -> str:
        return self.context["request"].build_absolute_uri(
            reverse("portal:report", args=[report.code])
        )


def _photo_urls(request, code: str, photos) -> list[dict]:
    return [
        {
            "url": request.build_absolute_uri(reverse("portal:report-photo", args=[code, p.pk])),
            "thumbnail_url": request.build_absolute_uri(
                reverse("portal:report-photo-thumbnail", args=[code, p.pk])
            ),
        }
        for p in photos
    ]


class PhotoSerializer(serializers.Serializer):
    url = serializers.URLField()
    thumbnail_url = serializers.URLField()


class PublicAnswerSerializer(serializers.Serializer):
    unit = serializers.CharField()
    content = serializers.CharField()
    published_at = serializers.DateTimeField(allow_null=True)
    photos = PhotoSerializer(many=True)


class PublicRatingSerializer(serializers.Serializer):
    value = serializers.CharField()
    value_label = serializers.CharField()
    comment = serializers.CharField(allow_blank=True)


class PublicReportDetailSerializer(PublicReportSerializer):
    photos = PhotoSerializer(many=True)
    answers = PublicAnswerSerializer(many=True)
    rating = PublicRatingSerializer(allow_null=True)


class MapPointSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    status = serializers.CharField()
    lat = serializers.FloatField()
    lng = serializers.FloatField()
    url = serializers.CharField()


class MapClusterSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    lat = serializers.FloatField()
    lng = serializers.FloatField()
    bounds = serializers.ListField(child=serializers.ListField(child=serializers.FloatField()))


class MapSerializer(serializers.Serializer):
    zoom = serializers.IntegerField()
    clusters = MapClusterSerializer(many=True)
    points = MapPointSerializer(many=True)


# --- Endpoints -------------------------------------------------------------------------------

SEARCH_PARAMETERS = [
    OpenApiParameter("q", str, description="Mã số PAKN hoặc từ khóa (có dấu hoặc không dấu)"),
    OpenApiParameter("sector", int, description="Lĩnh vực (gồm cả lĩnh vực con)"),
    OpenApiParameter("unit", int, description="Cơ quan, đơn vị xử lý (gồm cả đơn vị trực thuộc)"),
    OpenApiParameter("commune", int, description="Xã, phường, đặc khu"),
    OpenApiParameter("date_from", OpenApiTypes.DATE, description="Gửi từ ngày"),
    OpenApiParameter("date_to", OpenApiTypes.DATE, description="Gửi đến ngày"),
    OpenApiParameter("status", str, description="Trạng thái"),
    OpenApiParameter("sort", str, enum=["relevance", "newest", "oldest"]),
]


class PublicReportPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    count_capped = serializers.BooleanField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = PublicReportSerializer(many=True)


class PublicPagination(PageNumberPagination):
    """Pages over a capped count (pakn.reports.search.RESULTS_CAP): ``count`` stops at the cap
    and ``count_capped`` says that more reports match."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def __init__(self, *, count: int, more: bool):
        self.known_count, self.more = count, more

    def django_paginator_class(self, queryset, page_size):
        return KnownCountPaginator(queryset, page_size, count=self.known_count)

    def paginate_queryset(self, queryset, request, view=None):
        for name in ("page", "page_size"):
            raw = request.query_params.get(name)
            if raw is None:
                continue
            try:
                parse_int(raw, minimum=1)
            except DjangoValidationError:
                raise ValidationError(
                    {"detail": _("Tham số không hợp lệ."), name: [_("Phải là số nguyên dương.")]}
                ) from None
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound:
            raise ValidationError(
                {"detail": _("Tham số không hợp lệ."), "page": [_("Không có trang này.")]}
            ) from None

    def get_paginated_data(self, data) -> dict:
        return {
            "count": self.page.paginator.count,
            "count_capped": self.more,
            "next": self.get_next_link(),
            "previous": self.get_previous_link(),
            "results": data,
        }


class PublicReportList(PublicEndpoint):
    @extend_schema(
        operation_id="public_reports_list",
        summary="Tra cứu phản ánh, kiến nghị đã công khai",
        parameters=[
            *SEARCH_PARAMETERS,
            OpenApiParameter("page", int),
            OpenApiParameter("page_size", int, description="Tối đa 100"),
        ],
        responses=PublicReportPageSerializer,
    )
    @public_query_time_limit()
    def get(self, request):
        params = _search_params(request.query_params)

        def compute() -> dict:
            count, more = params.count()
            paginator = PublicPagination(count=count, more=more)
            page = paginator.paginate_queryset(params.search(), request, view=self)
            data = PublicReportSerializer(page, many=True, context={"request": request}).data
            return paginator.get_paginated_data(data)

        # Cached like the search page, under the same public-cache version: the answer
        # depends on the parameters, the page, the language and the host (absolute URLs).
        parts = (
            params,
            request.query_params.get("page"),
            request.query_params.get("page_size"),
            get_language(),
            request.build_absolute_uri("/"),
        )
        key = hashlib.sha256(repr(parts).encode()).hexdigest()
        return Response(public_cache_get_or_set(f"api-search:{key}", compute, SEARCH_CACHE_SECONDS))


class PublicReportDetail(PublicEndpoint):
    @extend_schema(
        operation_id="public_report_retrieve",
        summary="Một phản ánh, kiến nghị đã công khai",
        responses=PublicReportDetailSerializer,
    )
    @public_query_time_limit()
    def get(self, request, code: str):
        canonical = report_code_from_query(code)
        try:
            if canonical is None:
                raise Report.DoesNotExist
            page = public_cache_get_or_set(
                f"report:{canonical}", lambda: report_public_get(code=canonical)
            )
        except Report.DoesNotExist:
            raise NotFound(_("Không có phản ánh, kiến nghị công khai với mã số này.")) from None
        report = page.report
        data = PublicReportSerializer(report, context={"request": request}).data
        data["photos"] = _photo_urls(request, report.code, page.photos)
        data["answers"] = PublicAnswerSerializer(
            [
                {
                    "unit": answer.unit.name,
                    "content": answer.content,
                    "published_at": answer.published_at,
                    "photos": _photo_urls(request, report.code, answer.public_photos),
                }
                for answer in page.answers
            ],
            many=True,
        ).data
        data["rating"] = (
            {
                "value": page.rating.value,
                "value_label": page.rating.get_value_display(),
                "comment": page.rating.comment,
            }
            if page.rating
            else None
        )
        return Response(data)


class MapQuerySerializer(serializers.Serializer):
    """The map's own parameters; messages are looked up when the request is checked, in the
    request's language."""

    bbox = serializers.CharField(required=False, help_text="west,south,east,north")
    zoom = serializers.CharField(required=False)

    def validate_bbox(self, value: str) -> tuple[float, float, float, float]:
        message = _("bbox phải gồm 4 số: tây,nam,đông,bắc (kinh độ, vĩ độ).")
        parts = value.split(",")
        if len(parts) != 4:
            raise serializers.ValidationError(message)
        try:
            west, south, east, north = (float(parse_decimal(part)) for part in parts)
        except DjangoValidationError:
            raise serializers.ValidationError(message) from None
        if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
            raise serializers.ValidationError(message)
        return west, south, east, north

    def validate_zoom(self, value: str) -> int:
        try:
            return parse_int(value, minimum=0, maximum=MAP_MAX_ZOOM)
        except DjangoValidationError:
            raise serializers.ValidationError(
                _("zoom phải là số nguyên từ 0 đến %(max)d.") % {"max": MAP_MAX_ZOOM}
            ) from None

    def validate(self, attrs):
        missing = {
            name: [_("Thiếu tham số %(name)s.") % {"name": name}]
            for name in ("bbox", "zoom")
            if name not in attrs
        }
        if missing:
            raise serializers.ValidationError(missing)
        return attrs


class PublicMap(PublicEndpoint):
    @extend_schema(
        summary="Phản ánh, kiến nghị trên bản đồ, gom cụm theo mức phóng",
        parameters=[
            OpenApiParameter("bbox", str, required=True, description="tây,nam,đông,bắc"),
            OpenApiParameter("zoom", int, required=True, description=f"0 đến {MAP_MAX_ZOOM}"),
            *SEARCH_PARAMETERS,
        ],
        responses=MapSerializer,
    )
    @public_query_time_limit()
    def get(self, request):
        query = MapQuerySerializer(data=request.query_params)
        if not query.is_valid():
            raise ValidationError({"detail": _("Tham số không hợp lệ."), **query.errors})
        params = _search_params(request.query_params)
        zoom = query.validated_data["zoom"]
        bbox = map_bbox_snap(query.validated_data["bbox"], zoom)
        key = hashlib.sha256(repr((zoom, bbox, params)).encode()).hexdigest()
        data = public_cache_get_or_set(
            f"map:{key}",
            lambda: reports_public_map(bbox=bbox, zoom=zoom, params=params),
            MAP_CACHE_SECONDS,
        )
        template = reverse("portal:report", args=["CODE"])
        points = [{**p, "url": template.replace("CODE", p["code"])} for p in data["points"]]
        return Response({**data, "points": points})
