"""What keeps the public side current when reports change.

- Every change that a public page or the public API can show (a published report, its
  answer, files and rating; sector, unit and commune names) expires the public cache after
  commit. A report counts while it is published, and also when it was published once
  (``published_at`` stays set), so that unpublishing is seen at once.
- After ``migrate``, the SQLite search triggers are put back if a migration rebuilt the
  report table (that drops its triggers), and the index is then refilled.

Connected from ReportsConfig.ready()."""

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver

from pakn.core.public_cache import public_cache_bump
from pakn.organisations.models import AdministrativeArea, Category, Unit
from pakn.reports.models import Answer, Attachment, Rating, Report
from pakn.reports.search import search_index_ensure


@receiver(post_save, sender=Report, dispatch_uid="public_cache_report_saved")
@receiver(post_delete, sender=Report, dispatch_uid="public_cache_report_deleted")
def _report_changed(sender, instance: Report, **kwargs) -> None:
    if instance.is_published or instance.published_at is not None:
        public_cache_bump()


@receiver(post_save, sender=Answer, dispatch_uid="public_cache_answer_saved")
@receiver(post_delete, sender=Answer, dispatch_uid="public_cache_answer_deleted")
@receiver(post_save, sender=Rating, dispatch_uid="public_cache_rating_saved")
@receiver(post_delete, sender=Rating, dispatch_uid="public_cache_rating_deleted")
@receiver(post_save, sender=Category, dispatch_uid="public_cache_category_saved")
@receiver(post_save, sender=Unit, dispatch_uid="public_cache_unit_saved")
@receiver(post_save, sender=AdministrativeArea, dispatch_uid="public_cache_area_saved")
def _shown_publicly_changed(sender, **kwargs) -> None:
    public_cache_bump()


@receiver(post_save, sender=Attachment, dispatch_uid="public_cache_attachment_saved")
@receiver(post_delete, sender=Attachment, dispatch_uid="public_cache_attachment_deleted")
def _attachment_changed(sender, instance: Attachment, **kwargs) -> None:
    if instance.report_id is not None or instance.answer_id is not None:
        public_cache_bump()


@receiver(post_migrate, dispatch_uid="reports_search_index_ensure")
def _search_index_after_migrate(sender, app_config=None, using=DEFAULT_DB_ALIAS, **kwargs):
    if app_config is None or app_config.label != "reports":
        return
    if connections[using].vendor == "sqlite" and using == DEFAULT_DB_ALIAS:
        search_index_ensure()
