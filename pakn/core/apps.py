from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "pakn.core"
    verbose_name = _("Hệ thống")

    def ready(self):
        from django.db.models.signals import pre_save
        from django_tasks_db.models import DBTaskResult

        from pakn.core.db_functions import folded_function_register
        from pakn.core.error_reporting import error_reporting_start
        from pakn.core.request_ids import task_request_id_store

        folded_function_register()
        pre_save.connect(task_request_id_store, sender=DBTaskResult, dispatch_uid="task_request_id")
        error_reporting_start()
