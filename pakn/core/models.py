from django.core.cache import cache
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

SITE_SETTINGS_CACHE_KEY = "core:site-settings:v1"


class SiteSettings(models.Model):
    """The portal's identity and contacts, edited by a system administrator. One row."""

    portal_name = models.CharField(
        _("Tên cổng thông tin"),
        max_length=200,
        default="Hệ thống tiếp nhận, xử lý phản ánh, kiến nghị",
    )
    short_name = models.CharField(_("Tên viết tắt"), max_length=40, default="PAKN")
    managing_agency = models.CharField(_("Cơ quan chủ quản"), max_length=200, blank=True)
    hotline = models.CharField(
        _("Đường dây nóng"),
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^[0-9 .+()-]{3,20}$", _("Số điện thoại không hợp lệ."))],
    )
    email = models.EmailField(_("Thư điện tử"), blank=True)
    address = models.CharField(_("Địa chỉ"), max_length=300, blank=True)
    logo = models.ImageField(_("Biểu trưng (logo)"), upload_to="site/", blank=True)
    zalo_url = models.URLField(_("Liên kết hỗ trợ Zalo"), blank=True)
    app_store_url = models.URLField(_("Liên kết App Store"), blank=True)
    play_store_url = models.URLField(_("Liên kết Google Play"), blank=True)
    map_tile_url = models.CharField(
        _("Máy chủ bản đồ (URL ô bản đồ)"),
        max_length=300,
        default="https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        help_text=_("Mẫu URL có {z}, {x}, {y}."),
        validators=[
            RegexValidator(
                r"^https?://.*\{z\}.*\{x\}.*\{y\}",
                _("URL phải bắt đầu bằng http(s):// và có {z}, {x}, {y}."),
            )
        ],
    )
    map_attribution = models.CharField(
        _("Ghi nguồn bản đồ"), max_length=300, default="© OpenStreetMap contributors"
    )
    updated_at = models.DateTimeField(_("Cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("Cấu hình cổng thông tin")
        verbose_name_plural = _("Cấu hình cổng thông tin")

    def __str__(self) -> str:
        return self.portal_name

    def save(self, *args, **kwargs) -> None:
        self.pk = 1
        super().save(*args, **kwargs)
        cache.delete(SITE_SETTINGS_CACHE_KEY)

    def delete(self, *args, **kwargs):
        raise PermissionError("Site settings cannot be deleted; edit them instead.")
