"""Exports of the public statistics. A small table downloads at once; a long one (see
``export_is_long``) is made by a background task while the visitor watches its progress."""

import datetime
import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pakn.statistics.exports import statistics_csv, statistics_workbook
from pakn.statistics.models import ExportFormat, ExportStatus, StatisticsExport
from pakn.statistics.selectors import (
    VIEW_COMMUNE,
    VIEWS,
    StatisticsFilters,
    filters_describe,
    statistics_table,
)

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


def export_filename(*, file_format: str, views: list[str]) -> str:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    suffix = "tat-ca" if len(views) > 1 else {"unit": "don-vi", "sector": "linh-vuc",
                                               "commune": "xa-phuong"}.get(views[0], "bang")  # fmt: skip
    return f"thong-ke-pakn-{suffix}-{stamp}.{file_format}"


def statistics_export_content(
    *, filters: StatisticsFilters, views: list[str], file_format: str, progress=None
) -> bytes:
    """The file's bytes; ``progress`` (optional) hears the share done, 0–100."""
    tables = []
    for done, view in enumerate(views, 1):
        tables.append(statistics_table(filters=filters, view=view))
        if progress:
            progress(int(50 * done / len(views)))
    described = filters_describe(filters)
    if file_format == ExportFormat.CSV:
        return statistics_csv(tables[0], described)
    return statistics_workbook(
        tables,
        described,
        progress=(lambda share: progress(50 + share // 2)) if progress else None,
    )


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
    if not views or any(view not in VIEWS for view in views):
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
    from pakn.statistics.tasks import statistics_export_task

    transaction.on_commit(lambda: statistics_export_task.enqueue(str(export.pk)))
    return export


def statistics_export_run(*, export_id: str) -> StatisticsExport:
    """Writes the file to the default storage, reporting progress as it goes."""
    export = StatisticsExport.objects.get(pk=export_id)
    if export.is_finished:
        return export

    def progress(percent: int) -> None:
        StatisticsExport.objects.filter(pk=export.pk).update(
            status=ExportStatus.RUNNING, progress=max(1, min(percent, 99))
        )

    progress(1)
    _export_files_remove(export)
    try:
        content = statistics_export_content(
            filters=StatisticsFilters.from_dict(export.filters),
            views=export.views,
            file_format=export.file_format,
            progress=progress,
        )
        export.file.save(
            export_filename(file_format=export.file_format, views=export.views),
            ContentFile(content),
            save=False,
        )
    except Exception:
        logger.exception("statistics export %s failed", export.pk)
        export.status, export.error = (
            ExportStatus.FAILED,
            _("Không tạo được tệp, vui lòng thử lại."),
        )
    else:
        export.status, export.progress = ExportStatus.DONE, 100
    export.finished_at = timezone.now()
    export.save()
    return export


def _export_files_remove(export: StatisticsExport) -> None:
    """A run cut short after writing its file (the worker died) left that file behind: the
    run taking the export up again writes it anew, in its place."""
    folder = f"statistics/exports/{export.pk}"
    try:
        _, names = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in names:
        default_storage.delete(f"{folder}/{name}")


def statistics_exports_purge(*, now: datetime.datetime | None = None) -> int:
    """Removes the exports (and their files) older than ``EXPORT_KEPT_FOR``."""
    limit = (now or timezone.now()) - EXPORT_KEPT_FOR
    old = list(StatisticsExport.objects.filter(created_at__lt=limit))
    for export in old:
        if export.file:
            export.file.delete(save=False)
        export.delete()
    return len(old)
