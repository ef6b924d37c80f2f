"""The person's notification list ("Thông báo"): newest first, open one (marks it read and
goes to its report), mark all read; and the person's settings of which copies come by
e-mail or SMS. Someone else's notification answers 404."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from pakn.core.typed_input import Paginator
from pakn.notifications.models import Notification, NotificationChannel, NotificationKind
from pakn.notifications.push import (
    PushSubscriptionInvalid,
    push_public_key,
    push_subscription_delete,
    push_subscription_save,
)
from pakn.notifications.rules import copies_by_kind
from pakn.notifications.selectors import notification_mutes_of, notifications_of
from pakn.notifications.services import (
    notification_mark_read,
    notification_preferences_set,
    notifications_mark_all_read,
)

PER_PAGE = 20


@require_GET
@login_required
def notification_list(request):
    page = Paginator(notifications_of(request.user), PER_PAGE).get_page(request.GET.get("trang"))
    return render(request, "notifications/list.html", {"page": page})


@require_POST
@login_required
def notification_open(request, pk: int):
    try:
        notification = notification_mark_read(user=request.user, notification_id=pk)
    except Notification.DoesNotExist:
        raise Http404 from None
    if notification.url and url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(notification.url)
    return redirect("notifications:list")


@require_POST
@login_required
def notifications_read_all(request):
    notifications_mark_all_read(user=request.user)
    return redirect("notifications:list")


@login_required
def notification_preferences(request):
    """ "Cài đặt thông báo": which kinds come also by e-mail or SMS. Each row is a kind the
    rule table sends this person a copy of; the in-app notification always stays."""
    offered = copies_by_kind(citizen=not request.user.is_officer)
    if request.method == "POST":
        wanted = {
            tuple(value.split(":", 1)) for value in request.POST.getlist("copy") if ":" in value
        }
        notification_preferences_set(user=request.user, wanted=wanted)
        messages.success(request, _("Đã lưu cài đặt thông báo."))
        return redirect("notifications:preferences")
    muted = notification_mutes_of(request.user)
    labels = dict(NotificationKind.choices)
    rows = [
        {
            "kind": kind,
            "label": labels[kind],
            "channels": [
                {
                    "value": f"{kind}:{channel}",
                    "label": label,
                    "offered": channel in offered[kind],
                    "on": (kind, channel) not in muted,
                }
                for channel, label in NotificationChannel.choices
            ],
        }
        for kind in NotificationKind.values
        if kind in offered
    ]
    return render(
        request,
        "notifications/preferences.html",
        {
            "rows": rows,
            "channels": NotificationChannel.choices,
            "account": request.user,
            "push_public_key": push_public_key(),
        },
    )


def _json_body(request) -> dict:
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return {}
    return body if isinstance(body, dict) else {}


@require_POST
@login_required
def push_subscribe(request):
    """A browser's push subscription (PushSubscription.toJSON()) for the signed-in person."""
    body = _json_body(request)
    keys = body.get("keys") if isinstance(body.get("keys"), dict) else {}
    try:
        push_subscription_save(
            user=request.user,
            endpoint=body.get("endpoint"),
            p256dh=keys.get("p256dh"),
            auth=keys.get("auth"),
            user_agent=request.headers.get("User-Agent", ""),
        )
    except PushSubscriptionInvalid as error:
        return JsonResponse({"message": str(error)}, status=400)
    return JsonResponse({"message": _("Đã bật thông báo đẩy trên thiết bị này.")}, status=201)


@require_POST
@login_required
def push_unsubscribe(request):
    endpoint = _json_body(request).get("endpoint")
    if isinstance(endpoint, str):
        push_subscription_delete(user=request.user, endpoint=endpoint)
    return JsonResponse({"message": _("Đã tắt thông báo đẩy trên thiết bị này.")})
