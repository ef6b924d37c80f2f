"""The public statistics page (issue #7): seed 002's table per unit, sector or commune, with
filters, charts and spreadsheet exports (long ones made in the background with progress)."""

from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from pakn.core.file_responses import stored_file_response
from pakn.core.http import client_ip
from pakn.core.public_cache import public_cache_get_or_set
from pakn.statistics.forms import StatisticsFilterForm
from pakn.statistics.models import ExportFormat, ExportStatus, StatisticsExport
from pakn.statistics.selectors import (
    VIEW_COMMUNE,
    VIEW_PROVINCE,
    VIEW_SECTOR,
    VIEW_UNIT,
    StatisticsFilters,
    StatisticsTable,
    filters_describe,
    statistics_table,
    statistics_views,
    view_heading,
)
from pakn.statistics.services import (
    ExportLimitReached,
    ExportRefused,
    export_filename,
    export_is_long,
    statistics_export_content,
    statistics_export_request,
)

CACHE_SECONDS = 60  # lateness moves with time: the numbers are kept a minute at most
CONTENT_TYPES = {
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ExportFormat.CSV: "text/csv; charset=utf-8",
}
FILTER_PARAMS = ("period", "date_from", "date_to", "sector", "commune", "unit", "scope")


def _view_of(request) -> str:
    view = request.GET.get("view") or request.POST.get("view")
    return view if view in statistics_views() else VIEW_UNIT


def _cached_table(filters: StatisticsFilters, view: str) -> StatisticsTable:
    return public_cache_get_or_set(
        f"statistics:table:{view}:{filters.cache_key()}",
        lambda: statistics_table(filters=filters, view=view),
        CACHE_SECONDS,
    )


def _query(params, **changes) -> str:
    """The filters of ``params`` as a query string, with ``changes`` applied."""
    query = params.copy()
    for name in list(query.keys()):
        if name not in (*FILTER_PARAMS, "view"):
            del query[name]
    for name, value in changes.items():
        if value in (None, ""):
            query.pop(name, None)
        else:
            query[name] = value
    return query.urlencode()


@require_GET
def statistics_page(request):
    form = StatisticsFilterForm(request.GET)
    filters = form.filters()
    view = _view_of(request)
    table = _cached_table(filters, view)
    if view == VIEW_UNIT:
        for line in table.lines:
            if line.unit_id and line.unit_id != filters.unit_id:
                line.link = "?" + _query(request.GET, unit=line.unit_id, scope="subtree")
    tabs = [
        (VIEW_UNIT, _("Theo cơ quan, đơn vị")),
        (VIEW_SECTOR, _("Theo lĩnh vực")),
        (VIEW_COMMUNE, _("Theo xã, phường, đặc khu")),
    ]
    if VIEW_PROVINCE in statistics_views():
        tabs.append((VIEW_PROVINCE, _("Theo tỉnh, thành phố")))
    query = _query(request.GET, view=view)
    return render(
        request,
        "portal/statistics.html",
        {
            "form": form,
            "table": table,
            "view": view,
            "tabs": [(key, label, "?" + _query(request.GET, view=key)) for key, label in tabs],
            "first_heading": view_heading(view),
            "described": filters_describe(filters),
            "query": query,
            "export_is_long": export_is_long(views=[view], line_count=len(table.lines)),
            "export_params": [
                (name, value)
                for name, value in request.GET.items()
                if name in FILTER_PARAMS and value
            ],
        },
    )


@require_GET
def statistics_download(request):
    """A short table's file at once; a long one is sent to the background export."""
    form = StatisticsFilterForm(request.GET)
    if not form.is_valid():
        messages.error(request, _("Điều kiện lọc không hợp lệ, vui lòng kiểm tra lại."))
        return redirect(f"{reverse('portal:statistics')}?{_query(request.GET)}")
    filters = form.filters()
    view = _view_of(request)
    file_format = request.GET.get("format")
    if file_format not in ExportFormat.values:
        raise Http404
    table = _cached_table(filters, view)
    if export_is_long(views=[view], line_count=len(table.lines)):
        messages.info(
            request, _("Bảng này dài: vui lòng bấm “Tạo tệp” để hệ thống tạo tệp trong nền.")
        )
        return redirect(f"{reverse('portal:statistics')}?{_query(request.GET)}#xuat-tep")
    content = statistics_export_content(filters=filters, views=[view], file_format=file_format)
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    filename = export_filename(file_format=file_format, views=[view])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_POST
def statistics_export_create(request):
    form = StatisticsFilterForm(request.POST)
    back = f"{reverse('portal:statistics')}?{_query(request.POST)}#xuat-tep"
    if not form.is_valid():
        messages.error(request, _("Điều kiện lọc không hợp lệ, vui lòng kiểm tra lại."))
        return redirect(back)
    views = list(statistics_views()) if request.POST.get("all_views") else [_view_of(request)]
    if not request.session.session_key:
        request.session.save()
    try:
        export = statistics_export_request(
            filters=form.filters(),
            views=views,
            file_format=request.POST.get("format", ""),
            user=request.user,
            session_key=request.session.session_key,
            client_ip=client_ip(request),
        )
    except ExportLimitReached as refusal:
        return render(
            request,
            "portal/statistics_export_refused.html",
            {"refusal": str(refusal), "back": back},
            status=429,
        )
    except ExportRefused as refusal:
        messages.error(request, str(refusal))
        return redirect(back)
    return redirect("portal:statistics-export", export_id=export.pk)


def _export_of(request, export_id) -> StatisticsExport:
    """Only whoever asked for an export follows it: their account or their session."""
    export = get_object_or_404(StatisticsExport, pk=export_id)
    if request.user.is_authenticated and export.requested_by_id == request.user.pk:
        return export
    if export.session_key and export.session_key == request.session.session_key:
        return export
    raise Http404


def _status(export: StatisticsExport) -> dict:
    done = export.status == ExportStatus.DONE and export.file
    return {
        "status": export.status,
        "status_label": export.get_status_display(),
        "progress": export.progress,
        "finished": export.is_finished,
        "download_url": reverse("portal:statistics-export-file", args=[export.pk]) if done else "",
        "error": export.error,
    }


@require_GET
def statistics_export_progress(request, export_id):
    export = _export_of(request, export_id)
    return render(
        request,
        "portal/statistics_export.html",
        {
            "export": export,
            "state": _status(export),
            "status_url": reverse("portal:statistics-export-status", args=[export.pk]),
            "described": filters_describe(StatisticsFilters.from_dict(export.filters)),
        },
    )


@require_GET
def statistics_export_status(request, export_id):
    return JsonResponse(_status(_export_of(request, export_id)))


@require_GET
def statistics_export_file(request, export_id):
    export = _export_of(request, export_id)
    if export.status != ExportStatus.DONE or not export.file:
        raise Http404
    return stored_file_response(
        export.file,
        as_attachment=True,
        filename=export.file.name.rsplit("/", 1)[-1],
        content_type=CONTENT_TYPES[export.file_format],
    )
