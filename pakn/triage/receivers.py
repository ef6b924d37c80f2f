"""Every forward, from any door (the desk, the inbox's bulk forward, the API), records the
coordinator's choice beside the suggestion once it has committed."""

from django.dispatch import receiver

from pakn.reports.signals import report_changed
from pakn.triage.services import triage_decision_record


@receiver(report_changed, dispatch_uid="triage-decision-record")
def on_report_changed(sender, *, event_id: int, action: str, **kwargs) -> None:
    if action == "forward":
        triage_decision_record(event_id=event_id)
