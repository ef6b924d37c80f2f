"""Training the suggestion model (from the scheduler, through a background task) and recording
the coordinators' decisions.

A training is a row: inserted as ``training`` (one at a time, a partial unique index), then
finished as ``ready`` with the pickled model and its held-out figures, or ``too_little`` /
``failed``. Nothing else is touched meanwhile, so the desk keeps reading the previous ready
model until the new one is stored."""

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from pakn.reports.models import Event
from pakn.triage.learning import (
    TriageClassifier,
    library_version,
    triage_classifier_dump,
    triage_held_out_figures,
)
from pakn.triage.models import TriageDecision, TriageModel, TriageModelStatus
from pakn.triage.selectors import report_triage_suggest, triage_history

logger = logging.getLogger(__name__)
S = TriageModelStatus
# A training still "running" after this long died with its worker: its row is let go.
TRAINING_ABANDONED_AFTER = datetime.timedelta(hours=2)
FAILED_RETRY_AFTER = datetime.timedelta(hours=1)
ROWS_KEPT = 10
PAYLOADS_KEPT = 2


def triage_training_start() -> TriageModel | None:
    """The row of a new training, or None when one is already under way."""
    try:
        with transaction.atomic():
            last = TriageModel.objects.aggregate(last=Max("version"))["last"] or 0
            return TriageModel.objects.create(version=last + 1, status=S.TRAINING)
    except IntegrityError:
        return None


def triage_model_train(*, model_id: int | None = None) -> TriageModel | None:
    """Trains on the newest forwarded reports and stores the model as the next version.
    ``model_id``: the row the scheduler started; without it a row is started here (the
    command). Returns the finished row, or None when another training holds the slot."""
    if model_id is None:
        row = triage_training_start()
    else:
        row = TriageModel.objects.filter(pk=model_id, status=S.TRAINING).first()
    if row is None:
        return None
    try:
        samples = triage_history(limit=settings.PAKN_TRIAGE_MAX_SAMPLES)
        if len(samples) < settings.PAKN_TRIAGE_MIN_SAMPLES:
            return _finish(row, status=S.TOO_LITTLE, samples=len(samples))
        figures = triage_held_out_figures(samples)
        payload = triage_classifier_dump(TriageClassifier().fit(samples))
    except Exception as error:
        logger.exception("Triage training v%s failed", row.version)
        return _finish(row, status=S.FAILED, error=repr(error)[:2000])
    return _finish(
        row,
        status=S.READY,
        samples=figures.samples,
        held_out=figures.held_out,
        kind_top1=figures.kind_top1,
        category_top1=figures.category_top1,
        category_top3=figures.category_top3,
        unit_top1=figures.unit_top1,
        unit_top3=figures.unit_top3,
        library_version=library_version(),
        payload=payload,
    )


def _finish(row: TriageModel, **fields) -> TriageModel:
    fields.setdefault("trained_at", timezone.now())
    with transaction.atomic():
        TriageModel.objects.filter(pk=row.pk).update(**fields)
        _old_rows_prune()
    row.refresh_from_db()
    return row


def _old_rows_prune() -> None:
    """Keeps the newest rows (the serving model among them whatever its age)."""
    serving = TriageModel.objects.filter(status=S.READY).order_by("-version").values("pk").first()
    keep = list(TriageModel.objects.order_by("-version").values_list("pk", flat=True)[:ROWS_KEPT])
    if serving:
        keep.append(serving["pk"])
    TriageModel.objects.exclude(pk__in=keep).exclude(status=S.TRAINING).delete()
    # Only the newest two models keep their payload (the serving one and the one before).
    older = TriageModel.objects.filter(status=S.READY).order_by("-version")[PAYLOADS_KEPT:]
    TriageModel.objects.filter(pk__in=list(older.values_list("pk", flat=True))).update(payload=b"")


def triage_training_due(*, now: datetime.datetime) -> int:
    """The scheduler's part: starts a training (run by a background task) when none ran
    within PAKN_TRIAGE_RETRAIN_HOURS, or when the serving model was written by another
    version of the library; returns 1 when it started one."""
    TriageModel.objects.filter(
        status=S.TRAINING, started_at__lt=now - TRAINING_ABANDONED_AFTER
    ).update(status=S.FAILED, error="abandoned: no worker finished it")
    if TriageModel.objects.filter(status=S.TRAINING).exists():
        return 0
    rows = TriageModel.objects.defer("payload").order_by("-version")
    done = rows.filter(status__in=(S.READY, S.TOO_LITTLE)).first()
    last = rows.first()
    period = datetime.timedelta(hours=settings.PAKN_TRIAGE_RETRAIN_HOURS)
    stale_library = (
        done is not None and done.status == S.READY and done.library_version != library_version()
    )
    if done is not None and done.started_at > now - period and not stale_library:
        return 0
    # A failed training is tried again, but not at every pass of the scheduler.
    if last is not None and last.status == S.FAILED and last.started_at > now - FAILED_RETRY_AFTER:
        return 0
    row = triage_training_start()
    if row is None:
        return 0
    from pakn.triage.tasks import triage_train_task  # the task module imports this one

    transaction.on_commit(lambda: triage_train_task.enqueue(row.pk))
    return 1


def triage_decision_record(*, event_id: int) -> TriageDecision | None:
    """Records what the coordinator chose in a forward beside what the desk suggested for
    the report (the suggestion asked again, from the model serving now)."""
    event = (
        Event.objects.filter(pk=event_id, action="forward")
        .select_related("report", "report__category", "report__commune", "to_unit")
        .first()
    )
    if event is None or TriageDecision.objects.filter(event=event).exists():
        return None
    report = event.report
    suggestion = report_triage_suggest(report=report)
    from_model = suggestion.from_model
    # The rules suggest no sector (they start from the one the report has).
    suggested_category = suggestion.category_id if from_model else None
    suggested_unit = suggestion.unit_id
    decision, _ = TriageDecision.objects.get_or_create(
        event=event,
        defaults={
            "report": report,
            "decided_by_id": event.actor_id,
            "source": suggestion.source,
            "model_version": suggestion.model.version if from_model else None,
            "suggested_kind": suggestion.kind if from_model else "",
            "chosen_kind": report.kind,
            "suggested_category_id": suggested_category,
            "chosen_category_id": report.category_id,
            "suggested_unit_id": suggested_unit,
            "chosen_unit_id": event.to_unit_id,
            "category_matched": None
            if suggested_category is None
            else suggested_category == report.category_id,
            "unit_matched": None if suggested_unit is None else suggested_unit == event.to_unit_id,
        },
    )
    return decision
