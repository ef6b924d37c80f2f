from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HotlineConfig(AppConfig):
    """Its own app (label ``hotline``) for the call log's table and migrations, so that the
    officers' pages keep no models of their own."""

    name = "pakn.backoffice.hotline"
    label = "hotline"
    verbose_name = _("Tổng đài")
    default_auto_field = "django.db.models.BigAutoField"
