"""The chat: the visitor's messages, the chatbot's answers, and the hand-over to a support
agent. Texts are plain (pages show them as text, never as HTML) and kept to 1,000
characters; a visitor sends at most RATE_PER_MINUTE messages a minute."""

import re

from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pakn.core.selectors import working_calendar_get
from pakn.organisations.models import Membership, MembershipRole
from pakn.reports.models import Report, ReportStatus
from pakn.reports.search import report_code_from_query
from pakn.support.faq import faq_match
from pakn.support.models import ChatMessage, Conversation, ConversationStatus, Sender

MAX_LENGTH = 1000
RATE_PER_MINUTE = 20
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# What the visitor may ask besides typing a question.
ASK_AGENT, SEND_REPORT, LOOK_UP = "agent", "report", "lookup"


class ChatRefused(Exception):
    """A message not taken; ``str(error)`` is what the visitor is told."""


def chat_text_clean(text) -> str:
    if not isinstance(text, str):
        raise ChatRefused(_("Ông/bà vui lòng nhập nội dung cần hỏi."))
    text = _CONTROL.sub("", text).strip()
    if not text:
        raise ChatRefused(_("Ông/bà vui lòng nhập nội dung cần hỏi."))
    if len(text) > MAX_LENGTH:
        raise ChatRefused(_("Tin nhắn dài quá %(max)s ký tự.") % {"max": MAX_LENGTH})
    return text


def chat_rate_check(*, key: str) -> None:
    """At most RATE_PER_MINUTE messages a minute for one visitor (their session)."""
    name = f"support:rate:{key}:{timezone.now():%Y%m%d%H%M}"
    cache.add(name, 0, timeout=120)
    try:
        count = cache.incr(name)
    except ValueError:
        count = 1
    if count > RATE_PER_MINUTE:
        raise ChatRefused(_("Ông/bà gửi quá nhanh. Vui lòng chờ một phút rồi gửi tiếp."))


def support_open_now() -> bool:
    """Whether support agents are at work now: a working day of the site's calendar, inside
    one of its working sessions."""
    calendar = working_calendar_get()
    now = timezone.localtime()
    if not calendar.is_working_day(now.date()):
        return False
    return any(s.start <= now.time() < s.end for s in calendar.sessions)


def _bot(conversation: Conversation, body: str, link: str = "") -> ChatMessage:
    return ChatMessage.objects.create(
        conversation=conversation, sender=Sender.BOT, body=body, link=link
    )


def _lookup_answer(conversation: Conversation, text: str) -> ChatMessage:
    code = report_code_from_query(text)
    report = Report.objects.filter(code=code).first() if code else None
    if report is None or report.status == ReportStatus.DRAFT:
        return _bot(
            conversation,
            _("Không tìm thấy phản ánh có mã này. Ông/bà vui lòng kiểm tra lại mã số."),
        )
    if report.is_published:
        return _bot(
            conversation,
            _("Phản ánh %(code)s: %(status)s. Xem kết quả và diễn biến tại đường dẫn dưới đây.")
            % {"code": report.code, "status": report.get_status_display()},
            reverse("portal:report", args=[report.code]),
        )
    return _bot(
        conversation,
        _("Phản ánh %(code)s đang ở trạng thái: %(status)s. Người gửi xem chi tiết trong mục "
          "“Phản ánh của tôi”.") % {"code": report.code, "status": report.get_status_display()},
    )  # fmt: skip


@transaction.atomic
def chat_ask_agent(*, conversation: Conversation) -> Conversation:
    """Hands the conversation to the support agents (a waiting one keeps its place)."""
    if conversation.status in (ConversationStatus.WAITING, ConversationStatus.ACTIVE):
        return conversation
    conversation.status = ConversationStatus.WAITING
    conversation.waiting_since = timezone.now()
    conversation.outside_hours = not support_open_now()
    conversation.save(update_fields=["status", "waiting_since", "outside_hours"])
    if conversation.outside_hours:
        _bot(conversation, _(
            "Hiện ngoài giờ làm việc của tư vấn viên. Ông/bà cứ để lại lời nhắn (kèm số điện "
            "thoại hoặc thư điện tử nếu muốn được trả lời), tư vấn viên sẽ trả lời khi vào ca."
        ))  # fmt: skip
    else:
        _bot(conversation, _("Ông/bà vui lòng chờ trong giây lát, tư vấn viên sẽ trả lời ngay."))
    return conversation


@transaction.atomic
def chat_visitor_says(
    *, conversation: Conversation, text: str, action: str = ""
) -> list[ChatMessage]:
    """The visitor's message (or button) and the chatbot's answer, if the chatbot still
    answers; returns the new messages."""
    first = ChatMessage.objects.filter(conversation=conversation).order_by("-id").first()
    after = first.pk if first else 0
    if conversation.status == ConversationStatus.CLOSED:
        conversation.status = ConversationStatus.BOT
        conversation.save(update_fields=["status"])
    if text:
        ChatMessage.objects.create(conversation=conversation, sender=Sender.VISITOR, body=text)
    if action == ASK_AGENT:
        chat_ask_agent(conversation=conversation)
    elif conversation.status == ConversationStatus.BOT:
        if action == SEND_REPORT:
            _bot(conversation, _("Mời Ông/bà gửi phản ánh, kiến nghị qua biểu mẫu; có thể chọn vị "
                                 "trí trên bản đồ và đính kèm ảnh."), reverse("reports:send"))  # fmt: skip
        elif action == LOOK_UP:
            _lookup_answer(conversation, text)
        else:
            entry = faq_match(text)
            if entry is not None:
                _bot(conversation, entry.answer, entry.link)
            else:
                _bot(conversation, _(
                    "Chatbot chưa hiểu câu hỏi. Ông/bà thử hỏi cách khác, chọn “Gặp tư vấn viên”, "
                    "hoặc gọi tổng đài."
                ))  # fmt: skip
    return list(ChatMessage.objects.filter(conversation=conversation, pk__gt=after))


def support_agent_of(user) -> bool:
    return bool(
        user.is_authenticated
        and Membership.objects.filter(
            user=user, is_active=True, unit__is_active=True, role=MembershipRole.SUPPORT_AGENT
        ).exists()
    )


class ConversationTaken(Exception):
    """Another agent took it first."""


@transaction.atomic
def conversation_take(*, conversation_id, agent) -> Conversation:
    """An agent takes a waiting conversation; of two agents at once, one gets it."""
    updated = Conversation.objects.filter(
        pk=conversation_id, status=ConversationStatus.WAITING
    ).update(status=ConversationStatus.ACTIVE, agent=agent, taken_at=timezone.now())
    conversation = Conversation.objects.get(pk=conversation_id)
    if not updated and conversation.agent_id != agent.pk:
        raise ConversationTaken(_("Cuộc trò chuyện đã có tư vấn viên khác nhận."))
    return conversation


def agent_reply(*, conversation: Conversation, agent, text: str) -> ChatMessage:
    if conversation.agent_id != agent.pk or conversation.status != ConversationStatus.ACTIVE:
        raise ChatRefused(_("Ông/bà cần nhận cuộc trò chuyện trước khi trả lời."))
    return ChatMessage.objects.create(
        conversation=conversation, sender=Sender.AGENT, author=agent, body=chat_text_clean(text)
    )


@transaction.atomic
def conversation_close(*, conversation: Conversation, agent, note: str = "") -> Conversation:
    if conversation.agent_id != agent.pk:
        raise ChatRefused(_("Chỉ tư vấn viên đang trao đổi mới kết thúc được cuộc trò chuyện."))
    conversation.status = ConversationStatus.CLOSED
    conversation.closed_at = timezone.now()
    conversation.note = _CONTROL.sub("", note or "").strip()[:2000]
    conversation.save(update_fields=["status", "closed_at", "note"])
    _bot(conversation, _("Tư vấn viên đã kết thúc cuộc trò chuyện. Cảm ơn Ông/bà."))
    return conversation
