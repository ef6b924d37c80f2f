"""Cursor pagination for the REST API's lists: ``next`` and ``previous`` are links with an
opaque ``cursor``; pages stay stable while new rows arrive and no page counts the whole list
(a citizen's or an officer's list may be long). A cursor that was not made here is a 400."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination

from pakn.core.typed_input import parse_int


class NewestFirstCursor(CursorPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    ordering = ("-created_at", "-id")
    invalid_cursor_message = "invalid cursor"

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        try:
            return parse_int(raw, minimum=1, maximum=self.max_page_size)
        except DjangoValidationError:
            raise ValidationError(
                {"page_size": [_("Phải là số nguyên từ 1 đến %(max)d.") % {"max": 100}]}
            ) from None

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound:
            raise ValidationError({"cursor": [_("Con trỏ trang (cursor) không hợp lệ.")]}) from None


def cursor_page_of(serializer_class, name: str):
    """The OpenAPI shape of one cursor page of ``serializer_class``."""
    return inline_serializer(
        name,
        {
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": serializer_class(many=True),
        },
    )
