"""Officers (/api/v1/desk/ and /api/v1/reports/{code}/actions/{action}/): the inbox with the
tabs, counts and filters of /can-bo/phan-anh/, one report's desk, every workflow action, the
exchange with the reporter and the report's files.

Everything is read with the desk's own selectors (pakn.backoffice.desk.selectors) and every
action's input with the desk's own form (pakn.backoffice.desk.forms), then applied by
``report_apply``: an officer reaches through the API exactly what the pages let them reach.
A report the officer may not see is a 404; an action their role does not allow, a 403; an
action the report's state no longer allows, or a report that moved on since the officer
looked (``expected_status``), the refusal of ``workflow_problem`` with the current state."""

import datetime

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from pakn.accounts.models import AccountType
from pakn.api.v1.inputs import form_data, form_errors
from pakn.api.v1.problems import workflow_problem
from pakn.api.v1.serializers import (
    AnswerSerializer,
    AttachmentSerializer,
    EventSerializer,
    MessageSerializer,
    NamedSerializer,
    RatingSerializer,
    events_of,
)
from pakn.backoffice.desk.forms import ACTION_FORMS, InboxFilterForm
from pakn.backoffice.desk.inbox_query import inbox_filters_from_form
from pakn.backoffice.desk.selectors import (
    TABS,
    TIMELINESS_FILTERS,
    capped_count,
    deadline_limits,
    deadline_state,
    inbox_count_label,
    inbox_counts,
    inbox_default_tab,
    inbox_reports,
    inbox_tabs_for,
    officer_scope,
    report_for_desk,
)
from pakn.core.http import client_ip
from pakn.core.pagination import lookahead_page
from pakn.organisations.models import MembershipRole
from pakn.reports.forms import MessageForm
from pakn.reports.models import Answer, Attachment, Event, Message, Rating, Report
from pakn.reports.selectors import report_roles
from pakn.reports.services.actions import RATING_CHANGE_DAYS
from pakn.reports.services.attachments import (
    AttachmentRejected,
    attachment_download_name,
    attachments_stored,
)
from pakn.reports.services.exchange import (
    message_send_with_files,
    messages_mark_read,
)
from pakn.reports.workflow import (
    WorkflowError,
    report_action_check,
    report_actions_available,
    report_apply,
)

INBOX_PAGE_SIZE = 25  # as the desk's page
IDENTITY_ROLES = MembershipRole.COORDINATING
UNIT_ROLES = MembershipRole.HANDLING


class IsOfficer(IsAuthenticated):
    def has_permission(self, request, view):
        if not super().has_permission(request, view):
            return False
        if request.user.account_type != AccountType.OFFICER:
            raise PermissionDenied(_("Chức năng này dành cho cán bộ."))
        return True


class OfficerEndpoint(APIView):
    permission_classes = [IsOfficer]


# --- The inbox --------------------------------------------------------------------------------


class InboxTabSerializer(serializers.Serializer):
    slug = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    count_label = serializers.CharField()


class InboxRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    sector = NamedSerializer(allow_null=True)
    handling_unit = NamedSerializer(allow_null=True)
    submitted_at = serializers.DateTimeField(allow_null=True)
    deadline = serializers.DateTimeField(allow_null=True)
    deadline_state = serializers.ChoiceField(choices=["overdue", "soon", ""])


class InboxSerializer(serializers.Serializer):
    tabs = InboxTabSerializer(many=True)
    tab = serializers.CharField()
    total = serializers.IntegerField()
    total_label = serializers.CharField()
    page = serializers.IntegerField()
    has_next = serializers.BooleanField()
    results = InboxRowSerializer(many=True)


def _named(obj) -> dict | None:
    return {"id": obj.pk, "name": obj.name} if obj is not None else None


class Inbox(OfficerEndpoint):
    @extend_schema(
        summary="Hộp thư phản ánh của cán bộ: các thẻ theo vai trò, số lượng và bộ lọc",
        parameters=[
            OpenApiParameter(
                "tab", str, enum=[t.slug for t in TABS], description="Thẻ; mặc định theo vai trò"
            ),  # fmt: skip
            OpenApiParameter("q", str, description="Mã số hoặc từ khóa (có dấu hoặc không)"),
            OpenApiParameter("status", str),
            OpenApiParameter("category", int, description="Lĩnh vực"),
            OpenApiParameter("commune", int, description="Xã, phường, đặc khu"),
            OpenApiParameter("unit", int, description="Đơn vị xử lý"),
            OpenApiParameter("date_from", OpenApiTypes.DATE),
            OpenApiParameter("date_to", OpenApiTypes.DATE),
            OpenApiParameter("overdue", bool, description="Chỉ phản ánh quá hạn"),
            OpenApiParameter(
                "timeliness",
                str,
                enum=list(TIMELINESS_FILTERS),
                description="Tiến độ, như một ô của bảng điều khiển",
            ),  # fmt: skip
            OpenApiParameter(
                "coordinating_unit", int, description="Đơn vị tiếp nhận, điều phối (cả cấp dưới)"
            ),
            OpenApiParameter("sort", str, enum=["han-xu-ly", "moi-nhat", "cu-nhat"]),
            OpenApiParameter("page", int),
        ],
        responses=InboxSerializer,
        tags=["Cán bộ"],
    )
    def get(self, request):
        user = request.user
        scope = officer_scope(user)
        tabs = inbox_tabs_for(scope)
        slugs = {tab.slug for tab in tabs}
        filter_data = request.query_params.copy()
        for key in ("tab", "page"):
            filter_data.pop(key, None)
        tab = request.query_params.get("tab", "")
        if tab and tab not in slugs:
            raise ValidationError({"tab": [_("Không có thẻ này trong hộp thư của bạn.")]})
        if not tab:
            tab = "tat-ca" if any(filter_data.values()) else inbox_default_tab(scope)
        form = InboxFilterForm(filter_data)
        if not form.is_valid():
            raise ValidationError(form_errors(form))
        counts = inbox_counts(user, scope, tabs)
        reports = inbox_reports(user, scope, tab, inbox_filters_from_form(form))
        page = lookahead_page(reports, INBOX_PAGE_SIZE, request.query_params.get("page"))
        total = capped_count(reports)
        limits = deadline_limits()
        rows = []
        for report in page.object_list:
            deadline, state = deadline_state(report, limits)
            rows.append(
                {
                    "code": report.code,
                    "title": report.title,
                    "status": report.status,
                    "status_label": report.get_status_display(),
                    "sector": _named(report.category),
                    "handling_unit": _named(report.current_unit),
                    "submitted_at": report.submitted_at,
                    "deadline": deadline,
                    "deadline_state": state,
                }
            )
        return Response(
            InboxSerializer(
                {
                    "tabs": [
                        {
                            "slug": t.slug,
                            "label": str(t.label),
                            "count": counts.get(t.slug, 0),
                            "count_label": inbox_count_label(counts.get(t.slug, 0)),
                        }
                        for t in tabs
                    ],
                    "tab": tab,
                    "total": total,
                    "total_label": inbox_count_label(total),
                    "page": page.number,
                    "has_next": page.has_next,
                    "results": rows,
                }
            ).data
        )


# --- One report's desk ------------------------------------------------------------------------


class ReporterSerializer(serializers.Serializer):
    name = serializers.CharField(allow_null=True)
    username = serializers.CharField(allow_null=True)
    phone = serializers.CharField(allow_null=True)
    email = serializers.CharField(allow_null=True)


class DeskReportSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    content = serializers.CharField()
    kind = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    channel = serializers.CharField()
    sector = NamedSerializer(allow_null=True)
    commune = NamedSerializer(allow_null=True)
    address = serializers.CharField(allow_blank=True)
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)
    coordinating_unit = NamedSerializer(allow_null=True)
    handling_unit = NamedSerializer(allow_null=True)
    co_handling_units = NamedSerializer(many=True)
    reporter = ReporterSerializer(allow_null=True)
    submitted_at = serializers.DateTimeField(allow_null=True)
    routing_deadline = serializers.DateTimeField(allow_null=True)
    answer_deadline = serializers.DateTimeField(allow_null=True)
    extension_requested_days = serializers.IntegerField(allow_null=True)
    is_published = serializers.BooleanField()
    roles = serializers.ListField(child=serializers.CharField())
    actions = serializers.ListField(child=serializers.CharField())
    attachments = AttachmentSerializer(many=True)
    timeline = EventSerializer(many=True)
    answers = AnswerSerializer(many=True)
    exchange = MessageSerializer(many=True)
    rating = RatingSerializer(allow_null=True)


def _reporter(report: Report, roles: set[str]) -> dict | None:
    """The desk page's rule: the coordinator sees who sent it; a unit sees the name unless the
    citizen asked to hide it, never the contacts."""
    reporter = report.reporter
    if roles & IDENTITY_ROLES:
        return {
            "name": reporter.display_name,
            "username": reporter.username,
            "phone": reporter.phone_display if reporter.phone else None,
            "email": reporter.email or None,
        }
    if report.hide_reporter_name:
        return None
    return {"name": reporter.display_name, "username": None, "phone": None, "email": None}


def _desk_detail(request, report: Report) -> dict:
    user = request.user
    roles = report_roles(user, report)
    context = {"request": request, "desk_code": report.code}
    events = Event.objects.filter(report=report).select_related("actor_unit")
    rating = Rating.objects.filter(report=report).first()
    answers = (
        Answer.objects.filter(report=report)
        .select_related("unit")
        .prefetch_related("attachments")
        .order_by("-created_at")
    )
    messages = (
        Message.objects.filter(report=report)
        .select_related("author_unit")
        .prefetch_related("attachments")
        .order_by("created_at", "id")
    )
    data = {
        "code": report.code,
        "title": report.title,
        "content": report.content,
        "kind": report.kind,
        "status": report.status,
        "status_label": report.get_status_display(),
        "channel": report.channel,
        "sector": _named(report.category),
        "commune": _named(report.commune),
        "address": report.address,
        "latitude": report.latitude,
        "longitude": report.longitude,
        "coordinating_unit": _named(report.coordinating_unit),
        "handling_unit": _named(report.current_unit),
        "co_handling_units": [_named(u) for u in report.co_handling_units.all()],
        "reporter": _reporter(report, roles),
        "submitted_at": report.submitted_at,
        "routing_deadline": report.routing_deadline,
        "answer_deadline": report.answer_deadline,
        "extension_requested_days": report.extension_requested_days,
        "is_published": report.is_published,
        "roles": sorted(roles),
        "actions": [
            a for a in dict.fromkeys(report_actions_available(user, report)) if a in ACTION_FORMS
        ],
        "attachments": Attachment.objects.filter(report=report).order_by("id"),
        "timeline": events_of(events, report),
        "answers": answers,
        "exchange": messages,
        "rating": None,
    }
    if rating is not None:
        data["rating"] = {
            "value": rating.value,
            "get_value_display": rating.get_value_display(),
            "comment": rating.comment,
            "created_at": rating.created_at,
            "changeable_until": rating.created_at + datetime.timedelta(days=RATING_CHANGE_DAYS),
        }
    return DeskReportSerializer(data, context=context).data


class DeskReport(OfficerEndpoint):
    @extend_schema(
        summary="Trang xử lý một phản ánh: toàn bộ nội dung, tiến trình kể cả nội bộ, trao đổi "
        "và các thao tác cán bộ được làm lúc này",
        responses=DeskReportSerializer,
        tags=["Cán bộ"],
    )
    def get(self, request, code: str):
        report = report_for_desk(request.user, code)
        if report_roles(request.user, report) & UNIT_ROLES:
            messages_mark_read(report=report, reader=request.user)
        return Response(_desk_detail(request, report))


# --- Workflow actions -------------------------------------------------------------------------

ActionInputSerializer = inline_serializer(
    "ActionInput",
    {
        "expected_status": serializers.CharField(
            required=False,
            help_text="Trạng thái cán bộ đã thấy; khác trạng thái hiện tại thì trả 409",
        ),
        "unit": serializers.IntegerField(
            required=False, help_text="forward, forward_up, forward_sub_unit, add_co_handler"
        ),  # fmt: skip
        "opinion": serializers.CharField(required=False, help_text="give_opinion"),
        "adopted": serializers.ChoiceField(
            choices=["1", "0"],
            required=False,
            help_text="submit_answer của đề xuất, sáng kiến: 1 tiếp thu, 0 không tiếp thu",
        ),  # fmt: skip
        "note": serializers.CharField(required=False),
        "reason": serializers.CharField(required=False),
        "details": serializers.CharField(required=False),
        "kind": serializers.CharField(required=False),
        "category": serializers.IntegerField(required=False),
        "commune": serializers.IntegerField(required=False),
        "original_code": serializers.CharField(required=False),
        "question": serializers.CharField(required=False),
        "days": serializers.IntegerField(required=False),
        "decision": serializers.ChoiceField(choices=["approve", "refuse"], required=False),
        "content": serializers.CharField(required=False),
        "public_title": serializers.CharField(required=False),
        "public_content": serializers.CharField(required=False),
        "attachments": serializers.ListField(child=serializers.FileField(), required=False),
    },
)


def _precheck(user, report: Report, action: str, seen_status: str) -> None:
    """The workflow's refusals before the action's form is read, in its order: the report
    moved on (409), the action does not fit its state (400), the officer's role does not
    allow it (403) — asked of report_action_check, never decided here."""
    try:
        report_action_check(
            report=report, action=action, actor=user, expected_status=seen_status or None
        )
    except (WorkflowError, DjangoPermissionDenied) as error:
        raise workflow_problem(error, report=report) from None


def _stale_message(report: Report) -> str:
    return _(
        "Phản ánh này vừa được người khác xử lý và đã chuyển sang trạng thái “%(status)s”."
    ) % {"status": report.get_status_display()}


class ReportAction(OfficerEndpoint):
    @extend_schema(
        summary="Thực hiện một thao tác xử lý (chuyển xử lý, tiếp nhận, trình, duyệt…)",
        description=(
            "Các trường tùy thao tác, như biểu mẫu trên trang cán bộ. Gửi `expected_status` "
            "(trạng thái đã thấy): nếu người khác đã xử lý trước, trả 409 kèm trạng thái "
            "hiện tại và không ghi gì."
        ),
        parameters=[
            OpenApiParameter("action", str, OpenApiParameter.PATH, enum=sorted(ACTION_FORMS))
        ],  # fmt: skip
        request={
            "application/json": ActionInputSerializer,
            "multipart/form-data": ActionInputSerializer,
        },  # fmt: skip
        responses=DeskReportSerializer,
        examples=[
            OpenApiExample(
                "Chuyển xử lý",
                value={
                    "expected_status": "submitted",
                    "unit": 12,
                    "note": "Đề nghị Sở Xây dựng kiểm tra, xử lý.",
                },
                request_only=True,
            ),  # fmt: skip
            OpenApiExample(
                "Trình dự thảo kết quả",
                value={
                    "expected_status": "in_progress",
                    "content": "Phường đã thay bóng đèn ba cột đèn trước số 12 Trần Phú.",
                },
                request_only=True,
            ),  # fmt: skip
        ],
        tags=["Cán bộ"],
    )
    def post(self, request, code: str, action: str):
        user = request.user
        report = report_for_desk(user, code)
        if action not in ACTION_FORMS:
            raise Http404
        data = form_data(request)
        seen_status = str(data.get("expected_status") or "")
        _precheck(user, report, action, seen_status)
        if not seen_status:
            data["expected_status"] = report.status
        files = request.FILES if isinstance(request.FILES, MultiValueDict) else MultiValueDict()
        form = ACTION_FORMS[action](data, files, report=report, user=user, prefix="")
        if not form.is_valid():
            raise ValidationError(form_errors(form))
        try:
            uploads = form.cleaned_data.get("attachments") or []
            with attachments_stored(uploaded_by=user, uploaded_files=uploads) as stored:
                params = form.params()
                if "attachments" in form.fields:
                    params["attachment_ids"] = [attachment.pk for attachment in stored]
                report_apply(
                    report_id=report.pk,
                    action=action,
                    actor=user,
                    expected_status=form.cleaned_data["expected_status"],
                    ip_address=client_ip(request),
                    **params,
                )
        except AttachmentRejected as error:
            raise ValidationError({"attachments": [str(error)]}) from None
        except WorkflowError as error:
            raise workflow_problem(error, report=report) from None
        report = report_for_desk(user, code)
        return Response(_desk_detail(request, report))


# --- The exchange and files -------------------------------------------------------------------

MessageInputSerializer = inline_serializer(
    "DeskMessageInput",
    {
        "body": serializers.CharField(max_length=5000),
        "attachments": serializers.ListField(child=serializers.FileField(), required=False),
    },
)


class DeskMessages(OfficerEndpoint):
    @extend_schema(
        summary="Đơn vị xử lý trao đổi với người gửi (có thể kèm tệp)",
        request={
            "application/json": MessageInputSerializer,
            "multipart/form-data": MessageInputSerializer,
        },  # fmt: skip
        responses={201: DeskReportSerializer},
        tags=["Cán bộ"],
    )
    def post(self, request, code: str):
        report = report_for_desk(request.user, code)
        roles = report_roles(request.user, report)
        if not roles & UNIT_ROLES:
            raise PermissionDenied(_("Chỉ đơn vị đang xử lý được trao đổi với người gửi."))
        form = MessageForm(form_data(request), request.FILES)
        if not form.is_valid():
            raise ValidationError(form_errors(form))
        try:
            message_send_with_files(
                report=report,
                author=request.user,
                body=form.cleaned_data["body"],
                uploaded_files=form.cleaned_data["attachments"],
            )
        except AttachmentRejected as error:
            raise ValidationError({"attachments": [str(error)]}) from None
        except WorkflowError as error:
            raise workflow_problem(error, report=report) from None
        return Response(_desk_detail(request, report), status=201)


class DeskAttachment(OfficerEndpoint):
    @extend_schema(
        summary="Tải một tệp của phản ánh (của phản ánh, kết quả hoặc trao đổi)",
        responses={(200, "*/*"): OpenApiTypes.BINARY},
        tags=["Cán bộ"],
    )
    def get(self, request, code: str, attachment_id: int):
        report = report_for_desk(request.user, code)
        attachment = get_object_or_404(Attachment, pk=attachment_id)
        owners = {
            attachment.report_id,
            *Message.objects.filter(pk=attachment.message_id).values_list("report_id", flat=True),
            *Answer.objects.filter(pk=attachment.answer_id).values_list("report_id", flat=True),
        }
        if report.pk not in owners:
            raise Http404
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        return FileResponse(
            handle,
            filename=attachment_download_name(attachment),
            content_type=attachment.content_type or "application/octet-stream",
        )
