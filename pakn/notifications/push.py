"""Web push: the browsers and installed apps that asked for it get a push for each
notification that also goes by e-mail or SMS (the rule table decides, the person's settings
can turn it off). Encrypted and signed by pywebpush (RFC 8291 payloads, RFC 8292 VAPID);
sent by a task on the notifications queue after the notification is written.

A subscription is a URL that the server will POST to, so only https addresses of the push
services in WEBPUSH_ALLOWED_HOSTS are taken: a client cannot make the server call anything
else. A push service that answers 404 or 410 has forgotten the subscription: it is deleted."""

import json
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task
from pywebpush import WebPushException, webpush

from pakn.core.workers import idempotency_key_claim
from pakn.notifications.models import Notification, PushSubscription
from pakn.notifications.vapid import vapid_public_key

logger = logging.getLogger(__name__)
GONE = (404, 410)


class PushSubscriptionInvalid(ValueError):
    """A subscription the server refuses; ``str(error)`` is the message to show."""


def push_public_key() -> str:
    """The key a browser subscribes with, or "" when push is off."""
    key = settings.WEBPUSH_VAPID_PRIVATE_KEY
    return vapid_public_key(key) if key else ""


def _allowed_endpoint(endpoint: str) -> bool:
    try:
        parts = urlsplit(endpoint)
    except ValueError:
        return False
    host = (parts.hostname or "").lower()
    if parts.scheme != "https" and not (settings.DEBUG and parts.scheme == "http"):
        return False
    return any(
        host == allowed or (allowed.startswith(".") and host.endswith(allowed))
        for allowed in settings.WEBPUSH_ALLOWED_HOSTS
    )


def push_subscription_save(
    *, user, endpoint: str, p256dh: str, auth: str, user_agent: str = ""
) -> PushSubscription:
    """Keeps this browser's subscription for ``user`` (a browser that signs in as another
    person moves to them)."""
    if not push_public_key():
        raise PushSubscriptionInvalid(_("Cổng chưa bật thông báo đẩy."))
    if not isinstance(endpoint, str) or len(endpoint) > 1000 or not _allowed_endpoint(endpoint):
        raise PushSubscriptionInvalid(_("Địa chỉ dịch vụ thông báo đẩy không hợp lệ."))
    if not all(isinstance(v, str) and 0 < len(v) <= 200 for v in (p256dh, auth)):
        raise PushSubscriptionInvalid(_("Khóa của thiết bị không hợp lệ."))
    subscription, _created = PushSubscription.objects.update_or_create(
        endpoint=endpoint,
        defaults={"user": user, "p256dh": p256dh, "auth": auth, "user_agent": user_agent[:200]},
    )
    return subscription


def push_subscription_delete(*, user, endpoint: str) -> int:
    deleted, _by_model = PushSubscription.objects.filter(user=user, endpoint=endpoint).delete()
    return deleted


def push_queue(notification: Notification) -> None:
    """Sends ``notification`` to its person's devices after the current transaction."""
    if (
        settings.WEBPUSH_VAPID_PRIVATE_KEY
        and PushSubscription.objects.filter(user_id=notification.recipient_id).exists()
    ):
        transaction.on_commit(lambda: push_send_task.enqueue(notification.pk))


def _payload(notification: Notification) -> str:
    url = notification.url
    if settings.PUBLIC_BASE_URL and url.startswith("/"):
        url = settings.PUBLIC_BASE_URL + url
    return json.dumps(
        {"title": notification.title, "body": notification.body[:300], "url": url},
        ensure_ascii=False,
    )


def push_deliver(*, notification_id: int) -> int:
    """Pushes one notification to every device of its person; returns how many took it. A
    device is pushed once per notification, even when the task runs again."""
    notification = Notification.objects.get(pk=notification_id)
    data = _payload(notification)
    delivered = 0
    for subscription in PushSubscription.objects.filter(user_id=notification.recipient_id):
        try:
            with transaction.atomic():
                if not idempotency_key_claim(key=f"push:{notification.pk}:{subscription.pk}"):
                    continue
                webpush(
                    subscription_info={
                        "endpoint": subscription.endpoint,
                        "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth},
                    },
                    data=data,
                    vapid_private_key=settings.WEBPUSH_VAPID_PRIVATE_KEY,
                    vapid_claims={"sub": settings.WEBPUSH_SUBJECT},
                    timeout=settings.WEBPUSH_TIMEOUT,
                    ttl=24 * 3600,
                )
        except WebPushException as error:
            status = getattr(error.response, "status_code", None)
            if status in GONE:
                subscription.delete()
            else:
                logger.warning("Push to subscription #%s failed: %s", subscription.pk, status)
            continue
        except Exception as error:  # noqa: BLE001 - a dead push service costs its device only
            logger.warning(
                "Push to subscription #%s failed: %s", subscription.pk, type(error).__name__
            )
            continue
        delivered += 1
        PushSubscription.objects.filter(pk=subscription.pk).update(last_sent_at=timezone.now())
    return delivered


@task(queue_name="notifications")
def push_send_task(notification_id: int) -> int:
    return push_deliver(notification_id=notification_id)
