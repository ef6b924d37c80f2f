"""Errors of the REST API as RFC 9457 problem details (``application/problem+json``):
``type``, ``title``, ``status``, ``detail`` and, for bad input, ``errors`` by field. Texts
are Vietnamese, English with ``Accept-Language: en`` (the request's active language).

DRF's own handler turns its exceptions (and Django's Http404 and PermissionDenied) into a
response first; this one reshapes every such response, so that no endpoint writes an error
body by hand. The workflow's refusals are mapped in ``workflow_problem`` alone."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import APIView, exception_handler

from pakn.reports.refusals import FORBIDDEN, action_refusal
from pakn.reports.workflow import StaleReport, TransitionNotAllowed, WorkflowError

PROBLEM_CONTENT_TYPE = "application/problem+json"
# A problem type names the kind of refusal for programs; "about:blank" means "the HTTP
# status says it all" (RFC 9457 §4.2.1).
TYPE_PREFIX = "urn:pakn:problem:"


def _titles() -> dict[int, str]:
    # Looked up at each call: the titles follow the request's language.
    return {
        400: _("Yêu cầu không hợp lệ"),
        401: _("Chưa đăng nhập"),
        403: _("Không có quyền"),
        404: _("Không tìm thấy"),
        405: _("Phương thức không được hỗ trợ"),
        406: _("Không trả lời được theo định dạng yêu cầu"),
        409: _("Phản ánh đã thay đổi"),
        413: _("Dữ liệu gửi lên quá lớn"),
        415: _("Kiểu dữ liệu không được hỗ trợ"),
        422: _("Không xử lý được yêu cầu"),
        429: _("Quá nhiều yêu cầu"),
        503: _("Hệ thống đang bận"),
    }


class Problem(exceptions.APIException):
    """A refusal with its own problem type and extra members (e.g. the report's state)."""

    def __init__(self, *, status_code: int, kind: str, detail: str, headers=None, **extra):
        super().__init__(detail=detail)
        self.status_code = status_code
        self.kind = kind
        self.headers = headers or {}
        self.extra = extra


def problem_response(
    *, status_code: int, detail: str, kind: str = "", headers=None, **extra
) -> Response:
    body = {
        "type": f"{TYPE_PREFIX}{kind}" if kind else "about:blank",
        "title": _titles().get(status_code, _("Lỗi")),
        "status": status_code,
        "detail": detail,
        **extra,
    }
    return Response(body, status=status_code, headers=headers, content_type=PROBLEM_CONTENT_TYPE)


def _flatten(errors, prefix: str = "") -> dict[str, list[str]]:
    """Field errors as ``{"field": ["message", …]}``; nested fields as ``"a.b"``, items of a
    list as ``"a.0"``; errors not tied to a field under ``"non_field_errors"``."""
    flat: dict[str, list[str]] = {}
    if isinstance(errors, dict):
        for name, value in errors.items():
            key = f"{prefix}.{name}" if prefix else str(name)
            for field, messages in _flatten(value, key).items():
                flat.setdefault(field, []).extend(messages)
    elif isinstance(errors, list | tuple):
        if all(not isinstance(item, dict | list | tuple) for item in errors):
            flat[prefix or "non_field_errors"] = [str(item) for item in errors]
        else:
            for index, item in enumerate(errors):
                key = f"{prefix}.{index}" if prefix else str(index)
                for field, messages in _flatten(item, key).items():
                    flat.setdefault(field, []).extend(messages)
    else:
        flat[prefix or "non_field_errors"] = [str(errors)]
    return flat


def _validation_problem(exc: exceptions.ValidationError) -> Response:
    """A serializer's or form's errors; an endpoint may name the whole refusal with a
    ``detail`` of its own beside the fields (``{"detail": …, "errors": {…}}``)."""
    data, given = exc.detail, None
    if isinstance(data, dict):
        data = dict(data)
        given = data.pop("detail", None)
        nested = data.pop("errors", None)
        if isinstance(nested, dict):
            data.update(nested)
    errors = _flatten(data) if data else {}
    if given:
        detail = str(given[0] if isinstance(given, list) else given)
    elif len(errors) == 1 and next(iter(errors.values())):
        detail = next(iter(errors.values()))[0]  # one mistake: say it in the detail too
    else:
        detail = _("Dữ liệu gửi lên không hợp lệ.")
    return problem_response(status_code=400, kind="invalid-input", detail=detail, errors=errors)


def workflow_problem(exc: Exception, *, report=None) -> Problem:
    """The workflow's refusals as problem details: the status and the person's message are
    pakn.reports.refusals.action_refusal's, the same as the pages' (409 the report moved on,
    400 not now or not this input, 403 not this person); the API adds a machine-readable
    ``kind`` and, except for 403, the report's current state."""
    if not isinstance(exc, WorkflowError | DjangoPermissionDenied):
        raise exc
    refusal = action_refusal(exc)
    if refusal.status == FORBIDDEN:
        return Problem(status_code=FORBIDDEN, kind="forbidden", detail=refusal.detail)
    if isinstance(exc, StaleReport):
        kind = "report-moved-on"
    elif isinstance(exc, TransitionNotAllowed):
        kind = "action-not-allowed-now"
    else:
        kind = "refused"
    state = {}
    if report is not None:
        report.refresh_from_db(fields=["status"])
        state = {
            "report": {
                "code": report.code,
                "status": report.status,
                "status_label": report.get_status_display(),
            }
        }
    return Problem(status_code=refusal.status, kind=kind, detail=refusal.detail, **state)


def problem_exception_handler(exc, context):
    if isinstance(exc, WorkflowError | DjangoPermissionDenied) and not isinstance(
        exc, exceptions.APIException
    ):
        if isinstance(exc, WorkflowError):
            exc = workflow_problem(exc)
        else:
            exc = exceptions.PermissionDenied(_("Ông/bà không có quyền thực hiện thao tác này."))
    response = exception_handler(exc, context)
    if response is None:
        return None
    headers = {name: value for name, value in response.items() if name in ("Retry-After", "Allow")}
    if "WWW-Authenticate" in response:
        headers["WWW-Authenticate"] = response["WWW-Authenticate"]
    if isinstance(exc, Problem):
        headers.update(exc.headers)
        result = problem_response(
            status_code=exc.status_code, kind=exc.kind, detail=str(exc.detail), **exc.extra
        )
    elif isinstance(exc, exceptions.ValidationError):
        result = _validation_problem(exc)
    elif isinstance(exc, exceptions.Throttled):
        wait = max(1, int(exc.wait or 1))
        headers["Retry-After"] = str(wait)
        result = problem_response(
            status_code=429,
            kind="throttled",
            detail=_("Ông/bà đã gửi quá nhiều yêu cầu. Vui lòng thử lại sau %(seconds)d giây.")
            % {"seconds": wait},
        )
    else:
        detail = response.data.get("detail", "") if isinstance(response.data, dict) else ""
        if str(detail) == str(getattr(exc, "default_detail", None)) or (
            isinstance(exc, exceptions.MethodNotAllowed | exceptions.UnsupportedMediaType)
        ):
            request = context.get("request")
            detail = _own_words(exc, getattr(request, "method", "")) or detail
        result = problem_response(
            status_code=response.status_code,
            detail=str(detail) or _titles().get(response.status_code, ""),
            kind=_kind_of(exc),
        )
    for name, value in headers.items():
        result[name] = value
    return result


def _own_words(exc, method: str) -> str:
    """DRF's default messages (English only) in the site's language."""
    if isinstance(exc, exceptions.NotAuthenticated):
        return _("Vui lòng đăng nhập: gửi mã đăng nhập trong tiêu đề “Authorization: Token …”.")
    if isinstance(exc, exceptions.AuthenticationFailed):
        return _("Mã đăng nhập (token) không hợp lệ hoặc đã hết hạn.")
    if isinstance(exc, exceptions.PermissionDenied):
        return _("Ông/bà không có quyền thực hiện thao tác này.")
    if isinstance(exc, exceptions.NotFound):
        return _("Không tìm thấy.")
    if isinstance(exc, exceptions.MethodNotAllowed):
        return _("Địa chỉ này không nhận phương thức %(method)s.") % {"method": method}
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return _("Kiểu dữ liệu gửi lên không được hỗ trợ: hãy gửi JSON hoặc multipart/form-data.")
    if isinstance(exc, exceptions.ParseError):
        return _("Nội dung gửi lên không đọc được (JSON sai cú pháp?).")
    if isinstance(exc, exceptions.NotAcceptable):
        return _("Không trả lời được theo định dạng yêu cầu: API trả lời JSON.")
    return ""


def _kind_of(exc) -> str:
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        return "not-authenticated"
    if isinstance(exc, exceptions.PermissionDenied):
        return "forbidden"
    return ""


class NoSuchEndpoint(APIView):
    """Any address under /api/v1/ that names no endpoint: a 404 problem document for any
    method, rather than the site's HTML page (an app reads JSON whatever it asked for)."""

    authentication_classes: list = []
    permission_classes: list = []
    throttle_classes: list = []
    schema = None  # not an endpoint of the description

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        raise exceptions.NotFound(_("Không có địa chỉ API này."))

    def http_method_not_allowed(self, request, *args, **kwargs):
        raise exceptions.NotFound(_("Không có địa chỉ API này."))
