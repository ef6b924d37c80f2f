"""Health endpoints for load balancers and orchestrators."""

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@require_GET
@never_cache
def healthz(request):
    """The process is up and answering; touches nothing else."""
    return JsonResponse({"status": "ok"})


@require_GET
@never_cache
def readyz(request):
    """Ready for traffic: the database answers and every migration is applied."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        checks["migrations"] = "ok" if not pending else f"{len(pending)} pending"
    except DatabaseError as error:
        checks["database"] = f"error: {type(error).__name__}"
        checks.setdefault("migrations", "unknown")
    ready = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if ready else "unavailable", "checks": checks},
                        status=200 if ready else 503)
