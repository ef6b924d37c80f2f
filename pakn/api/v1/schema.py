"""The OpenAPI description's shared parts: every operation of the REST API also documents
the problem documents (RFC 9457) it may answer with, so that a client, and the schemathesis
test, know every answer's shape."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import (
    build_array_type,
    build_basic_type,
    build_bearer_security_scheme_object,
    build_object_type,
)
from drf_spectacular.types import OpenApiTypes

PROBLEM_SCHEMA = build_object_type(
    properties={
        "type": build_basic_type(OpenApiTypes.STR),
        "title": build_basic_type(OpenApiTypes.STR),
        "status": build_basic_type(OpenApiTypes.INT),
        "detail": build_basic_type(OpenApiTypes.STR),
        "errors": build_object_type(
            additionalProperties=build_array_type(build_basic_type(OpenApiTypes.STR)),
            description="Lỗi theo từng trường",
        ),
        "report": build_object_type(
            properties={
                "code": build_basic_type(OpenApiTypes.STR),
                "status": build_basic_type(OpenApiTypes.STR),
                "status_label": build_basic_type(OpenApiTypes.STR),
            },
            description="Trạng thái hiện tại của phản ánh (khi phản ánh đã thay đổi)",
        ),
    },
    required=["type", "title", "status", "detail"],
    description="RFC 9457 problem details",
)
PROBLEM_STATUSES = {
    "400": "Dữ liệu không hợp lệ",
    "401": "Chưa đăng nhập hoặc mã đăng nhập hết hạn",
    "403": "Không có quyền",
    "404": "Không tìm thấy",
    "405": "Phương thức không được hỗ trợ",
    "406": "Không trả lời được theo định dạng yêu cầu",
    "409": "Phản ánh đã thay đổi trạng thái",
    "413": "Dữ liệu quá lớn",
    "415": "Kiểu dữ liệu không được hỗ trợ",
    "422": "Khóa Idempotency-Key đã dùng cho nội dung khác",
    "429": "Quá nhiều yêu cầu (xem Retry-After)",
    "503": "Hệ thống đang bận",
}


class ProblemAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction=direction)
        if not self.path.startswith("/api/"):
            return responses
        for code, description in PROBLEM_STATUSES.items():
            responses.setdefault(
                code,
                {
                    "content": {
                        "application/problem+json": {"schema": PROBLEM_SCHEMA},
                        "application/json": {"schema": PROBLEM_SCHEMA},
                    },
                    "description": description,
                },
            )
        return responses


class AppTokenScheme(OpenApiAuthenticationExtension):
    """``Authorization: Token …`` (django-rest-knox, pakn.api.v1.authentication)."""

    target_class = "pakn.api.v1.authentication.AppTokenAuthentication"
    name = "appToken"

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(
            header_name="Authorization",
            token_prefix="Token",  # noqa: S106 - a scheme name
        )
