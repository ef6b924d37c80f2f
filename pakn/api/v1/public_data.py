"""The public reference data of the REST API (no account, throttled per address like the
public search): sectors, units, areas, the statistics table, announcements. Each reads the
selector its page reads, through the same public cache; nothing personal is in any answer
(units without their contacts, announcements without their authors)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from pakn.api.public import PublicEndpoint
from pakn.api.v1.inputs import form_errors
from pakn.api.v1.pagination import NewestFirstCursor, cursor_page_of
from pakn.core.public_cache import public_cache_get_or_set
from pakn.core.query_time import public_query_time_limit
from pakn.core.typed_input import ID_MAX, parse_int
from pakn.organisations.models import AdministrativeArea, Unit
from pakn.organisations.selectors import categories_public_list
from pakn.portal.content_selectors import announcements_published
from pakn.portal.models import Announcement, AnnouncementKind
from pakn.statistics.forms import StatisticsFilterForm
from pakn.statistics.selectors import COLUMNS, VIEW_UNIT, VIEWS, statistics_table

REFERENCE_CACHE_SECONDS = 300
STATISTICS_CACHE_SECONDS = 60  # as the statistics page: lateness moves with time


class SectorSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    default_answer_days = serializers.IntegerField()
    sub_sectors = inline_serializer(
        "SubSector",
        {"id": serializers.IntegerField(), "code": serializers.CharField(),
         "name": serializers.CharField()},
        many=True,
    )  # fmt: skip


class Sectors(PublicEndpoint):
    @extend_schema(summary="Lĩnh vực và lĩnh vực con", responses=SectorSerializer(many=True),
                   tags=["Công khai"])  # fmt: skip
    def get(self, request):
        def compute():
            return [
                {
                    "id": c.pk, "code": c.code, "name": c.name,
                    "default_answer_days": c.default_answer_days,
                    "sub_sectors": [{"id": s.pk, "code": s.code, "name": s.name}
                                    for s in c.active_children],
                }
                for c in categories_public_list()
            ]  # fmt: skip

        data = public_cache_get_or_set("api:sectors", compute, REFERENCE_CACHE_SECONDS)
        return Response(SectorSerializer(data, many=True).data)


class UnitSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    short_name = serializers.CharField(allow_blank=True)
    kind = serializers.CharField()
    parent = serializers.IntegerField(allow_null=True)


class Units(PublicEndpoint):
    @extend_schema(
        summary="Cơ quan, đơn vị xử lý (cây đơn vị)",
        responses=UnitSerializer(many=True),
        tags=["Công khai"],
    )
    def get(self, request):
        def compute():
            units = Unit.objects.filter(is_active=True).order_by("path")
            by_path = {u.path: u.pk for u in units}
            return [
                {
                    "id": u.pk, "code": u.code, "name": u.name, "short_name": u.short_name,
                    "kind": u.kind, "parent": by_path.get(u.path[: -Unit.steplen]) if u.depth > 1
                    else None,
                }
                for u in units
            ]  # fmt: skip

        data = public_cache_get_or_set("api:units", compute, REFERENCE_CACHE_SECONDS)
        return Response(UnitSerializer(data, many=True).data)


class AreaSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    level = serializers.CharField()
    division_type = serializers.CharField()


class Areas(PublicEndpoint):
    @extend_schema(
        summary="Địa bàn: tỉnh, thành phố; hoặc xã, phường, đặc khu của một tỉnh",
        parameters=[
            OpenApiParameter("province", int, description="Mã (id) tỉnh: trả về xã, phường")
        ],
        responses=AreaSerializer(many=True),
        tags=["Công khai"],
    )
    def get(self, request):
        raw = request.query_params.get("province")
        province_id = None
        if raw not in (None, ""):
            try:
                province_id = parse_int(raw, minimum=1, maximum=ID_MAX)
            except DjangoValidationError:
                raise ValidationError({"province": [_("Phải là số nguyên dương.")]}) from None

        def compute():
            areas = AdministrativeArea.objects.filter(is_active=True)
            if province_id is None:
                areas = areas.filter(level="province")
            else:
                areas = areas.filter(parent_id=province_id)
            return list(
                areas.order_by("name").values("id", "code", "name", "level", "division_type")
            )

        data = public_cache_get_or_set(f"api:areas:{province_id}", compute, REFERENCE_CACHE_SECONDS)
        return Response(AreaSerializer(data, many=True).data)


# One line of the table: its label and the page's columns (pakn.statistics.selectors.COLUMNS).
StatisticsLineSerializer = type(
    "StatisticsLineSerializer",
    (serializers.Serializer,),
    {
        "key": serializers.CharField(),
        "label": serializers.CharField(),
        "unit_id": serializers.IntegerField(allow_null=True),
        **{name: serializers.IntegerField() for name in COLUMNS},
    },
)


class StatisticsTableSerializer(serializers.Serializer):
    view = serializers.ChoiceField(choices=list(VIEWS))
    lines = StatisticsLineSerializer(many=True)
    totals = StatisticsLineSerializer()


def _line(line) -> dict:
    return {"key": line.key, "label": str(line.label), "unit_id": line.unit_id,
            **{name: getattr(line, name) for name in COLUMNS}}  # fmt: skip


class Statistics(PublicEndpoint):
    @extend_schema(
        summary="Bảng thống kê kết quả tiếp nhận, xử lý (như trang Thống kê)",
        parameters=[
            OpenApiParameter(
                "view", str, enum=list(VIEWS), description="Theo đơn vị, lĩnh vực hoặc xã, phường"
            ),  # fmt: skip
            OpenApiParameter("period", str),
            OpenApiParameter("date_from", OpenApiTypes.DATE),
            OpenApiParameter("date_to", OpenApiTypes.DATE),
            OpenApiParameter("sector", int),
            OpenApiParameter("commune", int),
            OpenApiParameter("unit", int),
            OpenApiParameter("scope", str, enum=["subtree", "unit"]),
        ],
        responses=StatisticsTableSerializer,
        tags=["Công khai"],
    )
    @public_query_time_limit()
    def get(self, request):
        view = request.query_params.get("view") or VIEW_UNIT
        if view not in VIEWS:
            raise ValidationError({"view": [_("Chọn một trong: %(views)s.") % {
                "views": ", ".join(VIEWS)}]})  # fmt: skip
        form = StatisticsFilterForm(request.query_params)
        if not form.is_valid():
            raise ValidationError(form_errors(form))
        filters = form.filters()
        table = public_cache_get_or_set(
            f"statistics:table:{view}:{filters.cache_key()}",
            lambda: statistics_table(filters=filters, view=view),
            STATISTICS_CACHE_SECONDS,
        )
        return Response(
            {
                "view": table.view,
                "lines": [_line(line) for line in table.lines],
                "totals": _line(table.totals),
            }  # fmt: skip
        )


class AnnouncementSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    summary = serializers.CharField(allow_blank=True)
    publish_at = serializers.DateTimeField()
    url = serializers.SerializerMethodField()

    def get_url(self, announcement) -> str:
        return self.context["request"].build_absolute_uri(
            reverse("portal:announcement", args=[announcement.slug])
        )


class AnnouncementDetailSerializer(AnnouncementSerializer):
    body = serializers.CharField(help_text="HTML đã được làm sạch")


class AnnouncementCursor(NewestFirstCursor):
    ordering = ("-publish_at", "-id")


class Announcements(PublicEndpoint):
    @extend_schema(
        operation_id="public_announcements_list",
        summary="Tin tức, thông báo đã đăng",
        parameters=[
            OpenApiParameter("kind", str, enum=AnnouncementKind.values),
            OpenApiParameter("cursor", str),
            OpenApiParameter("page_size", int),
        ],
        responses=cursor_page_of(AnnouncementSerializer, "AnnouncementPage"),
        tags=["Công khai"],
    )
    def get(self, request):
        kind = request.query_params.get("kind") or None
        if kind is not None and kind not in AnnouncementKind.values:
            raise ValidationError({"kind": [_("Loại tin không hợp lệ.")]})
        paginator = AnnouncementCursor()
        page = paginator.paginate_queryset(announcements_published(kind=kind), request, self)
        data = AnnouncementSerializer(page, many=True, context={"request": request}).data
        return paginator.get_paginated_response(data)


class AnnouncementDetail(PublicEndpoint):
    @extend_schema(
        operation_id="public_announcement_retrieve",summary="Một tin tức, thông báo", responses=AnnouncementDetailSerializer,
                   tags=["Công khai"])  # fmt: skip
    def get(self, request, slug: str):
        announcement = get_object_or_404(Announcement.objects.published(), slug=slug)
        return Response(
            AnnouncementDetailSerializer(announcement, context={"request": request}).data
        )
