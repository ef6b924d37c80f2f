"""What each workflow action does to a report, beyond the status change the table makes.
Registered with pakn.reports.workflow.action_handler; called only by report_apply, inside its
transaction with the report row locked. An action's guard (``guard=``) is the part of its
rule that reads the report alone: report_apply refuses with its message, and
report_actions_available leaves the action out, so no page re-derives it."""

import datetime
import difflib

from django.utils import timezone
from django.utils.translation import gettext as _

from pakn.core.personal_numbers import personal_numbers_find
from pakn.core.selectors import site_settings_get, working_calendar_get
from pakn.organisations.models import Category, Unit, UnitKind
from pakn.reports.answer_quality import answer_quality_warnings
from pakn.reports.deadlines import (
    add_working_days,
    add_working_hours,
    extend_by_working_days,
    working_minutes_between,
)
from pakn.reports.models import (
    ANSWER_MAX_LENGTH,
    CONTENT_MAX_LENGTH,
    MESSAGE_MAX_LENGTH,
    RATING_COMMENT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Answer,
    AnswerQualityCheck,
    AnswerStatus,
    Attachment,
    Message,
    Proposal,
    Rating,
    RatingValue,
    Report,
    ReportKind,
    text_limit_message,
)
from pakn.reports.models import ReportStatus as S
from pakn.reports.services.following import report_follower_add_merged
from pakn.reports.signals import message_posted, send_on_commit
from pakn.reports.workflow import Effect, WorkflowError, action_handler

RATING_CHANGE_DAYS = 7
DEFAULT_ANSWER_DAYS = 10


def _required(value, message):
    if value in (None, "") or (isinstance(value, str) and not value.strip()):
        raise WorkflowError(message)
    return value.strip() if isinstance(value, str) else value


def _within(value: str, *, kind: str, limit: int) -> str:
    """Refuses a text longer than the database holds, with the forms' message: never cut."""
    if len(value) > limit:
        raise WorkflowError(text_limit_message(kind, limit))
    return value


def default_coordinating_unit() -> Unit | None:
    return (
        Unit.objects.filter(kind=UnitKind.COORDINATING_CENTRE, is_active=True)
        .order_by("path")
        .first()
    )


def answer_days_for(report: Report, unit: Unit) -> int:
    if unit.answer_days:
        return unit.answer_days
    return answer_days_usual(report)


def answer_days_usual(report: Report) -> int:
    """The working days a unit has to answer before the report has a unit: its sector's
    usual limit (what the confirmation page tells the citizen)."""
    if report.category_id:
        return report.category.default_answer_days
    return DEFAULT_ANSWER_DAYS


@action_handler("submit")
def submit(*, report: Report, **params) -> Effect:
    from pakn.reports.services.codes import report_code_allocate

    now = timezone.now()
    if not report.code:
        report.code = report_code_allocate(year=timezone.localtime(now).year)
    report.submitted_at = now
    report.coordinating_unit = report.coordinating_unit or default_coordinating_unit()
    report.routing_deadline = add_working_hours(
        working_calendar_get(), now, site_settings_get().routing_limit_hours
    )
    return Effect(note=_("Đã gửi phản ánh, kiến nghị."), to_unit_id=report.coordinating_unit_id)


@action_handler("withdraw")
def withdraw(*, report: Report, reason: str = "", **params) -> Effect:
    report.closed_at = timezone.now()
    return Effect(note=reason.strip() or _("Người gửi rút phản ánh."))


@action_handler("classify")
def classify(*, report: Report, kind=None, category_id=None, commune_id=None, **params) -> Effect:
    changes = _classification_apply(
        report=report, kind=kind, category_id=category_id, commune_id=commune_id
    )
    return Effect(note=_("Phân loại lại: ") + ", ".join(changes) if changes else _("Phân loại."))


def _classification_apply(*, report: Report, kind=None, category_id=None, commune_id=None):
    """Sets what changed of the kind, sector and commune; returns the changes in words."""
    changes = []
    if kind and kind != report.kind:
        if kind not in ReportKind.values:
            raise WorkflowError(_("Loại phản ánh không hợp lệ."))
        report.kind = kind
        changes.append(_("loại: %(kind)s") % {"kind": report.get_kind_display()})
    if category_id and category_id != report.category_id:
        report.category = Category.objects.get(pk=category_id, is_active=True)
        changes.append(_("lĩnh vực: %(name)s") % {"name": report.category.name})
    if commune_id and commune_id != report.commune_id:
        report.commune_id = commune_id
        changes.append(_("địa bàn đã cập nhật"))
    return changes


@action_handler("reject")
def reject(*, report: Report, reason: str = "", **params) -> Effect:
    report.closed_at = timezone.now()
    return Effect(
        note=_required(reason, _("Vui lòng nêu lý do không tiếp nhận để người gửi biết."))
    )


@action_handler("merge")
def merge(*, report: Report, original_code: str = "", **params) -> Effect:
    original = Report.objects.filter(code=(original_code or "").strip().upper()).first()
    if original is None or original.pk == report.pk:
        raise WorkflowError(_("Không tìm thấy phản ánh gốc có mã này."))
    if original.status in (S.MERGED, S.REJECTED, S.WITHDRAWN, S.DRAFT):
        raise WorkflowError(_("Phản ánh gốc đã đóng, không thể gộp vào."))
    report.duplicate_of = original
    report.closed_at = timezone.now()
    # The reporter follows the surviving report: its public events reach them, and it is
    # listed among their reports (pakn.reports.services.following).
    report_follower_add_merged(report=original, merged=report)
    return Effect(
        note=_(
            "Trùng nội dung với phản ánh %(code)s. Ông/bà đã được thêm vào danh sách theo dõi "
            "phản ánh đó và sẽ được thông báo kết quả xử lý."
        )
        % {"code": original.code}
    )


def _unit_for_forwarding(unit_id) -> Unit:
    unit = Unit.objects.filter(pk=unit_id, is_active=True).first()
    if unit is None:
        raise WorkflowError(_("Vui lòng chọn đơn vị xử lý."))
    return unit


@action_handler("forward")
def forward(
    *,
    report: Report,
    unit_id=None,
    note: str = "",
    note_public: bool = False,
    kind=None,
    category_id=None,
    **params,
) -> Effect:
    """The coordinator's note is an instruction to the unit, internal unless the coordinator
    chose to show it to the reporter (who otherwise reads only where the report went). The
    kind and sector may be set in the same step (classify and forward at once); that change
    is internal, as a classification is."""
    unit = _unit_for_forwarding(unit_id)
    changes = _classification_apply(report=report, kind=kind, category_id=category_id)
    now = timezone.now()
    report.current_unit = unit
    report.assigned_at = now
    report.answer_deadline = add_working_days(
        working_calendar_get(), now, answer_days_for(report, unit)
    )
    note = note.strip()
    moved = _("Đã chuyển đến %(unit)s xử lý.") % {"unit": unit.name}
    classified = _("Phân loại lại: ") + ", ".join(changes) if changes else ""
    if note_public:
        return Effect(note=note or moved, internal_note=classified, to_unit_id=unit.pk)
    internal = "\n".join(part for part in (classified, note) if part)
    return Effect(note=moved, internal_note=internal, to_unit_id=unit.pk)


@action_handler("accept")
def accept(*, report: Report, **params) -> Effect:
    return Effect(note=_("%(unit)s đã tiếp nhận xử lý.") % {"unit": report.current_unit.name})


def report_return_limit(report: Report) -> datetime.datetime | None:
    """Until when the unit holding the report may transfer it back: its return limit in
    working days from when it received the report (shown on the desk, enforced below)."""
    if report.assigned_at is None or report.current_unit_id is None:
        return None
    return add_working_days(
        working_calendar_get(), report.assigned_at, report.current_unit.return_limit_days
    )


def _return_limit_passed(report: Report) -> str | None:
    limit = report_return_limit(report)
    if limit is not None and timezone.now() > limit:
        return _("Đã quá %(days)d ngày làm việc kể từ khi nhận: không còn được chuyển trả.") % {
            "days": report.current_unit.return_limit_days
        }
    return None


@action_handler("return", guard=_return_limit_passed)
def return_to_coordinator(*, report: Report, reason: str = "", **params) -> Effect:
    reason = _required(reason, _("Vui lòng nêu lý do chuyển trả (vì sao không thuộc thẩm quyền)."))
    report.current_unit = None
    report.answer_deadline = None
    report.assigned_at = None
    return Effect(note=reason, to_unit_id=report.coordinating_unit_id)


def sub_units_for_forwarding(report: Report):
    """The active units under the one holding the report: where it may pass the report."""
    current = report.current_unit
    if current is None:  # not with a unit (waiting for the coordinator, returned): none
        return Unit.objects.none()
    return Unit.objects.subtree_of(current).filter(is_active=True).exclude(pk=current.pk)


def _no_sub_unit(report: Report) -> str | None:
    if not sub_units_for_forwarding(report).exists():
        return _("Đơn vị không có đơn vị trực thuộc để chuyển xử lý.")
    return None


@action_handler("forward_sub_unit", guard=_no_sub_unit)
def forward_sub_unit(*, report: Report, unit_id=None, note: str = "", **params) -> Effect:
    unit = _unit_for_forwarding(unit_id)
    if not sub_units_for_forwarding(report).filter(pk=unit.pk).exists():
        raise WorkflowError(_("Chỉ chuyển được cho đơn vị trực thuộc."))
    report.current_unit = unit
    return Effect(
        note=note.strip() or _("Chuyển %(unit)s xử lý.") % {"unit": unit.name}, to_unit_id=unit.pk
    )


@action_handler("add_co_handler")
def add_co_handler(*, report: Report, unit_id=None, **params) -> Effect:
    unit = _unit_for_forwarding(unit_id)
    if unit.pk == report.current_unit_id:
        raise WorkflowError(_("Đơn vị này đang chủ trì xử lý."))
    report.co_handling_units.add(unit)
    return Effect(note=_("Mời %(unit)s phối hợp xử lý.") % {"unit": unit.name}, to_unit_id=unit.pk)


@action_handler("ask_citizen")
def ask_citizen(*, report: Report, actor, question: str = "", **params) -> Effect:
    question = _required(question, _("Vui lòng nhập nội dung cần người gửi bổ sung."))
    Message.objects.create(
        report=report, author=actor, author_unit=report.current_unit, body=question
    )
    if site_settings_get().pause_clock_when_asking_citizen:
        report.waiting_for_citizen_since = timezone.now()
    return Effect(note=_("Đơn vị đề nghị người gửi bổ sung thông tin."))


def _message_post(*, report: Report, author, body: str, attachment_ids, from_citizen: bool):
    """A message of the exchange with the files already stored for it; the other side is
    told once the transaction commits."""
    body = _required(body, _("Vui lòng nhập nội dung trao đổi."))
    _within(body, kind="message", limit=MESSAGE_MAX_LENGTH)
    message = Message.objects.create(
        report=report,
        author=author,
        author_unit=None if from_citizen else report.current_unit,
        body=body,
    )
    if attachment_ids:
        Attachment.objects.filter(
            pk__in=list(attachment_ids), uploaded_by=author, report__isnull=True,
            message__isnull=True, answer__isnull=True,
        ).update(message=message, upload_token=None)  # fmt: skip
    send_on_commit(
        message_posted, report_id=report.pk, message_id=message.pk, from_citizen=from_citizen
    )


@action_handler("reply")
def reply(*, report: Report, actor, body: str = "", attachment_ids=(), **params) -> Effect:
    """The reporter writes to the unit. A reply to a question that paused the clock resumes
    it: the deadline moves by the working time spent waiting (whole days, rounded up)."""
    _message_post(
        report=report, author=actor, body=body, attachment_ids=attachment_ids, from_citizen=True
    )
    if report.waiting_for_citizen_since is None:
        return Effect(note=_("Người gửi gửi nội dung trao đổi."))
    calendar = working_calendar_get()
    waited = working_minutes_between(calendar, report.waiting_for_citizen_since, timezone.now())
    report.waiting_for_citizen_since = None
    if waited > 0 and report.answer_deadline is not None:
        days = -(-waited // calendar.minutes_per_day)
        report.answer_deadline = extend_by_working_days(calendar, report.answer_deadline, days)
    return Effect(note=_("Người gửi đã bổ sung thông tin; hạn xử lý được tính tiếp."), public=True)


@action_handler("message")
def message(*, report: Report, actor, body: str = "", attachment_ids=(), **params) -> Effect:
    """The unit holding the report writes to the reporter."""
    _message_post(
        report=report, author=actor, body=body, attachment_ids=attachment_ids, from_citizen=False
    )
    return Effect(note=_("Đơn vị gửi nội dung trao đổi."))


def _extended_once(report: Report) -> str | None:
    if report.extension_count >= 1 or report.extension_requested_days:
        return _("Mỗi phản ánh chỉ được gia hạn một lần.")
    return None


@action_handler("request_extension", guard=_extended_once)
def request_extension(*, report: Report, days=None, reason: str = "", **params) -> Effect:
    try:
        days = int(days)
    except (TypeError, ValueError):
        raise WorkflowError(_("Số ngày gia hạn phải là số ngày làm việc (1–30).")) from None
    if not 1 <= days <= 30:
        raise WorkflowError(_("Số ngày gia hạn phải là số ngày làm việc (1–30)."))
    reason = _required(reason, _("Vui lòng nêu lý do xin gia hạn."))
    report.extension_requested_days = days
    return Effect(
        note=_("Xin gia hạn %(days)d ngày làm việc: %(reason)s") % {"days": days, "reason": reason}
    )


def _no_extension_asked(report: Report) -> str | None:
    if not report.extension_requested_days:
        return _("Không có đề nghị gia hạn nào đang chờ.")
    return None


@action_handler("decide_extension", guard=_no_extension_asked)
def decide_extension(*, report: Report, approve: bool = False, note: str = "", **params) -> Effect:
    days = report.extension_requested_days
    report.extension_requested_days = None
    if not approve:
        return Effect(note=note.strip() or _("Không đồng ý gia hạn."), public=False)
    report.answer_deadline = extend_by_working_days(
        working_calendar_get(), report.answer_deadline, days
    )
    report.extension_count += 1
    deadline = timezone.localtime(report.answer_deadline)
    return Effect(
        note=_("Gia hạn xử lý đến %(deadline)s.") % {"deadline": f"{deadline:%H:%M %d/%m/%Y}"}
    )


def _current_answer(report: Report) -> Answer | None:
    return report.answers.exclude(status=AnswerStatus.PUBLISHED).order_by("-created_at").first()


@action_handler("submit_answer")
def submit_answer(
    *, report: Report, actor, content: str = "", attachment_ids=(), adopted=None, **params
) -> Effect:
    """``adopted``: for a proposal, whether the answer takes it up (tiếp thu)."""
    content = _required(content, _("Vui lòng nhập nội dung trả lời."))
    _within(content, kind="answer", limit=ANSWER_MAX_LENGTH)
    if adopted is not None and report.kind == ReportKind.PROPOSAL:
        Proposal.objects.filter(report=report).update(adopted=bool(adopted))
    answer = _current_answer(report) or Answer(
        report=report, unit=report.current_unit, drafted_by=actor
    )
    answer.content = content
    answer.unit = report.current_unit
    answer.drafted_by = actor
    answer.status = AnswerStatus.PENDING_APPROVAL
    answer.review_note = ""
    answer.save()
    if attachment_ids:
        Attachment.objects.filter(
            pk__in=attachment_ids, uploaded_by=actor, report__isnull=True
        ).update(answer=answer, upload_token=None)
    return Effect(note=_("Dự thảo kết quả trình lãnh đạo duyệt."))


def _publish_answer(report: Report, answer: Answer, approver) -> None:
    now = timezone.now()
    answer.status = AnswerStatus.PUBLISHED
    answer.approved_by = approver
    answer.published_at = now
    answer.save()
    report.answered_at = now


def _wording_changes(before: str, after: str) -> str:
    """The leader's corrections word by word ("«cũ» → «mới»"), for the desk's timeline."""
    old_words, new_words = before.split(), after.split()
    changes = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        removed, added = " ".join(old_words[i1:i2]), " ".join(new_words[j1:j2])
        changes.append(f"«{removed}» → «{added}»" if removed and added else
                       f"− «{removed}»" if removed else f"+ «{added}»")  # fmt: skip
    return "; ".join(changes) or _("sửa cách trình bày")


def _no_draft_to_approve(report: Report) -> str | None:
    answer = _current_answer(report)
    if answer is None or answer.status != AnswerStatus.PENDING_APPROVAL:
        return _("Không có dự thảo nào chờ duyệt.")
    return None


def _no_answer_to_review(report: Report) -> str | None:
    answer = _current_answer(report)
    if answer is None or answer.status != AnswerStatus.PENDING_REVIEW:
        return _("Không có kết quả nào chờ xem xét.")
    return None


def _no_draft(report: Report) -> str | None:
    if _current_answer(report) is None:
        return _("Không có dự thảo nào chờ duyệt.")
    return None


QUALITY_REASON_MAX_LENGTH = 2000


class AnswerQualityRefused(WorkflowError):
    """The answer has quality warnings and no reason was given to go on."""


def _quality_gate(
    *, report: Report, answer: Answer, text: str, reason: str | None, action: str, actor
) -> str:
    """The answer-quality guard at a door that shows its warnings (the desk, the API: they
    pass ``quality_reason``, empty when none was typed; None means a caller that shows
    nothing, such as the demo data). Warnings without a reason refuse; with one, the
    decision is recorded and its note returned for the timeline."""
    if reason is None:
        return ""
    warnings = answer_quality_warnings(answer=text, report_title=report.title,
                                       report_content=report.content)  # fmt: skip
    if not warnings:
        return ""
    listed = "; ".join(warning.message for warning in warnings)
    reason = reason.strip()
    if not reason:
        raise AnswerQualityRefused(
            _("Câu trả lời có cảnh báo chất lượng: %(warnings)s Hãy sửa lại, hoặc ghi lý do "
              "vẫn tiếp tục.") % {"warnings": listed}
        )  # fmt: skip
    if len(reason) > QUALITY_REASON_MAX_LENGTH:
        raise WorkflowError(_("Lý do tối đa 2.000 ký tự."))
    AnswerQualityCheck.objects.create(
        report=report, answer=answer, unit=answer.unit, actor=actor, action=action,
        decision=AnswerQualityCheck.Decision.LET_THROUGH,
        warnings=[warning.code for warning in warnings], reason=reason,
    )  # fmt: skip
    return _("Vẫn tiếp tục dù có cảnh báo chất lượng trả lời (%(codes)s). Lý do: %(reason)s") % {
        "codes": ", ".join(str(_WARNING_NAMES.get(w.code, w.code)) for w in warnings),
        "reason": reason,
    }


_WARNING_NAMES = {
    "paperwork": _("dán văn bản hành chính"),
    "legal_references": _("trích dẫn nhiều văn bản"),
    "personal_number": _("có số định danh, số điện thoại"),
    "too_long": _("quá dài"),
    "off_topic": _("không trả lời đúng nội dung phản ánh"),
}


def _notes(*notes: str) -> str:
    return "\n".join(note for note in notes if note)


@action_handler("approve_answer", guard=_no_draft_to_approve)
def approve_answer(
    *, report: Report, actor, content: str = "", quality_reason: str | None = None, **params
) -> Effect:
    """Approves the pending draft; a leader who corrected its wording (``content``) approves
    the corrected text, and the correction is kept in the timeline for the officers. The
    answer-quality guard reads the text as approved."""
    answer = _current_answer(report)
    correction = ""
    content = (content or "").strip()
    if content and content != answer.content.strip():
        _within(content, kind="answer", limit=ANSWER_MAX_LENGTH)
        correction = _("Lãnh đạo sửa dự thảo khi duyệt: %(changes)s") % {
            "changes": _wording_changes(answer.content, content)
        }
        answer.content = content
    let_through = _quality_gate(report=report, answer=answer, text=answer.content,
                                reason=quality_reason, action="approve_answer", actor=actor)  # fmt: skip
    internal_note = _notes(correction, let_through)
    if report.current_unit.answer_review_required:
        answer.status = AnswerStatus.PENDING_REVIEW
        answer.approved_by = actor
        answer.save()
        return Effect(note=_("Lãnh đạo đã duyệt; chờ đơn vị điều phối xem xét."), public=False,
                      to_status=S.PENDING_REVIEW, internal_note=internal_note)  # fmt: skip
    _publish_answer(report, answer, actor)
    return Effect(note=_("Đã có kết quả xử lý."), internal_note=internal_note)


@action_handler("review_answer", guard=_no_answer_to_review)
def review_answer(*, report: Report, actor, quality_reason: str | None = None, **params) -> Effect:
    answer = _current_answer(report)
    let_through = _quality_gate(report=report, answer=answer, text=answer.content,
                                reason=quality_reason, action="review_answer", actor=actor)  # fmt: skip
    _publish_answer(report, answer, answer.approved_by or actor)
    return Effect(note=_("Đã có kết quả xử lý."), internal_note=let_through)


@action_handler("send_back_answer", guard=_no_draft)
def send_back_answer(*, report: Report, actor, note: str = "", **params) -> Effect:
    note = _required(note, _("Vui lòng ghi ý kiến để cán bộ sửa dự thảo."))
    answer = _current_answer(report)
    warnings = answer_quality_warnings(answer=answer.content, report_title=report.title,
                                       report_content=report.content)  # fmt: skip
    if warnings:
        # Counted by the statistics as an answer sent back for quality (per unit).
        AnswerQualityCheck.objects.create(
            report=report, answer=answer, unit=answer.unit, actor=actor,
            action="send_back_answer", decision=AnswerQualityCheck.Decision.SENT_BACK,
            warnings=[warning.code for warning in warnings], reason=note,
        )  # fmt: skip
    answer.status = AnswerStatus.SENT_BACK
    answer.review_note = note
    answer.save()
    return Effect(note=note)


def _rating_window_closed(report: Report) -> str | None:
    rating = Rating.objects.filter(report=report).first()
    if rating and timezone.now() > rating.created_at + datetime.timedelta(days=RATING_CHANGE_DAYS):
        return _("Đánh giá chỉ được thay đổi trong 7 ngày.")
    return None


@action_handler("rate", guard=_rating_window_closed)
def rate(*, report: Report, value: str = "", comment: str = "", **params) -> Effect:
    if value not in RatingValue.values:
        raise WorkflowError(_("Vui lòng chọn mức độ hài lòng."))
    rating = Rating.objects.filter(report=report).first() or Rating(report=report)
    rating.value = value
    rating.comment = _within(
        (comment or "").strip(), kind="rating_comment", limit=RATING_COMMENT_MAX_LENGTH
    )
    rating.review_pending = value == RatingValue.NOT_SATISFIED
    rating.save()
    return Effect(note=_("Đánh giá: %(value)s") % {"value": rating.get_value_display()})


def publication_personal_numbers(*, public_title: str, public_content: str) -> list[str]:
    """The phone and ID numbers, as written, that keep a text from being published: the publish
    action refuses them and the report desk points them out before the coordinator tries."""
    return [n.text for text in (public_title, public_content) for n in personal_numbers_find(text)]


def published_answer(report: Report) -> Answer | None:
    """The answer the public page shows with the report: the last one sent."""
    return (
        report.answers.filter(status=AnswerStatus.PUBLISHED)
        .order_by("-published_at", "-id")
        .first()
    )


@action_handler("publish")
def publish(
    *,
    report: Report,
    actor,
    public_title: str = "",
    public_content: str = "",
    quality_reason: str | None = None,
    **params,
) -> Effect:
    public_title = _required(public_title or report.title, _("Vui lòng nhập tiêu đề công khai."))
    public_content = _required(
        public_content or report.content, _("Vui lòng nhập nội dung công khai.")
    )
    _within(public_title, kind="public_title", limit=TITLE_MAX_LENGTH)
    _within(public_content, kind="public_content", limit=CONTENT_MAX_LENGTH)
    found = publication_personal_numbers(public_title=public_title, public_content=public_content)
    if found:
        raise WorkflowError(
            _(
                "Nội dung công khai còn số định danh hoặc số điện thoại (%(numbers)s). Vui lòng xóa trước khi công khai."
            )
            % {"numbers": ", ".join(found)}
        )
    answer = published_answer(report)
    let_through = ""
    if answer is not None:
        let_through = _quality_gate(report=report, answer=answer, text=answer.content,
                                    reason=quality_reason, action="publish", actor=actor)  # fmt: skip
    report.is_published = True
    report.public_title = public_title
    report.public_content = public_content
    report.published_at = report.published_at or timezone.now()
    return Effect(note=_("Công khai trên cổng thông tin."), internal_note=let_through)


def _not_published(report: Report) -> str | None:
    if not report.is_published:
        return _("Phản ánh chưa được công khai.")
    return None


@action_handler("unpublish", guard=_not_published)
def unpublish(*, report: Report, **params) -> Effect:
    report.is_published = False
    return Effect(note=_("Thôi công khai."))


@action_handler("reopen")
def reopen(*, report: Report, note: str = "", **params) -> Effect:
    note = _required(note, _("Vui lòng ghi lý do xử lý lại."))
    Rating.objects.filter(report=report).update(review_pending=False)
    report.answered_at = None
    report.answer_deadline = add_working_days(
        working_calendar_get(), timezone.now(), answer_days_for(report, report.current_unit)
    )
    return Effect(note=note)


@action_handler("close")
def close(*, report: Report, note: str = "", **params) -> Effect:
    Rating.objects.filter(report=report).update(review_pending=False)
    report.closed_at = timezone.now()
    return Effect(note=note.strip() or _("Kết thúc xử lý."))
