"""Delegated administration (seed 004: a province department creates the accounts of its 26
units). A unit administrator manages officers and sub-units only inside the subtrees of the
units where they hold that role; everything else is invisible to them (Http404 in views).
Every change is written to MembershipChange."""

import csv
import datetime
import io
import re
import secrets
from dataclasses import dataclass, field

import openpyxl
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Exists, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks import task

from pakn.accounts.models import AccountType
from pakn.core.sealing import SealBroken, secret_seal, secret_unseal
from pakn.core.validators import normalise_vn_mobile
from pakn.organisations.models import (
    Membership,
    MembershipChange,
    MembershipChangeAction,
    MembershipRole,
    OfficerImport,
    OfficerImportRow,
    OfficerImportStatus,
    TwoFactorAudience,
    TwoFactorPolicy,
    Unit,
    UnitKind,
)
from pakn.organisations.selectors import memberships_active_of

User = get_user_model()
OFFICER_USERNAME_PATTERN = r"^[a-z0-9][a-z0-9._-]{2,49}$"
ROLE_BY_LABEL = {
    **{str(label).lower(): value for value, label in MembershipRole.choices},
    **{value: value for value in MembershipRole.values},
}


# Selectors ---------------------------------------------------------------------------------


def units_administered_by(user) -> QuerySet[Unit]:
    """Every unit inside the subtrees where ``user`` is a unit administrator."""
    if not user.is_authenticated:
        return Unit.objects.none()
    roots = [
        membership.unit_path
        for membership in memberships_active_of(user)
        if membership.role == MembershipRole.UNIT_ADMIN
    ]
    return Unit.objects.subtree_of(*roots)


@dataclass
class UnitNode:
    unit: Unit
    children: list["UnitNode"] = field(default_factory=list)

    @property
    def descendants(self) -> int:
        return sum(1 + child.descendants for child in self.children)


def unit_tree_administered_by(user) -> list[UnitNode]:
    """The administered units as a tree (each administered subtree a root), built from one
    query ordered by path: a unit's parent comes before it."""
    roots: list[UnitNode] = []
    by_path: dict[str, UnitNode] = {}
    for unit in units_administered_by(user).order_by("path"):
        node = UnitNode(unit=unit)
        parent = by_path.get(unit.path[: -Unit.steplen])
        (parent.children if parent else roots).append(node)
        by_path[unit.path] = node
    return roots


def administers_units(user) -> bool:
    """Whether ``user`` is a unit administrator somewhere (the memberships the request has
    already read: no query of its own)."""
    return any(
        membership.role == MembershipRole.UNIT_ADMIN for membership in memberships_active_of(user)
    )


def officers_administered_by(user) -> QuerySet:
    """Officers all of whose active roles lie inside ``user``'s administered subtrees, and who
    are not system administrators: those the unit administrator may manage."""
    units = units_administered_by(user)
    inside = Membership.objects.filter(unit__in=units, is_active=True)
    outside = Membership.objects.filter(is_active=True).exclude(unit__in=units)
    return (
        User.objects.filter(account_type=AccountType.OFFICER, is_superuser=False)
        .filter(pk__in=inside.values("user_id"))
        .exclude(pk__in=outside.values("user_id"))
        .exclude(pk=user.pk)
    )


def _two_factor_policies_for(user) -> QuerySet[TwoFactorPolicy]:
    audiences = [
        audience
        for audience, applies in (
            (TwoFactorAudience.SUPERUSER, user.is_superuser),
            (TwoFactorAudience.STAFF, user.is_staff),
        )
        if applies
    ]
    roles = Membership.objects.filter(user=user, is_active=True).values("role")
    return TwoFactorPolicy.objects.filter(totp_required=True).filter(
        Q(role__in=roles) | Q(role__in=audiences)
    )


def two_factor_policy_applies(user) -> bool:
    """Whether a policy makes an authenticator app mandatory for ``user``: one of their active
    roles is covered, or they are a superuser or staff and that audience is covered."""
    return _two_factor_policies_for(user).exists()


def two_factor_required(user) -> bool:
    """Whether a session of ``user`` is valid only once the second factor is given: they have
    an authenticator app, or a policy makes one mandatory. Every door asks this (the login
    pages and the middleware that guards each request); one query."""
    if not user.is_authenticated:
        return False
    device = TOTPDevice.objects.filter(user_id=user.pk, confirmed=True)
    return (
        User.objects.filter(pk=user.pk)
        .filter(Exists(device) | Exists(_two_factor_policies_for(user)))
        .exists()
    )


def has_totp_device(user) -> bool:
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).exists()


# Services ----------------------------------------------------------------------------------


def _check_unit(actor, unit: Unit) -> None:
    if not units_administered_by(actor).filter(pk=unit.pk).exists():
        raise PermissionDenied("unit outside the administrator's subtree")


def _check_officer(actor, officer) -> None:
    if not officers_administered_by(actor).filter(pk=officer.pk).exists():
        raise PermissionDenied("officer outside the administrator's subtree")


def _record(*, actor, action, officer=None, unit=None, role="", via="backoffice", ip=None):
    MembershipChange.objects.create(
        actor=actor, action=action, officer=officer, unit=unit, role=role, via=via, ip_address=ip
    )


def temporary_password() -> str:
    """A password the officer is given once; ``password_must_change`` makes them change it at
    the first login (BackofficeSessionMiddleware)."""
    return "Pk-" + secrets.token_urlsafe(9)


@dataclass
class OfficerDetails:
    username: str
    full_name: str
    email: str = ""
    phone: str = ""


def _validate_officer_details(details: OfficerDetails) -> OfficerDetails:
    errors = {}
    username = details.username.strip().lower()
    if not re.match(OFFICER_USERNAME_PATTERN, username):
        errors["username"] = _(
            "Tên đăng nhập gồm 3–50 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang."
        )
    elif User.objects.filter(username__iexact=username).exists():
        errors["username"] = _("Tên đăng nhập %(username)s đã có người dùng.") % {
            "username": username
        }
    if not details.full_name.strip():
        errors["full_name"] = _("Vui lòng nhập họ và tên.")
    phone = ""
    if details.phone.strip():
        try:
            phone = normalise_vn_mobile(details.phone)
        except ValidationError as error:
            errors["phone"] = error.messages[0]
    email = details.email.strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = _("Thư điện tử không hợp lệ.")
    if errors:
        raise ValidationError(errors)
    return OfficerDetails(
        username=username, full_name=details.full_name.strip(), email=email, phone=phone
    )


@transaction.atomic
def officer_create(
    *, actor, details: OfficerDetails, unit: Unit, role: str, ip_address: str | None = None
) -> tuple:
    """Creates an officer with one role in ``unit``. Returns (officer, temporary password)."""
    _check_unit(actor, unit)
    if role not in MembershipRole.values:
        raise ValidationError({"role": _("Vai trò không hợp lệ.")})
    details = _validate_officer_details(details)
    password = temporary_password()
    officer = User(
        username=details.username,
        full_name=details.full_name,
        email=details.email,
        phone=details.phone,
        account_type=AccountType.OFFICER,
        password_must_change=True,
    )
    officer.set_password(password)
    officer.save()
    Membership.objects.create(user=officer, unit=unit, role=role)
    _record(actor=actor, action=MembershipChangeAction.OFFICER_CREATE, officer=officer,
            unit=unit, role=role, ip=ip_address)  # fmt: skip
    return officer, password


@transaction.atomic
def membership_grant(*, actor, officer, unit: Unit, role: str, ip_address: str | None = None):
    _check_unit(actor, unit)
    _check_officer(actor, officer)
    if role not in MembershipRole.values:
        raise ValidationError({"role": _("Vai trò không hợp lệ.")})
    membership, created = Membership.objects.get_or_create(user=officer, unit=unit, role=role)
    if not created and not membership.is_active:
        membership.is_active = True
        membership.save(update_fields=["is_active"])
        created = True
    if created:
        _record(actor=actor, action=MembershipChangeAction.GRANT, officer=officer, unit=unit,
                role=role, ip=ip_address)  # fmt: skip
    return membership


@transaction.atomic
def membership_revoke(*, actor, membership: Membership, ip_address: str | None = None) -> None:
    _check_unit(actor, membership.unit)
    _check_officer(actor, membership.user)
    if Membership.objects.filter(user=membership.user, is_active=True).count() <= 1:
        raise ValidationError(
            _("Cán bộ phải còn ít nhất một vai trò. Hãy khóa tài khoản nếu cán bộ thôi công tác.")
        )
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    _record(actor=actor, action=MembershipChangeAction.REVOKE, officer=membership.user,
            unit=membership.unit, role=membership.role, ip=ip_address)  # fmt: skip


@transaction.atomic
def officer_set_active(*, actor, officer, active: bool, ip_address: str | None = None) -> None:
    _check_officer(actor, officer)
    officer.is_active = active
    if not active:
        officer.rotate_session_token()  # ends the officer's sessions at once
    officer.save(update_fields=["is_active", "session_token"])
    action = (
        MembershipChangeAction.OFFICER_ACTIVATE
        if active
        else MembershipChangeAction.OFFICER_DEACTIVATE
    )
    _record(actor=actor, action=action, officer=officer, ip=ip_address)


@transaction.atomic
def officer_reset_password(*, actor, officer, ip_address: str | None = None) -> str:
    _check_officer(actor, officer)
    password = temporary_password()
    officer.set_password(password)
    officer.password_must_change = True
    officer.rotate_session_token()
    officer.save(update_fields=["password", "password_must_change", "session_token"])
    _record(actor=actor, action=MembershipChangeAction.PASSWORD_RESET, officer=officer,
            ip=ip_address)  # fmt: skip
    return password


@transaction.atomic
def unit_create_child(
    *, actor, parent: Unit, name: str, code: str, kind: str = UnitKind.SUB_UNIT,
    email: str = "", phone: str = "", ip_address: str | None = None,
) -> Unit:  # fmt: skip
    _check_unit(actor, parent)
    if Unit.objects.filter(code=code).exists():
        raise ValidationError({"code": _("Mã đơn vị %(code)s đã có.") % {"code": code}})
    unit = Unit.objects.add_child(
        Unit.objects.get(pk=parent.pk),
        create_kwargs={"name": name, "code": code, "kind": kind, "email": email, "phone": phone},
    )
    _record(actor=actor, action=MembershipChangeAction.UNIT_CREATE, unit=unit, ip=ip_address)
    return unit


# Bulk creation from a spreadsheet ----------------------------------------------------------

BULK_COLUMNS = ["ho_ten", "ten_dang_nhap", "email", "so_dien_thoai", "ma_don_vi", "vai_tro"]
BULK_HEADER_ALIASES = {
    "họ và tên": "ho_ten", "ho_ten": "ho_ten", "họ tên": "ho_ten",
    "tên đăng nhập": "ten_dang_nhap", "ten_dang_nhap": "ten_dang_nhap",
    "thư điện tử": "email", "email": "email",
    "số điện thoại": "so_dien_thoai", "so_dien_thoai": "so_dien_thoai", "điện thoại": "so_dien_thoai",
    "mã đơn vị": "ma_don_vi", "ma_don_vi": "ma_don_vi",
    "vai trò": "vai_tro", "vai_tro": "vai_tro",
}  # fmt: skip
BULK_MAX_ROWS = 1000


@dataclass
class BulkRowChecked:
    errors: list[str] = field(default_factory=list)
    details: OfficerDetails | None = None
    unit: Unit | None = None
    role: str = ""


def bulk_rows_read(*, filename: str, content: bytes) -> list[dict]:
    """Reads an XLSX or CSV file into dicts keyed by BULK_COLUMNS; raises ValidationError."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception:  # openpyxl raises many types for damaged files
            raise ValidationError(_("Không đọc được tệp Excel. Vui lòng dùng tệp mẫu.")) from None
        sheet = workbook.active
        table = [
            ["" if cell is None else str(cell).strip() for cell in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    elif name.endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(_("Tệp CSV phải dùng bảng mã UTF-8.")) from None
        table = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text))]
    else:
        raise ValidationError(_("Chỉ nhận tệp .xlsx hoặc .csv."))
    table = [row for row in table if any(row)]
    if not table:
        raise ValidationError(_("Tệp không có dữ liệu."))
    header = [BULK_HEADER_ALIASES.get(cell.lower(), "") for cell in table[0]]
    missing = [column for column in BULK_COLUMNS if column not in header and column != "email"
               and column != "so_dien_thoai"]  # fmt: skip
    if missing:
        raise ValidationError(
            _("Thiếu cột: %(columns)s. Vui lòng dùng tệp mẫu.") % {"columns": ", ".join(missing)}
        )
    if len(table) - 1 > BULK_MAX_ROWS:
        raise ValidationError(_("Mỗi lần tối đa %(n)d dòng.") % {"n": BULK_MAX_ROWS})
    return [
        {column: (row[index] if index < len(row) else "") for index, column in enumerate(header)
         if column}
        for row in table[1:]
    ]  # fmt: skip


def officers_bulk_check(*, actor, rows: list[dict]) -> list[BulkRowChecked]:
    """Checks every row of a file (units inside the actor's subtrees, roles, the details,
    usernames free and not repeated) before any account is created."""
    administered = {unit.code: unit for unit in units_administered_by(actor)}
    checked: list[BulkRowChecked] = []
    seen_usernames: set[str] = set()
    for values in rows:
        row = BulkRowChecked()
        row.unit = administered.get(values.get("ma_don_vi", "").strip())
        if row.unit is None:
            row.errors.append(
                _("Mã đơn vị “%(code)s” không thuộc phạm vi bạn quản lý.")
                % {"code": values.get("ma_don_vi", "")}
            )
        row.role = ROLE_BY_LABEL.get(values.get("vai_tro", "").strip().lower(), "")
        if not row.role:
            row.errors.append(
                _("Vai trò “%(role)s” không hợp lệ.") % {"role": values.get("vai_tro", "")}
            )
        try:
            row.details = _validate_officer_details(_bulk_details(values))
        except ValidationError as error:
            row.errors.extend(
                message for messages in error.message_dict.values() for message in messages
            )
        else:
            if row.details.username in seen_usernames:
                row.errors.append(_("Tên đăng nhập bị trùng với một dòng phía trên."))
            seen_usernames.add(row.details.username)
        checked.append(row)
    return checked


def _bulk_details(values: dict) -> OfficerDetails:
    return OfficerDetails(
        username=values.get("ten_dang_nhap", ""),
        full_name=values.get("ho_ten", ""),
        email=values.get("email", ""),
        phone=values.get("so_dien_thoai", ""),
    )


# Bulk creation as a background task ---------------------------------------------------------

# An import's one-time passwords, its rows and the file sent are kept this long at most.
OFFICER_IMPORT_KEPT_FOR = datetime.timedelta(hours=24)
_PASSWORD_SEAL = "officer-import-password"  # noqa: S105 - the sealing purpose, not a secret


class OfficerImportRefused(Exception):
    """The import cannot start, or its passwords cannot be taken: the message says why."""


@transaction.atomic
def officer_import_start(
    *, actor, filename: str, content: bytes, ip_address: str | None = None
) -> OfficerImport:
    """Keeps the file with the import and queues the task after the commit; the task is
    given only the import's id."""
    if not administers_units(actor):
        raise PermissionDenied("not a unit administrator")
    officer_imports_purge()
    if OfficerImport.objects.filter(
        started_by=actor, status__in=(OfficerImportStatus.PENDING, OfficerImportStatus.RUNNING)
    ).exists():
        raise OfficerImportRefused(
            _("Tệp gửi trước đang được xử lý. Vui lòng chờ tệp đó xong rồi gửi tệp mới.")
        )
    officer_import = OfficerImport.objects.create(
        started_by=actor, filename=filename[-200:], source=content, ip_address=ip_address
    )
    transaction.on_commit(lambda: officer_import_task.enqueue(str(officer_import.pk)))
    return officer_import


def _officer_import_finish(officer_import: OfficerImport, status: str, error: str = "") -> None:
    officer_import.status, officer_import.error = status, error
    officer_import.finished_at = timezone.now()
    if status == OfficerImportStatus.DONE:
        officer_import.source = b""  # the accounts exist: the file's personal data goes
    officer_import.save(update_fields=["status", "error", "finished_at", "source"])


def officer_import_run(*, import_id: str, after_row=None) -> OfficerImport:
    """Reads the file, checks every row (nothing is created while one has an error), then
    creates the officers one row at a time. Safe to run again after its worker died: a row
    is marked done in the same transaction that creates its officer, and a run taken up
    again skips the rows done. ``after_row(number)`` is told after each row (tests pause
    there)."""
    officer_import = OfficerImport.objects.select_related("started_by").get(pk=import_id)
    if officer_import.is_finished:
        return officer_import
    OfficerImport.objects.filter(pk=officer_import.pk).update(status=OfficerImportStatus.RUNNING)
    officer_import.status = OfficerImportStatus.RUNNING
    actor = officer_import.started_by
    if not officer_import.rows.exists():
        try:
            values = bulk_rows_read(
                filename=officer_import.filename, content=bytes(officer_import.source)
            )
        except ValidationError as error:
            _officer_import_finish(
                officer_import, OfficerImportStatus.FAILED, " ".join(error.messages)
            )
            return officer_import
        with transaction.atomic():  # all rows or none, so a second run reads the file again
            OfficerImportRow.objects.bulk_create(
                OfficerImportRow(officer_import=officer_import, number=number, values=row)
                for number, row in enumerate(values, start=2)  # row 1 is the header
            )
            OfficerImport.objects.filter(pk=officer_import.pk).update(rows_total=len(values))
    rows = list(officer_import.rows.order_by("number"))
    checked = officers_bulk_check(actor=actor, rows=[row.values for row in rows])
    if not any(row.officer_id for row in rows) and any(c.errors for c in checked):
        for row, result in zip(rows, checked, strict=True):
            row.errors = result.errors
        OfficerImportRow.objects.bulk_update(rows, ["errors"])
        _officer_import_finish(officer_import, OfficerImportStatus.REFUSED)
        return officer_import
    for row, result in zip(rows, checked, strict=True):
        if row.officer_id or row.errors:
            continue  # done by the run before this one
        _officer_import_row_create(officer_import, row, result)
        if after_row is not None:
            after_row(row.number)
    officer_import.refresh_from_db()
    _officer_import_finish(officer_import, OfficerImportStatus.DONE)
    return officer_import


def _officer_import_row_create(officer_import, row: OfficerImportRow, result) -> None:
    with transaction.atomic():
        locked = OfficerImportRow.objects.select_for_update().get(pk=row.pk)
        if locked.officer_id or locked.errors:
            return  # another run took it meanwhile
        if result.errors:  # a run taken up again: checked anew, this row no longer passes
            locked.errors = result.errors
            locked.save(update_fields=["errors"])
            OfficerImport.objects.filter(pk=officer_import.pk).update(rows_done=F("rows_done") + 1)
            return
        try:
            officer, password = officer_create(
                actor=officer_import.started_by,
                details=_bulk_details(locked.values),
                unit=result.unit,
                role=result.role,
                ip_address=officer_import.ip_address,
            )
        except ValidationError as error:
            locked.errors = error.messages
        except PermissionDenied:
            locked.errors = [_("Tài khoản này không còn quyền quản trị đơn vị này.")]
        else:
            locked.officer = officer
            locked.sealed_password = secret_seal(purpose=_PASSWORD_SEAL, secret=password)
        locked.save(update_fields=["errors", "officer", "sealed_password"])
        OfficerImport.objects.filter(pk=officer_import.pk).update(rows_done=F("rows_done") + 1)


def officer_import_of(*, actor, import_id) -> OfficerImport:
    """The import, for the administrator who started it only (anyone else: DoesNotExist)."""
    return OfficerImport.objects.get(pk=import_id, started_by=actor)


def officer_import_passwords_available(officer_import: OfficerImport) -> bool:
    return (
        officer_import.status == OfficerImportStatus.DONE
        and officer_import.passwords_taken_at is None
        and officer_import.finished_at is not None
        and officer_import.finished_at > timezone.now() - OFFICER_IMPORT_KEPT_FOR
        and officer_import.rows.exclude(sealed_password="").exists()
    )


@transaction.atomic
def officer_import_passwords_take(*, actor, import_id) -> bytes:
    """The workbook of the one-time passwords, given once: the sealed passwords are wiped in
    the same transaction."""
    officer_import = (
        OfficerImport.objects.select_for_update().filter(pk=import_id, started_by=actor).first()
    )
    if officer_import is None:
        raise PermissionDenied("not the administrator who started the import")
    if not officer_import_passwords_available(officer_import):
        raise OfficerImportRefused(
            _(
                "Mật khẩu tạm thời của lần tạo này đã được tải về hoặc đã hết hạn (sau 24 giờ). "
                "Hãy đặt lại mật khẩu cho từng cán bộ nếu cần."
            )
        )
    rows = list(
        officer_import.rows.exclude(sealed_password="").select_related("officer").order_by("number")
    )
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Mat khau"
    sheet.append(
        [
            str(_("Dòng")),
            str(_("Họ và tên")),
            str(_("Tên đăng nhập")),
            str(_("Mã đơn vị")),
            str(_("Mật khẩu tạm thời")),
        ]
    )
    for row in rows:
        sheet.append(
            [
                row.number,
                row.officer.full_name,
                row.officer.username,
                row.values.get("ma_don_vi", ""),
                _password_unsealed(row.sealed_password),
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    officer_import.rows.update(sealed_password="")
    officer_import.passwords_taken_at = timezone.now()
    officer_import.save(update_fields=["passwords_taken_at"])
    return buffer.getvalue()


def _password_unsealed(sealed: str) -> str:
    try:
        return secret_unseal(purpose=_PASSWORD_SEAL, sealed=sealed)
    except SealBroken:  # SECRET_KEY changed since the import: say so rather than fail
        return str(_("(không mở được, hãy đặt lại mật khẩu cho cán bộ này)"))


def officer_imports_purge(*, now: datetime.datetime | None = None) -> int:
    """Removes the imports older than OFFICER_IMPORT_KEPT_FOR: their rows, sealed passwords
    and file. The accounts stay, and MembershipChange keeps who created them."""
    limit = (now or timezone.now()) - OFFICER_IMPORT_KEPT_FOR
    deleted, _by_model = OfficerImport.objects.filter(created_at__lt=limit).delete()
    return deleted


@task()
def officer_import_task(import_id: str) -> str:
    return officer_import_run(import_id=import_id).status
