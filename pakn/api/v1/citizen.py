"""Citizens and organisations (/api/v1/me/): their account, notifications, drafts and
reports. Each endpoint reads the page's form and calls the page's service
(pakn.reports.services, pakn.accounts.services, pakn.notifications.services): the same
checks, limits, file inspection and EXIF removal, and the same refusals. Another person's
report or file is a 404, never a 403, as on the pages."""

import datetime
import uuid

from django.db import transaction
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from pakn.accounts.forms import OrganisationProfileForm, ProfileForm
from pakn.accounts.models import AccountType
from pakn.accounts.services.profile import account_export, profile_update
from pakn.api.v1.inputs import form_cleaned, form_data
from pakn.api.v1.pagination import NewestFirstCursor, cursor_page_of
from pakn.api.v1.problems import Problem, workflow_problem
from pakn.api.v1.serializers import (
    AnswerSerializer,
    EventSerializer,
    MessageSerializer,
    NotificationSerializer,
    ProfileSerializer,
    RatingSerializer,
    ReportDetailsSerializer,
    ReportSummarySerializer,
    events_of,
    profile_of,
)
from pakn.core.http import client_ip
from pakn.notifications.selectors import notifications_of
from pakn.notifications.services import notification_mark_read, notifications_mark_all_read
from pakn.reports.forms import (
    MessageForm,
    MyReportsFilterForm,
    RatingForm,
    ReportDraftForm,
    ReportForm,
    report_details,
)
from pakn.reports.models import (
    Answer,
    AnswerStatus,
    Attachment,
    Event,
    Message,
    Rating,
    Report,
    ReportChannel,
    ReportStatus,
)
from pakn.reports.selectors import my_reports_filtered, reports_of_reporter
from pakn.reports.services.actions import RATING_CHANGE_DAYS
from pakn.reports.services.attachments import (
    AttachmentRejected,
    attachment_create,
    attachment_download_name,
    attachments_stored,
)
from pakn.reports.services.exchange import message_send_with_files, messages_mark_read
from pakn.reports.services.submission import (
    ReportDetails,
    report_draft_save,
    report_submit,
    report_withdraw,
)
from pakn.reports.workflow import WorkflowError, report_actions_available, report_apply

IDEMPOTENCY_KEY_MAX_LENGTH = 200
# The report's own key is derived from the client's, so that a retry finds the report the
# first request made (the pages' forms carry the same key in a hidden field).
IDEMPOTENCY_NAMESPACE = uuid.UUID("5b0f3c1e-8a51-4a5e-9d7c-6b1d2f0e4a77")


class IsCitizen(IsAuthenticated):
    """Individuals and organisations; officers work reports through /api/v1/desk/."""

    message = _("Chức năng này dành cho người dân, tổ chức, doanh nghiệp.")

    def has_permission(self, request, view):
        if not super().has_permission(request, view):
            return False
        if request.user.account_type == AccountType.OFFICER:
            raise PermissionDenied(_("Chức năng này dành cho người dân, tổ chức, doanh nghiệp."))
        return True


class CitizenEndpoint(APIView):
    permission_classes = [IsCitizen]


# --- Profile and data -------------------------------------------------------------------------


ProfileUpdateSerializer = inline_serializer(
    "ProfileUpdate",
    {
        "full_name": serializers.CharField(max_length=150),
        "email": serializers.EmailField(required=False, allow_blank=True),
        "address_province": serializers.IntegerField(),
        "address_commune": serializers.IntegerField(),
        "address_street": serializers.CharField(max_length=250, required=False, allow_blank=True),
        "organisation_name": serializers.CharField(max_length=250, required=False),
        "organisation_phone": serializers.CharField(max_length=20, required=False),
        "organisation_email": serializers.EmailField(required=False, allow_blank=True),
    },
)


class Profile(CitizenEndpoint):
    @extend_schema(summary="Thông tin tài khoản", responses=ProfileSerializer, tags=["Tài khoản"])
    def get(self, request):
        return Response(profile_of(request.user))

    @extend_schema(
        summary="Sửa thông tin tài khoản",
        request=ProfileUpdateSerializer,
        responses=ProfileSerializer,
        examples=[
            OpenApiExample(
                "Đổi địa chỉ",
                value={
                    "full_name": "Nguyễn Văn An",
                    "address_province": 1,
                    "address_commune": 2,
                    "address_street": "25 Lê Thánh Tôn",
                },
                request_only=True,
            )  # fmt: skip
        ],
        tags=["Tài khoản"],
    )
    def put(self, request):
        user = request.user
        form_class = (
            OrganisationProfileForm
            if user.account_type == AccountType.ORGANISATION
            else ProfileForm
        )
        changes = dict(form_cleaned(form_class(form_data(request))))
        changes["address_province_id"] = changes.pop("address_province").pk
        changes["address_commune_id"] = changes.pop("address_commune").pk
        profile_update(user=user, **changes)
        return Response(profile_of(user))


class DataDownload(CitizenEndpoint):
    @extend_schema(
        summary="Tải về dữ liệu cá nhân",
        responses={200: OpenApiTypes.OBJECT},
        tags=["Tài khoản"],
    )
    def get(self, request):
        response = Response(account_export(user=request.user))
        filename = f"pakn-du-lieu-ca-nhan-{timezone.localdate():%Y%m%d}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "no-store"
        return response


# --- Notifications ----------------------------------------------------------------------------


class NotificationList(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Thông báo của tôi, mới nhất trước",
        parameters=[OpenApiParameter("unread", bool, description="Chỉ thông báo chưa đọc")],
        responses=cursor_page_of(NotificationSerializer, "NotificationPage"),
        tags=["Thông báo"],
    )
    def get(self, request):
        notifications = notifications_of(request.user)
        if request.query_params.get("unread") in ("true", "1"):
            notifications = notifications.filter(read_at__isnull=True)
        paginator = NewestFirstCursor()
        page = paginator.paginate_queryset(notifications, request, view=self)
        report_ids = {n.report_id for n in page if n.report_id}
        codes = dict(Report.objects.filter(pk__in=report_ids).values_list("pk", "code"))
        data = NotificationSerializer(page, many=True, context={"codes": codes}).data
        return paginator.get_paginated_response(data)


class NotificationRead(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Đánh dấu một thông báo đã đọc",
        request=None,
        responses=NotificationSerializer,
        tags=["Thông báo"],
    )
    def post(self, request, notification_id: int):
        try:
            notification = notification_mark_read(
                user=request.user, notification_id=notification_id
            )
        except notifications_of(request.user).model.DoesNotExist:
            raise Http404 from None
        codes = {notification.report_id: notification.report.code} if notification.report_id else {}
        return Response(NotificationSerializer(notification, context={"codes": codes}).data)


class NotificationsReadAll(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Đánh dấu mọi thông báo đã đọc",
        request=None,
        responses=inline_serializer("MarkedRead", {"marked": serializers.IntegerField()}),
        tags=["Thông báo"],
    )
    def post(self, request):
        return Response({"marked": notifications_mark_all_read(user=request.user)})


# --- Drafts and sending -----------------------------------------------------------------------

ReportInputSerializer = inline_serializer(
    "ReportInput",
    {
        "title": serializers.CharField(max_length=250),
        "content": serializers.CharField(max_length=10000),
        "kind": serializers.ChoiceField(choices=["report", "recommendation"], required=False),
        "citizen_category": serializers.IntegerField(required=False, allow_null=True),
        "address": serializers.CharField(max_length=300, required=False, allow_blank=True),
        "address_province": serializers.IntegerField(required=False, allow_null=True),
        "address_commune": serializers.IntegerField(required=False, allow_null=True),
        "latitude": serializers.CharField(max_length=20, required=False, allow_blank=True),
        "longitude": serializers.CharField(max_length=20, required=False, allow_blank=True),
        "hide_reporter_name": serializers.BooleanField(required=False),
        "attachments": serializers.ListField(
            child=serializers.FileField(), required=False, help_text="Tối đa 10 tệp"
        ),
    },
)
DraftInputSerializer = inline_serializer(
    "DraftInput",
    {
        "title": serializers.CharField(max_length=250, required=False, allow_blank=True),
        "content": serializers.CharField(max_length=10000, required=False, allow_blank=True),
        "kind": serializers.ChoiceField(choices=["report", "recommendation"], required=False),
        "citizen_category": serializers.IntegerField(required=False, allow_null=True),
        "address": serializers.CharField(max_length=300, required=False, allow_blank=True),
        "address_province": serializers.IntegerField(required=False, allow_null=True),
        "address_commune": serializers.IntegerField(required=False, allow_null=True),
        "latitude": serializers.CharField(max_length=20, required=False, allow_blank=True),
        "longitude": serializers.CharField(max_length=20, required=False, allow_blank=True),
        "hide_reporter_name": serializers.BooleanField(required=False),
    },
)
FilesInputSerializer = inline_serializer(
    "FilesInput",
    {
        "attachments": serializers.ListField(
            child=serializers.FileField(), help_text="Tối đa 10 tệp"
        )
    },
)
REPORT_EXAMPLE = OpenApiExample(
    "Phản ánh về đèn đường",
    value={
        "title": "Đèn đường hỏng trên đường Trần Phú",
        "content": "Ba cột đèn trước số 12 Trần Phú không sáng từ tuần trước, đi đêm rất nguy hiểm.",
        "kind": "report",
        "address": "12 Trần Phú, phường Nha Trang",
        "latitude": "12.238800",
        "longitude": "109.196700",
    },
    request_only=True,
)
IDEMPOTENCY_PARAMETER = OpenApiParameter(
    "Idempotency-Key",
    str,
    location=OpenApiParameter.HEADER,
    required=True,
    description=(
        "Khóa do ứng dụng tạo cho mỗi lần gửi (ví dụ một UUID). Gửi lại cùng khóa và cùng nội "
        "dung nhận lại đúng câu trả lời lần trước; cùng khóa với nội dung khác bị từ chối (422)."
    ),
)


class AppReportForm(ReportForm):
    """The send form for an app: no captcha (the API's rate limits stand in for it), no
    hidden keys (the key is the Idempotency-Key header, files come with the request)."""

    def __init__(self, *args, **kwargs):
        kwargs["require_captcha"] = False
        super().__init__(*args, **kwargs)
        for name in ("idempotency_key", "upload_token", "captcha_id", "captcha_answer"):
            self.fields.pop(name, None)


class AppDraftForm(ReportDraftForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("idempotency_key", "upload_token", "captcha_id", "captcha_answer"):
            self.fields.pop(name, None)


def _details_of(report: Report) -> ReportDetails:
    return ReportDetails(
        title=report.title,
        content=report.content,
        kind=report.kind,
        citizen_category_id=report.citizen_category_id,
        address=report.address,
        province_id=report.province_id,
        commune_id=report.commune_id,
        latitude=report.latitude,
        longitude=report.longitude,
        hide_reporter_name=report.hide_reporter_name,
    )


def _same_details(first: ReportDetails, second: ReportDetails) -> bool:
    def normal(details: ReportDetails) -> tuple:
        return (
            details.title.strip(), details.content.strip(), details.kind,
            details.citizen_category_id, details.address.strip(), details.province_id,
            details.commune_id,
            None if details.latitude is None else f"{details.latitude:.6f}",
            None if details.longitude is None else f"{details.longitude:.6f}",
            details.hide_reporter_name,
        )  # fmt: skip

    return normal(first) == normal(second)


def _files_fingerprint(files) -> list[tuple[str, int]]:
    return sorted((f.name or "", f.size) for f in files)


def _report_output(request, report: Report, *, status: int = 200) -> Response:
    attachments = list(Attachment.objects.filter(report=report).order_by("id"))
    context = {"request": request, "attachments": attachments}
    return Response(ReportDetailsSerializer(report, context=context).data, status=status)


def _idempotency_key(request) -> uuid.UUID:
    raw = (request.headers.get("Idempotency-Key") or "").strip()
    if not raw or len(raw) > IDEMPOTENCY_KEY_MAX_LENGTH:
        raise ValidationError(
            {
                "Idempotency-Key": [
                    _("Vui lòng gửi tiêu đề Idempotency-Key (1–200 ký tự) cho mỗi lần gửi.")
                ]
            }
        )
    return uuid.uuid5(IDEMPOTENCY_NAMESPACE, raw)


def _files(request) -> list:
    return request.FILES.getlist("attachments") if hasattr(request.FILES, "getlist") else []


def _attachment_problem(error: AttachmentRejected) -> ValidationError:
    return ValidationError({"attachments": [str(error)]})


class MyReports(CitizenEndpoint):
    @extend_schema(
        summary="Phản ánh, kiến nghị của tôi",
        parameters=[
            OpenApiParameter("q", str, description="Tìm trong tiêu đề hoặc mã số"),
            OpenApiParameter("status", str, enum=ReportStatus.values),
            OpenApiParameter("date_from", OpenApiTypes.DATE, description="Gửi từ ngày"),
            OpenApiParameter("date_to", OpenApiTypes.DATE, description="Gửi đến ngày"),
            OpenApiParameter("cursor", str),
            OpenApiParameter("page_size", int, description="Tối đa 100"),
        ],
        responses=cursor_page_of(ReportSummarySerializer, "MyReportPage"),
        tags=["Phản ánh của tôi"],
    )
    def get(self, request):
        form = MyReportsFilterForm(request.query_params)
        data = form_cleaned(form)
        reports = my_reports_filtered(request.user, data)
        paginator = NewestFirstCursor()
        page = paginator.paginate_queryset(reports, request, view=self)
        return paginator.get_paginated_response(ReportSummarySerializer(page, many=True).data)

    @extend_schema(
        summary="Gửi phản ánh, kiến nghị (có thể kèm ảnh, video, tài liệu)",
        description=(
            "JSON, hoặc multipart/form-data khi kèm tệp (trường `attachments`, tối đa 10 tệp; "
            "ảnh được bỏ thông tin EXIF, GPS trước khi người khác xem). Bắt buộc tiêu đề "
            "`Idempotency-Key`."
        ),
        parameters=[IDEMPOTENCY_PARAMETER],
        request={
            "application/json": ReportInputSerializer,
            "multipart/form-data": ReportInputSerializer,
        },  # fmt: skip
        responses={201: ReportDetailsSerializer},
        examples=[REPORT_EXAMPLE],
        tags=["Phản ánh của tôi"],
    )
    def post(self, request):
        user = request.user
        key = _idempotency_key(request)
        files = _files(request)
        details = report_details(form_cleaned(AppReportForm(form_data(request))))
        existing = Report.objects.filter(reporter=user, idempotency_key=key).first()
        if existing is not None and existing.status != ReportStatus.DRAFT:
            return self._repeated(request, existing, details, files)
        try:
            with attachments_stored(uploaded_by=user, uploaded_files=files) as stored:
                report = report_submit(
                    reporter=user,
                    details=details,
                    idempotency_key=key,
                    channel=ReportChannel.APP,
                    ip_address=client_ip(request),
                )
                if stored:
                    Attachment.objects.filter(pk__in=[a.pk for a in stored]).update(report=report)
        except AttachmentRejected as error:
            raise _attachment_problem(error) from None
        except WorkflowError as error:
            raise workflow_problem(error) from None
        return _report_output(request, report, status=201)

    def _repeated(self, request, report, details, files) -> Response:
        """The same key again: the same answer for the same request, 422 for another one."""
        sent_files = Attachment.objects.filter(report=report)
        same_files = not files or _files_fingerprint(files) == sorted(
            (a.original_name, a.size) for a in sent_files
        )
        if _same_details(details, _details_of(report)) and same_files:
            return _report_output(request, report, status=201)
        raise Problem(
            status_code=422,
            kind="idempotency-key-reused",
            detail=_(
                "Khóa Idempotency-Key này đã dùng để gửi phản ánh %(code)s với nội dung khác. "
                "Mỗi phản ánh mới cần một khóa mới."
            )
            % {"code": report.code},
        )


def _own_draft(request, draft_id) -> Report:
    return get_object_or_404(
        reports_of_reporter(request.user), idempotency_key=draft_id, status=ReportStatus.DRAFT
    )


class Drafts(CitizenEndpoint):
    @extend_schema(
        summary="Tạo bản nháp",
        request=DraftInputSerializer,
        responses={201: ReportDetailsSerializer},
        examples=[REPORT_EXAMPLE],
        tags=["Phản ánh của tôi"],
    )
    def post(self, request):
        details = report_details(form_cleaned(AppDraftForm(form_data(request))))
        report = report_draft_save(
            reporter=request.user,
            details=details,
            idempotency_key=uuid.uuid4(),
            channel=ReportChannel.APP,
        )
        return _report_output(request, report, status=201)


class Draft(CitizenEndpoint):
    @extend_schema(summary="Xem bản nháp", responses=ReportDetailsSerializer,
                   tags=["Phản ánh của tôi"])  # fmt: skip
    def get(self, request, draft_id: uuid.UUID):
        return _report_output(request, _own_draft(request, draft_id))

    @extend_schema(
        summary="Lưu bản nháp",
        request=DraftInputSerializer,
        responses=ReportDetailsSerializer,
        tags=["Phản ánh của tôi"],
    )
    def put(self, request, draft_id: uuid.UUID):
        draft = _own_draft(request, draft_id)
        details = report_details(form_cleaned(AppDraftForm(form_data(request))))
        report = report_draft_save(
            reporter=request.user, details=details, idempotency_key=draft.idempotency_key
        )
        return _report_output(request, report)


class DraftAttachments(CitizenEndpoint):
    @extend_schema(
        summary="Đính kèm ảnh, video, tài liệu vào bản nháp",
        description="multipart/form-data, trường `attachments` (một hoặc nhiều tệp).",
        request={"multipart/form-data": FilesInputSerializer},
        responses={201: ReportDetailsSerializer},
        tags=["Phản ánh của tôi"],
    )
    def post(self, request, draft_id: uuid.UUID):
        draft = _own_draft(request, draft_id)
        files = _files(request)
        if not files:
            raise ValidationError({"attachments": [_("Vui lòng chọn tệp đính kèm.")]})
        try:
            with transaction.atomic():
                for uploaded_file in files:
                    attachment_create(
                        uploaded_by=request.user, uploaded_file=uploaded_file, report=draft
                    )
        except AttachmentRejected as error:
            raise _attachment_problem(error) from None
        return _report_output(request, draft, status=201)


class DraftSend(CitizenEndpoint):
    @extend_schema(
        summary="Gửi bản nháp",
        request=None,
        responses={201: ReportDetailsSerializer},
        tags=["Phản ánh của tôi"],
    )
    def post(self, request, draft_id: uuid.UUID):
        report = get_object_or_404(reports_of_reporter(request.user), idempotency_key=draft_id)
        if report.status != ReportStatus.DRAFT:  # sent already: the same answer again
            return _report_output(request, report, status=201)
        # The send form's checks on what the draft holds (title, content, position, …).
        form_cleaned(AppReportForm(_draft_as_posted(report)))
        try:
            report = report_apply(
                report_id=report.pk,
                action="submit",
                actor=request.user,
                ip_address=client_ip(request),
            )
        except WorkflowError as error:
            raise workflow_problem(error, report=report) from None
        return _report_output(request, report, status=201)


def _draft_as_posted(report: Report) -> dict:
    return {
        "title": report.title,
        "content": report.content,
        "kind": report.kind,
        "citizen_category": report.citizen_category_id or "",
        "address": report.address,
        "address_province": report.province_id or "",
        "address_commune": report.commune_id or "",
        "latitude": "" if report.latitude is None else str(report.latitude),
        "longitude": "" if report.longitude is None else str(report.longitude),
        "hide_reporter_name": "on" if report.hide_reporter_name else "",
    }


# --- One report: timeline, exchange, rating, withdrawal ---------------------------------------


class MyReportDetailSerializer(ReportDetailsSerializer):
    timeline = EventSerializer(many=True)
    answers = AnswerSerializer(many=True)
    exchange = MessageSerializer(many=True)
    rating = RatingSerializer(allow_null=True)
    can_withdraw = serializers.BooleanField()
    can_rate = serializers.BooleanField()
    can_write = serializers.BooleanField()


def _own_sent_report(request, code: str) -> Report:
    report = get_object_or_404(
        reports_of_reporter(request.user).select_related("current_unit"), code=code
    )
    if report.status == ReportStatus.DRAFT:
        raise Http404
    return report


def _rating_of(report: Report) -> dict | None:
    rating = Rating.objects.filter(report=report).first()
    if rating is None:
        return None
    return {
        "value": rating.value,
        "get_value_display": rating.get_value_display(),
        "comment": rating.comment,
        "created_at": rating.created_at,
        "changeable_until": rating.created_at + datetime.timedelta(days=RATING_CHANGE_DAYS),
    }


def _report_detail(request, report: Report) -> dict:
    """What the report's page shows its sender (pakn.reports.views._detail_context)."""
    actions = report_actions_available(request.user, report)
    rating = _rating_of(report)
    can_rate = "rate" in actions and (
        rating is None or timezone.now() <= rating["changeable_until"]
    )
    files = Prefetch("attachments", queryset=Attachment.objects.order_by("id"))
    context = {
        "request": request,
        "attachments": list(Attachment.objects.filter(report=report).order_by("id")),
    }
    data = dict(ReportDetailsSerializer(report, context=context).data)
    events = Event.objects.filter(report=report, is_public=True).select_related("actor_unit")
    data["timeline"] = EventSerializer(events_of(events, report), many=True).data
    answers = (
        Answer.objects.filter(report=report, status=AnswerStatus.PUBLISHED)
        .select_related("unit")
        .prefetch_related(files)
        .order_by("-published_at")
    )
    data["answers"] = AnswerSerializer(answers, many=True, context=context).data
    messages = (
        Message.objects.filter(report=report)
        .select_related("author_unit")
        .prefetch_related(files)
        .order_by("created_at", "id")
    )
    data["exchange"] = MessageSerializer(messages, many=True, context=context).data
    data["rating"] = RatingSerializer(rating).data if rating else None
    data["can_withdraw"] = "withdraw" in actions
    data["can_rate"] = can_rate
    data["can_write"] = report.status not in (
        "draft", "rejected", "merged", "withdrawn", "closed"
    )  # fmt: skip
    return data


class MyReport(CitizenEndpoint):
    @extend_schema(
        summary="Xem chi tiết phản ánh của tôi: tiến trình, kết quả, trao đổi, đánh giá",
        operation_id="v1_me_report_detail",
        responses=MyReportDetailSerializer,
        tags=["Phản ánh của tôi"],
    )
    def get(self, request, code: str):
        report = _own_sent_report(request, code)
        messages_mark_read(report=report, reader=request.user)
        return Response(_report_detail(request, report))


MessageInputSerializer = inline_serializer(
    "MessageInput",
    {
        "body": serializers.CharField(max_length=5000),
        "attachments": serializers.ListField(child=serializers.FileField(), required=False),
    },
)


class MyReportMessages(CitizenEndpoint):
    @extend_schema(
        summary="Gửi nội dung trao đổi với đơn vị xử lý (có thể kèm tệp)",
        request={
            "application/json": MessageInputSerializer,
            "multipart/form-data": MessageInputSerializer,
        },  # fmt: skip
        responses={201: MyReportDetailSerializer},
        examples=[
            OpenApiExample(
                "Bổ sung thông tin",
                value={"body": "Tôi gửi thêm ảnh chụp chiều nay, cột đèn số 3 vẫn chưa sáng."},
                request_only=True,
            )
        ],
        tags=["Phản ánh của tôi"],
    )
    def post(self, request, code: str):
        report = _own_sent_report(request, code)
        form = MessageForm(form_data(request), request.FILES)
        data = form_cleaned(form)
        try:
            message_send_with_files(
                report=report,
                author=request.user,
                body=data["body"],
                uploaded_files=data["attachments"],
            )
        except AttachmentRejected as error:
            raise _attachment_problem(error) from None
        except WorkflowError as error:
            raise workflow_problem(error, report=report) from None
        return Response(_report_detail(request, report), status=201)


RatingInputSerializer = inline_serializer(
    "RatingInput",
    {
        "value": serializers.ChoiceField(choices=["very_satisfied", "satisfied", "not_satisfied"]),
        "comment": serializers.CharField(max_length=2000, required=False, allow_blank=True),
    },
)


class MyReportRating(CitizenEndpoint):
    @extend_schema(
        summary="Đánh giá kết quả xử lý (sửa được trong 7 ngày)",
        request=RatingInputSerializer,
        responses=MyReportDetailSerializer,
        examples=[
            OpenApiExample(
                "Hài lòng",
                value={"value": "satisfied", "comment": "Đèn đã sáng lại, cảm ơn phường."},
                request_only=True,
            )
        ],
        tags=["Phản ánh của tôi"],
    )
    def put(self, request, code: str):
        report = _own_sent_report(request, code)
        data = form_cleaned(RatingForm(form_data(request)))
        try:
            report_apply(
                report_id=report.pk,
                action="rate",
                actor=request.user,
                value=data["value"],
                comment=data["comment"],
                ip_address=client_ip(request),
            )
        except WorkflowError as error:
            raise workflow_problem(error, report=report) from None
        report.refresh_from_db()
        return Response(_report_detail(request, report))


WithdrawInputSerializer = inline_serializer(
    "WithdrawInput", {"reason": serializers.CharField(max_length=500, required=False)}
)


class MyReportWithdraw(CitizenEndpoint):
    @extend_schema(
        summary="Rút phản ánh (khi chưa được xử lý)",
        request=WithdrawInputSerializer,
        responses=MyReportDetailSerializer,
        tags=["Phản ánh của tôi"],
    )
    def post(self, request, code: str):
        report = _own_sent_report(request, code)
        reason = str(form_data(request).get("reason") or "")[:500]
        try:
            report = report_withdraw(
                reporter=request.user, report=report, reason=reason, ip_address=client_ip(request)
            )
        except WorkflowError as error:
            raise workflow_problem(error, report=report) from None
        return Response(_report_detail(request, report))


class MyAttachment(CitizenEndpoint):
    @extend_schema(
        summary="Tải một tệp của phản ánh của tôi",
        responses={(200, "*/*"): OpenApiTypes.BINARY},
        tags=["Phản ánh của tôi"],
    )
    def get(self, request, attachment_id: int):
        attachment = _attachment_for_reporter(request.user, attachment_id)
        if attachment.uploaded_by_id != request.user.pk and attachment.public_file:
            stored, name, content_type = attachment.public_file, "anh.jpg", "image/jpeg"
        else:
            stored, name = attachment.file, attachment_download_name(attachment)
            content_type = attachment.content_type or "application/octet-stream"
        try:
            handle = stored.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        return FileResponse(handle, filename=name, content_type=content_type)


def _attachment_for_reporter(user, attachment_id: int) -> Attachment:
    """The rule of the reporter's file page (pakn.reports.views._attachment_allowed): a file
    of their report, of its exchange or of a published answer; or one they uploaded that is
    not attached yet. Anything else is a 404."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("report", "message__report", "answer__report"),
        pk=attachment_id,
    )
    owner = (
        attachment.report
        or (attachment.message.report if attachment.message_id else None)
        or (attachment.answer.report if attachment.answer_id else None)
    )
    if owner is not None:
        allowed = owner.reporter_id == user.pk
        if attachment.answer_id and attachment.answer.status != AnswerStatus.PUBLISHED:
            allowed = False
    else:
        allowed = attachment.uploaded_by_id == user.pk
    if not allowed:
        raise Http404
    return attachment
