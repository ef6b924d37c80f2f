"""Reading the intake mailbox: an IMAP folder (IMAP_HOST set) through imap-tools, or, on the
embedded default, a folder of ``.eml`` files (MAIL_INBOX_DIR) that anyone can drop mail into.

The scheduler queues ``mailbox_read_task`` every pass. A reading never raises: a mailbox
that cannot be reached (a closed port, a server that never answers, a wrong password) leaves
its reason on the MailboxState row that the operators' queue shows, and each message goes
through ``inbound_email_receive``, which keeps any failure on the message's own row. A
message is read once: IMAP messages are fetched unread and marked read after; files move to
``done/`` or ``failed/``; and the unique Message-ID makes a second reading create nothing."""

import logging
import os
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task
from imap_tools import AND, MailBox, MailBoxStartTls, MailBoxUnencrypted, MailMessageFlags

from pakn.reports.models import InboundEmailStatus, MailboxState
from pakn.reports.services.mail_intake import inbound_email_receive

logger = logging.getLogger(__name__)

BATCH = 50  # messages a reading takes; the rest wait for the next pass


def mailbox_source() -> str:
    """The mailbox being read, as the operators' page names it (never the password)."""
    if settings.IMAP_HOST:
        return f"imap://{settings.IMAP_USER}@{settings.IMAP_HOST}:{settings.IMAP_PORT}/{settings.IMAP_FOLDER}"
    return str(settings.MAIL_INBOX_DIR)


def mailbox_read(*, limit: int = BATCH) -> dict[str, int]:
    """Reads up to ``limit`` new messages; returns how many became drafts and how many
    failed. Never raises for the mailbox's sake."""
    counts = {"drafted": 0, "failed": 0, "seen_before": 0}
    error = ""
    try:
        reader = _imap_messages if settings.IMAP_HOST else _folder_messages
        for raw, source, done in reader(limit=limit):
            before = timezone.now()
            record = inbound_email_receive(raw=raw, source=source)
            if record.received_at < before:
                counts["seen_before"] += 1
            elif record.status == InboundEmailStatus.FAILED:
                counts["failed"] += 1
            else:
                counts["drafted"] += 1
            done(record.status != InboundEmailStatus.FAILED)
    except Exception as problem:  # noqa: BLE001 - recorded for the operators, never a crash
        error = _mailbox_error_text(problem)
        logger.warning("Reading the intake mailbox failed: %s", error)
    _state_record(error=error)
    return counts


def _mailbox_error_text(problem: Exception) -> str:
    if isinstance(problem, TimeoutError):
        return _("Máy chủ thư không trả lời sau %(seconds)d giây.") % {
            "seconds": settings.IMAP_TIMEOUT
        }
    if isinstance(problem, ConnectionRefusedError):
        return _("Không kết nối được máy chủ thư %(host)s:%(port)d (cổng đóng).") % {
            "host": settings.IMAP_HOST,
            "port": settings.IMAP_PORT,
        }
    return _("Không đọc được hộp thư: %(error)s") % {
        "error": f"{type(problem).__name__}: {problem}"[:300]
    }


def _state_record(*, error: str) -> None:
    now = timezone.now()
    with transaction.atomic():
        state, _created = MailboxState.objects.select_for_update().get_or_create(
            source=mailbox_source()[:300]
        )
        state.checked_at = now
        state.last_error = error
        if error:
            state.failures_in_a_row = F("failures_in_a_row") + 1
        else:
            state.succeeded_at = now
            state.failures_in_a_row = 0
        state.save()


# The .eml folder -----------------------------------------------------------------------------


def _folder_messages(*, limit: int) -> Iterator[tuple[bytes, str, object]]:
    folder = Path(settings.MAIL_INBOX_DIR)
    try:
        names = sorted(
            entry.name
            for entry in os.scandir(folder)
            if entry.is_file(follow_symlinks=False) and entry.name.lower().endswith(".eml")
        )
    except FileNotFoundError:
        return
    for name in names[:limit]:
        path = folder / name
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            continue  # another worker read and moved it meanwhile

        def done(ok: bool, path=path) -> None:
            target = folder / ("done" if ok else "failed")
            target.mkdir(exist_ok=True)
            try:
                path.replace(target / path.name)
            except FileNotFoundError:
                pass

        yield raw, name, done


# IMAP ----------------------------------------------------------------------------------------


def _imap_mailbox():
    options = {"host": settings.IMAP_HOST, "port": settings.IMAP_PORT,
               "timeout": settings.IMAP_TIMEOUT}  # fmt: skip
    if settings.IMAP_SSL:
        return MailBox(**options)
    if settings.IMAP_STARTTLS:
        return MailBoxStartTls(**options)
    return MailBoxUnencrypted(**options)


def _imap_messages(*, limit: int) -> Iterator[tuple[bytes, str, object]]:
    """The unread messages of IMAP_FOLDER, oldest first; each is marked read once it has
    been recorded (a message that failed too: its failure is kept, it is not read again)."""
    with _imap_mailbox().login(
        settings.IMAP_USER, settings.IMAP_PASSWORD, initial_folder=settings.IMAP_FOLDER
    ) as mailbox:
        messages = mailbox.fetch(AND(seen=False), limit=limit, mark_seen=False, bulk=False)
        for message in messages:
            uid = message.uid

            def done(ok: bool, uid=uid) -> None:
                if uid:
                    mailbox.flag(uid, MailMessageFlags.SEEN, True)

            yield bytes(message.obj), f"imap:{settings.IMAP_FOLDER}:{uid}", done


@task()
def mailbox_read_task() -> dict[str, int]:
    return mailbox_read()
