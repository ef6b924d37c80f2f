"""The background training (django-tasks): started by the scheduler, run by the default
queue's worker at a low priority, so a training never holds up a thumbnail or a message."""

from django_tasks import task

from pakn.triage.services import triage_model_train


@task(priority=-5)
def triage_train_task(model_id: int) -> str:
    row = triage_model_train(model_id=model_id)
    return row.status if row is not None else "skipped"
