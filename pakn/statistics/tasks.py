"""Background tasks of the statistics (django-tasks: the database queue, or run at once in
tests)."""

from django_tasks import task

from pakn.statistics.services import statistics_export_run


@task()
def statistics_export_task(export_id: str) -> str:
    return statistics_export_run(export_id=export_id).status
