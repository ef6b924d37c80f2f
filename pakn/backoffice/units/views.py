"""Delegated unit administration: a unit administrator's officers, their roles, sub-units and
the bulk import of officers. Objects outside the administrator's units answer 404."""

import functools
import io

import openpyxl
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from openpyxl.worksheet.datavalidation import DataValidation

from pakn.accounts.decorators import officer_required
from pakn.backoffice.units.forms import (
    BulkUploadForm,
    MembershipGrantForm,
    OfficerCreateForm,
    SubUnitCreateForm,
)
from pakn.core.forms import form_add_service_errors
from pakn.core.http import client_ip
from pakn.organisations.models import Membership, MembershipRole, OfficerImport
from pakn.organisations.unit_administration import (
    BULK_MAX_ROWS,
    OfficerDetails,
    OfficerImportRefused,
    administers_units,
    membership_grant,
    membership_revoke,
    officer_create,
    officer_import_of,
    officer_import_passwords_available,
    officer_import_passwords_take,
    officer_import_start,
    officer_reset_password,
    officer_set_active,
    officers_administered_by,
    unit_create_child,
    unit_tree_administered_by,
    units_administered_by,
)

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def unit_admin_required(view):
    @officer_required
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not administers_units(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


@unit_admin_required
@require_GET
def administration(request):
    query = request.GET.get("q", "").strip()
    officers = officers_administered_by(request.user).prefetch_related("memberships__unit")
    if query:
        officers = officers.filter(full_name__icontains=query) | officers.filter(
            username__icontains=query
        )
    return render(
        request,
        "backoffice/administration.html",
        {
            "unit_tree": unit_tree_administered_by(request.user),
            "officers": officers.order_by("full_name")[:500],
            "query": query,
        },
    )


@unit_admin_required
@require_http_methods(["GET", "POST"])
def officer_add(request):
    units = units_administered_by(request.user)
    form = OfficerCreateForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            officer, password = officer_create(
                actor=request.user,
                details=OfficerDetails(
                    username=data["username"],
                    full_name=data["full_name"],
                    email=data["email"],
                    phone=data["phone"],
                ),
                unit=data["unit"],
                role=data["role"],
                ip_address=client_ip(request),
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return render(
                request,
                "backoffice/password_once.html",
                {"officer": officer, "password": password},
            )
    return render(request, "backoffice/officer_form.html", {"form": form})


def _administered_officer(request, officer_id):
    return get_object_or_404(officers_administered_by(request.user), pk=officer_id)


@unit_admin_required
@require_http_methods(["GET", "POST"])
def officer_detail(request, officer_id: int):
    officer = _administered_officer(request, officer_id)
    units = units_administered_by(request.user)
    form = MembershipGrantForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        membership_grant(
            actor=request.user,
            officer=officer,
            unit=form.cleaned_data["unit"],
            role=form.cleaned_data["role"],
            ip_address=client_ip(request),
        )
        messages.success(request, _("Đã giao vai trò."))
        return redirect("backoffice:officer-detail", officer_id=officer.pk)
    memberships = (
        Membership.objects.filter(user=officer, is_active=True)
        .select_related("unit")
        .order_by("unit__path")
    )
    return render(
        request,
        "backoffice/officer_detail.html",
        {"officer": officer, "memberships": memberships, "form": form},
    )


@unit_admin_required
@require_POST
def membership_revoke_view(request, officer_id: int, membership_id: int):
    officer = _administered_officer(request, officer_id)
    membership = get_object_or_404(Membership, pk=membership_id, user=officer, is_active=True)
    try:
        membership_revoke(actor=request.user, membership=membership, ip_address=client_ip(request))
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã thu hồi vai trò."))
    return redirect("backoffice:officer-detail", officer_id=officer.pk)


@unit_admin_required
@require_POST
def officer_toggle_active(request, officer_id: int):
    officer = _administered_officer(request, officer_id)
    officer_set_active(
        actor=request.user,
        officer=officer,
        active=not officer.is_active,
        ip_address=client_ip(request),
    )
    messages.success(
        request, _("Đã mở khóa tài khoản.") if officer.is_active else _("Đã khóa tài khoản.")
    )
    return redirect("backoffice:officer-detail", officer_id=officer.pk)


@unit_admin_required
@require_POST
def officer_password_reset(request, officer_id: int):
    officer = _administered_officer(request, officer_id)
    password = officer_reset_password(
        actor=request.user, officer=officer, ip_address=client_ip(request)
    )
    return render(
        request, "backoffice/password_once.html", {"officer": officer, "password": password}
    )


@unit_admin_required
@require_http_methods(["GET", "POST"])
def sub_unit_add(request):
    units = units_administered_by(request.user)
    form = SubUnitCreateForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            unit = unit_create_child(
                actor=request.user,
                parent=data["parent"],
                name=data["name"],
                code=data["code"],
                kind=data["kind"],
                email=data["email"],
                phone=data["phone"],
                ip_address=client_ip(request),
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Đã tạo đơn vị %(name)s.") % {"name": unit.name})
            return redirect("backoffice:administration")
    return render(request, "backoffice/sub_unit_form.html", {"form": form})


@unit_admin_required
@require_http_methods(["GET", "POST"])
def officers_bulk_upload(request):
    """Keeps the file and starts the import in the background; the progress page follows."""
    form = BulkUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            officer_import = officer_import_start(
                actor=request.user,
                filename=upload.name,
                content=upload.read(),
                ip_address=client_ip(request),
            )
        except OfficerImportRefused as refusal:
            form.add_error("file", str(refusal))
        else:
            return redirect("backoffice:officers-import", import_id=officer_import.pk)
    return render(request, "backoffice/bulk_upload.html", {"form": form})


def _officer_import(request, import_id) -> OfficerImport:
    try:
        return officer_import_of(actor=request.user, import_id=import_id)
    except OfficerImport.DoesNotExist:
        raise Http404 from None


def _officer_import_state(officer_import: OfficerImport) -> dict:
    return {
        "status": officer_import.status,
        "status_label": officer_import.get_status_display(),
        "rows_done": officer_import.rows_done,
        "rows_total": officer_import.rows_total,
        "finished": officer_import.is_finished,
    }


@unit_admin_required
@require_GET
def officers_import(request, import_id):
    """The import's progress (the page asks its state every second or so), then its result:
    the rows with their errors, and the one-time passwords to download once."""
    officer_import = _officer_import(request, import_id)
    rows = []
    if officer_import.is_finished:
        rows = list(officer_import.rows.select_related("officer").order_by("number"))
    return render(
        request,
        "backoffice/officer_import.html",
        {
            "officer_import": officer_import,
            "state": _officer_import_state(officer_import),
            "rows": rows,
            "rows_with_errors": [row for row in rows if row.errors],
            "created": sum(1 for row in rows if row.officer_id),
            "passwords_available": officer_import_passwords_available(officer_import),
            "form": BulkUploadForm(),
        },
    )


@unit_admin_required
@require_GET
def officers_import_status(request, import_id):
    return JsonResponse(_officer_import_state(_officer_import(request, import_id)))


@unit_admin_required
@require_POST
def officers_import_passwords(request, import_id):
    """POST, not GET: taking the passwords wipes them, which no prefetch or crawler may do."""
    try:
        content = officer_import_passwords_take(actor=request.user, import_id=import_id)
    except PermissionDenied:
        raise Http404 from None
    except OfficerImportRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("backoffice:officers-import", import_id=import_id)
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="mat-khau-tam-thoi.xlsx"'
    return response


@unit_admin_required
@require_GET
def officers_import_source(request, import_id):
    """The file as it was sent, back to its sender while the import keeps it (a damaged file
    or one with errors: nothing uploaded is lost)."""
    officer_import = _officer_import(request, import_id)
    if not officer_import.source:
        raise Http404
    response = HttpResponse(bytes(officer_import.source), content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=officer_import.filename
    )
    return response


def _bulk_template_lists(workbook, sheet, units) -> None:
    """Drop-down lists in the unit and role columns (openpyxl data validation), their values
    on a second sheet, "Danh muc" (the active sheet stays the one the import reads)."""
    lists = workbook.create_sheet("Danh muc")
    lists.append(["Mã đơn vị", "Tên đơn vị", "Vai trò"])
    roles = [str(label) for _value, label in MembershipRole.choices]
    for index in range(max(len(units), len(roles))):
        unit = units[index] if index < len(units) else None
        lists.append([unit.code if unit else None, unit.name if unit else None,
                      roles[index] if index < len(roles) else None])  # fmt: skip
    for column, letter, count, prompt in (
        ("E", "A", len(units), _("Chọn mã đơn vị trong danh sách.")),
        ("F", "C", len(roles), _("Chọn vai trò trong danh sách.")),
    ):
        validation = DataValidation(
            type="list",
            formula1=f"'Danh muc'!${letter}$2:${letter}${count + 1}",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=str(_("Giá trị không có trong danh sách")),
            error=str(prompt),
            promptTitle=str(_("Danh sách")),
            prompt=str(prompt),
        )
        validation.add(f"{column}2:{column}{BULK_MAX_ROWS + 1}")
        sheet.add_data_validation(validation)
    workbook.active = 0


@unit_admin_required
@require_GET
def officers_bulk_template(request):
    """An XLSX template with the expected columns and one example row per unit administered."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Can bo"
    sheet.append(
        ["Họ và tên", "Tên đăng nhập", "Thư điện tử", "Số điện thoại", "Mã đơn vị", "Vai trò"]
    )
    units = list(units_administered_by(request.user).order_by("path")[:500])
    for unit in units[:30]:
        sheet.append(["", "", "", "", unit.code, str(MembershipRole.HANDLER.label)])
    _bulk_template_lists(workbook, sheet, units)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-can-bo.xlsx"'
    return response
