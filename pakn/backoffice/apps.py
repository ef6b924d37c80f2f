from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackofficeConfig(AppConfig):
    name = "pakn.backoffice"
    verbose_name = _("Trang cán bộ")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from pakn.backoffice import receivers  # noqa: F401  (clears the kept inbox counts)
        from pakn.backoffice.middleware import session_start

        user_logged_in.connect(session_start, dispatch_uid="backoffice-session-start")
