"""Exports of the public statistics. A small table downloads at once; a long one (see
``export_is_long``) is made by a background task while the visitor watches its progress."""

import datetime
import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pakn.statistics.exports import (  # noqa: F401  (export_filename, statistics_export_content: re-exported)
    export_filename,
    statistics_export_content,
)
from pakn.statistics.models import ExportFormat, ExportStatus, StatisticsExport
from pakn.statistics.selectors import (
    VIEW_COMMUNE,
    StatisticsFilters,
    statistics_views,
)
from pakn.statistics.tasks import statistics_export_task

logger = logging.getLogger(__name__)

# Above this many lines a table is written in the background. The per-commune view (up to
# the province's communes, about a hundred, or thousands on a national site) and the
# workbook of all three views always are.
EXPORT_INLINE_MAX_LINES = 200
# A visitor may have this many exports waiting at once (a guard against a flood of tasks),
# and one IP address this many, whatever its sessions (an office behind one address).
EXPORT_MAX_WAITING = 3
EXPORT_MAX_WAITING_PER_IP = 6
# Files are kept this long, then removed when someone asks for a new export.
EXPORT_KEPT_FOR = datetime.timedelta(days=1)


class ExportRefused(ValueError):
    pass


class ExportLimitReached(ExportRefused):
    """Too many exports waiting for this visitor or address: try again later (HTTP 429)."""


def export_is_long(*, views: list[str], line_count: int) -> bool:
    return len(views) > 1 or VIEW_COMMUNE in views or line_count > EXPORT_INLINE_MAX_LINES


def statistics_export_request(
    *,
    filters: StatisticsFilters,
    views: list[str],
    file_format: str,
    user=None,
    session_key: str = "",
    client_ip: str | None = None,
) -> StatisticsExport:
    """Records the request and queues the task after the transaction commits."""
    if not views or any(view not in statistics_views() for view in views):
        raise ExportRefused(_("Bảng thống kê không hợp lệ."))
    if file_format not in ExportFormat.values:
        raise ExportRefused(_("Định dạng tệp không hợp lệ."))
    if file_format == ExportFormat.CSV:
        views = views[:1]  # a CSV holds one table
    waiting = StatisticsExport.objects.filter(
        status__in=(ExportStatus.PENDING, ExportStatus.RUNNING)
    )
    if user is not None and user.is_authenticated:
        waiting = waiting.filter(requested_by=user)
    else:
        waiting = waiting.filter(session_key=session_key or "-")
    if waiting.count() >= EXPORT_MAX_WAITING:
        raise ExportLimitReached(
            _("Ông/bà đang có %(count)s tệp chờ tạo, vui lòng chờ các tệp đó xong rồi thử lại.")
            % {"count": EXPORT_MAX_WAITING}
        )
    if client_ip and (
        StatisticsExport.objects.filter(
            client_ip=client_ip, status__in=(ExportStatus.PENDING, ExportStatus.RUNNING)
        ).count()
        >= EXPORT_MAX_WAITING_PER_IP
    ):
        raise ExportLimitReached(
            _(
                "Có quá nhiều tệp thống kê đang chờ tạo từ địa chỉ mạng của Ông/bà, vui lòng "
                "thử lại sau ít phút."
            )
        )
    statistics_exports_purge()
    export = StatisticsExport.objects.create(
        filters=filters.as_dict(),
        views=views,
        file_format=file_format,
        requested_by=user if user is not None and user.is_authenticated else None,
        session_key=session_key or "",
        client_ip=client_ip or None,
    )
    transaction.on_commit(lambda: statistics_export_task.enqueue(str(export.pk)))
    return export


def statistics_exports_purge(*, now: datetime.datetime | None = None) -> int:
    """Removes the exports (and their files) older than ``EXPORT_KEPT_FOR``."""
    limit = (now or timezone.now()) - EXPORT_KEPT_FOR
    old = list(StatisticsExport.objects.filter(created_at__lt=limit))
    for export in old:
        if export.file:
            export.file.delete(save=False)
        export.delete()
    return len(old)
