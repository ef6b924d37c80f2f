import enum
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from pakn.core.models import AppendOnlyModel


class AreaLevel(models.TextChoices):
    PROVINCE = "province", _("Tỉnh, thành phố")
    COMMUNE = "commune", _("Xã, phường, đặc khu")


class AdministrativeArea(models.Model):
    """A province or a commune/ward/special zone of the two-level system in force since
    1 July 2025. Loaded from data/administrative_areas.json by `load_areas`."""

    code = models.CharField(
        _("Mã"), max_length=5, unique=True, help_text=_("Mã đơn vị hành chính chính thức.")
    )
    level = models.CharField(_("Cấp"), max_length=10, choices=AreaLevel.choices, db_index=True)
    name = models.CharField(_("Tên"), max_length=100)
    division_type = models.CharField(_("Loại"), max_length=40)
    codename = models.SlugField(_("Tên mã"), max_length=100)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("Trực thuộc"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    is_active = models.BooleanField(_("Còn hiệu lực"), default=True)
    # Only where known (the official list has no population): the adoption pages show a
    # share of the population beside each commune's figures when it is set.
    population = models.PositiveIntegerField(_("Dân số"), null=True, blank=True)
    population_is_demo = models.BooleanField(
        _("Dân số là số liệu minh họa"),
        default=False,
        help_text=_(
            "Đánh dấu khi dân số do dữ liệu mẫu đặt, không phải số liệu thống kê chính thức."
        ),
    )

    class Meta:
        verbose_name = _("Đơn vị hành chính")
        verbose_name_plural = _("Đơn vị hành chính")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level="province", parent__isnull=True)
                | models.Q(level="commune", parent__isnull=False),
                name="area_commune_has_province",
            )
        ]

    def __str__(self) -> str:
        return self.name


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Tỉnh, thành phố")
    MINISTRY = "ministry", _("Bộ, ngành trung ương")
    COORDINATING_CENTRE = "coordinating_centre", _("Đơn vị tiếp nhận, điều phối")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    COMMUNE_COMMITTEE = "commune_committee", _("UBND xã, phường, đặc khu")
    PUBLIC_SERVICE_COMPANY = "public_service_company", _("Doanh nghiệp dịch vụ công")
    SUB_UNIT = "sub_unit", _("Phòng, ban trực thuộc")
    # Seed 000 asks schools and companies for their app-adoption figures too.
    SCHOOL = "school", _("Trường học")
    ENTERPRISE = "enterprise", _("Doanh nghiệp")


def subtree_condition(paths, *, field: str = "path") -> Q:
    """ "In the subtree of one of these units": a prefix test on the materialised path, one
    index range scan per path. ``field`` names the path from another model
    (``current_unit__path``), so a report filter stays a condition on the report row."""
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{field}__startswith": getattr(path, "path", path)})
    return condition


class UnitQuerySet(MP_NodeQuerySet):
    def subtree_of(self, *units_or_paths) -> "UnitQuerySet":
        """These units and everything under them (units or their paths, any number)."""
        return self.filter(subtree_condition(units_or_paths))


class UnitManager(MP_NodeManager):
    def get_queryset(self) -> UnitQuerySet:
        return UnitQuerySet(self.model).order_by("path")

    def subtree_of(self, *units_or_paths) -> UnitQuerySet:
        return self.get_queryset().subtree_of(*units_or_paths)


class Unit(MP_Node):
    """An agency or sub-unit (cơ quan, đơn vị). The tree is a materialised path
    (django-treebeard), so "this unit and everything under it" is one indexed prefix query,
    which every permission check on reports relies on."""

    name = models.CharField(_("Tên cơ quan, đơn vị"), max_length=250)
    short_name = models.CharField(_("Tên viết tắt"), max_length=60, blank=True)
    code = models.SlugField(_("Mã đơn vị"), max_length=60, unique=True)
    kind = models.CharField(_("Loại"), max_length=30, choices=UnitKind.choices, db_index=True)
    email = models.EmailField(_("Thư điện tử"), blank=True)
    phone = models.CharField(_("Điện thoại"), max_length=30, blank=True)
    address = models.CharField(_("Địa chỉ"), max_length=300, blank=True)
    website = models.URLField(_("Trang thông tin"), blank=True)
    areas = models.ManyToManyField(
        AdministrativeArea,
        verbose_name=_("Địa bàn phụ trách"),
        blank=True,
        related_name="units",
    )
    answer_days = models.PositiveSmallIntegerField(
        _("Thời hạn trả lời riêng (ngày làm việc)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_("Để trống: theo thời hạn của lĩnh vực."),
    )
    return_limit_days = models.PositiveSmallIntegerField(
        _("Thời hạn chuyển trả (ngày làm việc)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text=_(
            "Trong thời hạn này kể từ khi nhận, đơn vị được chuyển trả phản ánh không thuộc thẩm quyền."
        ),
    )
    answer_review_required = models.BooleanField(
        _("Kết quả cần đơn vị điều phối duyệt trước khi gửi"), default=False
    )
    is_active = models.BooleanField(_("Đang hoạt động"), default=True)
    created_at = models.DateTimeField(_("Tạo lúc"), auto_now_add=True)

    node_order_by = ["name"]
    objects = UnitManager()

    class Meta:
        verbose_name = _("Cơ quan, đơn vị")
        verbose_name_plural = _("Cơ quan, đơn vị")

    def __str__(self) -> str:
        return self.name

    def in_subtree_of(self, unit_or_path) -> bool:
        """This unit is the given one or under it (the Python side of ``subtree_of``)."""
        return self.path.startswith(getattr(unit_or_path, "path", unit_or_path))


class MembershipRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Cán bộ tiếp nhận, điều phối")
    HANDLER = "handler", _("Cán bộ xử lý")
    LEADER = "leader", _("Lãnh đạo đơn vị")
    UNIT_ADMIN = "unit_admin", _("Quản trị đơn vị")
    OPERATOR = "operator", _("Tổng đài viên")
    SUPPORT_AGENT = "support_agent", _("Tư vấn viên")
    VIEWER = "viewer", _("Theo dõi (chỉ xem)")

    # The role groups, named once: who acts for the coordinating centre on a report it
    # coordinates (and may see the reporter's identity), who acts for the unit that holds it.
    COORDINATING = enum.nonmember(frozenset({"coordinator", "operator"}))
    HANDLING = enum.nonmember(frozenset({"handler", "leader"}))


class Membership(models.Model):
    """An officer's role in one unit; an officer may hold several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Cán bộ"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("Đơn vị"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("Vai trò"), max_length=20, choices=MembershipRole.choices)
    is_active = models.BooleanField(_("Đang hiệu lực"), default=True)
    created_at = models.DateTimeField(_("Tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("Vai trò cán bộ")
        verbose_name_plural = _("Vai trò cán bộ")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "role"], name="membership_unique_user_unit_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.unit}"


class Category(models.Model):
    """A sector (lĩnh vực), with the answer time units get for it by default."""

    name = models.CharField(_("Tên lĩnh vực"), max_length=150)
    code = models.SlugField(_("Mã"), max_length=60, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("Thuộc lĩnh vực"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    default_answer_days = models.PositiveSmallIntegerField(
        _("Thời hạn trả lời (ngày làm việc)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    position = models.PositiveSmallIntegerField(_("Thứ tự"), default=0)
    is_active = models.BooleanField(_("Đang sử dụng"), default=True)

    class Meta:
        verbose_name = _("Lĩnh vực")
        verbose_name_plural = _("Lĩnh vực")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        if self.parent_id:
            return f"{self.parent.name} › {self.name}"
        return self.name


class TwoFactorAudience(models.TextChoices):
    """Whom a two-factor policy covers: the holders of an officer role, or the accounts that
    reach the Django admin (``is_superuser``, ``is_staff``), which hold no unit role."""

    SUPERUSER = "superuser", _("Quản trị hệ thống (superuser)")
    STAFF = "staff", _("Tài khoản vào trang quản trị (staff)")


class TwoFactorPolicy(models.Model):
    """Whether officers holding a role, or the site's administrators, must use an
    authenticator app (TOTP) to log in."""

    role = models.CharField(
        _("Vai trò"),
        max_length=20,
        choices=[*TwoFactorAudience.choices, *MembershipRole.choices],
        unique=True,
    )
    totp_required = models.BooleanField(_("Bắt buộc xác thực hai lớp (TOTP)"), default=False)
    updated_at = models.DateTimeField(_("Cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("Chính sách xác thực hai lớp")
        verbose_name_plural = _("Chính sách xác thực hai lớp")

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {'bắt buộc' if self.totp_required else 'tùy chọn'}"


class MembershipChangeAction(models.TextChoices):
    GRANT = "grant", _("Giao vai trò")
    REVOKE = "revoke", _("Thu hồi vai trò")
    OFFICER_CREATE = "officer_create", _("Tạo tài khoản cán bộ")
    OFFICER_DEACTIVATE = "officer_deactivate", _("Khóa tài khoản cán bộ")
    OFFICER_ACTIVATE = "officer_activate", _("Mở khóa tài khoản cán bộ")
    PASSWORD_RESET = "password_reset", _("Đặt lại mật khẩu")
    UNIT_CREATE = "unit_create", _("Tạo đơn vị")


class MembershipChange(AppendOnlyModel):
    """Who changed which officer's roles or account, when: the audit trail of delegated
    administration. Rows are only ever added."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người thực hiện"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
    )
    action = models.CharField(_("Thao tác"), max_length=30, choices=MembershipChangeAction.choices)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Cán bộ"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("Đơn vị"), on_delete=models.PROTECT, related_name="+", null=True
    )
    role = models.CharField(_("Vai trò"), max_length=20, choices=MembershipRole.choices, blank=True)
    via = models.CharField(_("Qua"), max_length=20, default="backoffice")
    ip_address = models.GenericIPAddressField(_("Địa chỉ IP"), null=True, blank=True)
    created_at = models.DateTimeField(_("Thời điểm"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("Nhật ký phân quyền")
        verbose_name_plural = _("Nhật ký phân quyền")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_action_display()}"


class RoutingRule(models.Model):
    """Which unit handles a sector in an area: suggests (or sets) the unit when the
    coordinator forwards a report. The most specific rule wins: commune over province,
    sub-sector over sector."""

    category = models.ForeignKey(
        Category, verbose_name=_("Lĩnh vực"), on_delete=models.CASCADE, related_name="routing_rules"
    )
    area = models.ForeignKey(
        AdministrativeArea,
        verbose_name=_("Địa bàn"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="routing_rules",
        help_text=_("Để trống: áp dụng cho mọi địa bàn."),
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("Đơn vị xử lý"), on_delete=models.CASCADE, related_name="routing_rules"
    )
    automatic = models.BooleanField(
        _("Tự động chuyển"), default=False, help_text=_("Chuyển ngay, không chờ điều phối viên.")
    )

    class Meta:
        verbose_name = _("Quy tắc chuyển xử lý")
        verbose_name_plural = _("Quy tắc chuyển xử lý")
        constraints = [
            models.UniqueConstraint(fields=["category", "area"], name="routing_rule_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.category} · {self.area or '*'} → {self.unit}"


class OfficerImportStatus(models.TextChoices):
    PENDING = "pending", _("Đang chờ")
    RUNNING = "running", _("Đang tạo tài khoản")
    DONE = "done", _("Đã xong")
    REFUSED = "refused", _("Tệp còn lỗi, chưa tạo tài khoản nào")
    FAILED = "failed", _("Không đọc được tệp")


class OfficerImport(models.Model):
    """A bulk creation of officers from a spreadsheet, run by a background task while the
    unit administrator who started it watches its progress. Only they may follow it and take
    the one-time passwords, once (sealed until then, wiped after the download or a day). The
    task is given only this row's id: no name, address or password in the task queue."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người thực hiện"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    status = models.CharField(
        _("Trạng thái"),
        max_length=10,
        choices=OfficerImportStatus.choices,
        default=OfficerImportStatus.PENDING,
    )
    filename = models.CharField(_("Tên tệp"), max_length=200)
    # The file as sent, kept until the import is over so that nothing uploaded is lost (a
    # damaged file stays available to its sender; removed with the import after a day).
    source = models.BinaryField(_("Tệp đã gửi"), blank=True, default=b"")
    rows_total = models.PositiveIntegerField(_("Số dòng"), default=0)
    rows_done = models.PositiveIntegerField(_("Số dòng đã tạo"), default=0)
    error = models.TextField(_("Lỗi"), blank=True)
    ip_address = models.GenericIPAddressField(_("Địa chỉ IP"), null=True, blank=True)
    created_at = models.DateTimeField(_("Bắt đầu lúc"), auto_now_add=True, db_index=True)
    finished_at = models.DateTimeField(_("Xong lúc"), null=True, blank=True)
    passwords_taken_at = models.DateTimeField(_("Đã tải mật khẩu lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("Lần tạo tài khoản hàng loạt")
        verbose_name_plural = _("Các lần tạo tài khoản hàng loạt")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (
            OfficerImportStatus.DONE,
            OfficerImportStatus.REFUSED,
            OfficerImportStatus.FAILED,
        )


class OfficerImportRow(models.Model):
    """One line of the file. ``officer`` is set in the same transaction that creates the
    account, so a task run again after its worker died skips the lines already done."""

    officer_import = models.ForeignKey(OfficerImport, on_delete=models.CASCADE, related_name="rows")
    number = models.PositiveIntegerField(_("Dòng"))
    values = models.JSONField(_("Giá trị"), default=dict)
    errors = models.JSONField(_("Lỗi"), default=list)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Cán bộ"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    sealed_password = models.TextField(_("Mật khẩu tạm thời (đã mã hóa)"), blank=True)

    class Meta:
        verbose_name = _("Dòng tạo tài khoản")
        verbose_name_plural = _("Dòng tạo tài khoản")
        ordering = ["officer_import", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["officer_import", "number"], name="officer_import_row_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.officer_import_id} #{self.number}"
