"""Keeps the officers' kept inbox counts honest: once a workflow event has committed, the
officers of every unit it touched (and of the units above them, whose subtrees hold it) get
fresh counts on their next page instead of waiting out the 30 seconds."""

from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from pakn.backoffice.desk.selectors import inbox_counts_forget
from pakn.backoffice.frame import officer_frame_forget
from pakn.organisations.models import Membership, Unit
from pakn.reports.models import Event, Report
from pakn.reports.signals import report_changed


@receiver(report_changed, dispatch_uid="backoffice-inbox-counts")
def on_report_changed(sender, *, report_id: int, event_id: int, **kwargs) -> None:
    # The units the event and the report touch, with their paths, in one query (this runs
    # after every workflow action, report creation included).
    event = Event.objects.filter(pk=event_id)
    report = Report.objects.filter(pk=report_id)
    co_handling = Report.co_handling_units.through.objects.filter(report_id=report_id)
    paths = list(
        Unit.objects.filter(
            Q(pk__in=event.values("from_unit"))
            | Q(pk__in=event.values("to_unit"))
            | Q(pk__in=event.values("actor_unit"))
            | Q(pk__in=report.values("current_unit"))
            | Q(pk__in=report.values("coordinating_unit"))
            | Q(pk__in=co_handling.values("unit_id"))
        ).values_list("path", flat=True)
    )
    if not paths:
        return
    above = {
        path[:end] for path in paths for end in range(Unit.steplen, len(path) + 1, Unit.steplen)
    }
    officers = Membership.objects.filter(unit__path__in=above, is_active=True).values_list(
        "user_id", flat=True
    )
    inbox_counts_forget(set(officers))


@receiver(post_save, sender=Membership, dispatch_uid="backoffice-frame-save")
@receiver(post_delete, sender=Membership, dispatch_uid="backoffice-frame-delete")
def on_membership_changed(sender, instance: Membership, **kwargs) -> None:
    officer_frame_forget(instance.user_id)
