"""Keys for partner systems and the reports they send (GeoReport v2 ``POST requests``).

A report sent through Open311 enters the same workflow as one from the form: the view calls
``open311_request_submit``, which calls ``report_submit`` with channel ``open311``. The
reporter is the key's own account (one per key, never able to log in): Report.reporter is
required, and finding or creating a citizen's account from an e-mail or a phone that no one
has verified would let any partner file reports in a stranger's name. What the partner says
about the person (names, e-mail, phone, device) is kept on the Submission, for the admin."""

import hashlib
import secrets
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pakn.accounts.models import AccountType, User
from pakn.open311.models import DEFAULT_RATE_LIMIT_PER_MINUTE, ApiKey, Submission
from pakn.reports.models import TITLE_MAX_LENGTH, Report, ReportChannel
from pakn.reports.services.submission import ReportDetails, report_submit

KEY_BYTES = 32
PREFIX_LENGTH = 8
TITLE_WORDS_LENGTH = 120


def api_key_hash(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode()).hexdigest()


@transaction.atomic
def api_key_create(
    *,
    name: str,
    rate_limit_per_minute: int = DEFAULT_RATE_LIMIT_PER_MINUTE,
    contact: str = "",
) -> tuple[ApiKey, str]:
    """A new key and its account; returns the key in clear, which is not stored anywhere."""
    raw_key = secrets.token_urlsafe(KEY_BYTES)
    while ApiKey.objects.filter(prefix=raw_key[:PREFIX_LENGTH]).exists():
        raw_key = secrets.token_urlsafe(KEY_BYTES)
    account = User(
        username=f"open311-{raw_key[:PREFIX_LENGTH].lower()}-{secrets.token_hex(4)}",
        account_type=AccountType.ORGANISATION,
        full_name=name,
        organisation_name=name,
    )
    account.set_unusable_password()
    account.save()
    api_key = ApiKey.objects.create(
        name=name,
        prefix=raw_key[:PREFIX_LENGTH],
        key_hash=api_key_hash(raw_key),
        account=account,
        rate_limit_per_minute=rate_limit_per_minute,
        contact=contact,
    )
    return api_key, raw_key


def api_key_authenticate(*, raw_key: str) -> ApiKey | None:
    """The active key whose hash matches, or None (a missing, unknown or revoked key)."""
    if not raw_key or len(raw_key) > 200:
        return None
    return (
        ApiKey.objects.select_related("account")
        .filter(key_hash=api_key_hash(raw_key), is_active=True)
        .first()
    )


@dataclass(frozen=True)
class ServiceRequestInput:
    """What the partner sent, as it was sent (strings), and what the form made of it."""

    raw: dict
    attributes: dict
    cleaned: dict | None  # None when the form refused it
    answers: tuple[tuple[str, str], ...] = ()  # the sector's questions and their answers


def _record(api_key: ApiKey, sent: ServiceRequestInput, *, status_code: int, error: str = "",
            report: Report | None = None, ip_address: str | None = None) -> Submission:  # fmt: skip
    def text(name: str, limit: int) -> str:
        return str(sent.raw.get(name, "") or "")[:limit]

    cleaned = sent.cleaned or {}
    return Submission.objects.create(
        api_key=api_key,
        report=report,
        status_code=status_code,
        error=error,
        service_code=text("service_code", 100),
        latitude=cleaned.get("lat"),
        longitude=cleaned.get("long"),
        address_string=text("address_string", 1000),
        address_id=text("address_id", 100),
        attributes=sent.attributes,
        description=text("description", 20_000),
        media_url=text("media_url", 2000),
        email=text("email", 254),
        phone=text("phone", 100),
        first_name=text("first_name", 150),
        last_name=text("last_name", 150),
        device_id=text("device_id", 150),
        account_id=text("account_id", 150),
        ip_address=ip_address,
    )


def submission_refused_record(
    *, api_key: ApiKey, sent: ServiceRequestInput, error: str, ip_address: str | None
) -> Submission:
    """Keeps a refused POST in the key's record, with the reason."""
    _touch(api_key)
    return _record(api_key, sent, status_code=400, error=error, ip_address=ip_address)


def _touch(api_key: ApiKey) -> None:
    ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=timezone.now())


def _title(description: str, fallback: str) -> str:
    """Open311 has no title: the description's first line, cut at a word."""
    first_line = next((line.strip() for line in description.splitlines() if line.strip()), "")
    if not first_line:
        return fallback[:TITLE_MAX_LENGTH]
    if len(first_line) <= TITLE_WORDS_LENGTH:
        return first_line
    cut = first_line[:TITLE_WORDS_LENGTH].rsplit(" ", 1)[0]
    return f"{cut}…"


def _content(cleaned: dict, answers) -> str:
    """The description, then what the officers need to see of the rest: the answers to the
    sector's questions and the link to the partner's file (not fetched, marked unchecked)."""
    parts = [cleaned["description"].strip()]
    if answers:
        lines = "\n".join(f"- {question}: {answer}" for question, answer in answers)
        parts.append(_("Thông tin bổ sung:") + "\n" + lines)
    if cleaned.get("media_url"):
        parts.append(
            _("Liên kết tệp do hệ thống đối tác gửi kèm (chưa được kiểm tra): %(url)s")
            % {"url": cleaned["media_url"]}
        )
    return "\n\n".join(parts)


def open311_request_submit(
    *,
    api_key: ApiKey,
    sent: ServiceRequestInput,
    idempotency_key: uuid.UUID | None = None,
    ip_address: str | None = None,
) -> Submission:
    """Sends the report into the normal workflow and records what the partner sent. The same
    ``Idempotency-Key`` sent again answers with the first submission."""
    cleaned = sent.cleaned
    assert cleaned is not None
    category = cleaned["service_code"]
    commune = cleaned.get("address_id")
    details = ReportDetails(
        title=_title(cleaned["description"], category.name),
        content=_content(cleaned, sent.answers),
        citizen_category_id=category.pk,
        address=cleaned.get("address_string", "").strip(),
        province_id=commune.parent_id if commune else None,
        commune_id=commune.pk if commune else None,
        latitude=cleaned.get("lat"),
        longitude=cleaned.get("long"),
    )
    with transaction.atomic():
        report = report_submit(
            reporter=api_key.account,
            details=details,
            idempotency_key=idempotency_key or uuid.uuid4(),
            channel=ReportChannel.OPEN311,
            ip_address=ip_address,
        )
        _touch(api_key)
        existing = Submission.objects.filter(report=report).first()
        if existing is not None:
            return existing
        return _record(api_key, sent, status_code=201, report=report, ip_address=ip_address)
