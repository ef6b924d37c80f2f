"""The chat panel's two calls (send, and read what is new) and the support agents' console.

The panel belongs to the visitor's session: a conversation is found by the id kept in the
session, never by an id the browser sends, so nobody reads another person's chat."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from pakn.core.typed_input import parse_int
from pakn.reports.models import Report
from pakn.support.models import ChatMessage, Conversation, ConversationStatus
from pakn.support.services import (
    ChatRefused,
    ConversationTaken,
    agent_reply,
    chat_rate_check,
    chat_text_clean,
    chat_visitor_says,
    conversation_close,
    conversation_take,
    support_agent_of,
    support_open_now,
)

SESSION_KEY = "support:conversation"


def _after(request) -> int:
    """The ``sau`` parameter: the last message the page has; anything malformed is 0."""
    try:
        return parse_int(request.GET.get("sau") or "0", minimum=0)
    except ValidationError:
        return 0


def _message(message: ChatMessage) -> dict:
    return {
        "id": message.pk,
        "sender": message.sender,
        "body": message.body,
        "link": message.link,
        "at": timezone.localtime(message.created_at).strftime("%H:%M"),
    }


def _session_conversation(request, *, create: bool) -> Conversation | None:
    conversation_id = request.session.get(SESSION_KEY)
    conversation = (
        Conversation.objects.filter(pk=conversation_id).first() if conversation_id else None
    )
    if conversation is None and create:
        user = request.user if request.user.is_authenticated else None
        conversation = Conversation.objects.create(user=user)
        request.session[SESSION_KEY] = str(conversation.pk)
    return conversation


@never_cache
@require_http_methods(["GET", "POST"])
def chat(request):
    """GET ?sau=<id>: what is new since message ``id``; POST text and/or action: the
    visitor's message, answered by the chatbot or passed to the agent."""
    if request.method == "GET":
        conversation = _session_conversation(request, create=False)
        after = _after(request)
        found = conversation.messages.filter(pk__gt=after) if conversation else []
        return JsonResponse({
            "csrf": get_token(request),
            "status": conversation.status if conversation else ConversationStatus.BOT,
            "open": support_open_now(),
            "messages": [_message(m) for m in found],
        })  # fmt: skip
    action = request.POST.get("action", "")
    text = request.POST.get("text", "")
    try:
        if not request.session.session_key:
            request.session.save()
        chat_rate_check(key=request.session.session_key)
        text = chat_text_clean(text) if (text or not action) else ""
        conversation = _session_conversation(request, create=True)
        new = chat_visitor_says(conversation=conversation, text=text, action=action)
    except ChatRefused as error:
        return JsonResponse({"message": str(error)}, status=400)
    return JsonResponse(
        {"status": conversation.status, "messages": [_message(m) for m in new]}, status=201
    )


def _agent_required(view):
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(f"/can-bo/dang-nhap/?next={request.path}")
        if not support_agent_of(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@require_GET
@_agent_required
def console(request):
    """Waiting conversations (longest wait first), the agent's own, and the transcripts."""
    now = timezone.now()
    waiting = list(
        Conversation.objects.filter(status=ConversationStatus.WAITING).order_by("waiting_since")
    )
    for conversation in waiting:
        waited = now - (conversation.waiting_since or now)
        conversation.waited_minutes = max(0, int(waited / datetime.timedelta(minutes=1)))
    query = request.GET.get("q", "").strip()[:100]
    past = Conversation.objects.filter(status=ConversationStatus.CLOSED)
    if query:
        past = past.filter(Q(messages__body__icontains=query) | Q(note__icontains=query)).distinct()
    return render(request, "support/console.html", {
        "waiting": waiting,
        "mine": Conversation.objects.filter(status=ConversationStatus.ACTIVE, agent=request.user),
        "past": past.order_by("-closed_at")[:50],
        "query": query,
        "open": support_open_now(),
    })  # fmt: skip


@require_http_methods(["GET", "POST"])
@_agent_required
def conversation(request, pk):
    """One conversation: take it, reply, end it with a note."""
    item = get_object_or_404(Conversation, pk=pk)
    if request.method == "POST":
        step = request.POST.get("step")
        try:
            if step == "take":
                item = conversation_take(conversation_id=item.pk, agent=request.user)
            elif step == "reply":
                agent_reply(
                    conversation=item, agent=request.user, text=request.POST.get("text", "")
                )
            elif step == "close":
                conversation_close(
                    conversation=item, agent=request.user, note=request.POST.get("note", "")
                )
                messages.success(request, _("Đã kết thúc cuộc trò chuyện."))
                return redirect("support:console")
        except (ChatRefused, ConversationTaken) as error:
            messages.error(request, str(error))
        return redirect("support:conversation", pk=item.pk)
    reports = (
        Report.objects.filter(reporter=item.user, is_published=True).order_by("-submitted_at")[:10]
        if item.user_id
        else []
    )
    return render(request, "support/conversation.html", {
        "item": item, "chat": item.messages.all(), "public_reports": reports,
        "mine": item.agent_id == request.user.pk,
    })  # fmt: skip


@never_cache
@require_GET
@_agent_required
def conversation_messages(request, pk):
    """What is new in one conversation, for the console's page to show without reloading."""
    item = get_object_or_404(Conversation, pk=pk)
    after = _after(request)
    return JsonResponse({
        "status": item.status,
        "messages": [_message(m) for m in item.messages.filter(pk__gt=after)],
    })  # fmt: skip
