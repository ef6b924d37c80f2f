"""Statistics and exports read from a read replica when DATABASE_REPLICA_URL is set.

Their queries scan many reports and run for seconds at a million rows; on a PostgreSQL
streaming replica they leave the primary to the citizens and officers. Only the code that
computes figures opts in, with ``replica_reads`` (the statistics selectors, hence the pages,
the dashboard, the charts and the export files); everything else, writes and sessions included,
stays on the primary, so nothing that must see its own write reads a replica that lags.

A replica lags by a second or so: figures are at most that old, which statistics may be.
"""

import contextvars
import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.conf import settings

REPLICA = "replica"
_reading_replica: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "pakn_reading_replica", default=False
)

P = ParamSpec("P")
T = TypeVar("T")


def replica_reads(function: Callable[P, T]) -> Callable[P, T]:
    """While ``function`` runs, the ORM's reads go to the replica (when one is configured)."""

    @functools.wraps(function)
    def reading_replica(*args: P.args, **kwargs: P.kwargs) -> T:
        token = _reading_replica.set(True)
        try:
            return function(*args, **kwargs)
        finally:
            _reading_replica.reset(token)

    return reading_replica


class ReplicaRouter:
    """settings.DATABASE_ROUTERS when DATABASE_REPLICA_URL is set."""

    def db_for_read(self, model, **hints):
        if _reading_replica.get() and REPLICA in settings.DATABASES:
            return REPLICA
        return None  # the primary

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, first, second, **hints):
        return True  # the same data, one behind the other

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA  # a replica follows the primary's schema by itself
