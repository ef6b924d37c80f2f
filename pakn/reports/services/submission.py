"""A citizen's own report: save a draft, send it (once, however often the form is posted)."""

import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from pakn.reports.models import Attachment, Report, ReportChannel, ReportKind, ReportStatus
from pakn.reports.workflow import report_apply


@dataclass(frozen=True)
class ReportDetails:
    title: str
    content: str
    kind: str = ReportKind.REPORT
    citizen_category_id: int | None = None
    address: str = ""
    province_id: int | None = None
    commune_id: int | None = None
    latitude: object = None
    longitude: object = None
    hide_reporter_name: bool = False
    # A unit suggested by the widget the citizen came from (SUGGESTED_UNIT_PARAMETER).
    referring_unit_id: int | None = None


def _fill(report: Report, details: ReportDetails) -> None:
    report.title = details.title.strip()
    report.content = details.content.strip()
    report.kind = details.kind
    report.citizen_category_id = details.citizen_category_id
    report.category_id = report.category_id or details.citizen_category_id
    report.address = details.address.strip()
    report.province_id = details.province_id
    report.commune_id = details.commune_id
    report.latitude = details.latitude
    report.longitude = details.longitude
    report.hide_reporter_name = details.hide_reporter_name
    report.referring_unit_id = details.referring_unit_id or report.referring_unit_id


def _claim_uploads(report: Report, uploader, upload_token) -> None:
    if upload_token:
        Attachment.objects.filter(
            upload_token=upload_token, uploaded_by=uploader, report__isnull=True,
            message__isnull=True, answer__isnull=True,
        ).update(report=report)  # fmt: skip


@transaction.atomic
def report_draft_save(
    *,
    reporter,
    details: ReportDetails,
    idempotency_key: uuid.UUID,
    upload_token: uuid.UUID | None = None,
    channel: str = ReportChannel.WEB,
    entered_by=None,
) -> Report:
    """Creates or updates the reporter's draft identified by the form's key. ``entered_by``
    is the operator typing it for a caller: the files are theirs, the report the caller's."""
    report = (
        Report.objects.select_for_update()
        .filter(reporter=reporter, idempotency_key=idempotency_key)
        .first()
    )
    if report is not None and report.status != ReportStatus.DRAFT:
        return report  # already sent: a late autosave changes nothing
    report = report or Report(
        reporter=reporter, idempotency_key=idempotency_key, channel=channel, entered_by=entered_by
    )
    _fill(report, details)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:  # the same form saved twice at once: keep the first
        return Report.objects.get(reporter=reporter, idempotency_key=idempotency_key)
    _claim_uploads(report, entered_by or reporter, upload_token)
    return report


def report_submit(
    *,
    reporter,
    details: ReportDetails,
    idempotency_key: uuid.UUID,
    upload_token: uuid.UUID | None = None,
    channel: str = ReportChannel.WEB,
    ip_address: str | None = None,
    entered_by=None,
) -> Report:
    """Sends the report. Posting the same form again (a double click, a retry after a network
    error) returns the report already sent instead of creating a second one: the draft's
    locked lookup in report_draft_save finds it (one query fewer for every first send than
    looking it up before the transaction too). An operator who enters it for a caller
    (``entered_by``), or completes one made from an e-mail, is the one who sends it: the
    workflow's "operator" role."""
    with transaction.atomic():
        draft = report_draft_save(
            reporter=reporter,
            details=details,
            idempotency_key=idempotency_key,
            upload_token=upload_token,
            channel=channel,
            entered_by=entered_by,
        )
        if draft.status != ReportStatus.DRAFT:
            return draft
        report = report_apply(
            report_id=draft.pk,
            action="submit",
            actor=entered_by or reporter,
            ip_address=ip_address,
        )
    return report


def report_withdraw(
    *, reporter, report: Report, reason: str = "", expected_status=None, ip_address=None
) -> Report:
    return report_apply(
        report_id=report.pk,
        action="withdraw",
        actor=reporter,
        reason=reason,
        expected_status=expected_status,
        ip_address=ip_address,
    )
