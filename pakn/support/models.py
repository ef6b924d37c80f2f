"""Online support ("Hỗ trợ trực tuyến"): frequent questions the chatbot answers, and the
conversations a visitor has with it and, when asked, with a support agent (tư vấn viên)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FaqEntry(models.Model):
    """A question and its answer, edited by administrators; ``keywords`` are other ways people
    ask it (matched without marks, with typos)."""

    question = models.CharField(_("Câu hỏi"), max_length=250)
    answer = models.TextField(_("Trả lời"))
    keywords = models.TextField(
        _("Cách hỏi khác"), blank=True, help_text=_("Mỗi dòng một cách hỏi, có dấu hoặc không dấu.")
    )
    link = models.CharField(_("Đường dẫn kèm theo"), max_length=300, blank=True)
    order = models.PositiveIntegerField(_("Thứ tự"), default=0)
    is_active = models.BooleanField(_("Đang dùng"), default=True)

    class Meta:
        verbose_name = _("Câu hỏi thường gặp (chatbot)")
        verbose_name_plural = _("Câu hỏi thường gặp (chatbot)")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.question


class ConversationStatus(models.TextChoices):
    BOT = "bot", _("Đang trò chuyện với chatbot")
    WAITING = "waiting", _("Chờ tư vấn viên")
    ACTIVE = "active", _("Đang trao đổi với tư vấn viên")
    CLOSED = "closed", _("Đã kết thúc")


class Conversation(models.Model):
    """One visitor's chat, tied to their browser session (and to their account if signed in)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("Tài khoản"),
    )  # fmt: skip
    status = models.CharField(
        _("Trạng thái"), max_length=10, choices=ConversationStatus.choices,
        default=ConversationStatus.BOT, db_index=True,
    )  # fmt: skip
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("Tư vấn viên"),
    )  # fmt: skip
    outside_hours = models.BooleanField(_("Để lại lời nhắn ngoài giờ"), default=False)
    created_at = models.DateTimeField(_("Bắt đầu"), auto_now_add=True)
    waiting_since = models.DateTimeField(_("Chờ từ"), null=True, blank=True)
    taken_at = models.DateTimeField(_("Nhận lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("Kết thúc lúc"), null=True, blank=True)
    note = models.TextField(_("Ghi chú của tư vấn viên"), blank=True)

    class Meta:
        verbose_name = _("Cuộc trò chuyện")
        verbose_name_plural = _("Cuộc trò chuyện")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_status_display()}"


class Sender(models.TextChoices):
    VISITOR = "visitor", _("Người dân")
    BOT = "bot", _("Chatbot")
    AGENT = "agent", _("Tư vấn viên")


class ChatMessage(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    sender = models.CharField(_("Người gửi"), max_length=10, choices=Sender.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    body = models.TextField(_("Nội dung"))
    link = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Tin nhắn hỗ trợ")
        verbose_name_plural = _("Tin nhắn hỗ trợ")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.body[:60]
