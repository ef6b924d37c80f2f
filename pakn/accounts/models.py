from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountType(models.TextChoices):
    INDIVIDUAL = "individual", _("Cá nhân")
    ORGANISATION = "organisation", _("Tổ chức, doanh nghiệp")
    OFFICER = "officer", _("Cán bộ")


class User(AbstractUser):
    """Anyone who logs in: a citizen (username = CCCD/CMND), an organisation (username =
    business code) or an officer (own username). Registration details arrive with accounts."""

    account_type = models.CharField(
        _("Loại tài khoản"),
        max_length=20,
        choices=AccountType.choices,
        default=AccountType.INDIVIDUAL,
        db_index=True,
    )
    full_name = models.CharField(_("Họ và tên"), max_length=150, blank=True)
    phone = models.CharField(_("Số điện thoại"), max_length=15, blank=True, db_index=True)

    class Meta:
        verbose_name = _("Người dùng")
        verbose_name_plural = _("Người dùng")

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name()
