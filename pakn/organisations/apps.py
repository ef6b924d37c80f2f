from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "pakn.organisations"
    verbose_name = _("Cơ quan, đơn vị")

    def ready(self):
        from pakn.organisations import receivers  # noqa: F401  (connects the signals)
