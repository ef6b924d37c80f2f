"""A time limit on the database work of anonymous requests (public search, report pages, the
map and the public API), so that no visitor's query can hold a worker for longer than
``PUBLIC_STATEMENT_TIMEOUT_MS``: past it the query is cancelled and the page answers 503
("busy, try again") instead of the worker being killed mid-request and answering 500.

- PostgreSQL: `statement_timeout`, set by the block's first query and put back at its end;
  the server cancels any one statement that runs longer.
- SQLite (the embedded single-user default): sqlite3's progress handler interrupts a statement
  once the block as a whole has run past the limit.
"""

import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import OperationalError, connection

# PostgreSQL's SQLSTATE for a statement cancelled by statement_timeout (query_canceled).
QUERY_CANCELED = "57014"
# sqlite3 calls the progress handler every this many virtual machine instructions.
SQLITE_PROGRESS_STEPS = 10_000


class QueryTimeout(Exception):
    """A public request's query ran past PUBLIC_STATEMENT_TIMEOUT_MS and was cancelled."""


def _is_timeout(error: OperationalError) -> bool:
    cause = error.__cause__
    if connection.vendor == "postgresql":
        return getattr(cause, "sqlstate", None) == QUERY_CANCELED
    return connection.vendor == "sqlite" and "interrupted" in str(error)


@contextmanager
def public_query_time_limit(milliseconds: int | None = None) -> Iterator[None]:
    """Runs the block's queries under the public time limit; raises QueryTimeout when one is
    cancelled. Usable as a decorator too (a fresh limit for each call)."""
    limit = milliseconds or settings.PUBLIC_STATEMENT_TIMEOUT_MS
    try:
        if connection.vendor == "postgresql":
            with _postgresql_limit(limit):
                yield
        elif connection.vendor == "sqlite":
            with _sqlite_limit(limit):
                yield
        else:
            yield
    except OperationalError as error:
        if _is_timeout(error):
            raise QueryTimeout from error
        raise


@contextmanager
def _postgresql_limit(milliseconds: int) -> Iterator[None]:
    """The limit is set by the block's first query, not before: a page served from the cache
    runs no query and pays nothing. It is a session setting (put back at the end) rather than
    SET LOCAL, since outside a transaction there is nothing for LOCAL to live in; inside one
    (a test's, a caller's atomic block) a savepoint taken with it lets a cancelled statement
    be rolled back without breaking the outer transaction, and a rollback puts the setting
    back too (SET is transactional in PostgreSQL)."""
    state: dict = {}

    def first_query_sets_the_limit(execute, sql, params, many, context):
        if not state:
            state["savepoint"] = None
            if connection.in_atomic_block:
                state["savepoint"] = connection.savepoint()
            execute(
                "SELECT current_setting('statement_timeout'), "
                "set_config('statement_timeout', %s, false)",
                [f"{milliseconds}ms"],
                False,
                context,
            )
            state["previous"] = context["cursor"].fetchone()[0]
        return execute(sql, params, many, context)

    failed = False
    try:
        with connection.execute_wrapper(first_query_sets_the_limit):
            yield
    except BaseException:
        failed = True
        raise
    finally:
        if state:
            if state["savepoint"] is not None and failed:
                connection.savepoint_rollback(state["savepoint"])  # the setting goes with it
            else:
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT set_config('statement_timeout', %s, false)", [state["previous"]]
                    )
                if state["savepoint"] is not None:
                    connection.savepoint_commit(state["savepoint"])


@contextmanager
def _sqlite_limit(milliseconds: int) -> Iterator[None]:
    connection.ensure_connection()
    raw = connection.connection
    deadline = time.monotonic() + milliseconds / 1000
    raw.set_progress_handler(lambda: int(time.monotonic() > deadline), SQLITE_PROGRESS_STEPS)
    try:
        yield
    finally:
        raw.set_progress_handler(None, SQLITE_PROGRESS_STEPS)
