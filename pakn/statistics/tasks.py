"""Background tasks of the statistics (django-tasks: the database queue, or run at once in
tests)."""

from django_tasks import task

from pakn.statistics.exports import statistics_export_run


# Their own queue (and worker in `make run`), at a low priority: a flood of long exports never
# holds up thumbnails or notifications, and a worker serving every queue takes them last.
@task(queue_name="exports", priority=-10)
def statistics_export_task(export_id: str) -> str:
    return statistics_export_run(export_id=export_id).status
