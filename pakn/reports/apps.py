from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "pakn.reports"
    verbose_name = _("Phản ánh, kiến nghị")

    def ready(self):
        from pakn.reports import search_receivers  # noqa: F401 - public cache and search index
        from pakn.reports.services import (
            actions,  # noqa: F401 - registers the action handlers
            proposals,  # noqa: F401 - and the proposals' ones
        )
