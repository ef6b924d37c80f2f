from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TriageConfig(AppConfig):
    name = "pakn.triage"
    verbose_name = _("Đề xuất phân loại, chuyển xử lý")

    def ready(self):
        from pakn.triage import receivers  # noqa: F401 (connects the forward receiver)
