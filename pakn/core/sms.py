"""Text messages (SMS) through a backend chosen by SMS_BACKEND, always in the GSM 7-bit
letters (``text_sms``):

- ``outbox`` (default): each message is a JSON file under var/outbox/sms/ that a developer reads;
- ``console``: printed to the log (the phone masked);
- ``http``: a generic HTTP gateway (Viettel, VNPT, eSMS and similar all take a POST with the
  number and the text): URL, credentials, a JSON body template, timeout and retries with backoff.

Messages are rows of OutgoingSms, queued in the same transaction as the change that causes them
and sent by a background task after commit, so a slow or failing gateway never blocks or loses
the registration (or anything else) that asked for the message.

A one-time code never sits in the database in clear: the row keeps the text with the code
masked (what operators and the audit see) and the code itself sealed with a key derived from
SECRET_KEY; the code is put back into the text only on its way to the backend, and the seal is
dropped once the message is sent, or once its tries are spent (the code is then worthless). Whatever goes wrong in a backend (a full or unwritable
outbox, a dead gateway) is recorded on the row as a failure, with the code masked in the
error, so the page that asked for the code can say it did not go out.

A failed message is tried again by the scheduler after each delay of SMS_RETRY_MINUTES (a
code only while it is valid); after the last try it is listed for a person to resend, in the
admin ("Tin nhắn SMS", filter "Cần người gửi lại", action "Gửi lại").
"""

import base64
import datetime
import json
import logging
import string
from dataclasses import dataclass
from pathlib import Path

import requests
from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django_tasks import task
from requests.adapters import HTTPAdapter
from urllib3.util import Retry

from pakn.core.models import OutgoingSms, SmsStatus
from pakn.core.text import text_sms
from pakn.core.validators import mask_identifier

logger = logging.getLogger(__name__)
SECRET_MASK = "******"  # noqa: S105 - what a code looks like masked


class SmsGatewayError(Exception):
    pass


@dataclass(frozen=True)
class SmsDelivery:
    reference: str


def _sealing_key() -> Fernet:
    # A well-kept authenticated cipher (cryptography's Fernet) rather than a hand-made one; the
    # key is derived from SECRET_KEY so that a copy of the database alone opens nothing.
    digest = salted_hmac("pakn.core.sms.sealed-secret", "fernet-key", algorithm="sha256").digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def _seal(secret: str) -> str:
    return _sealing_key().encrypt(secret.encode()).decode()


def _unseal(sealed: str) -> str:
    try:
        return _sealing_key().decrypt(sealed.encode()).decode()
    except InvalidToken:
        raise SmsGatewayError("Không mở được mã bí mật của tin (SECRET_KEY đã đổi?)") from None


def _text_to_send(message: OutgoingSms) -> str:
    """The text as the recipient reads it: the masked code put back, only for the backend."""
    if message.sensitive and not message.sealed_secret:
        # Sent already, or masked before codes were sealed: never send "******" as a code.
        raise SmsGatewayError("Mã bí mật của tin này không còn; hãy yêu cầu mã mới.")
    if not message.sealed_secret:
        return message.body
    return message.body.replace(SECRET_MASK, _unseal(message.sealed_secret))


def _outbox_send(message: OutgoingSms) -> SmsDelivery:
    folder = Path(settings.SMS_OUTBOX_DIR)
    created = timezone.localtime(message.created_at)
    path = folder / f"{created:%Y%m%d-%H%M%S}-{message.pk:06d}.json"
    document = {
        "id": message.pk,
        "to": message.phone,
        "body": _text_to_send(message),
        "created_at": created.isoformat(),
    }
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise SmsGatewayError(f"Không ghi được hộp thư đi {folder}: {reason}") from None
    return SmsDelivery(reference=path.name)


def _console_send(message: OutgoingSms) -> SmsDelivery:
    # One-time codes appear in the log only on a developer's machine.
    body = _text_to_send(message) if settings.DEBUG else message.body
    logger.info("SMS to %s: %s", mask_identifier(message.phone), body)
    return SmsDelivery(reference=f"console-{message.pk}")


def _http_session() -> requests.Session:
    session = requests.Session()
    retry = Retry(
        total=settings.SMS_HTTP_RETRIES,
        read=0,  # no answer in time: the gateway may have taken it, a retry could send it twice
        backoff_factor=settings.SMS_HTTP_BACKOFF,
        backoff_max=2,
        status_forcelist=(429, 500, 502, 503, 504),
        allowed_methods=frozenset({"POST"}),
        raise_on_status=False,
    )
    session.mount("http://", HTTPAdapter(max_retries=retry))
    session.mount("https://", HTTPAdapter(max_retries=retry))
    return session


def _http_send(message: OutgoingSms) -> SmsDelivery:
    template = string.Template(settings.SMS_HTTP_BODY_TEMPLATE)
    # Values are JSON-escaped before they go into the template, so a quote in a message
    # cannot break the body.
    body = template.substitute(
        phone=json.dumps(message.phone)[1:-1],
        phone_national=json.dumps("0" + message.phone[3:])[1:-1],
        message=json.dumps(_text_to_send(message), ensure_ascii=False)[1:-1],
        sender=json.dumps(settings.SMS_HTTP_SENDER, ensure_ascii=False)[1:-1],
        reference=str(message.pk),
    )
    auth = None
    headers = {"Content-Type": "application/json; charset=utf-8"}
    if settings.SMS_HTTP_TOKEN:
        headers["Authorization"] = f"Bearer {settings.SMS_HTTP_TOKEN}"
    elif settings.SMS_HTTP_USERNAME:
        auth = (settings.SMS_HTTP_USERNAME, settings.SMS_HTTP_PASSWORD)
    try:
        response = _http_session().post(
            settings.SMS_HTTP_URL,
            data=body.encode("utf-8"),
            headers=headers,
            auth=auth,
            timeout=(settings.SMS_HTTP_CONNECT_TIMEOUT, settings.SMS_HTTP_TIMEOUT),
        )
    except requests.RequestException as error:
        raise SmsGatewayError(f"{type(error).__name__}: {error}"[:300]) from None
    if response.status_code >= 300:
        raise SmsGatewayError(f"HTTP {response.status_code}: {response.text[:200]}")
    return SmsDelivery(reference=response.headers.get("X-Message-Id", "")[:100])


BACKENDS = {"outbox": _outbox_send, "console": _console_send, "http": _http_send}


# A code whose lifetime the caller does not give is tried no longer than this.
SECRET_DEFAULT_LIFETIME = datetime.timedelta(minutes=10)


def sms_queue(
    *,
    phone: str,
    body: str,
    secret: str = "",
    secret_expires_at: datetime.datetime | None = None,
) -> OutgoingSms:
    """Queues a text for ``phone`` (E.164); it is sent after the current transaction commits.

    ``secret`` (a one-time code written in ``body``) is stored masked in the text and sealed
    beside it, never in clear; it is tried again after a failure only until
    ``secret_expires_at``, the code's own end."""
    # Every text in the GSM 7-bit letters, whatever its template or the site's name holds:
    # one accented letter would make the whole message Unicode, at less than half the length.
    body = text_sms(body)
    if secret and secret not in body:
        raise ValueError("the secret must appear in the text it is sent in")
    message = OutgoingSms.objects.create(
        phone=phone,
        body=body.replace(secret, SECRET_MASK) if secret else body,
        sensitive=bool(secret),
        sealed_secret=_seal(secret) if secret else "",
        secret_expires_at=(secret_expires_at or timezone.now() + SECRET_DEFAULT_LIFETIME)
        if secret
        else None,
    )
    transaction.on_commit(lambda: sms_send_task.enqueue(message.pk))
    return message


def _error_text(error: Exception, message: OutgoingSms) -> str:
    """What went wrong, for operators: never the code, even if a gateway echoes the text."""
    text = str(error) if isinstance(error, SmsGatewayError) else f"{type(error).__name__}: {error}"
    if message.sealed_secret:
        try:
            text = text.replace(_unseal(message.sealed_secret), SECRET_MASK)
        except SmsGatewayError:
            pass
    return text[:300] or type(error).__name__


def sms_deliver(*, message_id: int) -> OutgoingSms:
    """Hands one queued message to the configured backend and records the outcome: any
    failure of the backend is a FAILED row with its error, not a task that crashes."""
    message = OutgoingSms.objects.get(pk=message_id)
    if message.status == SmsStatus.SENT:
        return message
    message.attempts += 1
    # Written before the gateway is called: a worker killed mid-send leaves this trace, and the
    # task run again sends the same row, with the same $reference a gateway can drop repeats by.
    message.save(update_fields=["attempts"])
    try:
        expires = message.secret_expires_at
        if message.sealed_secret and expires is not None and expires < timezone.now():
            raise SmsGatewayError("Mã bí mật đã hết hạn trước khi gửi được; hãy yêu cầu mã mới.")
        delivery = BACKENDS[settings.SMS_BACKEND](message)
    except Exception as error:  # noqa: BLE001 - every failure is recorded on the row
        message.status = SmsStatus.FAILED
        message.last_error = _error_text(error, message)
        message.next_attempt_at = _next_attempt(message)
        if message.next_attempt_at is None:
            # No more tries: the code is dropped, not kept even sealed; a person may resend
            # an ordinary text, the owner of a code asks for a new one.
            message.sealed_secret = ""
        message.save(
            update_fields=["status", "last_error", "attempts", "next_attempt_at", "sealed_secret"]
        )
        logger.warning(
            "SMS #%s to %s failed (attempt %s): %s",
            message.pk,
            mask_identifier(message.phone),
            message.attempts,
            message.last_error,
        )
        return message
    message.status = SmsStatus.SENT
    message.sent_at = timezone.now()
    message.gateway_reference = delivery.reference
    message.last_error = ""
    message.next_attempt_at = None
    message.sealed_secret = ""  # sent: the code is not needed any more
    message.save()
    return message


def _next_attempt(message: OutgoingSms) -> datetime.datetime | None:
    """When to try a failed message again: after the attempt's delay in SMS_RETRY_MINUTES,
    never past its code's end; None once the tries are spent (or a person's resend failed)."""
    delays = settings.SMS_RETRY_MINUTES
    if message.attempts > len(delays) or (message.sensitive and not message.sealed_secret):
        return None
    moment = timezone.now() + datetime.timedelta(minutes=delays[message.attempts - 1])
    expires = message.secret_expires_at
    if message.sensitive and (expires is None or moment >= expires):
        return None
    return moment


RETRY_BATCH = 500


def sms_retries_queue(*, now: datetime.datetime | None = None) -> int:
    """Queues the failed messages whose next try has come (the scheduler, every pass); reads
    only those through the index on ``next_attempt_at``. Each is claimed by clearing its
    moment in a conditional UPDATE, so two schedulers never queue the same message twice."""
    now = now or timezone.now()
    due = OutgoingSms.objects.filter(status=SmsStatus.FAILED, next_attempt_at__lte=now)
    queued = 0
    for pk, moment in due.order_by("next_attempt_at").values_list("pk", "next_attempt_at")[
        :RETRY_BATCH
    ]:
        claimed = OutgoingSms.objects.filter(pk=pk, next_attempt_at=moment).update(
            next_attempt_at=None
        )
        if claimed:
            sms_send_task.enqueue(pk)
            queued += 1
    return queued


def sms_needs_person(queryset):
    """The messages the automatic tries gave up on: listed for a person to resend."""
    return queryset.filter(status=SmsStatus.FAILED, next_attempt_at__isnull=True)


def sms_resend(*, message_id: int) -> bool:
    """A person's resend of a message that was not sent; False (nothing queued) for a
    one-time code that is no longer there to send: its owner asks for a new one."""
    message = OutgoingSms.objects.get(pk=message_id)
    if message.status == SmsStatus.SENT or (message.sensitive and not message.sealed_secret):
        return False
    OutgoingSms.objects.filter(pk=message.pk).update(next_attempt_at=None)
    sms_send_task.enqueue(message.pk)
    return True


@task(queue_name="notifications")  # its own queue and worker: a slow gateway delays only SMS
def sms_send_task(message_id: int) -> str:
    return sms_deliver(message_id=message_id).status
