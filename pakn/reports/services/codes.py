from django.db import IntegrityError, transaction

from pakn.reports.models import ReportCodeSequence

CODE_PREFIX = "PAKN"


def report_code_allocate(*, year: int) -> str:
    """The next code of ``year``, e.g. PAKN-2026-000123. The sequence row is locked until the
    caller's transaction ends, so concurrent reports queue here and never share a number; a
    rolled-back report leaves a gap, never a duplicate."""
    with transaction.atomic():
        sequence = ReportCodeSequence.objects.select_for_update().filter(year=year).first()
        if sequence is None:
            try:
                with transaction.atomic():
                    ReportCodeSequence.objects.create(year=year, last_value=0)
            except IntegrityError:
                pass  # another request created it first
            sequence = ReportCodeSequence.objects.select_for_update().get(year=year)
        sequence.last_value += 1
        sequence.save(update_fields=["last_value"])
    return f"{CODE_PREFIX}-{year}-{sequence.last_value:06d}"
