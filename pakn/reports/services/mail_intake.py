"""E-mail intake: one message read from the intake mailbox becomes a draft report (channel
``email``) that an operator completes and sends, or discards with a reason.

Whatever the message holds, reading it never raises: a message that cannot be understood is
an InboundEmail row with status ``failed`` and the reason, listed for the operators, and the
mailbox reading goes on with the next one. The sender is the reporter: the account or the
contact with that address (``contact_find_or_create``), so the receipt with the code goes to
them through the notification rules like any other report's.

Parsing is Python's own ``email`` package (RFC 5322/2045-2047 with its lenient default
policy); only the choice of fallbacks for a wrong or missing charset and the HTML-to-text
step are written here."""

import codecs
import hashlib
import html
import logging
import re
import unicodedata
import uuid
from dataclasses import dataclass, field
from email import policy
from email.parser import BytesParser
from email.utils import parseaddr, parsedate_to_datetime

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pakn.accounts.services.contacts import contact_find_or_create
from pakn.reports.access import inbound_emails_visible_to
from pakn.reports.models import (
    CONTENT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    InboundEmail,
    InboundEmailStatus,
    Report,
    ReportChannel,
    ReportStatus,
)
from pakn.reports.services.actions import default_coordinating_unit
from pakn.reports.services.attachments import AttachmentRejected, attachment_create
from pakn.reports.services.submission import ReportDetails, report_draft_save, report_submit
from pakn.reports.workflow import report_action_check

logger = logging.getLogger(__name__)

# Tried in this order when the declared charset is missing, unknown or wrong: most mail is
# UTF-8; older Vietnamese mail programs write Windows-1258; Latin-1 decodes any byte.
FALLBACK_CHARSETS = ("utf-8", "cp1258", "latin-1")
BLOCK_END = re.compile(
    r"<br\s*/?>|</(?:p|div|li|tr|h[1-6]|blockquote|table|pre|section|article)\s*>", re.I
)


class InboundEmailError(Exception):
    """A reason a message cannot become a draft, for the operators."""


@dataclass
class ParsedEmail:
    message_id: str
    sender: str = ""
    sender_name: str = ""
    subject: str = ""
    sent_at: object = None
    body: str = ""
    attachments: list[tuple[str, bytes]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def inbound_email_receive(*, raw: bytes, source: str = "") -> InboundEmail:
    """Reads one raw message into an InboundEmail and, if it can be understood, a draft report.
    The same Message-ID read again returns the row already there and creates nothing."""
    key = _fallback_message_id(raw)
    try:
        if len(raw) > settings.MAIL_INTAKE_MAX_MB * 1024 * 1024:
            raise InboundEmailError(
                _("Thư quá lớn (%(size)d MB, tối đa %(limit)d MB).")
                % {"size": len(raw) // (1024 * 1024), "limit": settings.MAIL_INTAKE_MAX_MB}
            )
        parsed = email_parse(raw)
    except Exception as error:  # noqa: BLE001 - any message that cannot be read is kept as failed
        reason = str(error) if isinstance(error, InboundEmailError) else _read_error(error)
        return _failure_record(message_id=key, source=source, reason=reason)
    existing = InboundEmail.objects.filter(message_id=parsed.message_id).first()
    if existing is not None:
        return existing
    try:
        return _draft_create(parsed, source=source)
    except IntegrityError:
        # Another worker read the same message at the same moment and committed first.
        return InboundEmail.objects.get(message_id=parsed.message_id)
    except Exception as error:  # noqa: BLE001
        logger.exception("E-mail %s could not become a draft", parsed.message_id)
        return _failure_record(
            message_id=parsed.message_id,
            source=source,
            reason=_read_error(error),
            parsed=parsed,
        )


def _read_error(error: Exception) -> str:
    return _("Không đọc được thư: %(error)s") % {"error": f"{type(error).__name__}: {error}"[:300]}


def _fallback_message_id(raw: bytes) -> str:
    """A message without a usable Message-ID is known by its bytes: the same file dropped
    twice is still one message."""
    return f"<sha256-{hashlib.sha256(raw).hexdigest()}@pakn.invalid>"


def _failure_record(
    *, message_id: str, source: str, reason: str, parsed: ParsedEmail | None = None
) -> InboundEmail:
    values = {"status": InboundEmailStatus.FAILED, "failure_reason": reason, "source": source[:300]}
    if parsed is not None:
        values |= {
            "sender": parsed.sender[:254],
            "sender_name": parsed.sender_name[:200],
            "subject": parsed.subject[:300],
            "sent_at": parsed.sent_at,
        }
    try:
        with transaction.atomic():
            record, _created = InboundEmail.objects.get_or_create(
                message_id=message_id[:255], defaults=values
            )
    except IntegrityError:
        record = InboundEmail.objects.get(message_id=message_id[:255])
    return record


# Reading the message -------------------------------------------------------------------------


def email_parse(raw: bytes) -> ParsedEmail:
    """The parts of a message PAKN keeps: sender, subject, date, text and files."""
    message = BytesParser(policy=policy.default).parsebytes(raw)
    if not message.keys():
        raise InboundEmailError(_("Không phải thư điện tử: không có dòng tiêu đề thư nào."))
    parsed = ParsedEmail(message_id=_message_id(message) or _fallback_message_id(raw))
    parsed.sender_name, parsed.sender = _sender(message)
    parsed.subject = _header_text(message, "subject")
    parsed.sent_at = _date(message)
    body_part = _body_part(message)
    if body_part is not None:
        text = _part_text(body_part, parsed.notes)
        if body_part.get_content_maintype() == "multipart":
            parsed.notes.append(_("Thư nhiều phần bị hỏng (thiếu dấu phân cách); giữ nguyên văn."))
        if body_part.get_content_subtype() == "html":
            text = html_to_text(text)
            parsed.notes.append(_("Thư chỉ có nội dung HTML; đã chuyển thành văn bản."))
        parsed.body = _tidy_text(text)
    if not parsed.body:
        parsed.notes.append(_("Thư không có nội dung."))
    for part in message.walk():
        if part is body_part or part.is_multipart() or part.get_content_maintype() == "multipart":
            continue
        name = _part_filename(part)
        if not name and part.get_content_maintype() in ("text", "message"):
            continue  # the other version of the text (HTML beside plain text), not a file
        try:
            data = part.get_payload(decode=True) or b""
        except Exception:  # noqa: BLE001 - a broken part is left out, and said so
            parsed.notes.append(_("Một phần của thư bị hỏng, đã bỏ qua."))
            continue
        parsed.attachments.append((name or _("tep-dinh-kem"), data))
    return parsed


def _message_id(message) -> str:
    try:
        value = str(message.get("message-id") or "")
    except Exception:  # noqa: BLE001 - a malformed header is the same as none
        return ""
    value = "".join(value.split())
    return value if 3 <= len(value) <= 255 else ""


def _header_text(message, name: str) -> str:
    """A header as text, encoded words decoded; undecodable bytes become U+FFFD, never an
    exception."""
    try:
        value = message.get(name)
        text = str(value) if value is not None else ""
    except Exception:  # noqa: BLE001 - the header as it came, undecoded
        text = next((str(v) for k, v in message.raw_items() if k.lower() == name), "")
    return _one_line(text)


def _one_line(text: str) -> str:
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    text = "".join(c if unicodedata.category(c)[0] != "C" else " " for c in text)
    return " ".join(unicodedata.normalize("NFC", text).split())


def _sender(message) -> tuple[str, str]:
    name, address = parseaddr(_header_text(message, "reply-to") or _header_text(message, "from"))
    address = address.strip().lower()
    try:
        validate_email(address)
    except ValidationError:
        address = ""
    return _one_line(name)[:200], address


def _date(message):
    try:
        moment = parsedate_to_datetime(str(message.get("date") or ""))
    except (TypeError, ValueError, IndexError):
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_default_timezone())
    return moment


def _body_part(message):
    """The text the sender wrote: plain text first, HTML if there is none; found in nested
    multiparts (mixed inside alternative inside related) by the email package."""
    try:
        body = message.get_body(preferencelist=("plain", "html"))
    except Exception:  # noqa: BLE001
        body = None
    if (
        body is None
        and message.get_content_maintype() == "multipart"
        and not message.is_multipart()
    ):
        # A multipart without its boundary: the parser keeps the whole body as one text.
        body = message
    return body


def _part_text(part, notes: list[str]) -> str:
    data = part.get_payload(decode=True) or b""
    declared = part.get_content_charset() or ""
    for charset in (declared, *FALLBACK_CHARSETS):
        if not charset:
            continue
        try:
            codecs.lookup(charset)
            text = data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
        if declared and charset != declared:
            notes.append(
                _("Bảng mã khai báo “%(declared)s” không đúng; đã đọc theo %(used)s.")
                % {"declared": declared, "used": charset}
            )
        elif not declared and charset != "utf-8":
            notes.append(_("Thư không khai báo bảng mã; đã đọc theo %(used)s.") % {"used": charset})
        return text
    return data.decode("utf-8", "replace")


def _part_filename(part) -> str:
    try:
        return (part.get_filename() or "").strip()
    except Exception:  # noqa: BLE001
        return "tep-dinh-kem"


def html_to_text(markup: str) -> str:
    """Readable text from an HTML-only message. nh3 (a maintained HTML sanitiser) removes
    every tag and the content of scripts, styles and the head; the line breaks that blocks
    make are put in before."""
    marked = BLOCK_END.sub("\n", markup)
    cleaned = nh3.clean(
        marked, tags=set(), clean_content_tags={"script", "style", "head", "title", "template"}
    )
    return html.unescape(cleaned)


def _tidy_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = "".join(c for c in text if c in "\n\t" or unicodedata.category(c)[0] != "C")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def email_title(subject: str) -> str:
    """The subject as a report title: reply and forward prefixes removed, cut to the limit."""
    title = re.sub(
        r"^(?:\s*(?:re|fw|fwd|tl|tr|chuyển tiếp|trả lời)\s*:\s*)+", "", subject, flags=re.I
    )
    title = title.strip() or _("(Thư không có tiêu đề)")
    if len(title) > TITLE_MAX_LENGTH:
        title = title[: TITLE_MAX_LENGTH - 1].rstrip() + "…"
    return title


# Making the draft ----------------------------------------------------------------------------


def _draft_create(parsed: ParsedEmail, *, source: str) -> InboundEmail:
    if not parsed.sender:
        raise InboundEmailError(_("Thư không có địa chỉ người gửi hợp lệ."))
    content = parsed.body
    if len(content) > CONTENT_MAX_LENGTH:
        content = content[: CONTENT_MAX_LENGTH - 1] + "…"
        parsed.notes.append(_("Nội dung dài quá giới hạn, đã cắt bớt."))
    with transaction.atomic():
        # Inserted first: a second worker with the same message waits here, then fails on
        # the unique Message-ID and creates nothing.
        record = InboundEmail.objects.create(
            message_id=parsed.message_id,
            sender=parsed.sender,
            sender_name=parsed.sender_name,
            subject=parsed.subject[:300],
            sent_at=parsed.sent_at,
            source=source[:300],
            status=InboundEmailStatus.DRAFTED,
        )
        sender = contact_find_or_create(full_name=parsed.sender_name, email=parsed.sender)
        report = report_draft_save(
            reporter=sender,
            details=ReportDetails(title=email_title(parsed.subject), content=content),
            idempotency_key=uuid.uuid4(),
            channel=ReportChannel.EMAIL,
        )
        # The coordinating centre's operators act on it (the workflow's "operator" role).
        report.coordinating_unit = default_coordinating_unit()
        report.save(update_fields=["coordinating_unit"])
        refused = []
        for name, data in parsed.attachments:
            reason = _attach(report=report, sender=sender, name=name, data=data)
            if reason:
                refused.append({"name": name[:255], "reason": reason})
        record.report = report
        record.refused_files = refused
        record.notes = "\n".join(parsed.notes)
        record.save(update_fields=["report", "refused_files", "notes"])
    return record


def _attach(*, report: Report, sender, name: str, data: bytes) -> str:
    """Stores one attached file through the uploads' own checks; returns why it was refused,
    or an empty string."""
    try:
        with transaction.atomic():
            attachment_create(
                uploaded_by=sender, uploaded_file=ContentFile(data, name=name), report=report
            )
    except AttachmentRejected as error:
        return str(error)
    except Exception as error:  # noqa: BLE001 - one bad file never loses the message
        logger.warning("Attachment of e-mail draft %s refused: %r", report.pk, error)
        return _("Tệp “%(name)s” không đọc được.") % {"name": name}
    return ""


# The operators' decisions --------------------------------------------------------------------


class InboundEmailNotPending(Exception):
    """The message was already sent or discarded (by another operator, a double click)."""


def _pending_lock(inbound_email_id: int, *, operator) -> InboundEmail:
    """The message, locked, if ``operator`` may handle it and it still waits; a message they
    may not see is "not found" (DoesNotExist), as on the pages."""
    record = (
        inbound_emails_visible_to(operator)
        .select_for_update(of=("self",))
        .select_related("report")
        .get(pk=inbound_email_id)
    )
    if record.status != InboundEmailStatus.DRAFTED or record.report is None:
        raise InboundEmailNotPending(
            _("Thư này đã được xử lý (%(status)s).") % {"status": record.get_status_display()}
        )
    if record.report.status != ReportStatus.DRAFT:
        raise InboundEmailNotPending(_("Phản ánh của thư này đã được gửi."))
    return record


def inbound_email_send(
    *, inbound_email_id: int, operator, details: ReportDetails, ip_address: str | None = None
) -> Report:
    """Sends the completed draft into the workflow through the ordinary submission, the
    operator recorded as the one who entered it; the receipt with the code goes to the
    sender by the notification rules (``submit`` → reporter)."""
    with transaction.atomic():
        record = _pending_lock(inbound_email_id, operator=operator)
        draft = record.report
        # Only someone the workflow lets send it (an operator of the coordinating unit) is
        # recorded as the one who entered it: being recorded gives that role (access.py).
        report_action_check(report=draft, action="submit", actor=operator)
        draft.entered_by = operator
        draft.save(update_fields=["entered_by"])
        report = report_submit(
            reporter=draft.reporter,
            details=details,
            idempotency_key=draft.idempotency_key,
            channel=ReportChannel.EMAIL,
            ip_address=ip_address,
            entered_by=operator,
        )
        record.status = InboundEmailStatus.SENT
        record.handled_by = operator
        record.handled_at = timezone.now()
        record.save(update_fields=["status", "handled_by", "handled_at"])
    return report


def inbound_email_discard(*, inbound_email_id: int, operator, reason: str) -> InboundEmail:
    """Discards a message that is not a report (spam, a reply, a duplicate); the draft and
    its files stay, linked to the record, for the audit."""
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError(_("Vui lòng nhập lý do loại thư."))
    with transaction.atomic():
        record = _pending_lock(inbound_email_id, operator=operator)
        record.status = InboundEmailStatus.DISCARDED
        record.discard_reason = reason[:500]
        record.handled_by = operator
        record.handled_at = timezone.now()
        record.save(update_fields=["status", "discard_reason", "handled_by", "handled_at"])
    return record
