from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "pakn.core"
    verbose_name = _("Hệ thống")

    def ready(self):
        from pakn.core.db_functions import folded_function_register

        folded_function_register()
