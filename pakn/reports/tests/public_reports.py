"""Published reports for the tests of the public side (search, report pages, map, API)."""

import datetime
import itertools

from django.utils import timezone

from pakn.accounts.tests.factories import UserFactory
from pakn.reports.models import Report, ReportStatus

_numbers = itertools.count(900_001)


def published_report(
    title: str = "Đèn đường hỏng trên đường Trần Phú",
    content: str = "Người dân đề nghị cơ quan chức năng kiểm tra, xử lý sớm.",
    *,
    published: bool = True,
    reporter=None,
    submitted_days_ago: int = 10,
    status: str = ReportStatus.ANSWERED,
    **fields,
) -> Report:
    """A report as the coordinator publishes it: the original title and content (which the
    public never sees) differ from the public ones."""
    submitted_at = timezone.now() - datetime.timedelta(days=submitted_days_ago)
    number = next(_numbers)
    return Report.objects.create(
        code=fields.pop("code", f"PAKN-{submitted_at.year}-{number:06d}"),
        title=fields.pop("original_title", f"[bản gốc] {title}"),
        content=fields.pop("original_content", f"[bản gốc] {content}"),
        reporter=reporter or UserFactory(),
        status=status,
        submitted_at=submitted_at,
        is_published=published,
        public_title=title if published else "",
        public_content=content if published else "",
        published_at=timezone.now() if published else None,
        **fields,
    )


def public_photo(report: Report, *, answer=None):
    """A real PNG photo attached to the report (or to its answer), with its public copy."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from pakn.reports.services.attachments import attachment_create

    output = io.BytesIO()
    Image.new("RGB", (32, 24), (40, 160, 40)).save(output, format="PNG")
    attachment = attachment_create(
        uploaded_by=report.reporter,
        uploaded_file=SimpleUploadedFile("hien-truong.png", output.getvalue(), "image/png"),
        report=None if answer is not None else report,
    )
    if answer is not None:
        attachment.answer = answer
        attachment.save()
    return attachment
