from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

SAVED_FILTER_NAME_MAX_LENGTH = 80


class SavedInboxFilter(models.Model):
    """An officer's named inbox filter. The inbox's address (tab and filters) is kept as it was
    typed, not as ids bound to rows, so a filter that no longer applies (a unit deactivated
    or no longer the officer's) is still listed, with the reason, instead of failing."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Cán bộ"),
        on_delete=models.CASCADE,
        related_name="saved_inbox_filters",
    )
    name = models.CharField(_("Tên bộ lọc"), max_length=SAVED_FILTER_NAME_MAX_LENGTH)
    query = models.CharField(_("Điều kiện lọc"), max_length=2000)
    created_at = models.DateTimeField(_("Tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("Bộ lọc đã lưu")
        verbose_name_plural = _("Bộ lọc đã lưu")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="saved_filter_unique_name")
        ]

    def __str__(self) -> str:
        return self.name
