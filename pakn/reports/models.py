import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _

from pakn.core.models import AppendOnlyModel
from pakn.organisations.models import AdministrativeArea, Category, Unit

# Vietnam's territory, mainland and islands (Trường Sa and Hoàng Sa included), as a box.
# The longest texts that the public or the other side reads, in characters. The forms say so,
# the services refuse longer, and the database holds to it with a check (a TextField has no
# length of its own, and SQLite does not enforce a CharField's).
TITLE_MAX_LENGTH = 250
CONTENT_MAX_LENGTH = 10_000
MESSAGE_MAX_LENGTH = 5_000
ANSWER_MAX_LENGTH = 20_000
RATING_COMMENT_MAX_LENGTH = 2_000
TEXT_TOO_LONG = {
    "title": _("Tiêu đề tối đa %(limit)s ký tự."),
    "content": _("Nội dung tối đa %(limit)s ký tự."),
    "public_title": _("Tiêu đề công khai tối đa %(limit)s ký tự."),
    "public_content": _("Nội dung công khai tối đa %(limit)s ký tự."),
    "message": _("Nội dung trao đổi tối đa %(limit)s ký tự."),
    "answer": _("Nội dung trả lời tối đa %(limit)s ký tự."),
    "rating_comment": _("Nhận xét tối đa %(limit)s ký tự."),
}


def text_limit_message(kind: str, limit: int) -> str:
    """The Vietnamese message for a text over its limit, the limit written as Vietnamese
    readers write numbers (10.000)."""
    return TEXT_TOO_LONG[kind] % {"limit": f"{limit:,}".replace(",", ".")}


def text_length_check(*, field: str, limit: int, kind: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=LessThanOrEqual(Length(field), limit),
        name=name,
        violation_error_message=text_limit_message(kind, limit),
    )


VIETNAM_LATITUDE = (7.0, 23.5)
VIETNAM_LONGITUDE = (102.0, 117.9)


class ReportKind(models.TextChoices):
    REPORT = "report", _("Phản ánh")
    RECOMMENDATION = "recommendation", _("Kiến nghị")
    PROPOSAL = "proposal", _("Sáng kiến, đề xuất")


class ReportChannel(models.TextChoices):
    WEB = "web", _("Cổng thông tin")
    APP = "app", _("Ứng dụng di động")
    CHATBOT = "chatbot", _("Chatbot")
    HOTLINE = "hotline", _("Tổng đài")
    EMAIL = "email", _("Thư điện tử")
    API = "api", _("API")
    OPEN311 = "open311", _("Open311")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    SUBMITTED = "submitted", _("Chờ tiếp nhận")
    RETURNED = "returned", _("Đơn vị chuyển trả")
    ASSIGNED = "assigned", _("Đã chuyển xử lý")
    IN_PROGRESS = "in_progress", _("Đang xử lý")
    PENDING_APPROVAL = "pending_approval", _("Chờ lãnh đạo duyệt")
    PENDING_REVIEW = "pending_review", _("Chờ đơn vị điều phối duyệt")
    ANSWERED = "answered", _("Đã có kết quả")
    CLOSED = "closed", _("Đã đóng")
    REJECTED = "rejected", _("Không tiếp nhận")
    MERGED = "merged", _("Trùng, đã gộp")
    WITHDRAWN = "withdrawn", _("Người gửi đã rút")


OPEN_STATUSES = (
    ReportStatus.SUBMITTED,
    ReportStatus.RETURNED,
    ReportStatus.ASSIGNED,
    ReportStatus.IN_PROGRESS,
    ReportStatus.PENDING_APPROVAL,
    ReportStatus.PENDING_REVIEW,
)
ANSWERED_STATUSES = (ReportStatus.ANSWERED, ReportStatus.CLOSED)


class ReportCodeSequence(models.Model):
    """The last number given out in a year. Codes are allocated by locking this row, so two
    reports sent at the same moment never get the same code, and a number is never reused."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_value = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last_value}"


class Report(models.Model):
    """A report, recommendation or proposal (phản ánh, kiến nghị)."""

    code = models.CharField(_("Mã số PAKN"), max_length=20, unique=True, null=True, blank=True)
    kind = models.CharField(
        _("Loại"), max_length=20, choices=ReportKind.choices, default=ReportKind.REPORT
    )
    title = models.CharField(_("Tiêu đề"), max_length=TITLE_MAX_LENGTH)
    content = models.TextField(_("Nội dung"), max_length=CONTENT_MAX_LENGTH)
    citizen_category = models.ForeignKey(
        Category,
        verbose_name=_("Lĩnh vực (người gửi chọn)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    category = models.ForeignKey(
        Category,
        verbose_name=_("Lĩnh vực"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
    )
    address = models.CharField(_("Địa điểm"), max_length=300, blank=True)
    province = models.ForeignKey(
        AdministrativeArea,
        verbose_name=_("Tỉnh, thành phố"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    commune = models.ForeignKey(
        AdministrativeArea,
        verbose_name=_("Xã, phường, đặc khu"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
    )
    latitude = models.DecimalField(
        _("Vĩ độ"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(VIETNAM_LATITUDE[0]), MaxValueValidator(VIETNAM_LATITUDE[1])],
    )
    longitude = models.DecimalField(
        _("Kinh độ"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(VIETNAM_LONGITUDE[0]),
            MaxValueValidator(VIETNAM_LONGITUDE[1]),
        ],
    )
    channel = models.CharField(
        _("Kênh tiếp nhận"), max_length=20, choices=ReportChannel.choices, default=ReportChannel.WEB
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người gửi"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người nhập (tổng đài viên)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    hide_reporter_name = models.BooleanField(
        _("Đề nghị giữ bí mật thông tin người gửi với đơn vị xử lý"), default=False
    )
    status = models.CharField(
        _("Trạng thái"),
        max_length=20,
        choices=ReportStatus.choices,
        default=ReportStatus.DRAFT,
        db_index=True,
    )
    coordinating_unit = models.ForeignKey(
        Unit,
        verbose_name=_("Đơn vị tiếp nhận, điều phối"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coordinated_reports",
    )
    current_unit = models.ForeignKey(
        Unit,
        verbose_name=_("Đơn vị đang xử lý"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="current_reports",
    )
    co_handling_units = models.ManyToManyField(
        Unit, verbose_name=_("Đơn vị phối hợp"), blank=True, related_name="co_handled_reports"
    )
    # The unit whose website the citizen came from (its widget's button): a suggestion shown
    # to the coordinator, never a handler set by the citizen.
    referring_unit = models.ForeignKey(
        Unit,
        verbose_name=_("Đơn vị gợi ý (từ trang web của đơn vị)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("Trùng với"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
    )
    idempotency_key = models.UUIDField(default=uuid.uuid4, editable=False)

    created_at = models.DateTimeField(_("Tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Cập nhật lúc"), auto_now=True)
    submitted_at = models.DateTimeField(_("Gửi lúc"), null=True, blank=True, db_index=True)
    routing_deadline = models.DateTimeField(_("Hạn chuyển xử lý"), null=True, blank=True)
    assigned_at = models.DateTimeField(_("Chuyển xử lý lúc"), null=True, blank=True)
    answer_deadline = models.DateTimeField(_("Hạn xử lý"), null=True, blank=True, db_index=True)
    extension_count = models.PositiveSmallIntegerField(_("Số lần gia hạn"), default=0)
    extension_requested_days = models.PositiveSmallIntegerField(
        _("Số ngày xin gia hạn"), null=True, blank=True
    )
    waiting_for_citizen_since = models.DateTimeField(
        _("Chờ người gửi bổ sung từ"), null=True, blank=True
    )
    answered_at = models.DateTimeField(_("Có kết quả lúc"), null=True, blank=True, db_index=True)
    # When the scheduler next looks at the report's deadline (pakn.reports.reminder_schedule):
    # a pass reads only the rows whose moment has come, through this index.
    next_reminder_at = models.DateTimeField(null=True, blank=True, editable=False, db_index=True)
    closed_at = models.DateTimeField(_("Đóng lúc"), null=True, blank=True)

    is_published = models.BooleanField(_("Công khai"), default=False, db_index=True)
    public_title = models.CharField(_("Tiêu đề công khai"), max_length=TITLE_MAX_LENGTH, blank=True)
    public_content = models.TextField(
        _("Nội dung công khai"), max_length=CONTENT_MAX_LENGTH, blank=True
    )
    published_at = models.DateTimeField(_("Công khai lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("Phản ánh, kiến nghị")
        verbose_name_plural = _("Phản ánh, kiến nghị")
        ordering = ["-submitted_at", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "idempotency_key"], name="report_unique_idempotency_key"
            ),
            text_length_check(field="title", limit=TITLE_MAX_LENGTH, kind="title",
                              name="report_title_length"),
            text_length_check(field="content", limit=CONTENT_MAX_LENGTH, kind="content",
                              name="report_content_length"),
            text_length_check(field="public_title", limit=TITLE_MAX_LENGTH,
                              kind="public_title", name="report_public_title_length"),
            text_length_check(field="public_content", limit=CONTENT_MAX_LENGTH,
                              kind="public_content", name="report_public_content_length"),
        ]  # fmt: skip
        indexes = [
            models.Index(fields=["reporter", "status"]),
            models.Index(fields=["current_unit", "status"]),
            models.Index(fields=["is_published", "-published_at"]),
            # The officers' inbox counts read only open reports (a quarter of them, or less
            # after years): these partial indexes hold just those rows, by unit.
            models.Index(
                fields=["coordinating_unit", "status"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="report_open_coordinating_idx",
            ),
            models.Index(
                fields=["current_unit", "status"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="report_open_current_idx",
            ),
            # "Chờ quyết định công khai": answered reports not (yet) published.
            models.Index(
                fields=["coordinating_unit", "status"],
                condition=models.Q(status__in=ANSWERED_STATUSES, is_published=False),
                name="report_unpublished_answer_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code or _('Bản nháp')}: {self.title}"

    def save(self, *args, **kwargs):
        """Recomputes ``next_reminder_at`` when the status, assignment, deadline or the wait
        for the citizen changes, whoever changes them."""
        from pakn.reports.reminder_schedule import REMINDER_INPUTS, report_next_reminder_at

        update_fields = kwargs.get("update_fields")
        if update_fields is None or set(update_fields) & set(REMINDER_INPUTS):
            inputs = tuple(getattr(self, name) for name in REMINDER_INPUTS)
            if inputs != getattr(self, "_reminder_inputs", None):
                self.next_reminder_at = report_next_reminder_at(self)
                if update_fields is not None:
                    kwargs["update_fields"] = {*update_fields, "next_reminder_at"}
                self._reminder_inputs = inputs
        super().save(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._reminder_inputs = instance._reminder_inputs_now()
        return instance

    def _reminder_inputs_now(self):
        from pakn.reports.reminder_schedule import REMINDER_INPUTS

        loaded = self.__dict__
        if any(name not in loaded for name in REMINDER_INPUTS):  # deferred: unknown
            return None
        return tuple(loaded[name] for name in REMINDER_INPUTS)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_late(self) -> bool | None:
        """Answered after the deadline, or still open past it. None without a deadline."""
        from django.utils import timezone

        if self.answer_deadline is None:
            return None
        reference = self.answered_at or timezone.now()
        return reference > self.answer_deadline


class Event(AppendOnlyModel):
    """One change of a report: the audit trail, the citizen's timeline (public events only)
    and the source of every statistic. Never edited, never deleted."""

    report = models.ForeignKey(
        Report, verbose_name=_("Phản ánh"), on_delete=models.PROTECT, related_name="events"
    )
    action = models.CharField(_("Thao tác"), max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người thực hiện"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_unit = models.ForeignKey(
        Unit,
        verbose_name=_("Đơn vị thực hiện"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    from_status = models.CharField(_("Từ trạng thái"), max_length=20, blank=True)
    to_status = models.CharField(_("Sang trạng thái"), max_length=20, blank=True)
    from_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("Ghi chú"), blank=True)
    # What only officers read, beside a note the reporter may see: a coordinator's forwarding
    # instructions, a leader's corrections to the draft.
    internal_note = models.TextField(_("Ghi chú nội bộ"), blank=True)
    is_public = models.BooleanField(_("Người gửi xem được"), default=True)
    deadline = models.DateTimeField(_("Hạn xử lý sau thao tác"), null=True, blank=True)
    ip_address = models.GenericIPAddressField(_("Địa chỉ IP"), null=True, blank=True)
    created_at = models.DateTimeField(_("Thời điểm"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("Sự kiện xử lý")
        verbose_name_plural = _("Sự kiện xử lý")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["report", "created_at"])]

    def __str__(self) -> str:
        return f"{self.report_id} {self.action} {self.created_at:%Y-%m-%d %H:%M}"


class AttachmentKind(models.TextChoices):
    PHOTO = "photo", _("Ảnh")
    VIDEO = "video", _("Video")
    DOCUMENT = "document", _("Tài liệu")


def attachment_upload_to(instance, filename: str) -> str:
    # The stored name is random: the original name is kept in a field, never in the path.
    return f"attachments/{uuid.uuid4().hex[:2]}/{uuid.uuid4().hex}{_suffix(filename)}"


def attachment_public_upload_to(instance, filename: str) -> str:
    return f"attachments/public/{uuid.uuid4().hex}{_suffix(filename)}"


def _suffix(filename: str) -> str:
    dot = filename.rfind(".")
    return filename[dot:].lower()[:8] if dot >= 0 else ""


class Attachment(models.Model):
    """A file on a report, an answer or a message. Photos have a public copy without location
    metadata; only the reporter and the officers see the original."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    message = models.ForeignKey(
        "Message", on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    answer = models.ForeignKey(
        "Answer", on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # An upload made before its report exists (the form sends files first) waits under this
    # token; the report takes it over when it is saved.
    upload_token = models.UUIDField(null=True, blank=True, db_index=True)
    kind = models.CharField(_("Loại tệp"), max_length=10, choices=AttachmentKind.choices)
    file = models.FileField(_("Tệp"), upload_to=attachment_upload_to, max_length=200)
    public_file = models.FileField(
        _("Bản công khai"), upload_to=attachment_public_upload_to, max_length=200, blank=True
    )
    thumbnail = models.FileField(
        _("Ảnh thu nhỏ"), upload_to=attachment_public_upload_to, max_length=200, blank=True
    )
    original_name = models.CharField(_("Tên tệp"), max_length=255)
    content_type = models.CharField(_("Định dạng"), max_length=100)
    size = models.PositiveBigIntegerField(_("Dung lượng (byte)"))
    is_public = models.BooleanField(_("Được công khai"), default=True)
    created_at = models.DateTimeField(_("Tải lên lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("Tệp đính kèm")
        verbose_name_plural = _("Tệp đính kèm")
        ordering = ["created_at", "id"]
        indexes = [
            # The files still waiting for their report, oldest first: what the quota counts
            # and what the purge removes, without reading the attached ones.
            models.Index(
                fields=["created_at"],
                condition=models.Q(report__isnull=True, message__isnull=True, answer__isnull=True),
                name="attachment_pending_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.original_name


class Message(models.Model):
    """The private exchange (trao đổi) between the reporter and the handling unit."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    author_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    body = models.TextField(_("Nội dung"), max_length=MESSAGE_MAX_LENGTH)
    created_at = models.DateTimeField(_("Gửi lúc"), auto_now_add=True)
    read_at = models.DateTimeField(_("Đã xem lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("Trao đổi")
        verbose_name_plural = _("Trao đổi")
        ordering = ["created_at", "id"]
        constraints = [
            text_length_check(
                field="body", limit=MESSAGE_MAX_LENGTH, kind="message", name="message_body_length"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.body[:40]}"

    @property
    def from_citizen(self) -> bool:
        return self.author_unit_id is None


class AnswerStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    PENDING_APPROVAL = "pending_approval", _("Chờ lãnh đạo duyệt")
    PENDING_REVIEW = "pending_review", _("Chờ đơn vị điều phối duyệt")
    SENT_BACK = "sent_back", _("Trả lại để sửa")
    PUBLISHED = "published", _("Đã trả lời")


class Answer(models.Model):
    """The result (kết quả xử lý): drafted by a handler, approved by a leader, then sent."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="answers")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="answers")
    content = models.TextField(_("Nội dung trả lời"), max_length=ANSWER_MAX_LENGTH)
    status = models.CharField(
        _("Trạng thái"), max_length=20, choices=AnswerStatus.choices, default=AnswerStatus.DRAFT
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    review_note = models.TextField(_("Ý kiến khi trả lại"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(_("Trả lời lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("Kết quả xử lý")
        verbose_name_plural = _("Kết quả xử lý")
        ordering = ["-created_at"]
        constraints = [
            text_length_check(
                field="content",
                limit=ANSWER_MAX_LENGTH,
                kind="answer",
                name="answer_content_length",
            )
        ]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.get_status_display()}"


class RatingValue(models.TextChoices):
    VERY_SATISFIED = "very_satisfied", _("Rất hài lòng")
    SATISFIED = "satisfied", _("Hài lòng")
    NOT_SATISFIED = "not_satisfied", _("Không hài lòng")


class Rating(models.Model):
    """The reporter's satisfaction with the answer; changeable for 7 days."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="rating")
    value = models.CharField(_("Mức độ hài lòng"), max_length=20, choices=RatingValue.choices)
    comment = models.TextField(_("Nhận xét"), max_length=RATING_COMMENT_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    review_pending = models.BooleanField(_("Chờ đơn vị điều phối xem xét"), default=False)

    class Meta:
        verbose_name = _("Đánh giá")
        verbose_name_plural = _("Đánh giá")
        constraints = [
            text_length_check(field="comment", limit=RATING_COMMENT_MAX_LENGTH,
                              kind="rating_comment", name="rating_comment_length")
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.report_id}: {self.get_value_display()}"


class AnswerTemplate(models.Model):
    """A unit's model answer for a sector (lĩnh vực), kept by the unit's administrator and
    inserted into a draft on the report desk; the handler then adapts it to the report."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("Đơn vị"), on_delete=models.CASCADE, related_name="answer_templates"
    )
    category = models.ForeignKey(
        Category,
        verbose_name=_("Lĩnh vực"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Để trống nếu dùng cho mọi lĩnh vực."),
    )
    title = models.CharField(_("Tên mẫu"), max_length=200)
    content = models.TextField(_("Nội dung mẫu"), max_length=ANSWER_MAX_LENGTH)
    is_active = models.BooleanField(_("Đang dùng"), default=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("Cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("Mẫu trả lời")
        verbose_name_plural = _("Mẫu trả lời")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


PROPOSAL_SECTION_MAX_LENGTH = 3_000
PROPOSAL_PARTIES_MAX_LENGTH = 1_000


class ProposalScale(models.TextChoices):
    LOCAL = "local", _("Địa phương (xã, phường, đặc khu)")
    PROVINCIAL = "provincial", _("Cấp tỉnh")
    NATIONAL = "national", _("Cấp quốc gia")


class Proposal(models.Model):
    """What a proposal or initiative (kind ``proposal``, seed 004) says beyond a report: the
    problem, the solution, its impact and scale, who is involved, and on whose behalf a unit
    sent it. Kept beside the report rather than on it: most reports are not proposals."""

    report = models.OneToOneField(
        Report, on_delete=models.CASCADE, primary_key=True, related_name="proposal"
    )
    problem = models.TextField(
        _("Khó khăn, vướng mắc, vấn đề đặt ra"), max_length=PROPOSAL_SECTION_MAX_LENGTH
    )
    solution = models.TextField(
        _("Sáng kiến, giải pháp đề xuất"), max_length=PROPOSAL_SECTION_MAX_LENGTH
    )
    expected_impact = models.TextField(
        _("Hiệu quả dự kiến"), max_length=PROPOSAL_SECTION_MAX_LENGTH
    )
    scale = models.CharField(
        _("Phạm vi áp dụng"), max_length=20, choices=ProposalScale.choices,
        default=ProposalScale.PROVINCIAL,
    )  # fmt: skip
    organisations_involved = models.TextField(
        _("Tổ chức tham gia"), max_length=PROPOSAL_PARTIES_MAX_LENGTH, blank=True
    )
    people_involved = models.TextField(
        _("Cá nhân tham gia"), max_length=PROPOSAL_PARTIES_MAX_LENGTH, blank=True
    )
    # A unit sending for someone else (an officer entering an organisation's proposal).
    on_behalf_of = models.CharField(_("Gửi thay cho"), max_length=250, blank=True)
    submitting_unit = models.ForeignKey(
        Unit,
        verbose_name=_("Đơn vị gửi thay"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The answer's decision: taken up (tiếp thu) or not; None until answered.
    adopted = models.BooleanField(_("Được tiếp thu"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("Đề xuất, sáng kiến")
        verbose_name_plural = _("Đề xuất, sáng kiến")

    def __str__(self) -> str:
        return str(self.report)


class InboundEmailStatus(models.TextChoices):
    DRAFTED = "drafted", _("Chờ tổng đài viên hoàn thiện")
    FAILED = "failed", _("Không đọc được")
    SENT = "sent", _("Đã gửi vào quy trình")
    DISCARDED = "discarded", _("Đã loại")


class InboundEmail(models.Model):
    """One message read from the intake mailbox (IMAP or the .eml folder) and what became of
    it. ``message_id`` is unique, so the same message read twice (two workers, a mailbox
    marked unread again) makes one draft; a message without one is keyed by its bytes."""

    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    sender = models.CharField(_("Địa chỉ người gửi"), max_length=254, blank=True)
    sender_name = models.CharField(_("Tên người gửi"), max_length=200, blank=True)
    subject = models.CharField(_("Tiêu đề thư"), max_length=300, blank=True)
    sent_at = models.DateTimeField(_("Ngày gửi (theo thư)"), null=True, blank=True)
    received_at = models.DateTimeField(_("Đọc lúc"), auto_now_add=True, db_index=True)
    source = models.CharField(_("Nguồn"), max_length=300, blank=True)
    status = models.CharField(
        _("Trạng thái"), max_length=10, choices=InboundEmailStatus.choices, db_index=True
    )
    failure_reason = models.TextField(_("Lý do lỗi"), blank=True)
    notes = models.TextField(_("Ghi chú khi đọc thư"), blank=True)
    # [{"name": ..., "reason": ...}]: the files the attachment checks refused, for the operator.
    refused_files = models.JSONField(_("Tệp bị từ chối"), default=list, blank=True)
    report = models.OneToOneField(
        Report,
        verbose_name=_("Phản ánh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inbound_email",
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người xử lý"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("Xử lý lúc"), null=True, blank=True)
    discard_reason = models.CharField(_("Lý do loại"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("Thư điện tử đến")
        verbose_name_plural = _("Thư điện tử đến")
        ordering = ["received_at"]

    def __str__(self) -> str:
        return f"{self.sender or '?'}: {self.subject or self.message_id}"


class MailboxState(models.Model):
    """The last reading of one intake mailbox: when it last worked and, if the last try
    failed (a dead server, a wrong password, a timeout), why; one row per mailbox."""

    source = models.CharField(_("Hộp thư"), max_length=300, unique=True)
    checked_at = models.DateTimeField(_("Đọc lần cuối lúc"), null=True, blank=True)
    succeeded_at = models.DateTimeField(_("Đọc được lần cuối lúc"), null=True, blank=True)
    last_error = models.TextField(_("Lỗi lần đọc cuối"), blank=True)
    failures_in_a_row = models.PositiveIntegerField(_("Số lần lỗi liên tiếp"), default=0)

    class Meta:
        verbose_name = _("Hộp thư tiếp nhận")
        verbose_name_plural = _("Hộp thư tiếp nhận")

    def __str__(self) -> str:
        return self.source


class ReportFollower(models.Model):
    """A citizen who follows someone else's report ("Theo dõi"): chosen on the send form
    instead of sending a duplicate, or given when their own report was merged into it. A
    follower sees the report only as the public does, and hears of its public events."""

    report = models.ForeignKey(
        Report, verbose_name=_("Phản ánh"), on_delete=models.CASCADE, related_name="followers"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người theo dõi"),
        on_delete=models.CASCADE,
        related_name="followed_reports",
    )
    merged_from = models.ForeignKey(
        Report,
        verbose_name=_("Gộp từ phản ánh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("Theo dõi từ"), auto_now_add=True)

    class Meta:
        verbose_name = _("Người theo dõi phản ánh")
        verbose_name_plural = _("Người theo dõi phản ánh")
        constraints = [
            models.UniqueConstraint(fields=["report", "user"], name="report_follower_unique")
        ]
        indexes = [models.Index(fields=["user", "-created_at"], name="report_follower_user_new")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.report_id}"


class AnswerQualityCheck(models.Model):
    """An officer's decision on an answer the quality guard warned about
    (pakn.reports.answer_quality): sent back to be rewritten, or let through with a reason.
    Append-only, like the events it accompanies; statistics count the answers sent back for
    quality per unit from these rows."""

    class Decision(models.TextChoices):
        SENT_BACK = "sent_back", _("Trả lại để sửa")
        LET_THROUGH = "let_through", _("Vẫn duyệt, có lý do")

    report = models.ForeignKey(
        Report, verbose_name=_("Phản ánh"), on_delete=models.CASCADE, related_name="+"
    )
    answer = models.ForeignKey(
        Answer, verbose_name=_("Kết quả xử lý"), on_delete=models.CASCADE, related_name="+"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("Đơn vị trả lời"), on_delete=models.PROTECT, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Người quyết định"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    action = models.CharField(_("Thao tác"), max_length=30)
    decision = models.CharField(_("Quyết định"), max_length=20, choices=Decision.choices)
    warnings = models.JSONField(_("Cảnh báo"), default=list)
    reason = models.TextField(_("Lý do"), blank=True)
    created_at = models.DateTimeField(_("Lúc"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("Kiểm tra chất lượng trả lời")
        verbose_name_plural = _("Kiểm tra chất lượng trả lời")
        indexes = [models.Index(fields=["decision", "unit"], name="answer_quality_decision_unit")]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.decision}"
