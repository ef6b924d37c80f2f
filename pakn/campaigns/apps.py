from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "pakn.campaigns"
    verbose_name = _("Phong trào cài đặt, sử dụng ứng dụng")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The scheduler (pakn_scheduler) runs the campaigns' reminders with its own pass;
        # notifications sits below campaigns in the layers, so campaigns registers itself.
        from pakn.campaigns.reminders import adoption_reminders_run
        from pakn.notifications.scheduler import scheduler_pass_register

        scheduler_pass_register("adoption_reminders", adoption_reminders_run)
