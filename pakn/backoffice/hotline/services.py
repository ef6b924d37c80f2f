"""What an operator does during a call: record the caller as a contact, send the report they
dictate (through the citizens' own submission service, channel ``hotline``), and write the
call into the log. Every intake and enquiry writes exactly one log row."""

import uuid

from django.core.exceptions import PermissionDenied
from django.db import transaction

from pakn.accounts.models import AccountType, User
from pakn.accounts.services.contacts import contact_find_or_create
from pakn.backoffice.hotline.models import CallKind, CallLog
from pakn.backoffice.hotline.selectors import operator_unit
from pakn.reports.models import Report, ReportChannel
from pakn.reports.services.submission import ReportDetails, report_submit


def _unit_for(operator):
    unit = operator_unit(operator)
    if unit is None:
        raise PermissionDenied("not an operator")
    return unit


@transaction.atomic
def hotline_contact_record(*, operator, full_name: str, phone: str, address: str = "") -> User:
    """The caller's account, or an earlier contact with this phone, or a new contact (name,
    phone, address; no ID number). ``phone`` is already E.164."""
    _unit_for(operator)
    caller = contact_find_or_create(full_name=full_name, phone=phone)
    if caller.account_type == AccountType.CONTACT and address and not caller.address_street:
        caller.address_street = address[:250]
        caller.save(update_fields=["address_street"])
    return caller


def call_log_record(
    *,
    operator,
    kind: str,
    caller_phone: str = "",
    caller: User | None = None,
    report: Report | None = None,
    note: str = "",
) -> CallLog:
    """One call in the log of the operator's unit."""
    return CallLog.objects.create(
        operator=operator,
        unit=_unit_for(operator),
        kind=kind,
        caller_phone=caller_phone or (caller.phone if caller is not None else ""),
        caller=caller,
        report=report,
        note=note.strip(),
    )


@transaction.atomic
def hotline_report_submit(
    *,
    operator,
    caller: User,
    details: ReportDetails,
    idempotency_key: uuid.UUID,
    upload_token: uuid.UUID | None = None,
    ip_address: str | None = None,
) -> Report:
    """Sends the report a caller dictated, theirs as reporter and entered by the operator.
    Posting the form again returns the same report and logs the call once."""
    _unit_for(operator)
    if caller.account_type == AccountType.OFFICER or caller.deleted_at is not None:
        raise PermissionDenied("not a caller")
    report = report_submit(
        reporter=caller,
        details=details,
        idempotency_key=idempotency_key,
        upload_token=upload_token,
        channel=ReportChannel.HOTLINE,
        ip_address=ip_address,
        entered_by=operator,
    )
    if not CallLog.objects.filter(report=report, kind=CallKind.NEW_REPORT).exists():
        call_log_record(operator=operator, kind=CallKind.NEW_REPORT, caller=caller, report=report)
    return report
