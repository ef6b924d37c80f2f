"""The inbox's companions: the officer's saved filters (save, rename, delete after a
confirmation) and the map of the current filter with its data. Thin views over
``saved_filters`` and ``inbox_query``; every object is looked up by its owner (another
officer's filter is a 404) and the map reads exactly the inbox list's selector."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pakn.accounts.decorators import officer_required
from pakn.backoffice.desk.inbox_map import INBOX_MAP_MAX_REPORTS, inbox_map_markers
from pakn.backoffice.desk.inbox_query import inbox_query_parse
from pakn.backoffice.desk.saved_filters import (
    SavedFilterRefused,
    saved_filter_create,
    saved_filter_delete,
    saved_filter_get,
    saved_filter_rename,
    saved_filters_listed,
)
from pakn.backoffice.models import SAVED_FILTER_NAME_MAX_LENGTH
from pakn.core.typed_input import IntegerInputField
from pakn.organisations.unit_administration import units_administered_by
from pakn.reports.models import ReportStatus
from pakn.reports.public import PROVINCE_MAP_BOUNDS


class SavedFilterNameForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Tên bộ lọc"),
        max_length=SAVED_FILTER_NAME_MAX_LENGTH,
        error_messages={"required": gettext_lazy("Vui lòng đặt tên cho bộ lọc.")},
    )


class SavedFilterSaveForm(SavedFilterNameForm):
    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=2000)


def _inbox(query: str = "") -> str:
    return reverse("backoffice:desk-inbox") + (f"?{query}" if query else "")


def _manage_page(request, *, status=200, save_form=None, rename_form=None, renamed_id=None):
    scope = inbox_query_parse(request.user, QueryDict()).scope
    listed = saved_filters_listed(user=request.user, scope=scope)
    rows = [
        {
            "item": item,
            "form": rename_form
            if rename_form is not None and item.saved.pk == renamed_id
            else SavedFilterNameForm(initial={"name": item.saved.name}, prefix=f"f{item.saved.pk}"),
        }
        for item in listed
    ]
    return render(
        request,
        "backoffice/desk/saved_filters.html",
        {
            "rows": rows,
            "save_form": save_form,
            "is_unit_admin": units_administered_by(request.user).exists(),
        },
        status=status,
    )


@officer_required
@require_GET
def saved_filters_page(request):
    """ "Bộ lọc đã lưu": the officer's filters, each to open, rename or delete."""
    return _manage_page(request)


@officer_required
@require_POST
def saved_filter_save(request):
    """Saves the inbox's current tab and filters under a name; back to that inbox."""
    form = SavedFilterSaveForm(request.POST)
    if form.is_valid():
        scope = inbox_query_parse(request.user, QueryDict()).scope
        try:
            saved = saved_filter_create(owner=request.user, scope=scope,
                                        name=form.cleaned_data["name"],
                                        query=form.cleaned_data["query"])  # fmt: skip
        except SavedFilterRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Đã lưu bộ lọc “%(name)s”.") % {"name": saved.name})
            return redirect(_inbox(saved.query))
    # Refused: the page of saved filters with the name as typed and the reason.
    return _manage_page(request, status=400, save_form=form)


@officer_required
@require_POST
def saved_filter_rename_view(request, filter_id: int):
    saved = saved_filter_get(user=request.user, filter_id=filter_id)
    form = SavedFilterNameForm(request.POST, prefix=f"f{saved.pk}")
    if form.is_valid():
        try:
            saved_filter_rename(saved=saved, name=form.cleaned_data["name"])
        except SavedFilterRefused as refusal:
            form.add_error("name", str(refusal))
        else:
            messages.success(request, _("Đã đổi tên bộ lọc."))
            return redirect("backoffice:desk-saved-filters")
    return _manage_page(request, status=400, rename_form=form, renamed_id=saved.pk)


@officer_required
@require_http_methods(["GET", "POST"])
def saved_filter_delete_view(request, filter_id: int):
    """Deleting asks first: the link opens this page, which asks to confirm with a POST."""
    saved = saved_filter_get(user=request.user, filter_id=filter_id)
    if request.method == "POST":
        name = saved.name
        saved_filter_delete(saved=saved)
        messages.success(request, _("Đã xóa bộ lọc “%(name)s”.") % {"name": name})
        return redirect("backoffice:desk-saved-filters")
    return render(
        request,
        "backoffice/desk/saved_filter_delete.html",
        {"saved": saved, "is_unit_admin": units_administered_by(request.user).exists()},
    )


# The map -----------------------------------------------------------------------------------


@officer_required
@require_GET
def inbox_map(request):
    """ "Bản đồ": the reports of the inbox's current tab and filters that have a position,
    clustered by the server as on the public map; the list is one click away."""
    asked = inbox_query_parse(request.user, request.GET)
    current_tab = next(t for t in asked.tabs if t.slug == asked.tab)
    return render(
        request,
        "backoffice/desk/inbox_map.html",
        {
            "current_tab": current_tab,
            "form": asked.form,
            "inbox_query": asked.query_string,
            "saved_filters": saved_filters_listed(user=request.user, scope=asked.scope),
            "map_data_url": reverse("backoffice:desk-inbox-map-data") + f"?{asked.query_string}",
            "report_url_template": reverse("backoffice:desk-report", args=["CODE"]),
            "leaflet_images": f"{settings.STATIC_URL}leaflet/images/",
            "province_bounds": ",".join(str(n) for corner in PROVINCE_MAP_BOUNDS for n in corner),
            "map_limit": INBOX_MAP_MAX_REPORTS,
            "is_unit_admin": units_administered_by(request.user).exists(),
        },
    )


class MapViewForm(forms.Form):
    """The part of the map the browser shows: west, south, east, north and the zoom level."""

    bbox = forms.CharField(required=False)
    zoom = IntegerInputField(required=False, min_value=0, max_value=18)

    def clean_bbox(self):
        value = self.cleaned_data["bbox"]
        if not value:
            return None
        try:
            west, south, east, north = (float(part) for part in value.split(","))
        except ValueError:
            raise forms.ValidationError(_("Vùng bản đồ không hợp lệ.")) from None
        if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
            raise forms.ValidationError(_("Vùng bản đồ không hợp lệ."))
        return (west, south, east, north)


@officer_required
@require_GET
def inbox_map_data(request):
    """The map's JSON: clusters and points of the reports the officer may see under the
    inbox's current filter (the list's own selector), at most INBOX_MAP_MAX_REPORTS."""
    asked = inbox_query_parse(request.user, request.GET)
    view = MapViewForm(request.GET)
    if not view.is_valid() or (asked.form.is_bound and not asked.form.is_valid()):
        errors = {**view.errors, **(asked.form.errors if asked.form.is_bound else {})}
        return JsonResponse(
            {"errors": {name: [str(e) for e in errs] for name, errs in errors.items()}},
            status=400,
        )
    (south, west), (north, east) = PROVINCE_MAP_BOUNDS
    bbox = view.cleaned_data["bbox"] or (west, south, east, north)
    zoom = view.cleaned_data["zoom"] if view.cleaned_data["zoom"] is not None else 9
    markers = inbox_map_markers(asked.reports(request.user), bbox=bbox, zoom=zoom)
    labels = dict(ReportStatus.choices)
    for point in markers["points"]:
        point["status_label"] = str(labels.get(point["status"], point["status"]))
    return JsonResponse(markers)
